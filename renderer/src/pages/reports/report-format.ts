/** 1000 ‰ → "100%", 667 ‰ → "66.7%", null → "—" (integers only). */
export function perMilleText(perMille: number | null): string {
  if (perMille === null) return '—';
  const whole = Math.floor(perMille / 10);
  const tenth = perMille % 10;
  return tenth === 0 ? `${whole}%` : `${whole}.${tenth}%`;
}

/** Counts as the bulletin prints them: plain digits (8534). */
export function countText(n: number): string {
  return String(n);
}

import { perMilleText } from '../reports/report-format';

/** part of whole as "40%" / "66.7%" (rounded to a tenth, integers only); "—" when there is no whole. */
export function percentText(part: number, whole: number | null): string {
  if (whole === null || whole <= 0) return '—';
  return perMilleText(Math.round((part * 1000) / whole));
}

/** The same as a bar's fill (0–100). */
export function percentFill(part: number, whole: number | null): number {
  if (whole === null || whole <= 0) return 0;
  return Math.min(100, (part * 100) / whole);
}

/** Running sums: [3, 4, 0, 2] → [3, 7, 7, 9]. */
export function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

/** Mainland mobile (11 digits, 1[3-9]…) or landline with area code (0766-8881234, 07668881234). */
export function normalisePhone(raw: string): string | null {
  const text = raw.trim().replace(/[\s()（）]/g, '');
  if (/^1[3-9]\d{9}$/.test(text)) return text;
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(text);
  if (landline) return `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}`;
  return null;
}

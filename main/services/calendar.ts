/** Calendar arithmetic on YYYY-MM-DD dates (no time zones: a date is a day). */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Whole years of age on `date` (the birthday itself counts; a 29 February birthday counts from 1 March). */
export function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(date);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The first day on which someone born on `birthDate` is `years` old (see ageOn for 29 February). */
export function birthdayAt(birthDate: string, years: number): string {
  const [by, bm, bd] = parts(birthDate);
  const year = by + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (bm === 2 && bd === 29 && !leap) return `${year}-03-01`;
  return `${year}${birthDate.slice(4)}`;
}

/** The same day `months` months earlier; a day the earlier month lacks becomes its last day (29 Feb → 28 Feb). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

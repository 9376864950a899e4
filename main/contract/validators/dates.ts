/** The office's calendar: every "today" in the app is the date in China Standard Time. */
const TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function localDate(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years 0–99 as 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export type DateProblem = 'DATE_INVALID' | 'DATE_TOO_EARLY' | 'DATE_IN_FUTURE';

/** The check every date a clerk types goes through: real, not before 1900, not after today. */
export function pastDateProblem(text: string, today: string = localDate()): DateProblem | null {
  if (!isRealDate(text)) return 'DATE_INVALID';
  if (text < '1900-01-01') return 'DATE_TOO_EARLY';
  if (text > today) return 'DATE_IN_FUTURE';
  return null;
}

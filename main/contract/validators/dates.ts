/** The office's calendar: every "today" in the app is the date in China Standard Time. */
const TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Since 1992 China keeps UTC+8 all year: a local day runs from 16:00 UTC to 16:00 UTC. */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
/** The last day formatted: checking 50 000 imported rows asks for "today" 50 000 times. */
let memo = { from: 0, to: 0, text: '' };

export function localDate(instant: Date = new Date()): string {
  const at = instant.getTime();
  if (at >= memo.from && at < memo.to) return memo.text;
  const text = dayFormat.format(instant);
  if (at >= FIXED_OFFSET_SINCE) {
    const from = Math.floor((at + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    memo = { from, to: from + DAY, text };
  }
  return text;
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

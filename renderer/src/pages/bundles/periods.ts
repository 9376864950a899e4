import type { Period } from '../../contract';

/**
 * The periods a county can send: only ended ones (a bundle is the state as of the period end).
 * Labels as the contract writes them: 2021, 2021-Q3, 2021-07. "Today" is the office's date.
 */
export type PeriodKind = Period['kind'];

/** The first year the pickers offer. */
export const FIRST_YEAR = 2015;

const pad = (n: number) => String(n).padStart(2, '0');

export function periodLabelOf(kind: PeriodKind, year: number, part: number): string {
  if (kind === 'year') return String(year);
  return kind === 'quarter' ? `${year}-Q${part}` : `${year}-${pad(part)}`;
}

/** The kind, year and part (quarter 1–4, month 1–12, 0 for a year) of a label; null when it is none. */
export function parsePeriodLabel(label: string): { kind: PeriodKind; year: number; part: number } | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'quarter', year, part: Number(m[2]) };
  if (m[3]) return { kind: 'month', year, part: Number(m[3]) };
  return { kind: 'year', year, part: 0 };
}

/** The last day of the period, YYYY-MM-DD. */
export function periodEnd(kind: PeriodKind, year: number, part: number): string {
  const lastMonth = kind === 'year' ? 12 : kind === 'quarter' ? part * 3 : part;
  const day = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${pad(lastMonth)}-${pad(day)}`;
}

/** A period has ended when its last day is before today. */
export function hasEnded(kind: PeriodKind, year: number, part: number, today: string): boolean {
  return periodEnd(kind, year, part) < today;
}

/** The parts (quarters or months) of a year that have ended, in order; [0] for an ended year. */
export function endedParts(kind: PeriodKind, year: number, today: string): number[] {
  const all = kind === 'year' ? [0] : kind === 'quarter' ? [1, 2, 3, 4] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return all.filter((part) => hasEnded(kind, year, part, today));
}

/** Years with at least one ended period of the kind, newest first. */
export function yearsWithEnded(kind: PeriodKind, today: string): number[] {
  const years: number[] = [];
  for (let y = Number(today.slice(0, 4)); y >= FIRST_YEAR; y--) {
    if (endedParts(kind, y, today).length > 0) years.push(y);
  }
  return years;
}

/** What the page opens on: the last finished year. */
export function defaultPeriod(today: string): string {
  return String(Number(today.slice(0, 4)) - 1);
}

/**
 * The same year in another kind: its latest ended part (or, when none of that year has ended, the
 * latest ended period of the kind).
 */
export function switchKind(label: string, kind: PeriodKind, today: string): string {
  const current = parsePeriodLabel(label);
  const year = current?.year ?? Number(today.slice(0, 4)) - 1;
  const parts = endedParts(kind, year, today);
  if (parts.length > 0) return periodLabelOf(kind, year, parts.at(-1)!);
  const latestYear = yearsWithEnded(kind, today)[0] ?? FIRST_YEAR;
  return periodLabelOf(kind, latestYear, endedParts(kind, latestYear, today).at(-1) ?? 0);
}

/** Another year, same kind: the same part if it has ended, else that year's latest ended part. */
export function switchYear(label: string, year: number, today: string): string {
  const current = parsePeriodLabel(label) ?? { kind: 'year' as const, part: 0 };
  const parts = endedParts(current.kind, year, today);
  const part = parts.includes(current.part) ? current.part : (parts.at(-1) ?? 0);
  return periodLabelOf(current.kind, year, part);
}

/**
 * Family-bed subsidy arithmetic, free of the database: whole 分 only, never floats for money.
 * The rate used for a month is the one in force on the month's FIRST day (chosen by the caller
 * with `rateInForce(rates, firstDayOf(month))`); a mid-month rate change applies from next month.
 */

export interface RateFigures {
  effectiveFrom: string;
  buildFen: number;
  operatingFenPerMonth: number;
}

export interface BedPeriod {
  installDate: string;
  endDate: string | null;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The rate whose effective date is the latest on or before `day`; null before the first rate. */
export function rateInForce<R extends { effectiveFrom: string }>(rates: readonly R[], day: string): R | null {
  let best: R | null = null;
  for (const rate of rates) {
    if (rate.effectiveFrom <= day && (!best || rate.effectiveFrom > best.effectiveFrom)) best = rate;
  }
  return best;
}

/** Days of the month the bed was active: max(install, 1st) … min(end, last day), both inclusive. */
export function activeDaysInMonth(bed: BedPeriod, month: string): number {
  const from = bed.installDate > firstDayOf(month) ? bed.installDate : firstDayOf(month);
  const last = lastDayOf(month);
  const to = bed.endDate !== null && bed.endDate < last ? bed.endDate : last;
  if (to < from) return 0;
  return dayNumber(to) - dayNumber(from) + 1;
}

/** round(rate × active / days), half up, in integers: floor((2·rate·active + days) / (2·days)). */
export function proratedFen(fenPerMonth: number, activeDays: number, days: number): number {
  if (activeDays <= 0) return 0;
  return Math.floor((2 * fenPerMonth * activeDays + days) / (2 * days));
}

/** The one-off build subsidy is due in the month of installation. */
export function buildFenFor(bed: BedPeriod, month: string, rate: RateFigures): number {
  return bed.installDate.slice(0, 7) === month ? rate.buildFen : 0;
}

export interface SubsidyFigures {
  buildFen: number;
  activeDays: number;
  operatingFen: number;
}

export function bedSubsidy(bed: BedPeriod, month: string, rate: RateFigures): SubsidyFigures {
  const activeDays = activeDaysInMonth(bed, month);
  return {
    buildFen: buildFenFor(bed, month, rate),
    activeDays,
    operatingFen: proratedFen(rate.operatingFenPerMonth, activeDays, daysInMonth(month)),
  };
}

export function totalsOf(lines: readonly { buildFen: number; operatingFen: number }[]) {
  const buildFen = lines.reduce((sum, l) => sum + l.buildFen, 0);
  const operatingFen = lines.reduce((sum, l) => sum + l.operatingFen, 0);
  return { beds: lines.length, buildFen, operatingFen, totalFen: buildFen + operatingFen };
}

/**
 * The allowance roster's arithmetic, free of the database: whole 分 only, never floats for money.
 *
 * The rule (docs/welfare-homes.md): for each day of the month on which a stay is in the institution
 * (present or on temporary leave — the place is kept), the monthly amounts of the standard in force
 * that day (the latest effective_from ≤ day) apply. Each item pays
 *   round_half_up(Σ over those days of monthly_fen ÷ days_in_month)
 * computed exactly as floor((2·Σ monthly_fen + dim) / (2·dim)). A full month under one standard is
 * therefore exactly the monthly amount; a part month or a standard changing mid-month is pro-rata by days.
 */
import {
  CHILD_CATEGORIES,
  TEKUN_CATEGORIES,
  type ResidentCategory,
  type SelfCareLevel,
  type StandardAmount,
  type SupportForm,
} from '../../contract/areas/welfare-enums';
import { daysInMonth, firstDayOf, lastDayOf, rateInForce } from '../family-beds/subsidy-arithmetic';

export { daysInMonth, firstDayOf, lastDayOf } from '../family-beds/subsidy-arithmetic';

/** One version of the standard: monthly amounts in 分 from a date on (null: not set by the office). */
export type StandardFigures = { effectiveFrom: string } & Record<StandardAmount, number | null>;

/** Where a stay was: [fromDate, toDate), toDate null while it lasts. */
export interface PeriodDates {
  fromDate: string;
  toDate: string | null;
}

/** An effective six-task assessment. */
export interface LevelAssessment {
  assessedOn: string;
  level: SelfCareLevel;
}

export interface RosterProblem {
  code: 'NO_STANDARD' | 'STANDARD_NOT_SET' | 'NOT_ASSESSED';
  params: Record<string, string | number>;
}

export interface StayFigures {
  days: number;
  level: SelfCareLevel | null;
  basicLivingFen: number;
  careFen: number;
  orphanFen: number;
  totalFen: number;
  problems: RosterProblem[];
}

/** Every day of the month, 'YYYY-MM-01' … the last. */
export function monthDays(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** The days of the month inside any of the periods ([from, to): the day of leaving is not counted), in order. */
export function daysCovered(periods: readonly PeriodDates[], month: string): string[] {
  return monthDays(month).filter((day) => periods.some((p) => p.fromDate <= day && (p.toDate === null || day < p.toDate)));
}

/** The level of the latest assessment made on or before `day`; on the same date, the later one in the list. */
export function levelInForce(assessments: readonly LevelAssessment[], day: string): SelfCareLevel | null {
  let best: LevelAssessment | null = null;
  for (const a of assessments) {
    if (a.assessedOn <= day && (!best || a.assessedOn >= best.assessedOn)) best = a;
  }
  return best?.level ?? null;
}

/** The versions in force on at least one day of the month, oldest first. */
export function standardsInForceDuring<S extends { effectiveFrom: string }>(standards: readonly S[], month: string): S[] {
  const first = rateInForce(standards, firstDayOf(month));
  const later = standards.filter((s) => s.effectiveFrom > firstDayOf(month) && s.effectiveFrom <= lastDayOf(month));
  return [...(first ? [first] : []), ...later].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** round_half_up(Σ monthly fen ÷ days in month), exactly, in integers. */
export function proRataFen(monthlyFenSum: number, daysInTheMonth: number): number {
  return Math.floor((2 * monthlyFenSum + daysInTheMonth) / (2 * daysInTheMonth));
}

const CARE_KEYS: Record<SelfCareLevel, Record<SupportForm, StandardAmount>> = {
  self_care: { concentrated: 'careSelfCareConcentratedFen', dispersed: 'careSelfCareDispersedFen' },
  partial: { concentrated: 'carePartialConcentratedFen', dispersed: 'carePartialDispersedFen' },
  complete: { concentrated: 'careCompleteConcentratedFen', dispersed: 'careCompleteDispersedFen' },
};

export function careAmount(level: SelfCareLevel, form: SupportForm): StandardAmount {
  return CARE_KEYS[level][form];
}

export function orphanAmount(form: SupportForm): StandardAmount {
  return form === 'concentrated' ? 'orphanConcentratedFen' : 'orphanDispersedFen';
}

type Item = 'basicLivingFen' | 'careFen' | 'orphanFen';

/**
 * What one stay is paid for `days` (the days of `month` it spent in the institution): 特困 categories
 * basic living and care (by the level in force each day and the support form), children the orphan
 * rate by support form, 'other' nothing. Days without a standard, amounts not set and days without an
 * assessment count 0 and are reported as problems.
 */
export function stayFigures(
  stay: { category: ResidentCategory; supportForm: SupportForm; assessments: readonly LevelAssessment[] },
  days: readonly string[],
  standards: readonly StandardFigures[],
  month: string,
): StayFigures {
  const tekun = TEKUN_CATEGORIES.includes(stay.category);
  const child = CHILD_CATEGORIES.includes(stay.category);
  const sums: Record<Item, number> = { basicLivingFen: 0, careFen: 0, orphanFen: 0 };
  let firstDayWithoutStandard: string | null = null;
  const notSet = new Map<string, RosterProblem>();
  let unassessedDays = 0;

  for (const day of days) {
    const level = tekun ? levelInForce(stay.assessments, day) : null;
    if (tekun && !level) unassessedDays++;
    if (!tekun && !child) continue;
    const standard = rateInForce(standards, day);
    if (!standard) {
      firstDayWithoutStandard ??= day;
      continue;
    }
    const add = (item: Item, amount: StandardAmount) => {
      const monthly = standard[amount];
      if (monthly !== null) sums[item] += monthly;
      else if (!notSet.has(`${standard.effectiveFrom} ${amount}`)) {
        notSet.set(`${standard.effectiveFrom} ${amount}`, { code: 'STANDARD_NOT_SET', params: { from: standard.effectiveFrom, item: amount } });
      }
    };
    if (tekun) {
      add('basicLivingFen', 'basicLivingFen');
      if (level) add('careFen', careAmount(level, stay.supportForm));
    }
    if (child) add('orphanFen', orphanAmount(stay.supportForm));
  }

  const dim = daysInMonth(month);
  const basicLivingFen = proRataFen(sums.basicLivingFen, dim);
  const careFen = proRataFen(sums.careFen, dim);
  const orphanFen = proRataFen(sums.orphanFen, dim);
  const problems: RosterProblem[] = [];
  if (firstDayWithoutStandard) problems.push({ code: 'NO_STANDARD', params: { date: firstDayWithoutStandard } });
  problems.push(...notSet.values());
  if (unassessedDays > 0) problems.push({ code: 'NOT_ASSESSED', params: { days: unassessedDays } });
  const lastDay = days.at(-1);
  return {
    days: days.length,
    level: lastDay ? levelInForce(stay.assessments, lastDay) : null,
    basicLivingFen,
    careFen,
    orphanFen,
    totalFen: basicLivingFen + careFen + orphanFen,
    problems,
  };
}

export function rosterTotals(lines: readonly { days: number; basicLivingFen: number; careFen: number; orphanFen: number; totalFen: number }[]) {
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    residents: lines.length,
    days: sum((l) => l.days),
    basicLivingFen: sum((l) => l.basicLivingFen),
    careFen: sum((l) => l.careFen),
    orphanFen: sum((l) => l.orphanFen),
    totalFen: sum((l) => l.totalFen),
  };
}

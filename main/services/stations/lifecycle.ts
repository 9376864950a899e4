import type { Selectable } from 'kysely';
import type { StationTable } from '../../../db/schema';
import { LIFECYCLE_STEPS, type LifecycleStep } from '../../contract/areas/stations';
import { AppError } from '../../contract/errors';

export type Lifecycle = Record<LifecycleStep, string | null>;

/** The station columns that hold the lifecycle dates, for `select`. */
export const LIFECYCLE_COLUMNS = [
  'planned_date',
  'construction_date',
  'completed_date',
  'accepted_date',
  'operating_date',
  'suspended_date',
  'closed_date',
] as const;

export type DatedStation = Pick<Selectable<StationTable>, (typeof LIFECYCLE_COLUMNS)[number]>;

export function lifecycleOf(r: DatedStation): Lifecycle {
  return {
    planned: r.planned_date,
    construction: r.construction_date,
    completed: r.completed_date,
    accepted: r.accepted_date,
    operating: r.operating_date,
    suspended: r.suspended_date,
    closed: r.closed_date,
  };
}

/** Steps that end operation; "operating" again needs these cleared (an audited edit). */
const END_STEPS: LifecycleStep[] = ['suspended', 'closed'];

/** Each dated step must be on or after the nearest earlier dated step (gaps allowed for old records). */
export function checkLifecycleOrder(lifecycle: Lifecycle, fieldPrefix = 'station.lifecycle'): void {
  let previous: { step: LifecycleStep; date: string } | null = null;
  for (const step of LIFECYCLE_STEPS) {
    const date = lifecycle[step];
    if (!date) continue;
    if (previous && date < previous.date) {
      throw new AppError('LIFECYCLE_ORDER', `${fieldPrefix}.${step}`, { previous: `${previous.date}` });
    }
    previous = { step, date };
  }
}

/** The state on a date: the latest step dated on or before it; null before the first step. */
export function stateOn(lifecycle: Lifecycle, date: string): LifecycleStep | null {
  let state: LifecycleStep | null = null;
  for (const step of LIFECYCLE_STEPS) {
    const at = lifecycle[step];
    if (at && at <= date) state = step;
  }
  return state;
}

export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/** Operating on at least one day of the month: began operating by its last day, not ended before its first. */
export function operatingInMonth(lifecycle: Lifecycle, month: string): boolean {
  const { first, last } = monthBounds(month);
  if (!lifecycle.operating || lifecycle.operating > last) return false;
  return END_STEPS.every((step) => !lifecycle[step] || lifecycle[step]! >= first);
}

/** SQL twin of operatingInMonth for a station row (columns operating_date, suspended_date, closed_date). */
export const OPERATING_IN_MONTH_SQL =
  '(operating_date IS NOT NULL AND operating_date <= :last AND (suspended_date IS NULL OR suspended_date >= :first) AND (closed_date IS NULL OR closed_date >= :first))';

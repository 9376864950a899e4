import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { runsPast } from '../residents/period-filters';

/**
 * How full an institution is on a day: beds in its register, and who lives there, read from the
 * residence periods the residents service derives from the events.
 */

/** A period [from, to) covers a day d when from ≤ d < to (to null: still there). */
export function coversDay(day: string) {
  return (eb: ExpressionBuilder<Database, 'residence_period'>) =>
    eb.and([eb('residence_period.from_date', '<=', day), runsPast('residence_period.to_date', day)]);
}

export interface Occupancy {
  /** Stays present or on temporary leave on the day (a place stays held during leave). */
  residents: number;
  onLeave: number;
}

/** Residents and those on leave per institution on `day` (one institution when `institutionId` is given). */
export async function occupancyOn(db: Kysely<Database>, day: string, institutionId?: string): Promise<Map<string, Occupancy>> {
  let query = db
    .selectFrom('residence_period')
    .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
    .where('resident.status', '!=', 'void')
    .where(coversDay(day))
    .select((eb) => [
      'residence_period.institution_id',
      eb.fn.count<number>('residence_period.resident_id').distinct().as('residents'),
      eb.fn.sum<number>('residence_period.on_leave').as('on_leave'),
    ])
    .groupBy('residence_period.institution_id');
  if (institutionId) query = query.where('residence_period.institution_id', '=', institutionId);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.institution_id, { residents: Number(r.residents), onLeave: Number(r.on_leave ?? 0) }]));
}

/** A bed is in the register on `day` unless retired on or before it. */
function notRetiredOn(day: string) {
  return (eb: ExpressionBuilder<Database, 'institution_bed'>) =>
    eb.or([eb('institution_bed.retired_on', 'is', null), eb('institution_bed.retired_on', '>', day)]);
}

/** Beds of the register not retired on `day`, per institution (one institution when `institutionId` is given). */
export async function registeredBedCounts(db: Kysely<Database>, day: string, institutionId?: string): Promise<Map<string, number>> {
  let query = db
    .selectFrom('institution_bed')
    .where(notRetiredOn(day))
    .select((eb) => ['institution_bed.institution_id', eb.fn.countAll<number>().as('beds')])
    .groupBy('institution_bed.institution_id');
  if (institutionId) query = query.where('institution_bed.institution_id', '=', institutionId);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.institution_id, Number(r.beds)]));
}

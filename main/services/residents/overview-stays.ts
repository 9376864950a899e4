import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ResidentCategory, SelfCareLevel } from '../../contract/areas/welfare-enums';
import { STANDS } from './assessments';
import { runsPast } from './period-filters';

/**
 * The overview's stays, each with the two facts of its assessments the overview uses, in one query:
 * a large county has thousands of stays and several assessments each, and reading every assessment
 * into JS (as effectiveAssessments does for a roster) cost more than the rest of the report.
 * Same rules as effectiveAssessments + abilityByStay: an assessment counts while the event that made
 * it stands and when made on or before the day; the latest is the last by (assessed_on, event seq).
 */

export interface OverviewStay {
  id: string;
  category: ResidentCategory;
  name: string;
  birth_date: string | null;
  institution_id: string;
  on_leave: number;
  from_date: string;
  /** Latest effective six-task rating on the day; null when there is none. */
  self_care_level: SelfCareLevel | null;
  /** Latest effective assessment of either method on the day. */
  last_assessed_on: string | null;
}

/** Every stay resident on `day` (present or on leave), by the person's pinyin. */
export async function overviewStays(db: Kysely<Database>, day: string): Promise<OverviewStay[]> {
  // The periods drive the join (`cross join` keeps SQLite from starting with the residents): a large
  // county's 8 000 stays have 47 000 periods, and only the ~6 000 current ones need a person looked up.
  const rows = await db
    .selectFrom('residence_period as rp')
    .crossJoin('resident as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.category',
      'p.name',
      'p.birth_date',
      'rp.institution_id',
      'rp.on_leave',
      'rp.from_date',
      sql<SelfCareLevel | null>`(
        SELECT a.self_care_level FROM ability_assessment a JOIN resident_event e ON e.id = a.event_id
        WHERE a.resident_id = r.id AND a.method = 'six_task' AND a.assessed_on <= ${day} AND ${STANDS}
        ORDER BY a.assessed_on DESC, e.seq DESC LIMIT 1)`.as('self_care_level'),
      sql<string | null>`(
        SELECT max(a.assessed_on) FROM ability_assessment a
        WHERE a.resident_id = r.id AND a.assessed_on <= ${day} AND ${STANDS})`.as('last_assessed_on'),
    ])
    .whereRef('r.id', '=', 'rp.resident_id')
    // Unary + keeps SQLite from skip-scanning residence_period_institution for the date: a plain scan
    // of the periods is cheaper than one index probe and row lookup each.
    .where(sql<boolean>`+rp.from_date <= ${day}`)
    .where(runsPast('rp.to_date', day))
    .orderBy('p.name_pinyin')
    .orderBy('r.id')
    .execute();
  return rows;
}

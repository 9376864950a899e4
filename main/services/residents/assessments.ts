import { sql, type Kysely, type Selectable } from 'kysely';
import type { AbilityAssessmentTable, Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { AssessmentView } from '../../contract/areas/residents';
import { SELF_CARE_TASKS, selfCareLevel, type GbtLevel, type SelfCareTask } from '../../contract/areas/welfare-enums';
import { uuidv7 } from '../records';

export type AssessmentRecord = Selectable<AbilityAssessmentTable>;
type AssessmentInput = Parsed<'residents.assess'>['assessment'];

/** Stores the assessment an admit or reassess event made; failed tasks once each, in the form's order. */
export async function insertAssessment(
  db: Kysely<Database>,
  made: { eventId: string; residentId: string; personId: string },
  input: AssessmentInput,
): Promise<AssessmentRecord> {
  const six = input.method === 'six_task';
  const failed = six ? SELF_CARE_TASKS.filter((task) => input.failedTasks.includes(task)) : null;
  const row: AssessmentRecord = {
    id: uuidv7(),
    event_id: made.eventId,
    resident_id: made.residentId,
    person_id: made.personId,
    method: input.method,
    assessed_on: input.assessedOn,
    assessor: input.assessor,
    failed_tasks_json: failed ? JSON.stringify(failed) : null,
    self_care_level: failed ? selfCareLevel(failed.length) : null,
    gbt_level: six ? null : input.gbtLevel,
    note: input.note ?? null,
  };
  await db.insertInto('ability_assessment').values(row).execute();
  return row;
}

/** What the trail keeps of an assessment: the tasks as a list. */
export function assessmentAudit(r: AssessmentRecord) {
  const { failed_tasks_json, ...rest } = r;
  return { ...rest, failed_tasks: failed_tasks_json ? (JSON.parse(failed_tasks_json) as SelfCareTask[]) : null };
}

/** An assessment (aliased `a`) counts only while the event that made it stands. */
export const STANDS = sql<boolean>`NOT EXISTS (SELECT 1 FROM resident_event x WHERE x.reverses_event_id = a.event_id)`;

/** The stays' effective assessments made on or before `day`, oldest first. */
export async function effectiveAssessments(db: Kysely<Database>, residentIds: readonly string[], day: string) {
  if (residentIds.length === 0) return [];
  return db
    .selectFrom('ability_assessment as a')
    .innerJoin('resident_event as e', 'e.id', 'a.event_id')
    .selectAll('a')
    .where('a.resident_id', 'in', residentIds)
    .where('a.assessed_on', '<=', day)
    .where(STANDS)
    .orderBy('a.assessed_on')
    .orderBy('e.seq')
    .execute();
}

export interface AbilityOnDay {
  /** Latest six-task rating: the level allowances and tables use. */
  selfCareLevel: AssessmentRecord['self_care_level'];
  lastSixTaskOn: string | null;
  gbtLevel: GbtLevel | null;
  /** Latest assessment of either method: what "reassessment overdue" looks at. */
  lastAssessedOn: string | null;
}

/** Per stay, the ability in force on the day the assessments were fetched for. */
export function abilityByStay(assessments: readonly AssessmentRecord[]): Map<string, AbilityOnDay> {
  const result = new Map<string, AbilityOnDay>();
  for (const a of assessments) {
    const current = result.get(a.resident_id) ?? { selfCareLevel: null, lastSixTaskOn: null, gbtLevel: null, lastAssessedOn: null };
    current.lastAssessedOn = a.assessed_on;
    if (a.method === 'six_task') {
      current.selfCareLevel = a.self_care_level;
      current.lastSixTaskOn = a.assessed_on;
    } else {
      current.gbtLevel = a.gbt_level as GbtLevel;
    }
    result.set(a.resident_id, current);
  }
  return result;
}

export function toAssessmentView(r: AssessmentRecord, reversed: boolean): AssessmentView {
  return {
    id: r.id,
    eventId: r.event_id,
    method: r.method,
    assessedOn: r.assessed_on,
    assessor: r.assessor,
    failedTasks: r.failed_tasks_json ? (JSON.parse(r.failed_tasks_json) as SelfCareTask[]) : null,
    selfCareLevel: r.self_care_level,
    gbtLevel: r.gbt_level as GbtLevel | null,
    note: r.note,
    reversed,
  };
}

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, RenovationCaseTable, RenovationStepTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { uuidv7 } from '../records';
import { derive, stepFromRow, type Derived, type StepFact } from './derive';

/** Reading and writing a case's rows: the case, its people, its append-only steps and the derived state. */

export type CaseRecord = Selectable<RenovationCaseTable>;
export type StepRecord = Selectable<RenovationStepTable>;

export async function loadCaseRecord(db: Kysely<Database>, id: string, field = 'id'): Promise<CaseRecord> {
  const row = await db.selectFrom('renovation_case').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', field);
  return row;
}

export async function loadStepRows(db: Kysely<Database>, caseId: string): Promise<StepRecord[]> {
  return db.selectFrom('renovation_step').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function deriveCase(db: Kysely<Database>, caseId: string): Promise<Derived<StepFact>> {
  return derive((await loadStepRows(db, caseId)).map(stepFromRow));
}

/** The household's people in order (the applicant first), with what a case shows of them. */
export async function casePeople(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('renovation_case_person as cp')
    .innerJoin('person as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.name', 'p.id_number', 'p.sex', 'p.birth_date'])
    .where('cp.case_id', '=', caseId)
    .orderBy('cp.position')
    .execute();
}

/** Replaces the household's people (the applicant at position 0). */
export async function setCasePeople(db: Kysely<Database>, caseId: string, personIds: readonly string[]): Promise<void> {
  await db.deleteFrom('renovation_case_person').where('case_id', '=', caseId).execute();
  await db
    .insertInto('renovation_case_person')
    .values(personIds.map((personId, position) => ({ case_id: caseId, person_id: personId, position })))
    .execute();
}

export type NewStep = Omit<Insertable<RenovationStepTable>, 'seq' | 'id' | 'case_id' | 'created_at' | 'created_by' | 'created_installation'>;

/** Appends one step; steps are never changed afterwards (the table's triggers see to it). */
export async function appendStep(ctx: RequestContext, caseId: string, step: NewStep): Promise<StepRecord> {
  const db = ctx.database();
  const id = uuidv7(ctx.clock.now().getTime());
  await db
    .insertInto('renovation_step')
    .values({
      id,
      case_id: caseId,
      ability_level: null,
      needs: null,
      accepting_body: null,
      amount_fen: null,
      voucher_number: null,
      score: null,
      reason: null,
      note: null,
      corrects_step_id: null,
      ...step,
      created_at: isoNow(ctx.clock),
      created_by: ctx.session.user?.id ?? null,
      created_installation: ctx.officeInfo().installationId,
    })
    .execute();
  return db.selectFrom('renovation_step').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Replays the case's steps and stores the derived columns, with `meta` (the version bump of the change). */
export async function rebuildCase(
  ctx: RequestContext,
  record: CaseRecord,
  meta: Pick<CaseRecord, 'version' | 'updated_at' | 'updated_by' | 'updated_installation'>,
): Promise<CaseRecord> {
  const derived = await deriveCase(ctx.database(), record.id);
  const columns = { state: derived.state, state_date: derived.stateDate, applied_on: derived.appliedOn, ...meta };
  await ctx.database().updateTable('renovation_case').set(columns).where('id', '=', record.id).where('version', '=', record.version).execute();
  return { ...record, ...columns };
}

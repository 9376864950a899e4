import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import {
  STUCK_AFTER_DAYS,
  WORKFLOW_STEPS,
  type CaseRow,
  type CaseState,
  type CaseStep,
  type HouseholdCondition,
  type RenovationCase,
  type StepKind,
  type WorkflowStep,
} from '../../contract/areas/renovations';
import { maySeeIdNumbers, shownIdNumber } from '../../contract/roles';
import { toAuditRow } from '../audit/audit';
import { daysBetween } from '../calendar';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { divisionName } from '../places';
import { staffName } from '../record-meta';
import { listAttachments } from './attachments';
import { casePeople, loadCaseRecord, loadStepRows, type CaseRecord } from './case-store';
import { correctableStep, isFinished, nextSteps, stepFromRow } from './derive';
import { loadPlan } from './plan';

/** A case as its list row and its page show it. */

/** The plan (一户一策) may change while the case is under way and not yet signed. */
export function planEditable(state: CaseState): boolean {
  const index = WORKFLOW_STEPS.indexOf(state as WorkflowStep);
  return index >= 0 && index < WORKFLOW_STEPS.indexOf('plan_signed');
}

/** Not finished, and in its current step for more than STUCK_AFTER_DAYS days. */
export function isStuck(state: CaseState, daysInState: number): boolean {
  return !isFinished(state) && daysInState > STUCK_AFTER_DAYS;
}

/** The columns a list row and the full case share. */
export function caseRowPart(r: CaseRecord, day: string, subsidyFen: number): Omit<CaseRow, 'applicantName' | 'people'> {
  const state = r.state as CaseState;
  const daysInState = Math.max(0, daysBetween(r.state_date, day));
  return {
    id: r.id,
    caseNumber: r.case_number,
    category: r.category,
    conditions: JSON.parse(r.conditions_json) as HouseholdCondition[],
    townCode: r.town_code,
    townName: divisionName(r.town_code),
    villageName: divisionName(r.village_code),
    planYear: r.plan_year,
    state,
    stateDate: r.state_date,
    daysInState,
    stuck: isStuck(state, daysInState),
    duplicateReason: r.duplicate_reason,
    subsidyFen,
    version: r.version,
  };
}

async function staffNames(db: Kysely<Database>, ids: Iterable<string | null>): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (const id of new Set(ids)) if (id) names.set(id, await staffName(db, id));
  return names;
}

/**
 * The full case, today: people (ID numbers as the role may see them), every step (each with the
 * correction that reversed it), what may come next, the plan with its money, the photos and
 * documents with their files checked, and the case's audit history.
 */
export async function loadCase(ctx: RequestContext, id: string): Promise<RenovationCase> {
  const db = ctx.database();
  const day = today(ctx.clock);
  const record = await loadCaseRecord(db, id);
  const state = record.state as CaseState;
  const showId = maySeeIdNumbers(ctx.actor().role);
  const people = await casePeople(db, id);
  const stepRows = await loadStepRows(db, id);
  const correctedBy = new Map(stepRows.filter((s) => s.corrects_step_id).map((s) => [s.corrects_step_id!, s.id]));
  const names = await staffNames(db, stepRows.map((s) => s.created_by));
  const steps: CaseStep[] = stepRows.map((s) => ({
    id: s.id,
    seq: s.seq,
    step: s.step as StepKind,
    date: s.step_date,
    responsible: s.responsible,
    abilityLevel: s.ability_level,
    needs: s.needs,
    acceptingBody: s.accepting_body,
    amountFen: s.amount_fen,
    voucherNumber: s.voucher_number,
    score: s.score,
    reason: s.reason,
    note: s.note,
    correctsStepId: s.corrects_step_id,
    correctedByStepId: correctedBy.get(s.id) ?? null,
    createdAt: s.created_at,
    createdByName: s.created_by ? (names.get(s.created_by) ?? null) : null,
  }));
  const correctable = correctableStep(stepRows.map(stepFromRow));
  const plan = await loadPlan(db, id, record.plan_year);
  const history = await db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity', '=', 'renovation-case')
    .where('entity_id', '=', id)
    .orderBy('seq', 'desc')
    .execute();
  return {
    ...caseRowPart(record, day, plan.summary.subsidyFen),
    people: people.map((p) => ({
      personId: p.id,
      name: p.name,
      idNumber: shownIdNumber(p.id_number, showId),
      sex: p.sex,
      birthDate: p.birth_date,
    })),
    villageCode: record.village_code,
    address: record.address,
    phone: record.phone,
    notes: record.notes,
    appliedOn: record.applied_on,
    steps,
    nextSteps: nextSteps(state),
    correctable: correctable ? { stepId: correctable.id, step: correctable.step, date: correctable.date } : null,
    plan: { ...plan, editable: planEditable(state) },
    attachments: await listAttachments(ctx, id),
    history: history.map(toAuditRow),
    updatedAt: record.updated_at,
  };
}

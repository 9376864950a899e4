import type { Selectable } from 'kysely';
import type { RenovationStepTable } from '../../../db/schema';
import { WORKFLOW_STEPS, type CaseState, type StepKind, type WorkflowStep } from '../../contract/areas/renovation-enums';

/**
 * The pure heart of a renovation case: its append-only steps in; the steps that stand, the case's
 * state and what may come next out. The service stores state/state_date/applied_on on the case from
 * this; nothing else decides them.
 */

/** What the derivation needs of a step (a stored row maps to it with `stepFromRow`). */
export interface StepFact {
  id: string;
  seq: number;
  step: StepKind;
  date: string;
  correctsStepId: string | null;
}

export function stepFromRow(row: Pick<Selectable<RenovationStepTable>, 'id' | 'seq' | 'step' | 'step_date' | 'corrects_step_id'>): StepFact {
  return { id: row.id, seq: row.seq, step: row.step as StepKind, date: row.step_date, correctsStepId: row.corrects_step_id };
}

/** What the clerk may record next: a workflow step, an acceptance (passed or failed), or one of the two ends. */
export type NextStep = WorkflowStep | 'acceptance' | 'rejected' | 'withdrawn';

const FINISHED: readonly CaseState[] = ['satisfaction', 'rejected', 'withdrawn'];

function byDateThenSeq(a: StepFact, b: StepFact): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;
}

/** The steps that stand, by (date, seq): not corrections, and not reversed by one. */
export function effectiveSteps<T extends StepFact>(steps: readonly T[]): T[] {
  const corrected = new Set(steps.filter((s) => s.step === 'correction').map((s) => s.correctsStepId));
  return steps.filter((s) => s.step !== 'correction' && !corrected.has(s.id)).sort(byDateThenSeq);
}

/** The state a step puts the case in: a failed acceptance sends it back to works. */
export function stateAfter(step: Exclude<StepKind, 'correction'>): CaseState {
  return step === 'acceptance_failed' ? 'works_started' : step;
}

export interface Derived<T extends StepFact> {
  state: CaseState;
  /** The date of the step that set the state. */
  stateDate: string;
  appliedOn: string;
  /** The latest effective step: the only one a correction may reverse, and the date no new step may precede. */
  latest: T;
  effective: T[];
}

/** Replays the steps; a case always keeps its 'applied' step (it cannot be corrected). */
export function derive<T extends StepFact>(steps: readonly T[]): Derived<T> {
  const effective = effectiveSteps(steps);
  const applied = effective.find((s) => s.step === 'applied');
  const latest = effective.at(-1);
  if (!applied || !latest || latest.step === 'correction') throw new Error('a renovation case without its application step');
  return { state: stateAfter(latest.step), stateDate: latest.date, appliedOn: applied.date, latest, effective };
}

export function isFinished(state: CaseState): boolean {
  return FINISHED.includes(state);
}

/** Rejected or withdrawn is possible at any state before the subsidy is paid. */
export function mayEnd(state: CaseState): boolean {
  return !isFinished(state) && WORKFLOW_STEPS.indexOf(state as WorkflowStep) < WORKFLOW_STEPS.indexOf('paid');
}

/** The workflow step after `state` (works_completed → acceptance); null when finished. */
export function nextWorkflowStep(state: CaseState): WorkflowStep | 'acceptance' | null {
  if (isFinished(state)) return null;
  const next = WORKFLOW_STEPS[WORKFLOW_STEPS.indexOf(state as WorkflowStep) + 1];
  if (!next) return null;
  return next === 'accepted' ? 'acceptance' : next;
}

export function nextSteps(state: CaseState): NextStep[] {
  const next = nextWorkflowStep(state);
  const out: NextStep[] = next ? [next] : [];
  if (mayEnd(state)) out.push('rejected', 'withdrawn');
  return out;
}

export function isAllowed(state: CaseState, step: NextStep): boolean {
  return nextSteps(state).includes(step);
}

/** The step a correction may reverse: the latest effective one, unless it is the application itself. */
export function correctableStep<T extends StepFact>(steps: readonly T[]): T | null {
  const latest = effectiveSteps(steps).at(-1);
  return latest && latest.step !== 'applied' ? latest : null;
}

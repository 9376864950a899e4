import type { Output, Parsed } from '../../contract';
import { AppError } from '../../contract/errors';
import { yuan } from '../../contract/money';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta } from '../record-meta';
import { intactAfterPhotos } from './attachments';
import { appendStep, casePeople, deriveCase, loadCaseRecord, loadStepRows, rebuildCase, type CaseRecord, type NewStep, type StepRecord } from './case-store';
import { loadCase } from './case-view';
import { isAllowed } from './derive';
import { capFor, loadPlan } from './plan';

type StepInput = Parsed<'renovations.step'>['step'];

/** The stored step's own columns; an acceptance becomes 'accepted' or 'acceptance_failed'. */
function stepColumns(s: StepInput): NewStep {
  const base = { step_date: s.date, responsible: s.responsible, note: s.note ?? null };
  switch (s.step) {
    case 'assessed':
      return { ...base, step: 'assessed', ability_level: s.abilityLevel, needs: s.needs };
    case 'acceptance':
      // The remarks (what to redo, or what was noted) are the step's "why": kept in `reason`.
      return { ...base, step: s.passed ? 'accepted' : 'acceptance_failed', accepting_body: s.acceptingBody, reason: s.remarks ?? null };
    case 'paid':
      return { ...base, step: 'paid', amount_fen: s.amountFen, voucher_number: s.voucherNumber };
    case 'satisfaction':
      return { ...base, step: 'satisfaction', score: s.score, reason: s.remarks ?? null };
    case 'rejected':
    case 'withdrawn':
      return { ...base, step: s.step, reason: s.reason };
    default:
      return { ...base, step: s.step };
  }
}

/** The checks a step makes on the plan: signing needs lines and a cap; acceptance needs photos; payment stays within the subsidy. */
async function checkAgainstPlan(ctx: RequestContext, record: CaseRecord, s: StepInput): Promise<void> {
  const db = ctx.database();
  if (s.step === 'plan_signed') {
    const plan = await loadPlan(db, record.id, record.plan_year);
    if (plan.lines.length === 0) throw new AppError('PLAN_EMPTY', 'step.step');
    if ((await capFor(db, record.plan_year)) === null) throw new AppError('PLAN_NO_CAP', 'step.step', { year: record.plan_year });
  }
  if (s.step === 'acceptance' && s.passed) {
    const plan = await loadPlan(db, record.id, record.plan_year);
    const photos = await intactAfterPhotos(ctx, record.id);
    const unproven = plan.lines.filter((l) => l.subsidised && !photos.get(l.id));
    if (unproven.length > 0) throw new AppError('ACCEPTANCE_NEEDS_PHOTOS', 'step.passed', { items: unproven.map((l) => l.itemName).join('、') });
  }
  if (s.step === 'paid') {
    const { summary } = await loadPlan(db, record.id, record.plan_year);
    if (s.amountFen > summary.subsidyFen) throw new AppError('PAID_OVER_SUBSIDY', 'step.amountFen', { subsidy: yuan(summary.subsidyFen) });
  }
}

/** One audit entry per step, naming the case and its applicant; a correction names what it reversed. */
async function auditStep(ctx: RequestContext, record: CaseRecord, step: StepRecord, reversed: StepRecord | null): Promise<void> {
  const [applicant] = await casePeople(ctx.database(), record.id);
  await recordAudit(ctx, {
    action: step.step,
    entity: 'renovation-case',
    entityId: record.id,
    summary: `${record.case_number} ${applicant?.name ?? ''}`.trim(),
    after: { ...step, ...(reversed ? { corrects: { step: reversed.step, date: reversed.step_date } } : {}) },
  });
}

/**
 * Records the next workflow step, in the request's one transaction: version check, the step the state
 * allows, no date before the latest effective step, the checks against the plan, append, rebuild the
 * derived state (bumping the version), one audit entry.
 */
export async function recordStep(ctx: RequestContext, input: Parsed<'renovations.step'>): Promise<Output<'renovations.step'>> {
  const db = ctx.database();
  ctx.countyCode();
  const record = await loadCaseRecord(db, input.id);
  await assertVersion(db, record, input.version);
  const current = await deriveCase(db, record.id);
  const s = input.step;
  if (!isAllowed(current.state, s.step)) throw new AppError('STEP_NOT_ALLOWED', 'step.step', { state: current.state, step: s.step });
  if (s.date < current.latest.date) throw new AppError('EVENT_BEFORE_PREVIOUS', 'step.date', { date: current.latest.date });
  await checkAgainstPlan(ctx, record, s);
  const step = await appendStep(ctx, record.id, stepColumns(s));
  const rebuilt = await rebuildCase(ctx, record, bumpedMeta(ctx, record.version));
  await auditStep(ctx, rebuilt, step, null);
  return { case: await loadCase(ctx, record.id), warnings: [] };
}

/**
 * Reverses the latest effective step with a correction step (dated today, by the staff member): the
 * mistaken step stays in the record, struck through. The application itself cannot be reversed (the
 * case is withdrawn instead), nor can a correction or a step already reversed.
 */
export async function correctStep(ctx: RequestContext, input: Parsed<'renovations.correct'>): Promise<Output<'renovations.correct'>> {
  const db = ctx.database();
  ctx.countyCode();
  const record = await loadCaseRecord(db, input.id);
  await assertVersion(db, record, input.version);
  const steps = await loadStepRows(db, record.id);
  const target = steps.find((s) => s.id === input.stepId);
  if (!target) throw new AppError('NOT_FOUND', 'stepId');
  const alreadyCorrected = steps.some((s) => s.corrects_step_id === target.id);
  if (target.step === 'applied' || target.step === 'correction' || alreadyCorrected) throw new AppError('REVERSE_NOT_REVERSIBLE', 'stepId');
  const { latest } = await deriveCase(db, record.id);
  if (latest.id !== target.id) throw new AppError('REVERSE_ONLY_LATEST', 'stepId', { kind: latest.step, date: latest.date });
  const correction = await appendStep(ctx, record.id, {
    step: 'correction',
    step_date: today(ctx.clock),
    responsible: ctx.actor().displayName,
    reason: input.reason,
    corrects_step_id: target.id,
  });
  const rebuilt = await rebuildCase(ctx, record, bumpedMeta(ctx, record.version));
  await auditStep(ctx, rebuilt, correction, target);
  return { case: await loadCase(ctx, record.id), warnings: [] };
}

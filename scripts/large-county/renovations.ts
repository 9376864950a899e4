import { addDays } from '../../main/services/calendar';
import { derive, type StepFact } from '../../main/services/renovations/derive';
import { HOUSEHOLD_CONDITIONS, WORKFLOW_STEPS, type StepKind } from '../../main/contract/areas/renovation-enums';
import { planSummary } from '../../main/contract/plan-arithmetic';
import { LARGE_TODAY, inBatches, scaled, stampOn, type Gen } from './context';
import type { GenPerson, PeoplePlan } from './people';

/** The per-household caps (分) from a plan year on: 3 000 元 from 2019, 5 000 元 from 2023. */
export const LARGE_CAPS = [
  { fromYear: 2019, capFen: 300_000 },
  { fromYear: 2023, capFen: 500_000 },
];
const FIRST_YEAR = 2019;
const LAST_YEAR = Number(LARGE_TODAY.slice(0, 4));

interface StepDraft {
  step: StepKind;
  date: string;
  corrects: number | null;
}

export interface CaseDraft {
  people: GenPerson[];
  planYear: number;
  townCode: string;
  villageCode: string;
  category: 'tekun_dispersed' | 'dibao' | 'dibao_edge' | 'other';
  conditions: string[];
  steps: StepDraft[];
}

const RESPONSIBLE: Partial<Record<StepKind, string>> = {
  applied: '村委会代办员',
  town_reviewed: '镇民政办',
  county_reviewed: '县民政局养老服务股',
  publicised: '镇民政办',
  assessed: '第三方评估机构',
  plan_signed: '镇民政办',
  works_started: '施工单位',
  works_completed: '施工单位',
  accepted: '县民政局验收组',
  acceptance_failed: '县民政局验收组',
  paid: '县民政局计财股',
  satisfaction: '镇民政办',
};

/**
 * Cases over the plan years (more each year), each walking the workflow in order towards a target
 * state with dates that never go back; some rejected or withdrawn, some failing acceptance once,
 * some with a step corrected and recorded again. Older years are mostly finished.
 */
export function planCases(gen: Gen, people: PeoplePlan, used: Set<GenPerson>): CaseDraft[] {
  const rng = gen.rng('renovations');
  const total = scaled(gen, 40_000);
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const pool = rng.shuffled(people.elderly);
  let next = 0;
  const placeWeights = people.places.map((p) => p.weight);
  const weightSum = placeWeights.reduce((a, b) => a + b, 0);
  const cases: CaseDraft[] = [];
  for (let i = 0; i < total; i++) {
    const year = years[Math.min(years.length - 1, Math.floor(years.length * Math.sqrt(rng.next())))]!;
    let r = rng.next() * weightSum;
    const place = people.places.find((p) => (r -= p.weight) < 0) ?? people.places[0]!;
    const size = rng.chance(0.25) ? 2 : 1;
    const household: GenPerson[] = [];
    while (household.length < size) {
      const p = pool[next++ % pool.length]!;
      if (!household.includes(p)) household.push(p);
    }
    const applied = addDays(`${year}-01-05`, rng.int(0, year === LAST_YEAR ? 300 : 330));
    if (applied > LARGE_TODAY) continue;
    for (const p of household) {
      used.add(p);
      if (p.registeredOn > applied) p.registeredOn = applied;
    }
    const age = LAST_YEAR - year;
    // How far the case means to go: older cases mostly finished.
    const target = age >= 2 ? WORKFLOW_STEPS.length - 1 - (rng.chance(0.1) ? rng.int(1, 4) : 0) : rng.int(0, WORKFLOW_STEPS.length - 1);
    const ending = rng.chance(0.06) ? 'rejected' : rng.chance(0.04) ? 'withdrawn' : null;
    const failOnce = rng.chance(0.03);
    const correctAt = rng.chance(0.03) ? rng.int(1, WORKFLOW_STEPS.length - 1) : -1;
    const steps: StepDraft[] = [{ step: 'applied', date: applied, corrects: null }];
    let day = applied;
    const push = (step: StepKind, gap: [number, number]): boolean => {
      const date = addDays(day, rng.int(gap[0], gap[1]));
      if (date > LARGE_TODAY) return false;
      day = date;
      steps.push({ step, date, corrects: null });
      return true;
    };
    const stopAt = ending ? Math.min(target, WORKFLOW_STEPS.indexOf('works_completed')) : target;
    let stopped = false;
    for (let k = 1; k <= stopAt && !stopped; k++) {
      const step = WORKFLOW_STEPS[k]!;
      if (step === 'accepted' && failOnce) {
        if (!push('acceptance_failed', [3, 20]) || !push('works_completed', [5, 30])) stopped = true;
        if (stopped) break;
      }
      if (!push(step, [3, 30])) stopped = true;
      else if (k === correctAt) {
        // A step recorded by mistake, reversed by a correction a few days later, then recorded again.
        const mistaken = steps.length - 1;
        const date = addDays(day, rng.int(0, 5));
        if (date <= LARGE_TODAY) {
          steps.push({ step: 'correction', date, corrects: mistaken });
          day = date;
          push(step, [0, 3]);
        }
      }
    }
    if (ending && !stopped) push(ending, [3, 40]);
    const village = place.villages[rng.int(0, place.villages.length - 1)]!;
    cases.push({
      people: household,
      planYear: year,
      townCode: place.town.code,
      villageCode: village.code,
      category: rng.pick(['tekun_dispersed', 'dibao', 'dibao', 'dibao_edge', 'other'] as const),
      conditions: HOUSEHOLD_CONDITIONS.filter(() => rng.chance(0.4)),
      steps,
    });
  }
  return cases.sort((a, b) => (a.steps[0]!.date < b.steps[0]!.date ? -1 : a.steps[0]!.date > b.steps[0]!.date ? 1 : 0));
}

/** The office's caps and a target per plan year (structure the plans and the progress report need). */
export function writeCapsAndTargets(gen: Gen): void {
  const rng = gen.rng('caps');
  const cap = gen.db.prepare('INSERT INTO renovation_cap (id, from_year, cap_fen, note, created_at, created_by, created_installation) VALUES (?,?,?,NULL,?,?,?)');
  for (const c of LARGE_CAPS) {
    const at = stampOn(rng, `${c.fromYear - 1}-12-10`);
    const id = gen.id(at);
    cap.run(id, c.fromYear, c.capFen, at, gen.staffId, gen.installationId);
    gen.audit.push({ at, action: 'create', entity: 'renovation-cap', entityId: id, summary: `${c.fromYear}`, after: null });
  }
  const target = gen.db.prepare(
    'INSERT INTO renovation_target (year, q1, q2, q3, q4, budget_fen, version, updated_at, updated_by, updated_installation) VALUES (?,?,?,?,?,?,1,?,?,?)',
  );
  const perYear = scaled(gen, 40_000) / (LAST_YEAR - FIRST_YEAR + 1);
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const q = Math.max(1, Math.round(perYear / 4));
    const at = stampOn(rng, `${year - 1}-12-20`);
    target.run(year, q, q, q, q, q * 4 * 400_000, at, gen.staffId, gen.installationId);
    gen.audit.push({ at, action: 'update', entity: 'renovation-target', entityId: String(year), summary: String(year), after: null });
  }
}

/** Inserts the cases, their people, plan lines and steps; state/state_date/applied_on from the service's own derive. */
export function writeCases(gen: Gen, cases: CaseDraft[]): void {
  const rng = gen.rng('renovations-write');
  const items = gen.db.prepare('SELECT id, name, subsidised FROM renovation_item WHERE active = 1 ORDER BY code').all() as { id: string; name: string; subsidised: number }[];
  const insertCase = gen.db.prepare(
    `INSERT INTO renovation_case (id, case_number, category, conditions_json, town_code, village_code, address, phone, plan_year, duplicate_reason, notes, state,
       state_date, applied_on, version, created_at, updated_at, updated_by, updated_installation) VALUES (?,?,?,?,?,?,?,?,?,NULL,NULL,?,?,?,?,?,?,?,?)`,
  );
  const insertPerson = gen.db.prepare('INSERT INTO renovation_case_person (case_id, person_id, position) VALUES (?,?,?)');
  const insertLine = gen.db.prepare(
    'INSERT INTO renovation_plan_line (id, case_id, position, item_id, quantity, unit_price_fen, subsidised, note) VALUES (?,?,?,?,?,?,?,NULL)',
  );
  const insertStep = gen.db.prepare(
    `INSERT INTO renovation_step (id, case_id, step, step_date, responsible, ability_level, needs, accepting_body, amount_fen, voucher_number, score, reason, note,
       corrects_step_id, created_at, created_by, created_installation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?)`,
  );
  const numbers = new Map<number, number>();
  inBatches(gen, 'renovation cases', cases, (c) => {
    const stamps = c.steps.map((s) => stampOn(rng, s.date));
    const id = gen.id(stamps[0]!);
    const stepIds = stamps.map((at) => gen.id(at));
    const n = (numbers.get(c.planYear) ?? 0) + 1;
    numbers.set(c.planYear, n);
    const caseNumber = `${c.planYear}-${String(n).padStart(4, '0')}`;
    const facts: StepFact[] = c.steps.map((s, seq) => ({ id: stepIds[seq]!, seq, step: s.step, date: s.date, correctsStepId: s.corrects === null ? null : stepIds[s.corrects]! }));
    const derived = derive(facts);
    const lines = rng.shuffled(items).slice(0, rng.int(5, 10)).map((item) => ({
      item,
      quantity: rng.int(1, 4),
      unitPriceFen: rng.int(5, 120) * 1_000,
      subsidised: item.subsidised === 1,
    }));
    const cap = [...LARGE_CAPS].reverse().find((k) => k.fromYear <= c.planYear)?.capFen ?? null;
    const money = planSummary(lines, cap);
    const applicant = c.people[0]!;
    const updated = stamps.at(-1)!;
    insertCase.run(id, caseNumber, c.category, JSON.stringify(c.conditions), c.townCode, c.villageCode, applicant.address, applicant.phone, c.planYear,
      derived.state, derived.stateDate, derived.appliedOn, c.steps.length + 1, stamps[0], updated, gen.staffId, gen.installationId);
    c.people.forEach((p, position) => insertPerson.run(id, p.id, position));
    lines.forEach((l, position) => insertLine.run(gen.id(stamps[0]!), id, position, l.item.id, l.quantity, l.unitPriceFen, l.subsidised ? 1 : 0));
    const summary = `${caseNumber} ${applicant.name}`;
    gen.audit.push({ at: stamps[0]!, action: 'create', entity: 'renovation-case', entityId: id, summary, after: null });
    c.steps.forEach((s, k) => {
      const responsible = s.step === 'correction' || s.step === 'rejected' || s.step === 'withdrawn' ? gen.staffName : RESPONSIBLE[s.step]!;
      const reason = s.step === 'correction' ? '录入有误，撤销后重新登记' : s.step === 'rejected' ? '不符合申请条件' : s.step === 'withdrawn' ? '申请人撤回申请' : s.step === 'acceptance_failed' ? '扶手安装不牢固，需返工' : null;
      insertStep.run(stepIds[k], id, s.step, s.date, responsible,
        s.step === 'assessed' ? rng.pick(['self_care', 'partial', 'complete']) : null,
        s.step === 'assessed' ? '行动不便，需加装扶手和防滑处理' : null,
        s.step === 'accepted' || s.step === 'acceptance_failed' ? '县民政局验收组' : null,
        s.step === 'paid' ? money.subsidyFen : null,
        s.step === 'paid' ? `PZ${caseNumber}` : null,
        s.step === 'satisfaction' ? rng.int(3, 5) : null,
        reason,
        s.corrects === null ? null : stepIds[s.corrects],
        stamps[k], gen.staffId, gen.installationId);
      if (k > 0) gen.audit.push({ at: stamps[k]!, action: s.step, entity: 'renovation-case', entityId: id, summary, after: null });
      if (k === 0) gen.audit.push({ at: stamps[0]!, action: 'plan', entity: 'renovation-case', entityId: id, summary: caseNumber, after: null });
    });
  }, 5_000);
}

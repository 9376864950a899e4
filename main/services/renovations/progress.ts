import type { Kysely, Selectable } from 'kysely';
import type { Database, RenovationTargetTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import { STUCK_AFTER_DAYS, type CaseState, type ProgressCounts, type RenovationProgress, type RenovationTarget } from '../../contract/areas/renovations';
import { recordAudit } from '../audit/audit';
import { daysBetween } from '../calendar';
import { today } from '../clock';
import { divisionName } from '../places';
import type { RequestContext } from '../context';
import { bumpedMeta } from '../record-meta';
import { isFinished } from './derive';
import { firstStepCounts, paidFen, statesOn } from './standing-steps';

/**
 * Yearly targets (households per quarter, budget) and the progress of a plan year's programme: by
 * quarter and by town from the steps that stand, subsidy paid against the budget, and stuck cases.
 * Computed from the records every time, never stored.
 */

function toTarget(r: Selectable<RenovationTargetTable>): RenovationTarget {
  return { year: r.year, quarters: [r.q1, r.q2, r.q3, r.q4], budgetFen: r.budget_fen, version: r.version, updatedAt: r.updated_at };
}

/** Newest year first. */
export async function listTargets(ctx: RequestContext, _input: Parsed<'renovationTargets.list'>): Promise<Output<'renovationTargets.list'>> {
  ctx.countyCode();
  const rows = await ctx.database().selectFrom('renovation_target').selectAll().orderBy('year', 'desc').execute();
  return rows.map(toTarget);
}

/** Creates or replaces the year's target (one row per year; version bumped, audited). */
export async function setTarget(ctx: RequestContext, input: Parsed<'renovationTargets.set'>): Promise<Output<'renovationTargets.set'>> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await db.selectFrom('renovation_target').selectAll().where('year', '=', input.year).executeTakeFirst();
  const [q1, q2, q3, q4] = input.quarters;
  const after: Selectable<RenovationTargetTable> = { year: input.year, q1, q2, q3, q4, budget_fen: input.budgetFen, ...bumpedMeta(ctx, before?.version ?? 0) };
  if (before) await db.updateTable('renovation_target').set(after).where('year', '=', input.year).execute();
  else await db.insertInto('renovation_target').values(after).execute();
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entity: 'renovation-target',
    entityId: String(input.year),
    summary: String(input.year),
    before: before ?? undefined,
    after,
  });
  return toTarget(after);
}

function emptyCounts(): ProgressCounts {
  return { applied: 0, assessed: 0, worksStarted: 0, accepted: 0, paid: 0, closed: 0, subsidyPaidFen: 0 };
}

/** 1–4 for a month (YYYY-MM) of the year. */
function quarterOfMonth(month: string): 1 | 2 | 3 | 4 {
  return (Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

export interface CaseFacts {
  id: string;
  caseNumber: string;
  townCode: string;
  state: CaseState;
  stateDate: string;
  applicantName: string;
}

export interface Programme {
  cases: CaseFacts[];
  target: Selectable<RenovationTargetTable> | undefined;
  quarters: RenovationProgress['quarters'];
  byTown: RenovationProgress['byTown'];
  total: RenovationProgress['total'];
  spentFen: number;
}

/**
 * A plan year's programme counted from its cases' standing steps. Counts are by the date of each
 * standing step, within the calendar year (so quarters, towns and the total agree); spentFen is
 * every payment of the year's cases whatever its date, since the budget is the plan year's even
 * when a payment slips into January. With `asOf` (a bundle's period end) only cases applied for and
 * steps dated by that day count, and each case is in the state it had then.
 */
export async function programmeOf(db: Kysely<Database>, year: number, asOf: string | null = null): Promise<Programme> {
  let caseQuery = db
    .selectFrom('renovation_case as c')
    .innerJoin('renovation_case_person as cp', (join) => join.onRef('cp.case_id', '=', 'c.id').on('cp.position', '=', 0))
    .innerJoin('person as p', 'p.id', 'cp.person_id')
    .select(['c.id', 'c.case_number', 'c.town_code', 'c.state', 'c.state_date', 'p.name'])
    .where('c.plan_year', '=', year)
    .orderBy('c.case_number');
  if (asOf) caseQuery = caseQuery.where('c.applied_on', '<=', asOf);
  const cases: CaseFacts[] = (await caseQuery.execute()).map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    townCode: r.town_code,
    state: r.state as CaseState,
    stateDate: r.state_date,
    applicantName: r.name,
  }));
  if (asOf) {
    // The state each case had on that day: its steps up to then, replayed.
    const states = await statesOn(db, year, asOf);
    for (const c of cases) {
      const then = states.get(c.id);
      if (!then) throw new Error('a renovation case without its application step');
      c.state = then.state;
      c.stateDate = then.stateDate;
    }
  }

  const target = await db.selectFrom('renovation_target').selectAll().where('year', '=', year).executeTakeFirst();
  const quarters: RenovationProgress['quarters'] = ([1, 2, 3, 4] as const).map((quarter) => ({
    quarter,
    target: target ? [target.q1, target.q2, target.q3, target.q4][quarter - 1]! : null,
    ...emptyCounts(),
  }));
  const towns = new Map<string, RenovationProgress['byTown'][number]>();
  const total: RenovationProgress['total'] = { cases: 0, open: 0, ...emptyCounts() };
  const townOf = (townCode: string) => {
    let town = towns.get(townCode);
    if (!town) towns.set(townCode, (town = { townCode, townName: divisionName(townCode), cases: 0, open: 0, ...emptyCounts() }));
    return town;
  };

  for (const c of cases) {
    const open = !isFinished(c.state);
    for (const row of [townOf(c.townCode), total]) {
      row.cases += 1;
      if (open) row.open += 1;
    }
  }
  for (const counted of await firstStepCounts(db, year, asOf)) {
    for (const row of [quarters[quarterOfMonth(counted.month) - 1]!, townOf(counted.townCode), total]) {
      row[counted.column] += counted.count;
      if (counted.column === 'paid') row.subsidyPaidFen += counted.amountFen;
    }
  }
  const spentFen = await paidFen(db, year, asOf);
  return { cases, target, quarters, byTown: [...towns.values()].sort((a, b) => (a.townCode < b.townCode ? -1 : 1)), total, spentFen };
}

export async function progress(ctx: RequestContext, input: Parsed<'renovations.progress'>): Promise<Output<'renovations.progress'>> {
  const db = ctx.database();
  ctx.countyCode();
  const year = input.year;
  const { cases, target, quarters, byTown, total, spentFen } = await programmeOf(db, year);

  const now = today(ctx.clock);
  const stuck = cases
    .filter((c) => !isFinished(c.state) && daysBetween(c.stateDate, now) > STUCK_AFTER_DAYS)
    .sort((a, b) => (a.stateDate < b.stateDate ? -1 : a.stateDate > b.stateDate ? 1 : a.caseNumber < b.caseNumber ? -1 : 1))
    .map((c) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      applicantName: c.applicantName,
      townName: divisionName(c.townCode),
      state: c.state,
      since: c.stateDate,
      days: daysBetween(c.stateDate, now),
    }));

  return {
    year,
    target: target ? toTarget(target) : null,
    quarters,
    byTown,
    total,
    budgetFen: target?.budget_fen ?? null,
    spentFen,
    stuck,
  };
}

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, YearTargetTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { Dashboard, ProgressRow, YearTarget } from '../../contract/areas/station-reports';
import { LIFECYCLE_STEPS, type LifecycleStep } from '../../contract/areas/stations';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { bumpedMeta } from '../record-meta';
import { LIFECYCLE_COLUMNS, lifecycleOf, stateOn } from '../stations/lifecycle';
import { coverageOf } from './coverage';

export { coverage } from './coverage';

function toTarget(r: Selectable<YearTargetTable>): YearTarget {
  return { year: r.year, stations: r.stations, familyBeds: r.family_beds, homeVisits: r.home_visits, updatedAt: r.updated_at };
}

export async function listTargets(ctx: RequestContext): Promise<YearTarget[]> {
  ctx.countyCode();
  const rows = await ctx.database().selectFrom('year_target').selectAll().orderBy('year', 'desc').execute();
  return rows.map(toTarget);
}

/** Creates or replaces the year's targets (one row per year, versioned and audited). */
export async function setTarget(ctx: RequestContext, input: Parsed<'targets.set'>): Promise<YearTarget> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await db.selectFrom('year_target').selectAll().where('year', '=', input.year).executeTakeFirst();
  const after: Selectable<YearTargetTable> = {
    year: input.year,
    stations: input.stations,
    family_beds: input.familyBeds,
    home_visits: input.homeVisits,
    ...bumpedMeta(ctx, before?.version ?? 0),
  };
  if (before) await db.updateTable('year_target').set(after).where('year', '=', input.year).execute();
  else await db.insertInto('year_target').values(after).execute();
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entity: 'year-target',
    entityId: String(input.year),
    summary: String(input.year),
    before: before ?? undefined,
    after,
  });
  return toTarget(after);
}

/** Per mille, rounded half up; null without a denominator. */
export function perMille(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 1000) / whole) : null;
}

/**
 * The county's progress row for a year, computed from the records every time (never stored):
 * a task is built when it was completed — or, with no completion date, reached a later step — by 31 December.
 * With `asOf` (a day of the year: a bundle's period end) the row runs from 1 January to that day
 * instead: built by it, beds installed and home visits of the months up to it.
 */
export async function progressOf(db: Kysely<Database>, year: number, asOf = `${year}-12-31`): Promise<ProgressRow> {
  const builtDate = sql<string | null>`coalesce(completed_date, accepted_date, operating_date, suspended_date, closed_date)`;
  const tasks = await db
    .selectFrom('station')
    .select((eb) => [
      eb.fn.countAll<number>().as('tasks'),
      eb.fn.sum<number | null>(sql<number>`CASE WHEN ${builtDate} <= ${asOf} THEN 1 ELSE 0 END`).as('built'),
    ])
    .where('task_year', '=', year)
    .executeTakeFirstOrThrow();
  const beds = await db
    .selectFrom('family_bed')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('install_date', '>=', `${year}-01-01`)
    .where('install_date', '<=', asOf)
    .executeTakeFirstOrThrow();
  const visits = await db
    .selectFrom('station_month_stat')
    .select((eb) => eb.fn.sum<number | null>('home_visits').as('n'))
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', asOf.slice(0, 7))
    .executeTakeFirstOrThrow();
  const target = await db.selectFrom('year_target').selectAll().where('year', '=', year).executeTakeFirst();
  const taskCount = Number(tasks.tasks);
  const built = Number(tasks.built ?? 0);
  return {
    year,
    tasks: taskCount,
    built,
    ratePerMille: perMille(built, taskCount),
    bedsInstalled: Number(beds.n),
    homeVisits: Number(visits.n ?? 0),
    target: target ? toTarget(target) : null,
  };
}

export async function progress(ctx: RequestContext, input: Parsed<'reports.progress'>): Promise<ProgressRow> {
  ctx.countyCode();
  return progressOf(ctx.database(), input.year);
}

/** Home visits, on-site services and meals for each month of the year; months without figures are 0. */
async function monthlySeries(db: Kysely<Database>, year: number): Promise<Dashboard['monthly']> {
  const rows = await db
    .selectFrom('station_month_stat')
    .select((eb) => [
      'month',
      eb.fn.sum<number>('home_visits').as('home'),
      eb.fn.sum<number>('on_site').as('onSite'),
      eb.fn.sum<number>('meals').as('meals'),
    ])
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .groupBy('month')
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const r = byMonth.get(month);
    return { month, home: Number(r?.home ?? 0), onSite: Number(r?.onSite ?? 0), meals: Number(r?.meals ?? 0) };
  });
}

/** Stations by their state today, every step listed; a station with no dated step yet counts as planned. */
async function lifecycleFunnel(db: Kysely<Database>, day: string): Promise<Dashboard['funnel']> {
  const rows = await db
    .selectFrom('station')
    .select([...LIFECYCLE_COLUMNS])
    .execute();
  const counts = new Map<LifecycleStep, number>(LIFECYCLE_STEPS.map((s) => [s, 0]));
  for (const r of rows) {
    const state = stateOn(lifecycleOf(r), day) ?? 'planned';
    counts.set(state, counts.get(state)! + 1);
  }
  return LIFECYCLE_STEPS.map((state) => ({ state, count: counts.get(state)! }));
}

export async function dashboard(ctx: RequestContext, input: Parsed<'reports.dashboard'>): Promise<Dashboard> {
  const db = ctx.database();
  const county = ctx.countyCode();
  const day = today(ctx.clock);
  return {
    progress: await progressOf(db, input.year),
    coverage: await coverageOf(db, county, day),
    monthly: await monthlySeries(db, input.year),
    funnel: await lifecycleFunnel(db, day),
  };
}

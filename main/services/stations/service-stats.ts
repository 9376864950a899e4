import { sql, type Kysely, type Selectable } from 'kysely';
import { getDivision } from '../../../db/divisions';
import type { Database, StationMonthStatTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { Completeness, MonthSheet, StatRow } from '../../contract/areas/service-stats';
import { SERVICE_TYPES, STATION_KINDS } from '../../contract/areas/stations';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { isoNow, thisMonth } from '../clock';
import type { RequestContext } from '../context';
import { LIFECYCLE_COLUMNS, lifecycleOf, operatingInMonth } from './lifecycle';

type Services = StatRow['services'];
type StatInput = Parsed<'stats.save'>['rows'][number];

const KIND_ORDER = sql<number>`(CASE kind ${sql.join(
  STATION_KINDS.map((kind, i) => sql`WHEN ${kind} THEN ${i}`),
  sql` `,
)} END)`;

/** Every station of the county as the sheet lists them: by town (the county centre, without one, first), kind, pinyin. */
function stationsInSheetOrder(db: Kysely<Database>) {
  return db
    .selectFrom('station')
    .select(['id', 'name', 'kind', 'town_code', ...LIFECYCLE_COLUMNS])
    .orderBy('town_code')
    .orderBy(KIND_ORDER)
    .orderBy('name_pinyin')
    .orderBy('id')
    .execute();
}


function refuseFuture(ctx: RequestContext, month: string): void {
  if (month > thisMonth(ctx.clock)) throw new AppError('MONTH_IN_FUTURE', 'month');
}

async function submissionOf(db: Kysely<Database>, month: string) {
  return db
    .selectFrom('stat_month as m')
    .leftJoin('staff as s', 's.id', 'm.submitted_by')
    .select(['m.submitted_at', 'm.submitted_by', 's.display_name'])
    .where('m.month', '=', month)
    .where('m.submitted_at', 'is not', null)
    .executeTakeFirst();
}

async function sheetOf(db: Kysely<Database>, month: string): Promise<MonthSheet> {
  const stations = await stationsInSheetOrder(db);
  const stats = await db.selectFrom('station_month_stat').selectAll().where('month', '=', month).execute();
  const statOf = new Map(stats.map((s) => [s.station_id, s]));
  const submitted = await submissionOf(db, month);
  const totals = { home: 0, onSite: 0, meals: 0 };
  const rows = stations.map((s): StatRow => {
    const stat = statOf.get(s.id);
    if (stat) {
      totals.home += stat.home_visits;
      totals.onSite += stat.on_site;
      totals.meals += stat.meals;
    }
    return {
      stationId: s.id,
      stationName: s.name,
      kind: s.kind,
      townName: s.town_code ? (getDivision(s.town_code)?.name ?? '') : '',
      operating: operatingInMonth(lifecycleOf(s), month),
      meals: stat ? stat.meals : null,
      services: stat ? (JSON.parse(stat.services_json) as Services) : {},
      reported: stat !== undefined,
    };
  });
  return {
    month,
    submitted: submitted ? { at: submitted.submitted_at!, by: submitted.display_name ?? '—' } : null,
    rows,
    totals,
  };
}

export async function monthSheet(ctx: RequestContext, input: Parsed<'stats.month'>): Promise<MonthSheet> {
  ctx.countyCode();
  return sheetOf(ctx.database(), input.month);
}

/** Services with a figure, in catalogue order: equal figures store equal JSON. */
function canonicalServices(services: Services): Services {
  const kept: Services = {};
  for (const type of SERVICE_TYPES) {
    const counts = services[type];
    if (counts && (counts.home || counts.onSite)) kept[type] = { home: counts.home, onSite: counts.onSite };
  }
  return kept;
}

/** The path (within the row) of the first non-zero cell, in the sheet's column order; null for an all-zero row. */
function firstFigureCell(row: StatInput): string | null {
  if (row.meals > 0) return 'meals';
  for (const type of SERVICE_TYPES) {
    const counts = row.services[type];
    if (counts?.home) return `services.${type}.home`;
    if (counts?.onSite) return `services.${type}.onSite`;
  }
  return null;
}

function auditStat(stationName: string, r: Pick<Selectable<StationMonthStatTable>, 'station_id' | 'meals' | 'services_json'>) {
  return { stationId: r.station_id, station: stationName, meals: r.meals, services: JSON.parse(r.services_json) as Services };
}

function inChunks<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Rows per INSERT: 10 columns each, well under SQLite's limit of bound variables. */
const INSERT_CHUNK = 500;

/**
 * Checks every row first (a refusal names the row and cell), then stores the rows of operating stations;
 * an all-zero row of a station not operating that month is not stored, and clears a row left from
 * before its dates were corrected.
 */
export async function saveMonth(ctx: RequestContext, input: Parsed<'stats.save'>): Promise<MonthSheet> {
  const db = ctx.database();
  ctx.countyCode();
  const { month } = input;
  refuseFuture(ctx, month);
  if (await submissionOf(db, month)) throw new AppError('MONTH_SUBMITTED', undefined, { month });

  const stations = new Map((await db.selectFrom('station').select(['id', 'name', ...LIFECYCLE_COLUMNS]).execute()).map((s) => [s.id, s]));
  const stored: StatInput[] = [];
  const cleared: string[] = [];
  const seen = new Set<string>();
  input.rows.forEach((row, i) => {
    if (seen.has(row.stationId)) throw new AppError('DUPLICATE_ROW', `rows.${i}.stationId`);
    seen.add(row.stationId);
    const station = stations.get(row.stationId);
    if (!station) throw new AppError('NOT_FOUND', `rows.${i}.stationId`);
    if (operatingInMonth(lifecycleOf(station), month)) {
      stored.push(row);
      return;
    }
    const cell = firstFigureCell(row);
    if (cell) throw new AppError('STATION_NOT_OPERATING', `rows.${i}.${cell}`, { station: station.name, month });
    cleared.push(row.stationId);
  });

  const existing = new Map(
    (await db.selectFrom('station_month_stat').selectAll().where('month', '=', month).execute()).map((r) => [r.station_id, r]),
  );
  const stamp = { updated_at: isoNow(ctx.clock), updated_by: ctx.actor().id, updated_installation: ctx.officeInfo().installationId };
  const values = stored.map((row) => {
    const services = canonicalServices(row.services);
    const counts = Object.values(services);
    return {
      station_id: row.stationId,
      month,
      meals: row.meals,
      home_visits: counts.reduce((sum, c) => sum + c.home, 0),
      on_site: counts.reduce((sum, c) => sum + c.onSite, 0),
      services_json: JSON.stringify(services),
    };
  });
  const fresh = values.filter((v) => !existing.has(v.station_id)).map((v) => ({ ...v, ...stamp, version: 1 }));
  for (const chunk of inChunks(fresh, INSERT_CHUNK)) await db.insertInto('station_month_stat').values(chunk).execute();
  for (const v of values) {
    const old = existing.get(v.station_id);
    if (!old || (old.meals === v.meals && old.services_json === v.services_json)) continue;
    await db
      .updateTable('station_month_stat')
      .set({ ...v, ...stamp, version: old.version + 1 })
      .where('station_id', '=', v.station_id)
      .where('month', '=', month)
      .execute();
  }
  const stale = cleared.filter((id) => existing.has(id));
  for (const chunk of inChunks(stale, INSERT_CHUNK)) {
    await db.deleteFrom('station_month_stat').where('month', '=', month).where('station_id', 'in', chunk).execute();
  }

  const nameOf = (id: string) => stations.get(id)!.name;
  await recordAudit(ctx, {
    action: 'save',
    entity: 'stat-month',
    entityId: month,
    summary: `${month} ${values.length} stations`,
    before: [...seen].flatMap((id) => {
      const old = existing.get(id);
      return old ? [auditStat(nameOf(id), old)] : [];
    }),
    after: values.map((v) => auditStat(nameOf(v.station_id), v)),
  });
  return sheetOf(db, month);
}

export async function submitMonth(ctx: RequestContext, input: Parsed<'stats.submit'>): Promise<MonthSheet> {
  const db = ctx.database();
  ctx.countyCode();
  const { month } = input;
  refuseFuture(ctx, month);
  if (await submissionOf(db, month)) throw new AppError('MONTH_SUBMITTED', undefined, { month });
  const submitted = { submitted_at: isoNow(ctx.clock), submitted_by: ctx.actor().id };
  await db
    .insertInto('stat_month')
    .values({ month, ...submitted })
    .onConflict((oc) => oc.column('month').doUpdateSet(submitted))
    .execute();
  await recordAudit(ctx, { action: 'submit', entity: 'stat-month', entityId: month, summary: month, after: { submittedAt: submitted.submitted_at } });
  return sheetOf(db, month);
}

export async function reopenMonth(ctx: RequestContext, input: Parsed<'stats.reopen'>): Promise<MonthSheet> {
  const db = ctx.database();
  ctx.countyCode();
  const { month } = input;
  const submission = await submissionOf(db, month);
  if (!submission) throw new AppError('MONTH_NOT_SUBMITTED', undefined, { month });
  await db.updateTable('stat_month').set({ submitted_at: null, submitted_by: null }).where('month', '=', month).execute();
  await recordAudit(ctx, {
    action: 'reopen',
    entity: 'stat-month',
    entityId: month,
    summary: month,
    before: { submittedAt: submission.submitted_at, submittedBy: submission.display_name },
    after: { submittedAt: null },
  });
  return sheetOf(db, month);
}

/**
 * Reporting for each month of the year up to the current one. A station counts in a month only if it
 * operated then; stations that operated in none of these months are left out of `stations`, so every
 * rate listed has a denominator (per mille, rounded).
 */
export async function completeness(ctx: RequestContext, input: Parsed<'stats.completeness'>): Promise<Completeness> {
  const db = ctx.database();
  ctx.countyCode();
  const now = thisMonth(ctx.clock);
  const months = Array.from({ length: 12 }, (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`).filter((m) => m <= now);
  if (months.length === 0) return { year: input.year, months: [], stations: [] };

  const stations = (await stationsInSheetOrder(db)).map((s) => ({ s, lifecycle: lifecycleOf(s), operating: 0, reported: 0 }));
  const stats = await db
    .selectFrom('station_month_stat')
    .select(['station_id', 'month'])
    .where('month', '>=', months[0]!)
    .where('month', '<=', months.at(-1)!)
    .execute();
  const reported = new Set(stats.map((r) => `${r.station_id} ${r.month}`));

  const byMonth = months.map((month) => {
    const row = { month, operating: 0, reported: 0, missing: [] as { stationId: string; name: string }[] };
    for (const entry of stations) {
      if (!operatingInMonth(entry.lifecycle, month)) continue;
      row.operating++;
      entry.operating++;
      if (reported.has(`${entry.s.id} ${month}`)) {
        row.reported++;
        entry.reported++;
      } else {
        row.missing.push({ stationId: entry.s.id, name: entry.s.name });
      }
    }
    return row;
  });
  return {
    year: input.year,
    months: byMonth,
    stations: stations
      .filter((e) => e.operating > 0)
      .map((e) => ({
        stationId: e.s.id,
        name: e.s.name,
        monthsOperating: e.operating,
        monthsReported: e.reported,
        rate: Math.round((e.reported * 1000) / e.operating),
      })),
  };
}

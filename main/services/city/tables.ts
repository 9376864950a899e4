import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { CityRow, CityTable, CoverageCells, ProgressCells, RenovationCells, ResidentsCells } from '../../contract/areas/city';
import type { BundlePurpose, Period } from '../../contract/areas/bundles';
import type { BundleSummary } from '../../bundles/content';
import { periodRange } from '../../bundles/statement';
import type { RequestContext } from '../context';
import { perMille } from '../station-reports/station-reports';
import { cityCode, countiesOf } from './city-office';
import { currentBundleIds } from './import';

export { listRecords } from './records';

/**
 * The city tables: one row per county of the city (in bulletin order), each from the summary of
 * the county's current bundle for the period (its latest accepted sequence, so a correction
 * supersedes), and a 合计 row. Totals are sums; rates are recomputed from the sums, never averaged.
 */

interface CurrentSummary {
  bundleId: string;
  sequence: number;
  fileName: string;
  importedAt: string;
  purpose: BundlePurpose;
  summary: BundleSummary;
}

async function currentSummaries(db: Kysely<Database>, period: string): Promise<Map<string, CurrentSummary>> {
  const ids = [...(await currentBundleIds(db, period))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('bundle_import')
    .select(['id', 'county_code', 'sequence', 'file_name', 'imported_at', 'purpose', 'summary'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.county_code,
      {
        bundleId: r.id,
        sequence: r.sequence,
        fileName: r.file_name,
        importedAt: r.imported_at,
        purpose: r.purpose,
        summary: JSON.parse(r.summary) as BundleSummary,
      },
    ]),
  );
}

/** A table over every county of the city; `total` sums the counties that sent the period. */
async function cityTable<T>(ctx: RequestContext, period: string, cells: (s: BundleSummary) => T, total: (rows: T[]) => T): Promise<CityTable<T>> {
  const city = cityCode(ctx);
  const current = await currentSummaries(ctx.database(), period);
  const rows: CityRow<T>[] = countiesOf(city).map((county) => {
    const found = current.get(county.code);
    return {
      countyCode: county.code,
      countyName: county.name,
      source: found
        ? { bundleId: found.bundleId, sequence: found.sequence, fileName: found.fileName, importedAt: found.importedAt, purpose: found.purpose }
        : null,
      cells: found ? cells(found.summary) : null,
    };
  });
  const reported = rows.flatMap((r) => (r.cells ? [r.cells] : []));
  return { period, rows, total: total(reported), countiesReporting: reported.length };
}

function sum<T>(rows: T[], pick: (row: T) => number): number {
  return rows.reduce((acc, row) => acc + pick(row), 0);
}

/** Sum of the figures that are set; null when none is (no county set a target). */
function sumKnown<T>(rows: T[], pick: (row: T) => number | null): number | null {
  const known = rows.map(pick).filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

export async function periods(ctx: RequestContext): Promise<Output<'cityTables.periods'>> {
  cityCode(ctx);
  const rows = await ctx
    .database()
    .selectFrom('bundle_import')
    .select((eb) => ['period_kind', 'period_label', 'period_end', eb.fn.count<number>('county_code').distinct().as('counties')])
    .groupBy(['period_kind', 'period_label', 'period_end'])
    .execute();
  const result = rows.map((r) => {
    const period: Period = { kind: r.period_kind, label: r.period_label, start: periodRange(r.period_kind, r.period_label)?.start ?? r.period_end, end: r.period_end };
    return { period, counties: Number(r.counties) };
  });
  // Newest first; of periods ending on the same day the longest first (2021 before 2021-Q4 before 2021-12).
  return result.sort((a, b) => b.period.end.localeCompare(a.period.end) || a.period.start.localeCompare(b.period.start));
}

export function progressCells(s: BundleSummary): ProgressCells {
  const p = s.progress;
  return { tasks: p.tasks, built: p.built, ratePerMille: p.ratePerMille, bedsInstalled: p.bedsInstalled, homeVisits: p.homeVisits };
}

export function progressTotal(rows: ProgressCells[]): ProgressCells {
  const tasks = sum(rows, (r) => r.tasks);
  const built = sum(rows, (r) => r.built);
  return { tasks, built, ratePerMille: perMille(built, tasks), bedsInstalled: sum(rows, (r) => r.bedsInstalled), homeVisits: sum(rows, (r) => r.homeVisits) };
}

export async function progressTable(ctx: RequestContext, input: Parsed<'cityTables.progress'>): Promise<Output<'cityTables.progress'>> {
  return cityTable(ctx, input.period, progressCells, progressTotal);
}

function coverageCells(s: BundleSummary): CoverageCells {
  const { streets, towns } = s.coverage;
  return {
    streetsTotal: streets.total,
    streetsCovered: streets.covered,
    streetsRatePerMille: streets.ratePerMille,
    townsTotal: towns.total,
    townsCovered: towns.covered,
    townsRatePerMille: towns.ratePerMille,
  };
}

function coverageTotal(rows: CoverageCells[]): CoverageCells {
  const streetsTotal = sum(rows, (r) => r.streetsTotal);
  const streetsCovered = sum(rows, (r) => r.streetsCovered);
  const townsTotal = sum(rows, (r) => r.townsTotal);
  const townsCovered = sum(rows, (r) => r.townsCovered);
  return {
    streetsTotal,
    streetsCovered,
    streetsRatePerMille: perMille(streetsCovered, streetsTotal),
    townsTotal,
    townsCovered,
    townsRatePerMille: perMille(townsCovered, townsTotal),
  };
}

export async function coverageTable(ctx: RequestContext, input: Parsed<'cityTables.coverage'>): Promise<Output<'cityTables.coverage'>> {
  return cityTable(ctx, input.period, coverageCells, coverageTotal);
}

function residentsCells(s: BundleSummary): ResidentsCells {
  const r = s.residents;
  return {
    institutions: r.institutions.length,
    totalBeds: r.total.totalBeds,
    residents: r.total.residents,
    onLeave: r.total.onLeave,
    ratePerMille: r.total.ratePerMille,
    tekunElderly: r.byCategory.find((c) => c.category === 'tekun_elderly')?.total ?? 0,
    children: r.children,
  };
}

function residentsTotal(rows: ResidentsCells[]): ResidentsCells {
  const totalBeds = sum(rows, (r) => r.totalBeds);
  const residents = sum(rows, (r) => r.residents);
  return {
    institutions: sum(rows, (r) => r.institutions),
    totalBeds,
    residents,
    onLeave: sum(rows, (r) => r.onLeave),
    ratePerMille: perMille(residents, totalBeds),
    tekunElderly: sum(rows, (r) => r.tekunElderly),
    children: sum(rows, (r) => r.children),
  };
}

export async function residentsTable(ctx: RequestContext, input: Parsed<'cityTables.residents'>): Promise<Output<'cityTables.residents'>> {
  return cityTable(ctx, input.period, residentsCells, residentsTotal);
}

function renovationCells(s: BundleSummary): RenovationCells {
  const r = s.renovations;
  return {
    target: r.target,
    cases: r.cases,
    open: r.open,
    applied: r.applied,
    assessed: r.assessed,
    worksStarted: r.worksStarted,
    accepted: r.accepted,
    paid: r.paid,
    closed: r.closed,
    subsidyPaidFen: r.subsidyPaidFen,
  };
}

function renovationTotal(rows: RenovationCells[]): RenovationCells {
  return {
    target: sumKnown(rows, (r) => r.target),
    cases: sum(rows, (r) => r.cases),
    open: sum(rows, (r) => r.open),
    applied: sum(rows, (r) => r.applied),
    assessed: sum(rows, (r) => r.assessed),
    worksStarted: sum(rows, (r) => r.worksStarted),
    accepted: sum(rows, (r) => r.accepted),
    paid: sum(rows, (r) => r.paid),
    closed: sum(rows, (r) => r.closed),
    subsidyPaidFen: sum(rows, (r) => r.subsidyPaidFen),
  };
}

export async function renovationsTable(ctx: RequestContext, input: Parsed<'cityTables.renovations'>): Promise<Output<'cityTables.renovations'>> {
  return cityTable(ctx, input.period, renovationCells, renovationTotal);
}

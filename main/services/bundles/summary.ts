import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Period } from '../../contract/areas/bundles';
import { CASE_STATES } from '../../contract/areas/renovation-enums';
import { RESIDENT_CATEGORIES, type ResidentCategory } from '../../contract/areas/welfare-enums';
import { SUMMARY_SCHEMA, type BundleSummary } from '../../bundles/content';
import { programmeOf } from '../renovations/progress';
import { isChildStay } from '../residents/resident-view';
import { coverageOf } from '../station-reports/coverage';
import { perMille, progressOf } from '../station-reports/station-reports';
import { coversDay, occupancyOn } from '../welfare-homes/occupancy';

/**
 * The period's report rows (the bundle's `summary` file): what the city's tables show for this
 * county, each figure as of the period end. Computed by the same code as the county's own reports,
 * so a year bundle's progress row is exactly the county's reports.progress row for that year.
 */

export interface CountyIdentity {
  code: string;
  name: string;
  office: string;
}

/** Months of the period, YYYY-MM, in order. */
function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = period.start.split('-').map(Number) as [number, number];
  const last = period.end.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

async function services(db: Kysely<Database>, period: Period): Promise<BundleSummary['services']> {
  const months = monthsOf(period);
  const rows = await db
    .selectFrom('station_month_stat')
    .select((eb) => [
      'month',
      eb.fn.sum<number>('home_visits').as('home'),
      eb.fn.sum<number>('on_site').as('onSite'),
      eb.fn.sum<number>('meals').as('meals'),
      eb.fn.countAll<number>().as('stations'),
    ])
    .where('month', '>=', months[0]!)
    .where('month', '<=', months.at(-1)!)
    .groupBy('month')
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month);
    return { month, home: Number(r?.home ?? 0), onSite: Number(r?.onSite ?? 0), meals: Number(r?.meals ?? 0), stationsReporting: Number(r?.stations ?? 0) };
  });
}

/** Occupancy and residents by category on the period end, as the residents overview counts them. */
async function residents(db: Kysely<Database>, day: string): Promise<BundleSummary['residents']> {
  const occupancy = await occupancyOn(db, day);
  const institutions = (
    await db
      .selectFrom('institution')
      .select(['id', 'name', 'total_beds'])
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', day)]))
      .orderBy('name_pinyin')
      .orderBy('id')
      .execute()
  ).map((i) => {
    const here = occupancy.get(i.id) ?? { residents: 0, onLeave: 0 };
    return { id: i.id, name: i.name, totalBeds: i.total_beds, residents: here.residents, onLeave: here.onLeave, ratePerMille: perMille(here.residents, i.total_beds) };
  });
  const sum = (pick: (r: (typeof institutions)[number]) => number) => institutions.reduce((total, r) => total + pick(r), 0);
  const stays = await db
    .selectFrom('residence_period')
    .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
    .innerJoin('person', 'person.id', 'resident.person_id')
    .where('resident.status', '!=', 'void')
    .where(coversDay(day))
    .select(['resident.id', 'resident.category', 'person.birth_date'])
    .distinct()
    .execute();
  const byCategory = new Map<ResidentCategory, number>(RESIDENT_CATEGORIES.map((c) => [c, 0]));
  for (const s of stays) byCategory.set(s.category, byCategory.get(s.category)! + 1);
  return {
    institutions,
    total: { totalBeds: sum((r) => r.totalBeds), residents: sum((r) => r.residents), onLeave: sum((r) => r.onLeave), ratePerMille: perMille(sum((r) => r.residents), sum((r) => r.totalBeds)) },
    byCategory: RESIDENT_CATEGORIES.map((category) => ({ category, total: byCategory.get(category)! })),
    children: stays.filter((s) => isChildStay(s.category, s.birth_date, day)).length,
  };
}

/** The plan year's renovations up to the period end; the target is that of the quarters ended by then. */
async function renovations(db: Kysely<Database>, year: number, day: string): Promise<BundleSummary['renovations']> {
  const programme = await programmeOf(db, year, day);
  const quarterEnds = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`];
  const target = programme.target
    ? [programme.target.q1, programme.target.q2, programme.target.q3, programme.target.q4].reduce((sum, n, i) => (quarterEnds[i]! <= day ? sum + n : sum), 0)
    : null;
  const byState = new Map<string, number>(CASE_STATES.map((s) => [s, 0]));
  for (const c of programme.cases) byState.set(c.state, byState.get(c.state)! + 1);
  const { cases, open, applied, assessed, worksStarted, accepted, paid, closed, subsidyPaidFen } = programme.total;
  return {
    year,
    target,
    applied,
    assessed,
    worksStarted,
    accepted,
    paid,
    closed,
    subsidyPaidFen,
    cases,
    open,
    byState: CASE_STATES.map((state) => ({ state, count: byState.get(state)! })),
  };
}

export async function buildSummary(db: Kysely<Database>, county: CountyIdentity, period: Period): Promise<BundleSummary> {
  const year = Number(period.end.slice(0, 4));
  const progress = await progressOf(db, year, period.end);
  const coverage = await coverageOf(db, county.code, period.end);
  const summary: BundleSummary = {
    county,
    period: period.label,
    asOf: period.end,
    progress: {
      year,
      tasks: progress.tasks,
      built: progress.built,
      ratePerMille: progress.ratePerMille,
      bedsInstalled: progress.bedsInstalled,
      homeVisits: progress.homeVisits,
      target: progress.target ? { stations: progress.target.stations, familyBeds: progress.target.familyBeds, homeVisits: progress.target.homeVisits } : null,
    },
    coverage: { goalPerMille: coverage.goalPerMille, streets: coverage.streets, towns: coverage.towns },
    services: await services(db, period),
    residents: await residents(db, period.end),
    renovations: await renovations(db, year, period.end),
  };
  // What the city would refuse is never written: a failure here is a bug on this side.
  return SUMMARY_SCHEMA.parse(summary);
}

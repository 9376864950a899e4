import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createCityOffice } from '../../../tests/support/city-office';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { StationRows } from '../../../tests/support/station-rows';
import { parseIdNumber } from '../../contract/validators/id-number';
import { operatingInMonth, type Lifecycle } from '../stations/lifecycle';
import { YUNFU_BULLETIN_2021 } from './demo-county';
import { apportion, DemoRandom } from './demo-random';
import { demoMonths } from './demo-stats';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function office(code: string): Promise<TestOffice> {
  const o = await createTestOffice(code);
  open.push(o);
  return o;
}

function side(o: TestOffice): StationRows {
  const rows = new StationRows(o);
  open.push(rows);
  return rows;
}

/** The bulletin's table, row by row: county, tasks, built, rate, beds installed, home visits. */
const BULLETIN: [string, string, number, number, number, number, number][] = [
  ['445302', '云城区', 13, 13, 1000, 75, 8534],
  ['445303', '云安区', 15, 15, 1000, 45, 6868],
  ['445381', '罗定市', 29, 29, 1000, 110, 3960],
  ['445321', '新兴县', 17, 17, 1000, 60, 31035],
  ['445322', '郁南县', 19, 19, 1000, 45, 43863],
];

describe('demo data: the 2021 bulletin, county by county', () => {
  it.each(BULLETIN)('%s %s: demo + progress(2021) reproduce the bulletin row', async (code, _name, tasks, built, rate, beds, visits) => {
    const o = await office(code);
    const started = performance.now();
    const summary = await o.admin.call('demo.fill', {});
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(summary.stations).toBeGreaterThan(tasks);
    expect(summary.beds).toBeGreaterThanOrEqual(beds);
    const row = await o.admin.call('reports.progress', { year: 2021 });
    expect(row).toMatchObject({ year: 2021, tasks, built, ratePerMille: rate, bedsInstalled: beds, homeVisits: visits });
    expect(row.target).toMatchObject({ year: 2021, stations: tasks, familyBeds: beds, homeVisits: visits });
    const coverage = await o.admin.call('reports.coverage', {});
    expect(coverage.streets.covered).toBe(YUNFU_BULLETIN_2021[code]!.coveredStreets);
    expect(coverage.towns.covered).toBe(YUNFU_BULLETIN_2021[code]!.coveredTowns);
  }, 60_000);

  it('adds up, over the five counties, to the city: 93/93 tasks, 335 beds, 94 260 visits, 6 of 8 streets, 33 of 55 towns', () => {
    const all = Object.values(YUNFU_BULLETIN_2021);
    const sum = (pick: (f: (typeof all)[number]) => number) => all.reduce((s, f) => s + pick(f), 0);
    expect([sum((f) => f.tasks2021), sum((f) => f.beds2021), sum((f) => f.homeVisits2021)]).toEqual([93, 335, 94_260]);
    expect([sum((f) => f.coveredStreets), sum((f) => f.coveredTowns)]).toEqual([6, 33]);
  });
});

describe('demo data: content', () => {
  it('is plainly fictitious, valid, complete and consistent (云城区)', async () => {
    const o = await office('445302');
    await o.admin.call('demo.fill', {});
    const db = side(o).db;

    const people = await db.selectFrom('person').select(['name', 'id_number', 'notes']).execute();
    expect(people.length).toBeGreaterThan(75);
    for (const p of people) {
      expect(p.name.startsWith('演示')).toBe(true);
      const parsed = parseIdNumber(p.id_number!, '2026-11-22');
      expect(parsed.ok).toBe(true);
      expect(p.id_number!.slice(0, 6)).toBe('445302');
      expect(p.id_number![14]).toBe('9');
    }
    const stations = await db.selectFrom('station').selectAll().execute();
    for (const s of stations) expect(s.name.endsWith('（演示）')).toBe(true);
    const kinds = new Set(stations.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['canteen', 'county_centre', 'street_centre', 'town_centre', 'village_station']);
    expect(new Set(stations.map((s) => s.task_year))).toEqual(new Set([2020, 2021, 2022, 2023]));

    // Coverage plausible: 3 of 4 streets, 3 of 4 towns; the uncovered ones listed.
    const coverage = await o.admin.call('reports.coverage', {});
    expect(coverage.streets).toMatchObject({ total: 4, covered: 3, ratePerMille: 750 });
    expect(coverage.towns).toMatchObject({ total: 4, covered: 3, ratePerMille: 750 });
    expect(coverage.towns.uncovered).toHaveLength(1);

    // Every lifecycle state occurs.
    const board = await o.admin.call('reports.dashboard', { year: 2021 });
    for (const { state, count } of board.funnel) expect(count, state).toBeGreaterThan(0);
    expect(board.monthly.reduce((s, m) => s + m.home, 0)).toBe(8534);
    expect(board.monthly.every((m) => m.onSite > 0)).toBe(true);

    // No person has two beds on the same day; some beds ended; a few people had a second bed.
    const overlaps = await sql<{ n: number }>`
      SELECT count(*) AS n FROM family_bed a JOIN family_bed b ON a.person_id = b.person_id AND a.id < b.id
      WHERE a.install_date <= ifnull(b.end_date, '9999') AND b.install_date <= ifnull(a.end_date, '9999')`.execute(db);
    expect(overlaps.rows[0]!.n).toBe(0);
    const ended = await db.selectFrom('family_bed').select('id').where('end_date', 'is not', null).execute();
    expect(ended.length).toBeGreaterThan(5);
    const ends = (await o.admin.call('beds.list', { status: 'ended', limit: 500 })).total;
    expect(ends).toBe(ended.length);

    // Statistics: one row per operating station and month, 2021-01 up to October 2026 (today is 2026-11-22).
    const months = demoMonths('2026-11-22');
    expect(months[0]).toBe('2021-01');
    expect(months.at(-1)).toBe('2026-10');
    const stats = await db.selectFrom('station_month_stat').select(['station_id', 'month']).execute();
    const have = new Set(stats.map((s) => `${s.station_id} ${s.month}`));
    let expected = 0;
    for (const s of stations) {
      const lifecycle: Lifecycle = {
        planned: s.planned_date,
        construction: s.construction_date,
        completed: s.completed_date,
        accepted: s.accepted_date,
        operating: s.operating_date,
        suspended: s.suspended_date,
        closed: s.closed_date,
      };
      for (const month of months) {
        if (!operatingInMonth(lifecycle, month)) continue;
        expected++;
        expect(have.has(`${s.id} ${month}`), `${s.name} ${month}`).toBe(true);
      }
    }
    expect(stats.length).toBe(expected);
    const submitted = await db.selectFrom('stat_month').select('month').where('submitted_at', 'is not', null).orderBy('month').execute();
    expect(submitted.map((m) => m.month)).toEqual(months.slice(0, -1));
    const later = await o.admin.call('reports.progress', { year: 2023 });
    expect(later.homeVisits).toBeGreaterThan(8534);
    expect(later.tasks).toBeGreaterThan(0);

    // The demo went through the services: every record has its audit entry.
    const audited = await db.selectFrom('audit_entry').select(['entity', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('entity').execute();
    const count = (entity: string) => Number(audited.find((a) => a.entity === entity)?.n ?? 0);
    expect(count('person')).toBe(people.length);
    expect(count('station')).toBe(stations.length);
    expect(count('demo')).toBe(1);
    expect((await o.admin.call('targets.list', {})).map((t) => t.year)).toEqual([2023, 2022, 2021]);

    // And the subsidy statements of a month are there to look at.
    const statements = await o.admin.call('subsidy.statements', { month: '2021-06' });
    expect(statements.length).toBeGreaterThan(0);
  }, 60_000);

  it('is deterministic: the same county gives the same records', async () => {
    const names = async () => {
      const o = await office('445303');
      await o.admin.call('demo.fill', {});
      const db = side(o).db;
      const people = await db.selectFrom('person').select(['name', 'id_number']).orderBy('id_number').execute();
      const stations = await db.selectFrom('station').select(['name', 'operating_date']).orderBy('name').execute();
      return { people, stations };
    };
    expect(await names()).toEqual(await names());
  }, 60_000);

  it('gives another county a small plausible demo, and one without towns its guidance centre', async () => {
    const chaozhou = await office('445102');
    const summary = await chaozhou.admin.call('demo.fill', {});
    expect(summary.stations).toBeGreaterThan(5);
    const row = await chaozhou.admin.call('reports.progress', { year: 2021 });
    expect(row.tasks).toBeGreaterThanOrEqual(4);
    expect(row.built).toBe(row.tasks);
    expect(row.bedsInstalled).toBe(row.target!.familyBeds);
    expect(row.homeVisits).toBe(row.target!.homeVisits);

    const beijing = await office('110105');
    const small = await beijing.admin.call('demo.fill', {});
    expect(small.stations).toBe(1);
    expect(small.beds).toBeGreaterThan(0);
    expect((await beijing.admin.call('reports.progress', { year: 2021 })).homeVisits).toBe(1200);
  }, 60_000);
});

describe('demo data: welfare homes', () => {
  it('gives the county a welfare centre and nursing homes whose residents follow the rules', async () => {
    const o = await office('445302');
    const summary = await o.admin.call('demo.fill', {});
    expect(summary.institutions).toBe(4);
    const institutions = await o.admin.call('institutions.list', {});
    expect(institutions.map((i) => i.type).sort()).toEqual(['nursing_home', 'nursing_home', 'nursing_home', 'welfare_centre']);
    for (const i of institutions) {
      expect(i.name.endsWith('（演示）')).toBe(true);
      expect(i.residents).toBeGreaterThan(0);
      expect(i.residents).toBeLessThanOrEqual(i.registeredBeds);
      expect(i.registeredBeds).toBeLessThanOrEqual(i.totalBeds);
    }
    const db = side(o).db;
    const stays = await db.selectFrom('resident').select(['status', 'category']).execute();
    expect(stays).toHaveLength(summary.residents);
    expect(new Set(stays.map((s) => s.status))).toEqual(new Set(['present', 'leave', 'exited']));
    expect(new Set(stays.map((s) => s.category))).toEqual(new Set(['tekun_elderly', 'tekun_disabled', 'orphan', 'de_facto_unsupported']));
    const kinds = await db.selectFrom('resident_event').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['admit', 'exit', 'leave', 'move', 'reassess', 'return']);

    // No bed and no person in two places on any day (the services refuse it; the demo went through them).
    const clash = await sql<{ n: number }>`
      SELECT count(*) AS n FROM residence_period a JOIN residence_period b
        ON a.resident_id < b.resident_id AND (a.bed_id = b.bed_id OR a.person_id = b.person_id)
      WHERE a.from_date < ifnull(b.to_date, '9999') AND b.from_date < ifnull(a.to_date, '9999')`.execute(db);
    expect(clash.rows[0]!.n).toBe(0);

    // Every flag occurs, and last month's roster of the centre pays everyone under a fully set standard.
    const overview = await o.admin.call('residents.overview', {});
    expect(new Set(overview.flags.map((f) => f.flag))).toEqual(new Set(['reassessment_overdue', 'turning_18', 'long_leave']));
    const centre = institutions.find((i) => i.type === 'welfare_centre')!;
    const roster = await o.admin.call('allowance.roster', { institutionId: centre.id, month: '2026-10' });
    expect(roster.lines.length).toBeGreaterThan(10);
    expect(roster.lines.flatMap((l) => l.problems)).toEqual([]);
    expect(roster.totals.totalFen).toBe(roster.lines.reduce((sum, l) => sum + l.totalFen, 0));
    expect(roster.lines.filter((l) => l.orphanFen > 0).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe('demo data: renovations', () => {
  it('gives the county a year of renovation cases in every state, with photos and a stuck list', async () => {
    const o = await office('445302');
    const summary = await o.admin.call('demo.fill', {});
    expect(summary.renovationCases).toBe(52);
    const thisYear = await o.admin.call('renovations.list', { planYear: 2026, limit: 100 });
    const states = new Set(thisYear.rows.map((r) => r.state));
    for (const state of ['applied', 'county_reviewed', 'assessed', 'works_started', 'accepted', 'paid'] as const) expect(states, state).toContain(state);
    const lastYear = await o.admin.call('renovations.list', { planYear: 2025, limit: 100 });
    expect(lastYear.rows.every((r) => ['satisfaction', 'rejected', 'withdrawn'].includes(r.state))).toBe(true);

    const progress = await o.admin.call('renovations.progress', { year: 2026 });
    expect(progress.total.cases).toBe(thisYear.total);
    expect(progress.stuck.length).toBeGreaterThan(0);
    expect(progress.spentFen).toBeGreaterThan(0);
    expect(progress.spentFen).toBeLessThanOrEqual(progress.budgetFen!);

    // A paid case: its photos are intact, one "after" photo per subsidised line, paid = the plan's subsidy.
    const paid = thisYear.rows.find((r) => r.state === 'paid' || r.state === 'satisfaction')!;
    const full = await o.admin.call('renovations.get', { id: paid.id });
    expect(full.attachments.every((a) => a.fileState === 'ok')).toBe(true);
    for (const line of full.plan.lines.filter((l) => l.subsidised)) expect(line.afterPhotos).toBeGreaterThan(0);
    expect(full.plan.summary.subsidyFen).toBeLessThanOrEqual(300_000);
    expect(full.steps.find((s) => s.step === 'paid')!.amountFen).toBe(full.plan.summary.subsidyFen);
  }, 120_000);
});

describe('demo data: refusals', () => {
  it('needs an empty county office and an admin', async () => {
    const o = await office('445302');
    const clerk = await o.clientWithRole('clerk');
    expect((await clerk.refusal('demo.fill', {})).code).toBe('FORBIDDEN');
    await o.admin.call('people.create', { person: { name: '真实老人', idNumber: null, sex: 'F', birthDate: '1940-01-01' } });
    const refused = await o.admin.refusal('demo.fill', {});
    expect(refused.code).toBe('DEMO_NEEDS_EMPTY_OFFICE');
    expect((await o.admin.call('reports.progress', { year: 2021 })).tasks).toBe(0);

    const other = await office('445303');
    await side(other).station({ name: '已有站点', kind: 'county_centre' });
    expect((await other.admin.refusal('demo.fill', {})).code).toBe('DEMO_NEEDS_EMPTY_OFFICE');

    const city = await createCityOffice();
    open.push(city);
    expect((await city.admin.refusal('demo.fill', {})).code).toBe('NOT_A_COUNTY_OFFICE');
  }, 60_000);
});

describe('demo generator parts', () => {
  it('apportions exactly and draws the same numbers from the same seed', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(8534, [0.7, 1.3, 2.2, 0])).toEqual([1422, 2642, 4470, 0]);
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
    const a = new DemoRandom('seed');
    const b = new DemoRandom('seed');
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(Array.from({ length: 5 }, () => b.int(0, 1000)));
  });
});

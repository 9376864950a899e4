import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createCityOffice } from '../../../tests/support/city-office';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { StationRows } from '../../../tests/support/station-rows';

let office: TestOffice;
let rows: StationRows;

beforeEach(async () => {
  office = await createTestOffice();
  rows = new StationRows(office);
});
afterEach(() => {
  rows.close();
  office.close();
});

let seq = 100;
async function bedOn(stationId: string, installDate: string) {
  const { person } = await office.admin.call('people.create', { person: { name: `老人${seq}`, idNumber: idFor('1940-01-01', seq++) } });
  await office.admin.call('beds.create', { bed: { personId: person.id, stationId, installDate, devices: [] } });
}

describe('year targets', () => {
  it('upserts a year with versions and audit, admin only, newest year first', async () => {
    const first = await office.admin.call('targets.set', { year: 2021, stations: 13, familyBeds: 75, homeVisits: 8534 });
    expect(first).toMatchObject({ year: 2021, stations: 13, familyBeds: 75, homeVisits: 8534 });
    await office.admin.call('targets.set', { year: 2022, stations: 5, familyBeds: 40, homeVisits: 9000 });
    await office.admin.call('targets.set', { year: 2021, stations: 14, familyBeds: 75, homeVisits: 8534 });
    expect((await office.admin.call('targets.list', {})).map((t) => [t.year, t.stations])).toEqual([
      [2022, 5],
      [2021, 14],
    ]);
    const version = await rows.db.selectFrom('year_target').select('version').where('year', '=', 2021).executeTakeFirstOrThrow();
    expect(version.version).toBe(2);
    const audit = await office.admin.call('audit.list', { entity: 'year-target', entityId: '2021', limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(audit.rows[0]!.before).toMatchObject({ stations: 13, version: 1 });
    expect(audit.rows[0]!.after).toMatchObject({ stations: 14, version: 2 });
    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('targets.set', { year: 2023, stations: 1, familyBeds: 1, homeVisits: 1 })).code).toBe('FORBIDDEN');
    expect(await clerk.call('targets.list', {})).toHaveLength(2);
  });
});

describe('progress', () => {
  it('counts tasks, built stations, beds installed and home visits of the year from the records', async () => {
    const built = await rows.station({ name: '甲站', kind: 'village_station', town_code: '445302102', task_year: 2021, completed_date: '2021-06-01', operating_date: '2021-07-01' });
    // No completion date recorded, but accepted within the year: built.
    await rows.station({ name: '乙站', kind: 'village_station', town_code: '445302102', task_year: 2021, accepted_date: '2021-12-31' });
    await rows.station({ name: '丙站', kind: 'village_station', town_code: '445302102', task_year: 2021, completed_date: '2022-01-05' });
    await rows.station({ name: '丁站', kind: 'village_station', town_code: '445302102', task_year: 2021, planned_date: '2021-02-01', construction_date: '2021-05-01' });
    await rows.station({ name: '戊站', kind: 'village_station', town_code: '445302102', task_year: 2020, completed_date: '2020-06-01' });
    await rows.station({ name: '己站', kind: 'village_station', town_code: '445302102', task_year: 2022, planned_date: '2022-02-01' });
    await bedOn(built, '2020-12-31');
    await bedOn(built, '2021-01-01');
    await bedOn(built, '2021-12-31');
    await bedOn(built, '2022-01-01');
    await rows.stat(built, '2020-12', { home: 1000 });
    await rows.stat(built, '2021-01', { home: 30 });
    await rows.stat(built, '2021-12', { home: 12 });
    await rows.stat(built, '2022-01', { home: 2000 });

    const row = await office.admin.call('reports.progress', { year: 2021 });
    expect(row).toEqual({ year: 2021, tasks: 4, built: 2, ratePerMille: 500, bedsInstalled: 2, homeVisits: 42, target: null });
    await office.admin.call('targets.set', { year: 2021, stations: 4, familyBeds: 2, homeVisits: 40 });
    expect((await office.admin.call('reports.progress', { year: 2021 })).target).toMatchObject({ stations: 4, familyBeds: 2, homeVisits: 40 });
    expect(await office.admin.call('reports.progress', { year: 2022 })).toMatchObject({ tasks: 1, built: 0, ratePerMille: 0, bedsInstalled: 1, homeVisits: 2000 });
    expect(await office.admin.call('reports.progress', { year: 2019 })).toEqual({
      year: 2019,
      tasks: 0,
      built: 0,
      ratePerMille: null,
      bedsInstalled: 0,
      homeVisits: 0,
      target: null,
    });
  });

  it('rounds the completion rate to whole per mille', async () => {
    for (const [i, completed] of ['2021-03-01', '2021-04-01', null].entries()) {
      await rows.station({ name: `站${i}`, kind: 'village_station', town_code: '445302102', task_year: 2021, completed_date: completed });
    }
    expect((await office.admin.call('reports.progress', { year: 2021 })).ratePerMille).toBe(667);
  });
});

describe('coverage', () => {
  it('counts streets and towns with an accepted or operating comprehensive centre today', async () => {
    const centre = (kind: 'street_centre' | 'town_centre', town: string, dates: Record<string, string>) =>
      rows.station({ name: `${town}中心`, kind, town_code: town, ...dates });
    await centre('street_centre', '445302001', { completed_date: '2021-05-01', accepted_date: '2021-06-01', operating_date: '2021-07-01' });
    await centre('street_centre', '445302002', { completed_date: '2021-05-01', accepted_date: '2026-11-22' });
    await centre('street_centre', '445302003', { operating_date: '2021-07-01', suspended_date: '2025-01-01' });
    await centre('town_centre', '445302102', { construction_date: '2025-01-01' });
    await centre('town_centre', '445302103', { operating_date: '2022-07-01' });
    // A town centre does not cover a street, nor a village station a town.
    await centre('town_centre', '445302004', { operating_date: '2022-07-01' });
    await rows.station({ name: '村站', kind: 'village_station', town_code: '445302105', operating_date: '2022-07-01' });

    const coverage = await office.admin.call('reports.coverage', {});
    expect(coverage).toEqual({
      goalPerMille: 600,
      streets: {
        total: 4,
        covered: 2,
        ratePerMille: 500,
        uncovered: [
          { code: '445302003', name: '河口街道' },
          { code: '445302004', name: '安塘街道' },
        ],
      },
      towns: {
        total: 4,
        covered: 1,
        ratePerMille: 250,
        uncovered: [
          { code: '445302102', name: '腰古镇' },
          { code: '445302105', name: '前锋镇' },
          { code: '445302106', name: '南盛镇' },
        ],
      },
    });
  });

  it('leaves farms out and gives no rate where a county has no streets', async () => {
    const xinxing = await createTestOffice('445321');
    try {
      const coverage = await xinxing.admin.call('reports.coverage', {});
      expect(coverage.streets).toEqual({ total: 0, covered: 0, ratePerMille: null, uncovered: [] });
      // 新兴县: 12 towns; its three forest farms are not towns.
      expect(coverage.towns.total).toBe(12);
      expect(coverage.towns.uncovered.every((t) => t.name.endsWith('镇'))).toBe(true);
    } finally {
      xinxing.close();
    }
  });
});

describe('dashboard', () => {
  it('joins progress, coverage, a 12-month series and the lifecycle funnel with every state', async () => {
    const a = await rows.station({ name: '甲站', kind: 'village_station', town_code: '445302102', task_year: 2021, completed_date: '2021-06-01', operating_date: '2021-07-01' });
    const b = await rows.station({ name: '乙站', kind: 'street_centre', town_code: '445302001', task_year: 2021, accepted_date: '2021-09-01' });
    await rows.station({ name: '丙站', kind: 'village_station', town_code: '445302102', planned_date: '2023-01-01' });
    await rows.station({ name: '丁站', kind: 'village_station', town_code: '445302102' });
    await rows.station({ name: '戊站', kind: 'village_station', town_code: '445302102', operating_date: '2021-01-01', closed_date: '2024-01-01' });
    await rows.stat(a, '2021-07', { home: 10, onSite: 20, meals: 5 });
    await rows.stat(b, '2021-07', { home: 1, onSite: 2, meals: 3 });
    await rows.stat(a, '2021-12', { home: 7, onSite: 0, meals: 0 });
    await rows.stat(a, '2022-01', { home: 99, onSite: 99, meals: 99 });

    const board = await office.admin.call('reports.dashboard', { year: 2021 });
    expect(board.progress).toMatchObject({ year: 2021, tasks: 2, built: 2, ratePerMille: 1000, homeVisits: 18 });
    expect(board.coverage.streets.covered).toBe(1);
    expect(board.monthly).toHaveLength(12);
    expect(board.monthly[0]).toEqual({ month: '2021-01', home: 0, onSite: 0, meals: 0 });
    expect(board.monthly[6]).toEqual({ month: '2021-07', home: 11, onSite: 22, meals: 8 });
    expect(board.monthly[11]).toEqual({ month: '2021-12', home: 7, onSite: 0, meals: 0 });
    expect(board.funnel).toEqual([
      { state: 'planned', count: 2 },
      { state: 'construction', count: 0 },
      { state: 'completed', count: 0 },
      { state: 'accepted', count: 1 },
      { state: 'operating', count: 1 },
      { state: 'suspended', count: 0 },
      { state: 'closed', count: 1 },
    ]);
  });

  it('is refused to the city office, which keeps no county registers', async () => {
    const city = await createCityOffice();
    try {
      expect((await city.admin.refusal('reports.progress', { year: 2021 })).code).toBe('NOT_A_COUNTY_OFFICE');
      expect((await city.admin.refusal('reports.dashboard', { year: 2021 })).code).toBe('NOT_A_COUNTY_OFFICE');
    } finally {
      city.close();
    }
  });
});

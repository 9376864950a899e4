import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyedCity, createKeyedCounty, exportPeriod, type KeyedCity, type KeyedCounty } from '../../../tests/support/bundles';
import { enroll, importBundle } from '../../../tests/support/city-office';
import { maskIdNumber } from '../../contract/validators/id-number';
import { progressTotal } from './tables';

describe('the 合计 row', () => {
  it('recomputes the rate from the sums rather than averaging the counties’ rates', () => {
    const total = progressTotal([
      { tasks: 3, built: 1, ratePerMille: 333, bedsInstalled: 2, homeVisits: 10 },
      { tasks: 4, built: 4, ratePerMille: 1000, bedsInstalled: 5, homeVisits: 20 },
    ]);
    // (333 + 1000) / 2 would be 667; 5 of 7 tasks built is 714 ‰.
    expect(total).toEqual({ tasks: 7, built: 5, ratePerMille: 714, bedsInstalled: 7, homeVisits: 30 });
    expect(progressTotal([])).toEqual({ tasks: 0, built: 0, ratePerMille: null, bedsInstalled: 0, homeVisits: 0 });
  });
});

describe('city tables from imported bundles', () => {
  let city: KeyedCity;
  let yuncheng: KeyedCounty;
  let luoding: KeyedCounty;

  beforeAll(async () => {
    city = await createKeyedCity();
    const cityKey = { keyFile: city.keyFile, digits: city.digits };
    yuncheng = await createKeyedCounty('445302', { demo: true, city: cityKey });
    luoding = await createKeyedCounty('445381', { demo: true, city: cityKey });
    for (const county of [yuncheng, luoding]) {
      await enroll(city, county);
      expect((await importBundle(city.admin, (await exportPeriod(county.admin, county.office, '2021')).path)).outcome).toBe('accepted');
    }
  }, 120_000);
  afterAll(() => {
    for (const o of [city, yuncheng, luoding]) o?.close();
  });

  it('shows every county of the city, the ones that sent the period with their figures and source, and the total', async () => {
    const table = await city.admin.call('cityTables.progress', { period: '2021' });
    expect(table.rows.map((r) => [r.countyName, r.cells])).toEqual([
      ['云城区', { tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534 }],
      ['云安区', null],
      ['罗定市', { tasks: 29, built: 29, ratePerMille: 1000, bedsInstalled: 110, homeVisits: 3960 }],
      ['新兴县', null],
      ['郁南县', null],
    ]);
    expect(table.rows[0]!.source).toMatchObject({ sequence: 1, purpose: 'regular', fileName: '445302-2021-000001.wlb' });
    expect(table.rows[1]!.source).toBeNull();
    expect(table.total).toEqual({ tasks: 42, built: 42, ratePerMille: 1000, bedsInstalled: 185, homeVisits: 12494 });
    expect(table.countiesReporting).toBe(2);
    expect(await city.admin.call('cityTables.periods', {})).toEqual([
      { period: { kind: 'year', label: '2021', start: '2021-01-01', end: '2021-12-31' }, counties: 2 },
    ]);
  });

  it('adds up coverage, residents and renovations the same way', async () => {
    const coverage = await city.admin.call('cityTables.coverage', { period: '2021' });
    const reported = coverage.rows.flatMap((r) => (r.cells ? [r.cells] : []));
    expect(reported).toHaveLength(2);
    expect(coverage.total.townsTotal).toBe(reported[0]!.townsTotal + reported[1]!.townsTotal);
    expect(coverage.total.townsCovered).toBe(reported[0]!.townsCovered + reported[1]!.townsCovered);
    expect(coverage.total.streetsRatePerMille).toBe(Math.round((coverage.total.streetsCovered * 1000) / coverage.total.streetsTotal));

    const residents = await city.admin.call('cityTables.residents', { period: '2021' });
    const homes = residents.rows.flatMap((r) => (r.cells ? [r.cells] : []));
    expect(residents.total.residents).toBe(homes[0]!.residents + homes[1]!.residents);
    expect(residents.total.totalBeds).toBe(homes[0]!.totalBeds + homes[1]!.totalBeds);
    expect(residents.rows[3]).toMatchObject({ countyName: '新兴县', cells: null, source: null });

    const renovations = await city.admin.call('cityTables.renovations', { period: '2021' });
    const cases = renovations.rows.flatMap((r) => (r.cells ? [r.cells.cases] : []));
    expect(renovations.total.cases).toBe(cases.reduce((a, b) => a + b, 0));
  });

  it('drills down into the stations one bundle brought, searched and paged', async () => {
    const table = await city.admin.call('cityTables.progress', { period: '2021' });
    const bundleId = table.rows[0]!.source!.bundleId;
    const all = await city.admin.call('cityRecords.list', { bundleId, register: 'stations', limit: 5 });
    expect(all.columns.map((c) => c.key)).toContain('name');
    expect(all.registers.map((r) => r.contents)).toContain('stations');
    expect(all.rows).toHaveLength(5);
    expect(all.total).toBe(all.registers.find((r) => r.contents === 'stations')!.records);
    const next = await city.admin.call('cityRecords.list', { bundleId, register: 'stations', limit: 5, offset: 5 });
    expect(next.rows.map((r) => r.id).some((id) => all.rows.some((r) => r.id === id))).toBe(false);

    const name = String(all.rows[0]!.data.name);
    const found = await city.admin.call('cityRecords.list', { bundleId, register: 'stations', query: name });
    expect(found.rows.map((r) => r.data.name)).toContain(name);
    expect(found.total).toBeLessThan(all.total);
    expect(await city.admin.refusal('cityRecords.list', { bundleId, register: 'no_such_register' })).toMatchObject({ code: 'NOT_FOUND', field: 'register' });
  });

  it('masks ID numbers in the drill-down for those who may not see them in lists', async () => {
    const bundleId = (await city.admin.call('cityTables.progress', { period: '2021' })).rows[0]!.source!.bundleId;
    const full = await city.admin.call('cityRecords.list', { bundleId, register: 'people', limit: 3 });
    const idNumber = String(full.rows[0]!.data.idNumber);
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    const viewer = await city.office.clientWithRole('viewer');
    const shown = await viewer.call('cityRecords.list', { bundleId, register: 'people', limit: 3 });
    expect(shown.rows[0]).toMatchObject({ id: full.rows[0]!.id, data: { name: full.rows[0]!.data.name, idNumber: maskIdNumber(idNumber) } });
    expect(maskIdNumber(idNumber)).not.toBe(idNumber);
  });

  it('takes a county’s figures from its correction once it arrives', async () => {
    await yuncheng.admin.call('stations.create', {
      station: {
        name: '补报的村居家养老服务站',
        kind: 'village_station',
        townCode: '445302001',
        villageCode: '445302001009',
        taskYear: 2021,
        lifecycle: { planned: '2021-03-01' },
        services: [],
        oneStopSettlement: false,
      },
    });
    const { path } = await exportPeriod(yuncheng.admin, yuncheng.office, '2021', '漏报一个 2021 年建设任务');
    expect(await importBundle(city.admin, path)).toMatchObject({ outcome: 'accepted', sequence: 2, purpose: 'correction' });

    const table = await city.admin.call('cityTables.progress', { period: '2021' });
    expect(table.rows[0]).toMatchObject({ cells: { tasks: 14, built: 13, ratePerMille: 929 }, source: { sequence: 2, purpose: 'correction' } });
    expect(table.total).toMatchObject({ tasks: 43, built: 42, ratePerMille: 977 });
    const bundles = await city.admin.call('cityBundles.list', { countyCode: '445302', period: '2021' });
    expect(bundles.map((b) => [b.sequence, b.purpose, b.current, b.reason])).toEqual([
      [2, 'correction', true, '漏报一个 2021 年建设任务'],
      [1, 'regular', false, null],
    ]);
  });
});

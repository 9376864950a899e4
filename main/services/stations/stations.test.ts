import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../contract';
import { translateError } from '../../contract/errors';
import { createCityOffice } from '../../../tests/support/city-office';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';

/** 云城区: 云城街道 (a street) with 星岩社区; 腰古镇 (a town) with 腰古村. */
const YUNCHENG_STREET = '445302001';
const XINGYAN_COMMUNITY = '445302001009';
const YAOGU_TOWN = '445302102';
const YAOGU_VILLAGE = '445302102201';
const LUODING_STREET = '445381001';

type StationDraft = Input<'stations.create'>['station'];

function draft(overrides: Partial<StationDraft> = {}): StationDraft {
  return {
    name: '星岩社区居家养老服务站',
    kind: 'village_station',
    townCode: YUNCHENG_STREET,
    villageCode: XINGYAN_COMMUNITY,
    lifecycle: {},
    services: [],
    oneStopSettlement: false,
    ...overrides,
  };
}

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

async function stationAudit() {
  return (await office.admin.call('audit.list', { entity: 'station', limit: 100 })).rows;
}

describe('station register', () => {
  it('registers a station with short place names, its state derived from the dates and each service once', async () => {
    const station = await office.admin.call('stations.create', {
      station: draft({
        lifecycle: { planned: '2024-01-10', construction: '2024-03-01', completed: '2024-06-01', accepted: '2024-07-01', operating: '2024-08-01' },
        services: ['rehab', 'meals', 'meals'],
        operatingMode: 'commissioned',
        operatorName: '云浮市乐龄养老服务中心',
        medicalAgreementStart: '2024-08-01',
        medicalAgreementEnd: '2028-07-31',
        oneStopSettlement: true,
      }),
    });
    expect(station).toMatchObject({
      townName: '云城街道',
      villageName: '星岩社区居民委员会',
      state: 'operating',
      stateDate: '2024-08-01',
      services: ['meals', 'rehab'],
      oneStopSettlement: true,
      version: 1,
      updatedByName: '李管理',
    });
    expect(station.lifecycle).toEqual({
      planned: '2024-01-10',
      construction: '2024-03-01',
      completed: '2024-06-01',
      accepted: '2024-07-01',
      operating: '2024-08-01',
      suspended: null,
      closed: null,
    });
    expect(await office.admin.call('stations.get', { id: station.id })).toEqual(station);
  });

  it('places a station in a town of the county, a centre in a town of its kind, a village in its town — or saves nothing', async () => {
    const refusals: [Partial<StationDraft>, string, string][] = [
      [{ townCode: null, villageCode: null }, 'TOWN_REQUIRED', 'station.townCode'],
      [{ townCode: '445302', villageCode: null }, 'TOWN_REQUIRED', 'station.townCode'],
      [{ townCode: LUODING_STREET, villageCode: null }, 'DIVISION_OUTSIDE_OFFICE', 'station.townCode'],
      [{ townCode: '445302999', villageCode: null }, 'DIVISION_UNKNOWN', 'station.townCode'],
      [{ kind: 'street_centre', townCode: YAOGU_TOWN, villageCode: null }, 'TOWN_WRONG_KIND', 'station.townCode'],
      [{ kind: 'town_centre', townCode: YUNCHENG_STREET, villageCode: null }, 'TOWN_WRONG_KIND', 'station.townCode'],
      [{ villageCode: YAOGU_VILLAGE }, 'VILLAGE_NOT_IN_TOWN', 'station.villageCode'],
      [{ kind: 'county_centre', townCode: null, villageCode: XINGYAN_COMMUNITY }, 'VILLAGE_NOT_IN_TOWN', 'station.villageCode'],
    ];
    for (const [overrides, code, field] of refusals) {
      const error = await office.admin.refusal('stations.create', { station: draft(overrides) });
      expect(error, JSON.stringify(overrides)).toMatchObject({ code, field });
    }
    const wrongKind = await office.admin.refusal('stations.create', {
      station: draft({ kind: 'street_centre', townCode: YAOGU_TOWN, villageCode: null }),
    });
    expect(wrongKind.message).toBe('所在乡镇（街道）：街道综合养老服务中心应位于街道。');
    // The parameters are codes, so an English screen reads English.
    expect(translateError(wrongKind, 'en')).toBe('Town / street: a street comprehensive centre must be in a street.');
    expect((await office.admin.call('stations.list', {})).total).toBe(0);
    expect(await stationAudit()).toEqual([]);

    await office.admin.call('stations.create', { station: draft({ name: '云城区居家养老服务指导中心', kind: 'county_centre', townCode: null, villageCode: null }) });
    await office.admin.call('stations.create', { station: draft({ name: '云城街道综合养老服务中心', kind: 'street_centre', villageCode: null }) });
    await office.admin.call('stations.create', { station: draft({ name: '腰古镇综合养老服务中心', kind: 'town_centre', townCode: YAOGU_TOWN, villageCode: null }) });
    expect((await office.admin.call('stations.list', {})).total).toBe(3);
  });

  it('refuses lifecycle steps out of order and an agreement that ends before it starts', async () => {
    const order = await office.admin.refusal('stations.create', {
      station: draft({ lifecycle: { planned: '2024-01-10', completed: '2024-06-01', accepted: '2024-05-01' } }),
    });
    expect(order).toMatchObject({ code: 'LIFECYCLE_ORDER', field: 'station.lifecycle.accepted', params: { previous: '2024-06-01' } });
    const future = await office.admin.refusal('stations.create', { station: draft({ lifecycle: { operating: '2099-01-01' } }) });
    expect(future).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'station.lifecycle.operating' });
    const agreement = await office.admin.refusal('stations.create', {
      station: draft({ medicalAgreementStart: '2025-01-01', medicalAgreementEnd: '2024-12-31' }),
    });
    expect(agreement).toMatchObject({ code: 'AGREEMENT_END_BEFORE_START', field: 'station.medicalAgreementEnd' });
    expect((await office.admin.call('stations.list', {})).total).toBe(0);
    expect(await stationAudit()).toEqual([]);
  });

  it('refuses a second station of the same name in the same town, but not in another town', async () => {
    const first = await office.admin.call('stations.create', { station: draft({ name: '长者饭堂', kind: 'canteen', villageCode: null }) });
    const taken = await office.admin.refusal('stations.create', { station: draft({ name: '长者饭堂', kind: 'canteen', villageCode: null }) });
    expect(taken).toMatchObject({ code: 'STATION_NAME_TAKEN', field: 'station.name', params: { name: '长者饭堂' } });
    await office.admin.call('stations.create', { station: draft({ name: '长者饭堂', kind: 'canteen', townCode: YAOGU_TOWN, villageCode: null }) });
    const other = await office.admin.call('stations.create', { station: draft({ name: '星岩长者饭堂', kind: 'canteen', villageCode: null }) });

    await office.admin.call('stations.update', { id: first.id, version: 1, station: draft({ name: '长者饭堂', kind: 'canteen', villageCode: null, notes: '午餐' }) });
    const rename = await office.admin.refusal('stations.update', { id: other.id, version: 1, station: draft({ name: '长者饭堂', kind: 'canteen', villageCode: null }) });
    expect(rename).toMatchObject({ code: 'STATION_NAME_TAKEN', field: 'station.name' });
    expect(await office.admin.call('stations.get', { id: other.id })).toMatchObject({ name: '星岩长者饭堂', version: 1 });
  });

  it('lists by kind, town, state derived from today, operating mode and task year', async () => {
    const create = async (station: Partial<StationDraft>) => (await office.admin.call('stations.create', { station: draft(station) })).name;
    await create({ name: '星岩站', lifecycle: { operating: '2024-08-01' }, operatingMode: 'commissioned', taskYear: 2024 });
    await create({
      name: '腰古镇综合养老服务中心',
      kind: 'town_centre',
      townCode: YAOGU_TOWN,
      villageCode: null,
      lifecycle: { planned: '2025-01-01', construction: '2025-03-01' },
      taskYear: 2025,
    });
    await create({
      name: '腰古饭堂',
      kind: 'canteen',
      townCode: YAOGU_TOWN,
      villageCode: YAOGU_VILLAGE,
      lifecycle: { operating: '2023-01-01', suspended: '2025-06-01' },
      operatingMode: 'self',
    });
    await create({ name: '指导中心', kind: 'county_centre', townCode: null, villageCode: null });
    const names = async (filter: Input<'stations.list'>) => (await office.admin.call('stations.list', filter)).rows.map((r) => r.name);

    expect(await names({})).toEqual(['星岩站', '腰古饭堂', '腰古镇综合养老服务中心', '指导中心']);
    expect(await names({ state: 'operating' })).toEqual(['星岩站']);
    expect(await names({ state: 'suspended' })).toEqual(['腰古饭堂']);
    expect(await names({ state: 'construction' })).toEqual(['腰古镇综合养老服务中心']);
    expect(await names({ kind: 'canteen' })).toEqual(['腰古饭堂']);
    expect(await names({ townCode: YAOGU_TOWN })).toEqual(['腰古饭堂', '腰古镇综合养老服务中心']);
    expect(await names({ operatingMode: 'commissioned' })).toEqual(['星岩站']);
    expect(await names({ taskYear: 2025 })).toEqual(['腰古镇综合养老服务中心']);
    expect(await names({ townCode: YAOGU_TOWN, state: 'suspended' })).toEqual(['腰古饭堂']);

    const rows = (await office.admin.call('stations.list', {})).rows;
    expect(rows.find((r) => r.name === '腰古饭堂')).toMatchObject({ state: 'suspended', stateDate: '2025-06-01', townName: '腰古镇', villageName: '腰古村民委员会' });
    expect(rows.find((r) => r.name === '指导中心')).toMatchObject({ state: null, stateDate: null, townName: '', villageName: '' });
  });

  it('finds stations by part of the name, pinyin initials and full pinyin', async () => {
    for (const name of ['星岩社区居家养老服务站', '腰古镇综合养老服务中心', '云城街道长者饭堂', '50%助餐点']) {
      await office.admin.call('stations.create', { station: draft({ name, villageCode: null }) });
    }
    const names = async (query: string) => (await office.admin.call('stations.list', { query })).rows.map((r) => r.name);
    expect(await names('长者')).toEqual(['云城街道长者饭堂']);
    expect(await names('xy')).toEqual(['星岩社区居家养老服务站']);
    expect(await names('YGZ')).toEqual(['腰古镇综合养老服务中心']);
    expect(await names('yunchengjie')).toEqual(['云城街道长者饭堂']);
    expect(await names('养老服务')).toEqual(['星岩社区居家养老服务站', '腰古镇综合养老服务中心']);
    expect(await names('50%')).toEqual(['50%助餐点']);
    expect(await names('%')).toEqual(['50%助餐点']);
    expect(await names('_')).toEqual([]);
  });

  it('pages through a long list in pinyin order, without repeats, with the total on every page', async () => {
    const prefixes = ['赵', '钱', '孙', '李', '周', '吴'];
    for (let i = 0; i < 60; i++) {
      await office.admin.call('stations.create', { station: draft({ name: `${prefixes[i % 6]}家站${i}`, villageCode: null }) });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof office.admin.call<'stations.list'>>> = await office.admin.call('stations.list', { limit: 25, after });
      expect(page.total).toBe(60);
      seen.push(...page.rows.map((r) => r.name));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen[0]!.startsWith('李')).toBe(true);
    expect(seen.at(-1)!.startsWith('周')).toBe(true);
    const bad = await office.admin.refusal('stations.list', { after: 'not a cursor' });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', field: 'after' });
  });

  it('refuses a save based on an old version, naming who changed it, and keeps their change', async () => {
    const station = await office.admin.call('stations.create', { station: draft() });
    const clerk = await office.clientWithRole('clerk');
    await clerk.call('stations.update', { id: station.id, version: 1, station: draft({ beds: 10 }) });
    const error = await office.admin.refusal('stations.update', { id: station.id, version: 1, station: draft({ beds: 20 }) });
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.message).toContain('测试clerk');
    expect(await office.admin.call('stations.get', { id: station.id })).toMatchObject({ beds: 10, version: 2, updatedByName: '测试clerk' });
    expect((await stationAudit()).map((r) => r.action)).toEqual(['update', 'create']);
  });

  it("keeps the station's history, newest first, with before and after, readable by a viewer", async () => {
    const station = await office.admin.call('stations.create', { station: draft({ services: ['meals'] }) });
    await office.admin.call('stations.update', {
      id: station.id,
      version: 1,
      station: draft({ services: ['meals', 'visiting'], lifecycle: { operating: '2025-03-01' } }),
    });
    const viewer = await office.clientWithRole('viewer');
    const history = await viewer.call('stations.history', { id: station.id });
    expect(history.map((r) => r.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({
      entity: 'station',
      entityId: station.id,
      actorName: '李管理',
      before: { operating_date: null, services: ['meals'], version: 1 },
      after: { operating_date: '2025-03-01', services: ['meals', 'visiting'], version: 2 },
    });
    expect(history[0]!.after).not.toHaveProperty('name_pinyin');
    const missing = await viewer.refusal('stations.history', { id: '01900000-0000-7000-8000-000000000000' });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('lets viewers read but not register', async () => {
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('stations.create', { station: draft() })).code).toBe('FORBIDDEN');
    expect((await viewer.call('stations.list', {})).total).toBe(0);
  });
});

describe('station register in the city office', () => {
  it('refuses stations and their figures: the city keeps no county registers', async () => {
    const city = await createCityOffice();
    try {
      expect((await city.admin.refusal('stations.create', { station: draft() })).code).toBe('NOT_A_COUNTY_OFFICE');
      expect((await city.admin.refusal('stations.list', {})).code).toBe('NOT_A_COUNTY_OFFICE');
      expect((await city.admin.refusal('stats.month', { month: '2026-10' })).code).toBe('NOT_A_COUNTY_OFFICE');
    } finally {
      city.close();
    }
  });
});

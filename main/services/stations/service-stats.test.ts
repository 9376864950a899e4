import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../contract';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';

type StationDraft = Input<'stations.create'>['station'];
type Row = Input<'stats.save'>['rows'][number];

let office: TestOffice;
/** Station ids by short name; today is 2026-11-22. */
let s: { centre: string; xingyan: string; yaoguCentre: string; canteen: string; streetCentre: string };

async function station(overrides: Partial<StationDraft> & Pick<StationDraft, 'name' | 'kind'>): Promise<string> {
  const draft: StationDraft = { townCode: null, lifecycle: {}, services: [], oneStopSettlement: false, ...overrides };
  return (await office.admin.call('stations.create', { station: draft })).id;
}

beforeEach(async () => {
  office = await createTestOffice();
  s = {
    centre: await station({ name: '指导中心', kind: 'county_centre', lifecycle: { planned: '2026-01-01' } }),
    xingyan: await station({ name: '星岩站', kind: 'village_station', townCode: '445302001', lifecycle: { operating: '2024-08-01' } }),
    yaoguCentre: await station({ name: '腰古镇综合养老服务中心', kind: 'town_centre', townCode: '445302102', lifecycle: { operating: '2026-03-15' } }),
    canteen: await station({ name: '腰古饭堂', kind: 'canteen', townCode: '445302102', lifecycle: { operating: '2023-01-01', suspended: '2026-06-10' } }),
    streetCentre: await station({ name: '云城街道综合养老服务中心', kind: 'street_centre', townCode: '445302001', lifecycle: { operating: '2025-01-01' } }),
  };
});
afterEach(() => office.close());

function row(stationId: string, meals = 0, services: Row['services'] = {}): Row {
  return { stationId, meals, services };
}

function storedVersions(month: string): Record<string, number> {
  const db = new BetterSqlite3(office.dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT station_id, version FROM station_month_stat WHERE month = ?').all(month) as { station_id: string; version: number }[];
    return Object.fromEntries(rows.map((r) => [r.station_id, r.version]));
  } finally {
    db.close();
  }
}

async function statAudit(month?: string) {
  return (await office.admin.call('audit.list', { entity: 'stat-month', entityId: month ?? null, limit: 100 })).rows;
}

describe('monthly service statistics', () => {
  it('lists every station of the county for the month, by town, kind and pinyin, operating or not', async () => {
    const sheet = await office.admin.call('stats.month', { month: '2026-07' });
    expect(sheet.rows.map((r) => [r.stationName, r.townName, r.operating])).toEqual([
      ['指导中心', '', false],
      ['云城街道综合养老服务中心', '云城街道', true],
      ['星岩站', '云城街道', true],
      ['腰古镇综合养老服务中心', '腰古镇', true],
      ['腰古饭堂', '腰古镇', false],
    ]);
    expect(sheet.rows.every((r) => r.meals === null && !r.reported)).toBe(true);
    expect(sheet).toMatchObject({ month: '2026-07', submitted: null, totals: { home: 0, onSite: 0, meals: 0 } });
  });

  it('saves the rows in one go, summing home and on-site counts, with one audit entry and new versions only on change', async () => {
    const clerk = await office.clientWithRole('clerk');
    const sheet = await clerk.call('stats.save', {
      month: '2026-10',
      rows: [
        row(s.xingyan, 120, { meals: { home: 30, onSite: 90 }, visiting: { home: 12, onSite: 0 }, culture: { home: 0, onSite: 0 } }),
        row(s.streetCentre, 0, { rehab: { home: 0, onSite: 40 } }),
      ],
    });
    expect(sheet.rows.find((r) => r.stationId === s.xingyan)).toMatchObject({
      meals: 120,
      services: { meals: { home: 30, onSite: 90 }, visiting: { home: 12, onSite: 0 } },
      reported: true,
    });
    expect(sheet.rows.find((r) => r.stationId === s.canteen)).toMatchObject({ meals: null, reported: false });
    expect(sheet.totals).toEqual({ home: 42, onSite: 130, meals: 120 });
    const [entry, ...others] = await statAudit('2026-10');
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ action: 'save', summary: '2026-10 2 stations', actorName: '测试clerk', before: [] });
    expect(entry!.after).toEqual([
      { stationId: s.xingyan, station: '星岩站', meals: 120, services: { meals: { home: 30, onSite: 90 }, visiting: { home: 12, onSite: 0 } } },
      { stationId: s.streetCentre, station: '云城街道综合养老服务中心', meals: 0, services: { rehab: { home: 0, onSite: 40 } } },
    ]);

    await clerk.call('stats.save', {
      month: '2026-10',
      rows: [row(s.xingyan, 125, { meals: { home: 30, onSite: 90 }, visiting: { home: 12, onSite: 0 } }), row(s.streetCentre, 0, { rehab: { home: 0, onSite: 40 } })],
    });
    expect(storedVersions('2026-10')).toEqual({ [s.xingyan]: 2, [s.streetCentre]: 1 });
    const latest = (await statAudit('2026-10'))[0]!;
    expect(latest.before).toMatchObject([{ stationId: s.xingyan, meals: 120 }, { stationId: s.streetCentre, meals: 0 }]);
    expect((await office.admin.call('stats.month', { month: '2026-10' })).totals).toEqual({ home: 42, onSite: 130, meals: 125 });
  });

  it('refuses a future month but accepts the current one', async () => {
    const error = await office.admin.refusal('stats.save', { month: '2026-12', rows: [row(s.xingyan, 5)] });
    expect(error).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'month' });
    expect((await office.admin.call('stats.month', { month: '2026-12' })).totals.meals).toBe(0);
    await office.admin.call('stats.save', { month: '2026-11', rows: [row(s.xingyan, 5)] });
    expect(await statAudit()).toHaveLength(1);
  });

  it('refuses an unknown or repeated station, naming the row, and then saves none of the rows', async () => {
    const unknown = await office.admin.refusal('stats.save', {
      month: '2026-10',
      rows: [row(s.xingyan, 5), row('01900000-0000-7000-8000-000000000000', 1)],
    });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'rows.1.stationId' });
    const twice = await office.admin.refusal('stats.save', { month: '2026-10', rows: [row(s.xingyan, 5), row(s.streetCentre, 1), row(s.xingyan, 6)] });
    expect(twice).toMatchObject({ code: 'DUPLICATE_ROW', field: 'rows.2.stationId' });
    const sheet = await office.admin.call('stats.month', { month: '2026-10' });
    expect(sheet.rows.some((r) => r.reported)).toBe(false);
    expect(await statAudit()).toEqual([]);
  });

  it('refuses figures for a station not operating that month, naming the first non-zero cell', async () => {
    const cell = await office.admin.refusal('stats.save', {
      month: '2026-07',
      rows: [row(s.xingyan, 10), row(s.canteen, 0, { meals: { home: 0, onSite: 0 }, visiting: { home: 0, onSite: 3 }, culture: { home: 2, onSite: 0 } })],
    });
    expect(cell).toMatchObject({ code: 'STATION_NOT_OPERATING', field: 'rows.1.services.visiting.onSite', params: { station: '腰古饭堂', month: '2026-07' } });
    expect(cell.message).toBe('站点服务人次：“腰古饭堂”在 2026-07 未运营，不能填报服务数字。');
    const meals = await office.admin.refusal('stats.save', { month: '2026-02', rows: [row(s.yaoguCentre, 8)] });
    expect(meals).toMatchObject({ code: 'STATION_NOT_OPERATING', field: 'rows.0.meals' });
    expect((await office.admin.call('stats.month', { month: '2026-07' })).rows.some((r) => r.reported)).toBe(false);

    // All-zero rows of stations not operating are accepted and not stored; a station operating part of the month counts.
    const sheet = await office.admin.call('stats.save', { month: '2026-07', rows: [row(s.canteen), row(s.centre), row(s.xingyan, 10)] });
    expect(sheet.rows.filter((r) => r.reported).map((r) => r.stationName)).toEqual(['星岩站']);
    expect((await statAudit('2026-07'))[0]).toMatchObject({ summary: '2026-07 1 stations' });
    const march = await office.admin.call('stats.save', { month: '2026-03', rows: [row(s.yaoguCentre, 8)] });
    expect(march.rows.find((r) => r.stationId === s.yaoguCentre)).toMatchObject({ operating: true, meals: 8 });
  });

  it('clears figures left for a month in which corrected dates show the station was not operating', async () => {
    await office.admin.call('stats.save', { month: '2026-06', rows: [row(s.canteen, 7)] });
    const canteen = await office.admin.call('stations.get', { id: s.canteen });
    await office.admin.call('stations.update', {
      id: s.canteen,
      version: canteen.version,
      station: { name: '腰古饭堂', kind: 'canteen', townCode: '445302102', lifecycle: { operating: '2023-01-01', suspended: '2026-05-20' }, services: [], oneStopSettlement: false },
    });
    const stale = (await office.admin.call('stats.month', { month: '2026-06' })).rows.find((r) => r.stationId === s.canteen);
    expect(stale).toMatchObject({ operating: false, reported: true, meals: 7 });

    const sheet = await office.admin.call('stats.save', { month: '2026-06', rows: [row(s.canteen)] });
    expect(sheet.rows.find((r) => r.stationId === s.canteen)).toMatchObject({ operating: false, reported: false, meals: null });
    expect((await statAudit('2026-06'))[0]).toMatchObject({ summary: '2026-06 0 stations', before: [{ stationId: s.canteen, meals: 7 }], after: [] });
  });

  it('refuses negative and fractional counts with the path of the cell', async () => {
    const negative = await office.admin.refusal('stats.save', { month: '2026-10', rows: [row(s.xingyan, 0, { meals: { home: -1, onSite: 0 } })] });
    expect(negative).toMatchObject({ code: 'TOO_SMALL', field: 'rows.0.services.meals.home', params: { min: 0 } });
    const fraction = await office.admin.refusal('stats.save', { month: '2026-10', rows: [row(s.xingyan, 0, { meals: { home: 1.5, onSite: 0 } })] });
    expect(fraction).toMatchObject({ code: 'NOT_INTEGER', field: 'rows.0.services.meals.home' });
    expect(await statAudit()).toEqual([]);
  });

  it('submits a month, after which nobody can change it until an admin reopens it', async () => {
    const clerk = await office.clientWithRole('clerk');
    await clerk.call('stats.save', { month: '2026-10', rows: [row(s.xingyan, 10)] });
    const submitted = await clerk.call('stats.submit', { month: '2026-10' });
    expect(submitted.submitted).toEqual({ at: '2026-11-22T02:00:00.000Z', by: '测试clerk' });

    const locked = await clerk.refusal('stats.save', { month: '2026-10', rows: [row(s.xingyan, 99)] });
    expect(locked).toMatchObject({ code: 'MONTH_SUBMITTED', params: { month: '2026-10' } });
    expect((await office.admin.refusal('stats.save', { month: '2026-10', rows: [row(s.xingyan, 99)] })).code).toBe('MONTH_SUBMITTED');
    expect((await clerk.refusal('stats.submit', { month: '2026-10' })).code).toBe('MONTH_SUBMITTED');
    expect((await clerk.refusal('stats.reopen', { month: '2026-10' })).code).toBe('FORBIDDEN');
    expect((await office.admin.call('stats.month', { month: '2026-10' })).totals.meals).toBe(10);

    const reopened = await office.admin.call('stats.reopen', { month: '2026-10' });
    expect(reopened.submitted).toBeNull();
    expect(await office.admin.refusal('stats.reopen', { month: '2026-10' })).toMatchObject({ code: 'MONTH_NOT_SUBMITTED', params: { month: '2026-10' } });
    expect(await clerk.refusal('stats.submit', { month: '2026-12' })).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'month' });
    await clerk.call('stats.save', { month: '2026-10', rows: [row(s.xingyan, 11)] });
    expect((await statAudit('2026-10')).map((r) => r.action)).toEqual(['save', 'reopen', 'submit', 'save']);
  });

  it('reports completeness for each month up to now and for each station that operated', async () => {
    for (let m = 1; m <= 10; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      const rows = [row(s.xingyan, m)];
      if (m <= 2) rows.push(row(s.streetCentre, 1));
      if (m === 3) rows.push(row(s.yaoguCentre, 1));
      await office.admin.call('stats.save', { month, rows });
    }
    const result = await office.admin.call('stats.completeness', { year: 2026 });
    expect(result.months.map((m) => m.month)).toEqual(Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(result.months[0]).toEqual({ month: '2026-01', operating: 3, reported: 2, missing: [{ stationId: s.canteen, name: '腰古饭堂' }] });
    expect(result.months.map((m) => [m.operating, m.reported])).toEqual([
      [3, 2], [3, 2], [4, 2], [4, 1], [4, 1], [4, 1], [3, 1], [3, 1], [3, 1], [3, 1], [3, 0],
    ]);
    expect(result.months[10]!.missing.map((m) => m.name)).toEqual(['云城街道综合养老服务中心', '星岩站', '腰古镇综合养老服务中心']);
    expect(result.stations).toEqual([
      { stationId: s.streetCentre, name: '云城街道综合养老服务中心', monthsOperating: 11, monthsReported: 2, rate: 182 },
      { stationId: s.xingyan, name: '星岩站', monthsOperating: 11, monthsReported: 10, rate: 909 },
      { stationId: s.yaoguCentre, name: '腰古镇综合养老服务中心', monthsOperating: 9, monthsReported: 1, rate: 111 },
      { stationId: s.canteen, name: '腰古饭堂', monthsOperating: 6, monthsReported: 0, rate: 0 },
    ]);
    expect(await office.admin.call('stats.completeness', { year: 2027 })).toEqual({ year: 2027, months: [], stations: [] });
    expect((await office.admin.call('stats.completeness', { year: 2025 })).months).toHaveLength(12);
  });
});

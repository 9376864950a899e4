import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../contract';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';
import { today } from '../../clock';
import { makeContext } from '../../context';
import type { CheckedRow, ImportEnv, RowValues } from '../types';
import { stationMonthStatsRegister } from './station-month-stats';

/** 云城区: 云城街道 (a street) with 星岩社区; 腰古镇 (a town). The office's clock stands in 2026-11. */
const YUNCHENG_STREET = '445302001';
const XINGYAN_COMMUNITY = '445302001009';
const YAOGU_TOWN = '445302102';

type StationDraft = Input<'stations.create'>['station'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

async function station(name: string, overrides: Partial<StationDraft> = {}) {
  return office.admin.call('stations.create', {
    station: {
      name,
      kind: 'village_station',
      townCode: YUNCHENG_STREET,
      villageCode: null,
      lifecycle: { operating: '2021-01-01' },
      services: [],
      oneStopSettlement: false,
      ...overrides,
    },
  });
}

async function rowOf(month: string, name: string) {
  const sheet = await office.admin.call('stats.month', { month });
  return sheet.rows.find((r) => r.stationName === name);
}

const HEADERS = ['月份', '站点名称', '所属镇（街道）', '助餐人次', '助洁上门人次', '助洁站点人次', '巡访关爱上门人次'];

describe('monthly service statistics import', () => {
  it("takes the template's example row once it names a month of its own", async () => {
    await station('星岩社区居家养老服务站', { villageCode: XINGYAN_COMMUNITY });
    const template = await office.admin.call('imports.template', { register: 'station_month_stats', locale: 'zh-CN' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(2).getCell(1).value = '2021-11';
    const report = await importFile(office.admin, 'station_month_stats', '模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(issueLines(report)).toEqual([]);
    expect(report.counts).toMatchObject({ create: 1, error: 0 });
    expect(await rowOf('2021-11', '星岩社区居家养老服务站')).toMatchObject({
      meals: 320,
      services: { meals: { home: 12, onSite: 320 }, cleaning: { home: 18, onSite: 0 }, visiting: { home: 45, onSite: 0 } },
    });
  });

  it('adds figures per station and month, updates changed ones, keeps stored figures under blank cells', async () => {
    await station('星岩服务站');
    await station('腰古服务站', { townCode: YAOGU_TOWN });
    const first = await writeXlsx(HEADERS, [
      ['2021-10', '星岩服务站', null, 100, 5, 6, 7],
      ['2021年11月', '星岩服务站', null, 110, 0, 0, 8],
      [new Date(Date.UTC(2021, 9, 1)), '腰古服务站', '腰古镇', 50, null, null, 3],
    ]);
    const created = await importFile(office.admin, 'station_month_stats', '服务统计.xlsx', first);
    expect(issueLines(created)).toEqual([]);
    expect(created.counts).toMatchObject({ create: 3, error: 0 });
    expect(await rowOf('2021-10', '星岩服务站')).toMatchObject({ meals: 100, services: { cleaning: { home: 5, onSite: 6 }, visiting: { home: 7, onSite: 0 } } });
    expect(await rowOf('2021-11', '星岩服务站')).toMatchObject({ meals: 110, services: { visiting: { home: 8, onSite: 0 } } });
    const october = await office.admin.call('stats.month', { month: '2021-10' });
    expect(october.totals).toEqual({ home: 15, onSite: 6, meals: 150 });

    // One figure changed, one row the same, and one row with blank cells (the stored figures stay).
    const second = await writeXlsx(HEADERS, [
      ['2021-10', '星岩服务站', null, 100, 5, 9, 7],
      ['2021-11', '星岩服务站', null, 110, 0, 0, 8],
      ['2021-10', '腰古服务站', null, null, null, null, null],
    ]);
    const preview = await importFile(office.admin, 'station_month_stats', '服务统计2.xlsx', second, { preview: true });
    expect(preview.counts).toMatchObject({ create: 0, update: 1, unchanged: 2, error: 0 });
    expect(preview.preview.find((p) => p.action === 'update')).toMatchObject({ row: 2, label: '2021-10 星岩服务站（云城街道）', changes: ['助洁站点人次'] });
    const updated = await importFile(office.admin, 'station_month_stats', '服务统计2.xlsx', second);
    expect(updated.counts).toMatchObject({ update: 1, unchanged: 2 });
    expect(await rowOf('2021-10', '星岩服务站')).toMatchObject({ services: { cleaning: { home: 5, onSite: 9 } } });
    expect(await rowOf('2021-10', '腰古服务站')).toMatchObject({ meals: 50, services: { visiting: { home: 3, onSite: 0 } } });
  });

  it('refuses submitted and future months, stations not operating, unknown or ambiguous stations — row by row', async () => {
    await station('星岩服务站');
    await station('同名站');
    await station('同名站', { townCode: YAOGU_TOWN });
    await station('未运营站', { lifecycle: { construction: '2021-01-01' } });
    await office.admin.call('stats.submit', { month: '2021-09' });
    const file = await writeXlsx(HEADERS, [
      ['2021-09', '星岩服务站', null, 1, 0, 0, 0],
      ['2099-01', '星岩服务站', null, 1, 0, 0, 0],
      ['2021-10', '未运营站', null, 1, 0, 0, 0],
      ['2021-10', '无此站', null, 1, 0, 0, 0],
      ['2021-10', '无此站', '腰古镇', 1, 0, 0, 0],
      ['2021-10', '同名站', null, 1, 0, 0, 0],
      ['21/10', '星岩服务站', null, 1, 0, 0, 0],
      ['2021-10', '星岩服务站', null, -3, 0, 0, 0],
      ['2021-10', '同名站', '腰古镇', 2, 0, 0, 0],
      ['2021-10', '同名站', '腰古', 2, 0, 0, 0],
    ]);
    const report = await importFile(office.admin, 'station_month_stats', '错误.xlsx', file);
    expect(issueLines(report)).toEqual([
      '2 月份 MONTH_SUBMITTED',
      '3 月份 MONTH_IN_FUTURE',
      '4 站点名称 STATION_NOT_OPERATING',
      '5 站点名称 IMPORT_STATION_NOT_FOUND',
      '6 站点名称 IMPORT_STATION_NOT_FOUND',
      '7 站点名称 IMPORT_STATION_AMBIGUOUS',
      '8 月份 IMPORT_NOT_A_MONTH',
      '9 助餐人次 IMPORT_OUT_OF_RANGE',
      '10 - IMPORT_DUPLICATE_IN_FILE',
      '11 - IMPORT_DUPLICATE_IN_FILE',
    ]);
    const message = new Map(report.issues.map((i) => [i.row, i.message]));
    expect(message.get(2)).toContain('2021-09');
    expect(message.get(6)).toBe('没有名为“无此站”的站点（腰古镇）。');
    expect(report.counts).toMatchObject({ create: 0, error: 10 });
    expect(await rowOf('2021-10', '星岩服务站')).toMatchObject({ reported: false });
  });

  it('writes the valid rows of a file with errors, or none of them when the clerk chose all or nothing', async () => {
    await station('星岩服务站');
    await station('未运营站', { lifecycle: { construction: '2021-01-01' } });
    const file = await writeXlsx(HEADERS, [
      ['2021-10', '星岩服务站', null, 10, 0, 0, 0],
      ['2021-10', '未运营站', null, 10, 0, 0, 0],
    ]);
    const strict = await importFile(office.admin, 'station_month_stats', '统计.xlsx', file, { allOrNothing: true });
    expect(strict).toMatchObject({ committed: false, counts: { create: 1, error: 1 } });
    expect(await rowOf('2021-10', '星岩服务站')).toMatchObject({ reported: false });
    const lenient = await importFile(office.admin, 'station_month_stats', '统计.xlsx', file);
    expect(lenient).toMatchObject({ committed: true, counts: { create: 1, error: 1 } });
    expect(await rowOf('2021-10', '星岩服务站')).toMatchObject({ reported: true, meals: 10 });
  });

  it('turns a refusal of the save itself into an error of that row (the month of the others is still saved)', async () => {
    await station('甲站');
    const second = await station('乙站');
    const ctx = await office.core.serviceContext(office.admin.session, 'clerk');
    const failures = await ctx.host.write(async (db) => {
      const env: ImportEnv = {
        ctx: { ...makeContext(ctx.session, ctx.clock, ctx.office, db, ctx.host), quietAudit: true },
        db,
        county: ctx.countyCode(),
        today: today(ctx.clock),
        locale: 'zh-CN',
      };
      const checker = await stationMonthStatsRegister.begin(env);
      const rows: CheckedRow<unknown>[] = [];
      for (const [row, name] of [[2, '甲站'], [3, '乙站']] as const) {
        const values: RowValues = { month: '2021-10', stationName: name, townCode: null, meals: 7 };
        const checked = checker.check(values, row);
        if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
        rows.push({ row, values, plan: checked.plan });
      }
      // Between the check and the write the second station loses its operating date: only the save can tell.
      await db.updateTable('station').set({ operating_date: null }).where('id', '=', second.id).execute();
      return checker.apply(rows as never, { advance: () => {}, breathe: async () => {} });
    });
    expect([...failures]).toEqual([[3, [{ column: 'meals', code: 'STATION_NOT_OPERATING', params: { station: '乙站', month: '2021-10' } }]]]);
    expect(await rowOf('2021-10', '甲站')).toMatchObject({ reported: true, meals: 7 });
    expect(await rowOf('2021-10', '乙站')).toMatchObject({ reported: false });
  });
});

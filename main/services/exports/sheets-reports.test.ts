import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyedCity, createKeyedCounty, exportPeriod, type KeyedCity, type KeyedCounty } from '../../../tests/support/bundles';
import { enroll, importBundle } from '../../../tests/support/city-office';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { exportWorkbook, rowValues } from '../../../tests/support/xlsx';

/** Each report table of a demo county (云城区), exported through the contract and read back as Excel sees it. */

let office: TestOffice;
beforeAll(async () => {
  office = await createTestOffice('445302');
  await office.admin.call('demo.fill', {});
}, 60_000);
afterAll(() => office?.close());

const sheetNames = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.name);
const headings = (ws: ExcelJS.Worksheet) => rowValues(ws, 4)[0];

describe('reports.progress', () => {
  it('reads like the 2021 bulletin: 县（市、区） 建设任务 已建成 完成率 家床安装户数 开展上门服务人次, as numbers', async () => {
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'reports.progress', input: { year: 2021 } });
    expect(out.fileName).toBe('云城区民政局-2021 年居家养老服务站点进展情况.xlsx');
    expect(out.rows).toBe(1);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('云城区民政局 2021 年居家养老服务站点进展情况');
    expect(String(ws.getCell('A2').value)).toMatch(/^2021 年 · 导出时间 2026-11-22 10:00 · 导出人 李管理$/);
    expect(headings(ws)).toEqual(['县（市、区）', '建设任务', '已建成', '完成率', '家床安装户数', '开展上门服务人次']);
    expect(rowValues(ws, 5)[0]).toEqual(['云城区', 13, 13, 1, 75, 8534]);
    expect(ws.getCell('D5').numFmt).toBe('0.0%');
    expect(ws.getCell('E5').numFmt).toBe('0');
    // The year's targets and the rule under the table.
    expect(String(ws.getCell('A7').value)).toBe('2021 年度任务：建设任务 13，家床安装户数 75，开展上门服务人次 8534');
  });

  it('speaks English when asked', async () => {
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'reports.progress', input: { year: 2021 }, locale: 'en' });
    expect(out.fileName).toBe('云城区民政局-Home-care stations_ progress in 2021.xlsx');
    const ws = workbook.worksheets[0]!;
    expect(headings(ws)).toEqual(['County', 'Tasks', 'Built', 'Completion', 'Family beds installed', 'Home visits']);
    expect(String(ws.getCell('A2').value)).toContain('Exported 2026-11-22 10:00 · by 李管理');
  });
});

describe('reports.coverage', () => {
  it('has streets and towns with totals, covered, the rate as a percentage and the uncovered by name', async () => {
    const coverage = await office.admin.call('reports.coverage', {});
    const { workbook } = await exportWorkbook(office.admin, { request: 'reports.coverage', input: {} });
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('云城区民政局 综合养老服务中心覆盖率');
    const [streets, towns] = rowValues(ws, 5);
    const s = coverage.streets;
    expect(streets).toEqual(['街道', s.total, s.covered, s.ratePerMille! / 1000, s.uncovered.map((u) => u.name).join('、') || null]);
    expect(towns).toEqual(['乡镇', 4, 3, 0.75, '腰古镇']);
    expect(ws.getCell('D6').numFmt).toBe('0.0%');
  });
});

describe('stats.month', () => {
  it('lists every station with its figures per service, and a 合计 row matching the month totals', async () => {
    const month = await office.admin.call('stats.month', { month: '2021-07' });
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'stats.month', input: { month: '2021-07' } });
    expect(out.rows).toBe(month.rows.length);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('云城区民政局 2021 年 7 月 服务统计表');
    expect(headings(ws)?.slice(0, 9)).toEqual(['站点', '类型', '乡镇/街道', '状态', '上门合计', '站点合计', '助餐人次', '助餐·上门', '助餐·站点']);
    const total = rowValues(ws, 5 + month.rows.length)[0]!;
    expect(total.slice(0, 7)).toEqual(['合计', null, null, null, month.totals.home, month.totals.onSite, month.totals.meals]);
    expect(ws.getRow(5 + month.rows.length).getCell(1).font?.bold).toBe(true);
    // A station's home visits across services add up to its 上门合计.
    const first = month.rows.find((r) => r.reported)!;
    const line = rowValues(ws, 5).find((r) => r[0] === first.stationName)!;
    expect(line[4]).toBe(Object.values(first.services).reduce((n, c) => n + (c?.home ?? 0), 0));
  });
});

describe('stats.completeness', () => {
  it('has a sheet by month and a sheet by station with the reporting rate as a percentage', async () => {
    const { workbook } = await exportWorkbook(office.admin, { request: 'stats.completeness', input: { year: 2021 } });
    expect(sheetNames(workbook)).toEqual(['按月份', '按站点']);
    const months = rowValues(workbook.worksheets[0]!, 5);
    expect(months).toHaveLength(12);
    expect(months[0]![0]).toBe('2021-01');
    const station = rowValues(workbook.worksheets[1]!, 5)[0]!;
    expect(station).toEqual(['云城区居家养老服务指导中心（演示）', 12, 12, 1]);
  });
});

describe('subsidy.statements', () => {
  it('sums the operators in 元 with a 合计 row, and lists every bed line with real dates', async () => {
    const statements = await office.admin.call('subsidy.statements', { month: '2025-07' });
    const { workbook } = await exportWorkbook(office.admin, { request: 'subsidy.statements', input: { month: '2025-07' } });
    expect(sheetNames(workbook)).toEqual(['汇总', '明细']);
    const summary = workbook.worksheets[0]!;
    expect(headings(summary)).toEqual(['运营机构', '床位（张）', '建床补贴（元）', '运营补贴（元）', '合计（元）', '状态']);
    const grand = statements.reduce((n, s) => n + s.totals.totalFen, 0);
    const totalRow = rowValues(summary, 5 + statements.length)[0]!;
    expect(totalRow[0]).toBe('合计');
    expect(totalRow[4]).toBeCloseTo(grand / 100, 2);
    expect(summary.getRow(5).getCell(5).numFmt).toBe('#,##0.00');
    const lines = workbook.worksheets[1]!;
    const first = statements[0]!.lines[0]!;
    const line = rowValues(lines, 5)[0]!;
    expect(line.slice(0, 2)).toEqual([statements[0]!.operatorName, first.personName]);
    expect((line[2] as Date).toISOString().slice(0, 10)).toBe(first.installDate);
    expect(line[6]).toBeCloseTo(first.operatingFen / 100, 2);
  });
});

describe('allowance.roster', () => {
  it('lists the residents with their days and amounts, 合计, and the lines’ problems as notes', async () => {
    const [institution] = await office.admin.call('institutions.list', {});
    const roster = await office.admin.call('allowance.roster', { institutionId: institution!.id, month: '2025-07' });
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'allowance.roster', input: { institutionId: institution!.id, month: '2025-07' } });
    expect(out.rows).toBe(roster.lines.length);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(`云城区民政局 ${institution!.name} 2025 年 7 月 津贴花名册`);
    const first = rowValues(ws, 5)[0]!;
    expect(first.slice(0, 7)).toEqual([1, roster.lines[0]!.name, roster.lines[0]!.idNumber, '特困老年人', '集中供养', 31, '部分丧失']);
    const total = rowValues(ws, 5 + roster.lines.length)[0]!;
    expect(total.slice(0, 6)).toEqual([`合计（${roster.totals.residents} 人）`, null, null, null, null, roster.totals.days]);
    const notes = rowValues(ws, 7 + roster.lines.length).map((r) => String(r[0]));
    expect(notes.some((n) => n.startsWith(`提示 · ${roster.lines[0]!.name}：`))).toBe(true);
  });
});

describe('residents.overview', () => {
  it('has occupancy per institution (rate as a percentage, 合计) and residents by category and self-care level', async () => {
    const overview = await office.admin.call('residents.overview', { onDate: '2025-07-31' });
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'residents.overview', input: { onDate: '2025-07-31' } });
    expect(sheetNames(workbook)).toEqual(['入住情况', '供养对象分类统计']);
    expect(out.rows).toBe(overview.occupancy.length + overview.byCategory.length);
    const occupancy = workbook.worksheets[0]!;
    const total = rowValues(occupancy, 5 + overview.occupancy.length)[0]!;
    expect(total).toEqual(['合计', null, 112, 30, 58, 0, 0.518]);
    expect(occupancy.getRow(5 + overview.occupancy.length).getCell(7).numFmt).toBe('0.0%');
    const byCategory = workbook.worksheets[1]!;
    expect(headings(byCategory)).toEqual(['供养类别', '全自理', '部分丧失', '完全丧失', '未评估', '合计']);
    expect(rowValues(byCategory, 5)[0]).toEqual(['特困老年人', 12, 26, 11, 0, 49]);
    const sum = overview.byCategory.reduce((n, r) => n + r.total, 0);
    expect(rowValues(byCategory, 5 + overview.byCategory.length)[0]!.at(-1)).toBe(sum);
  });
});

describe('renovations.progress', () => {
  it('has the quarters against their targets with 全年合计, the towns with 合计, and the stuck cases', async () => {
    const { workbook } = await exportWorkbook(office.admin, { request: 'renovations.progress', input: { year: 2025 } });
    expect(sheetNames(workbook)).toEqual(['按季度', '按乡镇（街道）', '停滞案件']);
    const quarters = workbook.worksheets[0]!;
    expect(headings(quarters)).toEqual(['季度', '目标户数', '申请', '入户评估', '开工', '验收合格', '补助发放', '不予受理/撤回', '补助发放金额（元）']);
    const rows = rowValues(quarters, 5);
    expect(rows[2]).toEqual(['三季度', 4, 2, 4, 5, 6, 6, 0, 8910]);
    expect(rows[4]).toEqual(['全年合计', 16, 16, 16, 16, 16, 16, 0, 27960]);
    expect(quarters.getRow(7).getCell(9).numFmt).toBe('#,##0.00');
    const towns = rowValues(workbook.worksheets[1]!, 5);
    expect(towns.at(-1)!.slice(0, 3)).toEqual(['合计', 16, 0]);
  });
});

describe('city tables', () => {
  let city: KeyedCity;
  let yuncheng: KeyedCounty;

  beforeAll(async () => {
    city = await createKeyedCity();
    yuncheng = await createKeyedCounty('445302', { demo: true, city: { keyFile: city.keyFile, digits: city.digits } });
    await enroll(city, yuncheng);
    await importBundle(city.admin, (await exportPeriod(yuncheng.admin, yuncheng.office, '2021')).path);
  }, 120_000);
  afterAll(() => {
    city?.close();
    yuncheng?.close();
  });

  it('has one row per county in the city’s order, 未报送 where none arrived, the bundle each came from, and 合计', async () => {
    const { out, workbook } = await exportWorkbook(city.admin, { request: 'cityTables.progress', input: { period: '2021' } });
    expect(out.rows).toBe(5);
    expect(out.fileName).toMatch(/^[^-]+-2021 年居家养老服务站点进展情况\.xlsx$/);
    const ws = workbook.worksheets[0]!;
    expect(headings(ws)).toEqual(['县（市、区）', '建设任务', '已建成', '完成率', '家床安装户数', '开展上门服务人次', '数据来源']);
    const rows = rowValues(ws, 5);
    expect(rows[0]).toEqual(['云城区', 13, 13, 1, 75, 8534, '序号 1（445302-2021-000001.wlb）']);
    expect(rows[1]).toEqual(['云安区', null, null, null, null, null, '未报送']);
    expect(rows[5]).toEqual(['合计', 13, 13, 1, 75, 8534, null]);
    expect(ws.getRow(10).getCell(2).font?.bold).toBe(true);
  });

  it.each(['cityTables.coverage', 'cityTables.residents', 'cityTables.renovations'] as const)('%s: five counties and 合计', async (request) => {
    const table = await city.admin.call(request, { period: '2021' });
    const { workbook } = await exportWorkbook(city.admin, { request, input: { period: '2021' } });
    const rows = rowValues(workbook.worksheets[0]!, 5);
    expect(rows.slice(0, 5).map((r) => r[0])).toEqual(table.rows.map((r) => r.countyName));
    expect(rows[5]![0]).toBe('合计');
    // Every figure of the total row is a number (money in 元), never text.
    const figures = Object.values(table.total).filter((v) => v !== null);
    expect(rows[5]!.slice(1, -1).filter((v) => v !== null)).toHaveLength(figures.length);
    expect(rows[5]!.slice(1, -1).every((v) => v === null || typeof v === 'number')).toBe(true);
  });
});

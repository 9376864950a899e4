import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TableSheet } from './sheet';
import { writeWorkbook } from './xlsx';

/** The writer alone: a WorkbookSpec in, the .xlsx read back with exceljs as Excel would see it. */

const SHEET: TableSheet = {
  name: '测试:表[1]',
  title: '云城区民政局 2021 年居家养老服务站点进展情况',
  subtitle: '2021 年 · 导出时间 2026-11-22 10:00 · 导出人 李管理',
  columns: [
    { key: 'name', header: '名称', kind: 'text' },
    { key: 'count', header: '人次', kind: 'integer' },
    { key: 'money', header: '金额（元）', kind: 'fen' },
    { key: 'rate', header: '完成率', kind: 'perMille' },
    { key: 'day', header: '日期', kind: 'date' },
    { key: 'at', header: '时间', kind: 'dateTime' },
    { key: 'month', header: '月份', kind: 'month' },
  ],
  rows: [
    { name: '罗定市素龙街道综合养老服务中心', count: 8534, money: 123456, rate: 667, day: '2021-01-01', at: '2021-06-30T16:30:00Z', month: '2021-07' },
    { name: 'A', count: null, money: undefined, rate: null, day: null, at: null, month: null },
  ],
  total: { name: '合计', count: 8534, money: 123456, rate: 1000 },
  notes: ['注：完成率按已建成 ÷ 建设任务计算。'],
};

async function readBack(sheets: TableSheet[]) {
  const bytes = await writeWorkbook({ fileName: 'x', sheets }, { creator: 'test', created: new Date('2026-11-22T02:00:00Z') });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('writeWorkbook', () => {
  it('writes the title merged across the columns, the subtitle, a blank row and bold headings frozen in place', async () => {
    const ws = (await readBack([SHEET])).worksheets[0]!;
    expect(ws.name).toBe('测试_表_1_');
    expect(ws.getCell('A1').value).toBe(SHEET.title);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.size).toBeGreaterThan(11);
    expect(ws.getCell('G1').isMerged).toBe(true);
    expect(ws.getCell('G1').master.address).toBe('A1');
    expect(ws.getCell('A2').value).toBe(SHEET.subtitle);
    expect(ws.getRow(3).cellCount).toBe(0);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(4, c).value)).toEqual(['名称', '人次', '金额（元）', '完成率', '日期', '时间', '月份']);
    expect(ws.getCell('B4').font?.bold).toBe(true);
    expect(ws.getCell('B4').border?.bottom?.style).toBe('thin');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('writes figures as numbers, money in 元, rates as fractions, dates as real dates that keep their day', async () => {
    const ws = (await readBack([SHEET])).worksheets[0]!;
    const row = ws.getRow(5);
    expect(row.getCell(1).value).toBe('罗定市素龙街道综合养老服务中心');
    expect(row.getCell(2).value).toBe(8534);
    expect(row.getCell(2).numFmt).toBe('0');
    expect(row.getCell(3).value).toBe(1234.56);
    expect(row.getCell(3).numFmt).toBe('#,##0.00');
    expect(row.getCell(4).value).toBeCloseTo(0.667, 10);
    expect(row.getCell(4).numFmt).toBe('0.0%');
    // New Year's Day stays New Year's Day whatever the machine's zone: UTC midnight, whole serial.
    const day = row.getCell(5).value as Date;
    expect(day).toBeInstanceOf(Date);
    expect(day.toISOString()).toBe('2021-01-01T00:00:00.000Z');
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd');
    // 16:30 UTC is 00:30 the next day in China.
    expect((row.getCell(6).value as Date).toISOString()).toBe('2021-07-01T00:30:00.000Z');
    expect(row.getCell(6).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row.getCell(7).value).toBe('2021-07');
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.String);
  });

  it('leaves missing values empty rather than writing 0 or "null"', async () => {
    const ws = (await readBack([SHEET])).worksheets[0]!;
    const row = ws.getRow(6);
    expect([2, 3, 4, 5, 6, 7].map((c) => row.getCell(c).value)).toEqual([null, null, null, null, null, null]);
  });

  it('writes the totals row in bold with a rule above it, and the notes under the table', async () => {
    const ws = (await readBack([SHEET])).worksheets[0]!;
    const total = ws.getRow(7);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(8534);
    expect(total.getCell(4).value).toBe(1);
    expect(total.getCell(2).font?.bold).toBe(true);
    expect(total.getCell(2).border?.top?.style).toBe('medium');
    expect(ws.getCell('A9').value).toBe('注：完成率按已建成 ÷ 建设任务计算。');
  });

  it('sizes columns to their text, Chinese characters counting double', async () => {
    const ws = (await readBack([SHEET])).worksheets[0]!;
    // 15 Chinese characters = 30 columns, plus a margin.
    expect(ws.getColumn(1).width).toBe(32);
    expect(ws.getColumn(2).width).toBeLessThan(12);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(12);
  });

  it('prints on A4, landscape only when wider than seven columns, fit to the width, headings on every page', async () => {
    const narrow = (await readBack([SHEET])).worksheets[0]!;
    expect(narrow.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(narrow.pageSetup.printTitlesRow).toBe('1:4');
    const wide = { ...SHEET, columns: [...SHEET.columns, { key: 'x', header: 'X', kind: 'text' as const }] };
    expect((await readBack([wide])).worksheets[0]!.pageSetup.orientation).toBe('landscape');
  });

  it('gives each sheet its own tab, names made unique', async () => {
    const workbook = await readBack([SHEET, { ...SHEET, rows: [] }]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['测试_表_1_', '测试_表_1_-2']);
    expect(workbook.worksheets[1]!.getCell('A5').value).toBe('合计');
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEST_REGISTER } from '../../../tests/fixtures/imports/test-register';
import { errorWorkbook } from './error-rows';
import { autoMapping, headerScorer } from './mapping';
import { readSpreadsheet } from './read';

const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const input = {
  fileName: 'C:\\台账\\2021 人员.xlsx',
  headers: ['公民身份号码', '姓名', '出生日期', '床位数'],
  rows: [
    { row: 12, cells: ['445302195003150022', '张三', utcDay(1950, 3, 15), 2], messages: ['公民身份号码：校验位错误，应为 1'] },
    { row: 15, cells: ['44530219520101002X', null, '1952-02-30', 3.5], messages: ['姓名：不能为空。', '出生日期：“1952-02-30”不是日期。'] },
  ],
  locale: 'zh-CN' as const,
};

async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('errorWorkbook', () => {
  it('names the file after the original', async () => {
    expect((await errorWorkbook(input)).fileName).toBe('2021 人员-错误行.xlsx');
    expect((await errorWorkbook({ ...input, fileName: 'people.csv', locale: 'en' })).fileName).toBe('people-errors.xlsx');
  });

  it('has the file’s headers and an error column, the cells as read (typed), and each row’s problems naming its row', async () => {
    const ws = await load((await errorWorkbook(input)).bytes);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['公民身份号码', '姓名', '出生日期', '床位数', '错误说明']);
    expect(ws.getCell('E1').font?.color?.argb).toBe('FFC00000');
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(50);

    expect(ws.getCell('A2').value).toBe('445302195003150022');
    expect(ws.getCell('A2').numFmt).toBe('@'); // stays text when retyped
    expect(ws.getCell('C2').value).toEqual(utcDay(1950, 3, 15));
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D2').value).toBe(2);
    expect(ws.getCell('E2').value).toBe('第 12 行：公民身份号码：校验位错误，应为 1');
    expect(ws.getCell('E2').alignment?.wrapText).toBe(true);

    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe('1952-02-30');
    expect(ws.getCell('D3').value).toBe(3.5);
    expect(ws.getCell('E3').value).toBe('第 15 行：姓名：不能为空；\n出生日期：“1952-02-30”不是日期。');
    expect(ws.rowCount).toBe(3);
  });

  it('imports again as it is: the error column matches no register column', async () => {
    const { bytes, fileName } = await errorWorkbook(input);
    const sheet = await readSpreadsheet(bytes, fileName, { headerScore: headerScorer(TEST_REGISTER) });
    expect(sheet.headerRow).toBe(1);
    expect(sheet.rows.map((r) => r.cells.slice(0, 4))).toEqual([
      ['445302195003150022', '张三', utcDay(1950, 3, 15), 2],
      ['44530219520101002X', null, '1952-02-30', 3.5],
    ]);
    const mapping = autoMapping(TEST_REGISTER, sheet.headers);
    expect(mapping).toMatchObject({ idNumber: 0, name: 1, birthDate: 2, beds: 3 });
    expect(Object.values(mapping).filter((index) => index === 4)).toEqual([]);
  });
});

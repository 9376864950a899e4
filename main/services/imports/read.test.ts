import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { TEST_REGISTER } from '../../../tests/fixtures/imports/test-register';
import { writeWorkbook } from '../exports/xlsx';
import { cellText } from './cells';
import { headerScorer } from './mapping';
import { readSpreadsheet, type ReadOptions } from './read';

const FIXTURES = join(__dirname, '../../../tests/fixtures/imports');
const headerScore = headerScorer(TEST_REGISTER);
const options = (extra: Partial<ReadOptions> = {}): ReadOptions => ({ headerScore, ...extra });
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('xlsx', () => {
  it('reads typed cells under a header on row 1: dates, numbers, rich text, formula results, hyperlinks, errors', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['身份证号', '姓名', '出生日期', '床位数', '建设资金（元）', '备注']);
      ws.addRow(['445302195003150021', { richText: [{ text: '张', font: { bold: true } }, { text: '三' }] }, utcDay(1950, 3, 15), 12, { formula: 'D2*1000', result: 12000 }, { error: '#N/A' }]);
      ws.addRow(['44530219520101002X', { text: '李四', hyperlink: 'https://example.org' }, { formula: 'DATE(1952,1,1)', result: utcDay(1952, 1, 1) }, 0.1 + 0.2, 3000.5, { formula: '"甲"&"乙"', result: '甲乙' }]);
      ws.getCell('C2').numFmt = 'yyyy-mm-dd';
      ws.getCell('C3').numFmt = 'yyyy-mm-dd';
    });
    const sheet = await readSpreadsheet(bytes, '人员台账.xlsx', options());
    expect(sheet).toMatchObject({ format: 'xlsx', encoding: null, sheet: '人员', headerRow: 1 });
    expect(sheet.headers).toEqual(['身份证号', '姓名', '出生日期', '床位数', '建设资金（元）', '备注']);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(sheet.rows[0]!.cells).toEqual(['445302195003150021', '张三', utcDay(1950, 3, 15), 12, 12000, '#N/A']);
    expect(sheet.rows[1]!.cells).toEqual(['44530219520101002X', '李四', utcDay(1952, 1, 1), 0.1 + 0.2, 3000.5, '甲乙']);
  });

  it('finds the header row under a title and subtitle (our own exports), skipping the 合计 row and the notes', async () => {
    const bytes = await writeWorkbook(
      {
        fileName: 'x',
        sheets: [
          {
            name: '人员',
            title: '云城区民政局 人员信息',
            subtitle: '导出时间 2026-11-22 李管理',
            columns: [
              { key: 'id', header: '身份证号', kind: 'text' },
              { key: 'name', header: '姓名', kind: 'text' },
              { key: 'beds', header: '床位数', kind: 'integer' },
              { key: 'born', header: '出生日期', kind: 'date' },
            ],
            rows: [
              { id: '445302195003150021', name: '张三', beds: 2, born: '1950-03-15' },
              { id: '44530219520101002X', name: '李四', beds: 3, born: '1952-01-01' },
            ],
            total: { id: '合计', beds: 5 },
            notes: ['适用标准：2021 年'],
          },
        ],
      },
      { creator: 'test', created: new Date() },
    );
    const sheet = await readSpreadsheet(bytes, 'export.xlsx', options());
    expect(sheet.headerRow).toBe(4);
    expect(sheet.headers).toEqual(['身份证号', '姓名', '床位数', '出生日期']);
    expect(sheet.rows.map((r) => r.row)).toEqual([5, 6]);
    expect(sheet.rows[0]!.cells).toEqual(['445302195003150021', '张三', 2, utcDay(1950, 3, 15)]);
  });

  it('reads a workbook whose shared strings come before the sheet in the zip', async () => {
    // Made by rewriting an exceljs file with workbook, styles and sharedStrings ahead of the sheet (as some writers order it).
    const sheet = await readSpreadsheet(readFileSync(join(FIXTURES, 'strings-first.xlsx')), 'strings-first.xlsx', options());
    expect(sheet.headers).toEqual(['身份证号', '姓名', '出生日期']);
    expect(sheet.rows[0]!.cells).toEqual(['445302195003150021', '张三', utcDay(1950, 3, 15)]);
  });

  it('keeps Chinese text whole where it straddles two chunks of the zip stream (big files)', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `演示张德明${i}号`);
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['身份证号', '姓名', '详细地址']);
      // Shared strings (the names) and inline text in the sheet XML, both well over one 64 KiB chunk.
      names.forEach((name, i) => ws.addRow([String(i), name, { richText: [{ text: `云城区河口街道城北路${i}号` }] }]));
    });
    const sheet = await readSpreadsheet(bytes, 'big.xlsx', options());
    expect(sheet.rows.map((r) => r.cells[1])).toEqual(names);
    expect(sheet.rows.every((r, i) => r.cells[2] === `云城区河口街道城北路${i}号`)).toBe(true);
  });

  it('takes the first sheet with a header row, skipping blank rows; or the sheet asked for', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('封面').addRow(['2021 年台账']);
      const people = wb.addWorksheet('人员');
      people.addRow(['身份证号', '姓名']);
      people.addRow(['445302195003150021', '张三']);
      people.addRow([]);
      people.addRow(['', '  ']);
      people.addRow(['44530219520101002X', '李四']);
      const other = wb.addWorksheet('另一表');
      other.addRow(['姓名', '身份证号']);
      other.addRow(['王五', '445302195505050011']);
    });
    const first = await readSpreadsheet(bytes, 'a.xlsx', options());
    expect(first.sheet).toBe('人员');
    expect(first.rows.map((r) => r.row)).toEqual([2, 5]);
    const named = await readSpreadsheet(bytes, 'a.xlsx', options({ sheet: '另一表' }));
    expect(named.rows[0]!.cells).toEqual(['王五', '445302195505050011']);
    const missing = await refusal(readSpreadsheet(bytes, 'a.xlsx', options({ sheet: '没有' })));
    expect(missing.code).toBe('IMPORT_SHEET_NOT_FOUND');
    expect(missing.params).toEqual({ sheet: '没有' });
  });

  it('refuses a workbook with no header row', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.addRow(['编号', '名称']);
      ws.addRow([1, '甲']);
    });
    const error = await refusal(readSpreadsheet(bytes, 'a.xlsx', options()));
    expect(error.code).toBe('IMPORT_NO_HEADER');
    expect(error.params).toEqual({ rows: 20, example: '身份证号、姓名' });
  });

  it('refuses a header without data rows', async () => {
    const bytes = await xlsx((wb) => wb.addWorksheet('人员').addRow(['身份证号', '姓名']));
    expect((await refusal(readSpreadsheet(bytes, 'a.xlsx', options()))).code).toBe('IMPORT_NO_ROWS');
    expect((await refusal(readSpreadsheet(bytes, 'a.xlsx', options({ limitRows: 5 })))).code).toBe('IMPORT_NO_ROWS');
  });

  it('refuses too many rows, counting them all; limitRows stops early; progress is reported', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['身份证号', '姓名']);
      for (let i = 0; i < 2500; i++) ws.addRow([`id${i}`, `人${i}`]);
    });
    const error = await refusal(readSpreadsheet(bytes, 'a.xlsx', options({ maxRows: 2000 })));
    expect(error.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(error.params).toEqual({ count: 2500, max: 2000 });

    const sample = await readSpreadsheet(bytes, 'a.xlsx', options({ limitRows: 3 }));
    expect(sample.rows.map((r) => r.cells[0])).toEqual(['id0', 'id1', 'id2']);

    const progress: number[] = [];
    const all = await readSpreadsheet(bytes, 'a.xlsx', options({ onProgress: (n) => progress.push(n) }));
    expect(all.rows).toHaveLength(2500);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('stops when the job is cancelled', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['身份证号', '姓名']);
      for (let i = 0; i < 1500; i++) ws.addRow([`id${i}`, `人${i}`]);
    });
    const cancel = () => {
      throw new AppError('JOB_CANCELLED');
    };
    const cancelled = readSpreadsheet(bytes, 'a.xlsx', options({ checkCancelled: cancel }));
    expect((await refusal(cancelled)).code).toBe('JOB_CANCELLED');
  });
});

describe('CSV', () => {
  it('reads UTF-8 with and without BOM, with quotes, doubled quotes, CRLF and line breaks inside quotes', async () => {
    const text = '身份证号,姓名,备注\r\n445302195003150021,张三,"住址：""河口""\r\n二号楼"\r\n44530219520101002X,李四,\r\n';
    for (const bytes of [csv(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(text)])]) {
      const sheet = await readSpreadsheet(bytes, 'people.csv', options());
      expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf-8', sheet: null, headerRow: 1 });
      expect(sheet.headers).toEqual(['身份证号', '姓名', '备注']);
      expect(sheet.rows).toEqual([
        { row: 2, cells: ['445302195003150021', '张三', '住址："河口"\r\n二号楼'] },
        { row: 3, cells: ['44530219520101002X', '李四', null] },
      ]);
    }
  });

  it('detects a GBK (GB18030) file and reads it, title row, quoted line break and all', async () => {
    const bytes = readFileSync(join(FIXTURES, 'people-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const sheet = await readSpreadsheet(bytes, 'people-gbk.csv', options());
    expect(sheet.encoding).toBe('gb18030');
    expect(sheet.headerRow).toBe(2);
    expect(sheet.headers).toEqual(['公民身份号码', '姓名', '出生日期', '乡镇（街道）', '服务项目']);
    expect(sheet.rows).toEqual([
      { row: 3, cells: ['445302195003150021', '张三', '1950/3/15', '河口街道', '助餐、助洁'] },
      { row: 4, cells: ['44530219520101002X', '李四', '1952-01-01', '腰古镇', '康复\r\n巡访关爱'] },
    ]);
  });

  it('takes a tab or semicolon separator when the header line has those', async () => {
    for (const separator of ['\t', ';']) {
      const sheet = await readSpreadsheet(csv(`身份证号${separator}姓名\n1,2${separator}张三\n`), 'a.csv', options());
      expect(sheet.rows[0]!.cells).toEqual(['1,2', '张三']);
    }
  });

  it('skips blank rows and a closing 合计 row, but keeps a 合计-looking row followed by data', async () => {
    const sheet = await readSpreadsheet(csv('身份证号,姓名,床位数\n1,甲,2\n,,\n\n合计,,2\n'), 'a.csv', options());
    expect(sheet.rows.map((r) => r.row)).toEqual([2]);
    const middle = await readSpreadsheet(csv('身份证号,姓名\n小计,甲\n2,乙\n'), 'a.csv', options());
    expect(middle.rows.map((r) => cellText(r.cells[0] ?? null))).toEqual(['小计', '2']);
  });

  it('names a blank header by its position', async () => {
    const sheet = await readSpreadsheet(csv('身份证号,,姓名\n1,x,甲\n'), 'a.csv', options());
    expect(sheet.headers).toEqual(['身份证号', '列 2', '姓名']);
  });
});

describe('refused files', () => {
  it('refuses .xls and other types, by name or by content', async () => {
    expect((await refusal(readSpreadsheet(csv('身份证号,姓名\n'), 'old.xls', options()))).code).toBe('IMPORT_FILE_TYPE');
    expect((await refusal(readSpreadsheet(csv('x'), 'notes.txt', options()))).code).toBe('IMPORT_FILE_TYPE');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await refusal(readSpreadsheet(ole, 'renamed.xlsx', options()))).code).toBe('IMPORT_FILE_TYPE');
  });

  it('refuses damaged files with the reason', async () => {
    const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
    const notZip = await refusal(readSpreadsheet(garbage, 'a.xlsx', options()));
    expect(notZip.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(typeof notZip.params.reason).toBe('string');

    const good = await xlsx((wb) => wb.addWorksheet('人员').addRow(['身份证号', '姓名']));
    const truncated = await refusal(readSpreadsheet(good.subarray(0, Math.floor(good.length / 2)), 'a.xlsx', options()));
    expect(truncated.code).toBe('IMPORT_FILE_UNREADABLE');

    expect((await refusal(readSpreadsheet(garbage, 'a.csv', options()))).code).toBe('IMPORT_FILE_UNREADABLE');
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { childrenOf } from '../../../db/divisions';
import { TEST_REGISTER, testColumn } from '../../../tests/fixtures/imports/test-register';
import { cellReader } from './cells';
import { autoMapping, headerScorer } from './mapping';
import { readSpreadsheet } from './read';
import { columnNote, templateWorkbook } from './template';
import type { RowValues } from './types';

const COUNTY = '445302'; // 云城区

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

type Validations = Record<string, ExcelJS.DataValidation | undefined>;
const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;

describe('templateWorkbook', () => {
  it('names the file after the register, in the language asked for', async () => {
    const zh = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale: 'zh-CN' });
    const en = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale: 'en' });
    expect(zh.fileName).toBe('测试台账导入模板.xlsx');
    expect(en.fileName).toBe('Test register import template.xlsx');
    expect((await load(en.bytes)).worksheets.map((ws) => ws.name)).toEqual(['Test register', 'Instructions', 'Lists']);
  });

  it('has the headers (required ones marked *), the example row, text and date formats, and a frozen header', async () => {
    const { bytes } = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale: 'zh-CN' });
    const workbook = await load(bytes);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['测试台账', '填写说明', '选项']);
    const ws = workbook.getWorksheet('测试台账')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(TEST_REGISTER.columns.map((c) => (c.required ? `${c.header['zh-CN']}*` : c.header['zh-CN'])));
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.color?.argb).toBe('FF9C0006'); // required: dark red
    expect(ws.getCell('C1').font?.color).toBeUndefined();

    const example = (ws.getRow(2).values as unknown[]).slice(1);
    expect(example).toEqual([
      '445302195003150021',
      '张三',
      new Date(Date.UTC(1950, 2, 15)),
      '2021-03',
      '云城街道',
      '星岩社区居民委员会',
      '07668888888',
      '乡镇综合养老服务中心',
      '助餐、助洁',
      12,
      120.5,
      150000,
      '是',
    ]);
    expect(ws.getCell('A2').font?.italic).toBe(true);
    expect(ws.getColumn(1).numFmt).toBe('@'); // ID numbers as text
    expect(ws.getColumn(7).numFmt).toBe('@'); // phones as text
    expect(ws.getColumn(3).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn(10).numFmt).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('offers drop-down lists for choices, yes/no, towns and villages, from a hidden sheet with the county’s towns', async () => {
    const { bytes } = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale: 'zh-CN' });
    const workbook = await load(bytes);
    const ws = workbook.getWorksheet('测试台账')!;
    const validations = validationsOf(ws);
    const listColumns = Object.keys(validations)
      .filter((address) => /^[A-Z]+2$/.test(address))
      .map((address) => address.replace('2', ''))
      .sort();
    // 乡镇 E, 村 F, 类型 H, 服务项目 I, 一站式结算 M.
    expect(listColumns).toEqual(['E', 'F', 'H', 'I', 'M']);
    expect(validations.H5001).toMatchObject({ type: 'list', showErrorMessage: true, errorStyle: 'stop', error: '请从下拉列表中选择。' });
    expect(validations.H5002).toBeUndefined();
    expect(validations.I2?.errorStyle).toBe('warning'); // several may be chosen

    const lists = workbook.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    const read = (formula: string) => {
      const m = /!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula)!;
      const values: unknown[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) values.push(lists.getCell(`${m[1]}${r}`).value);
      return values;
    };
    expect(read(validations.E2!.formulae[0] as string)).toEqual(childrenOf(COUNTY).map((d) => d.name));
    expect(read(validations.E2!.formulae[0] as string)).toContain('河口街道');
    expect(read(validations.H2!.formulae[0] as string)).toEqual([
      '居家养老服务指导中心',
      '街道综合养老服务中心',
      '乡镇综合养老服务中心',
      '村（居）居家养老服务站',
      '长者饭堂/助餐点',
    ]);
    expect(read(validations.M2!.formulae[0] as string)).toEqual(['是', '否']);
    const villages = read(validations.F2!.formulae[0] as string);
    expect(villages).toContain('星岩社区居民委员会'); // 云城街道
    expect(villages).toContain('洞心村民委员会'); // 河口街道
  });

  it('explains the register and every column on the instructions sheet', async () => {
    const { bytes } = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale: 'zh-CN' });
    const ws = (await load(bytes)).getWorksheet('填写说明')!;
    const text: string[] = [];
    ws.eachRow((row) => text.push((row.values as unknown[]).slice(1).join('|')));
    expect(text[0]).toBe('测试台账');
    expect(text.join('\n')).toContain('云城区民政局');
    expect(text.join('\n')).toContain('按身份证号匹配');
    expect(text).toContain('列名|必填|说明');
    expect(text).toContain('身份证号|是|18 位身份证号，按文本填写；示例：445302195003150021。');
    expect(text).toContain('出生日期|否|日期，如 2021-03-05；示例：1950-03-15。');
    expect(text).toContain('建设资金（元）|否|金额（元），最多两位小数；不含运营补贴；示例：150000。');
  });

  it('reads back through the import: every column matched, the example row without problems', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { bytes, fileName } = await templateWorkbook(TEST_REGISTER, { county: COUNTY, officeName: '云城区民政局', locale });
      const sheet = await readSpreadsheet(bytes, fileName, { headerScore: headerScorer(TEST_REGISTER) });
      expect(sheet.headerRow).toBe(1);
      const mapping = autoMapping(TEST_REGISTER, sheet.headers);
      expect(Object.values(mapping).every((index) => index !== null)).toBe(true);
      const reader = cellReader({ county: COUNTY });
      const values: RowValues = {};
      for (const column of TEST_REGISTER.columns) {
        const result = reader.read(column, sheet.rows[0]!.cells[mapping[column.key]!] ?? null, values);
        expect(result, `${locale} ${column.key}`).toMatchObject({ ok: true });
        if (result.ok) values[column.key] = result.value;
      }
      expect(values).toMatchObject({ birthDate: '1950-03-15', townCode: '445302001', villageCode: '445302001009', kind: 'town_centre', fundingFen: 15_000_000, oneStop: true });
    }
  });
});

describe('columnNote', () => {
  it('says the format by kind, the column’s note and the example, in one line', () => {
    expect(columnNote(testColumn('kind'), 'zh-CN')).toBe(
      '可选：居家养老服务指导中心、街道综合养老服务中心、乡镇综合养老服务中心、村（居）居家养老服务站、长者饭堂/助餐点；示例：乡镇综合养老服务中心。',
    );
    expect(columnNote(testColumn('townCode'), 'zh-CN')).toBe('本县（区）的镇（街道）名称；示例：云城街道。');
    expect(columnNote(testColumn('oneStop'), 'zh-CN')).toBe('填“是”或“否”；示例：是。');
    expect(columnNote(testColumn('fundingFen'), 'en')).toBe('an amount in yuan, at most two decimals; excluding operating subsidies; e.g. 150000.');
  });
});

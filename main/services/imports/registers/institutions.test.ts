import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';
import { WelfareHomes } from '../../../../tests/support/welfare-homes';
import { institutionsRegister } from './institutions';

const HEADERS = ['机构名称', '机构类型', '所属镇（街道）', '所属村（居）', '床位总数', '护理型床位数', '医务室', '医护人员数', '一站式结算', '登记日期', '备注'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

/** The register's real template ('imports.template') with `rows` added under its example row, as a clerk fills it in. */
async function filledTemplate(register: 'institutions' | 'residents' | 'renovation_cases', rows: unknown[][]): Promise<Buffer> {
  const template = await office.admin.call('imports.template', { register, locale: 'zh-CN' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
  const data = workbook.worksheets[0]!;
  rows.forEach((row, i) => data.getRow(3 + i).values = row as ExcelJS.CellValue[]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function institutions() {
  return office.admin.call('institutions.list', { includeClosed: true });
}

describe('importing institutions (供养机构)', () => {
  it('creates institutions with every field read from its label, town and village by name', async () => {
    const file = await writeXlsx(HEADERS, [
      ['腰古镇敬老院', '敬老院', '腰古镇', '水东村', 40, 12, '是', 2, '否', '2015-06-01', '2019 年改建'],
      ['云城区福利院', '福利院', null, null, 30, 0, null, null, null, null, null],
    ]);
    const report = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ create: 2, error: 0 });
    const list = await institutions();
    const home = await office.admin.call('institutions.get', { id: list.find((i) => i.name === '腰古镇敬老院')!.id });
    expect(home).toMatchObject({
      type: 'nursing_home',
      townCode: '445302102',
      villageCode: '445302102202',
      totalBeds: 40,
      nursingBeds: 12,
      medicalRoom: true,
      medicalStaff: 2,
      oneStopSettlement: false,
      registeredOn: '2015-06-01',
      notes: '2019 年改建',
    });
    // Fields the file leaves blank take the form's defaults.
    const other = await office.admin.call('institutions.get', { id: list.find((i) => i.name === '云城区福利院')!.id });
    expect(other).toMatchObject({ type: 'welfare_home', townCode: null, medicalRoom: false, medicalStaff: 0 });
  });

  it('matches by name: changed fields update, blank cells and missing columns keep the record, the same row is unchanged', async () => {
    const homes = new WelfareHomes(office.admin);
    const id = await homes.institution('腰古镇敬老院', { totalBeds: 20, nursingBeds: 5, medicalRoom: true, medicalStaff: 3, notes: '旧备注', registeredOn: '2015-06-01' });
    // No 医务室 / 医护人员数 / 备注 columns at all, and a blank 登记日期: those keep what the record has.
    const file = await writeXlsx(['机构名称', '机构类型', '床位总数', '护理型床位数', '登记日期'], [['腰古镇敬老院', '敬老院', 25, 5, null]]);
    const report = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(report.counts).toMatchObject({ update: 1, create: 0, error: 0 });
    expect(report.preview[0]).toMatchObject({ action: 'update', label: '腰古镇敬老院', changes: ['床位总数'] });
    const after = await office.admin.call('institutions.get', { id });
    expect(after).toMatchObject({ type: 'nursing_home', totalBeds: 25, nursingBeds: 5, medicalRoom: true, medicalStaff: 3, notes: '旧备注', registeredOn: '2015-06-01', version: 2 });

    const again = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(again.counts).toMatchObject({ unchanged: 1, update: 0 });
    expect((await office.admin.call('institutions.get', { id })).version).toBe(2);
  });

  it('the clear marker empties an optional field', async () => {
    const homes = new WelfareHomes(office.admin);
    const id = await homes.institution('腰古镇敬老院', { notes: '旧备注', medicalRoom: true });
    const file = await writeXlsx(['机构名称', '机构类型', '床位总数', '护理型床位数', '备注', '医务室'], [['腰古镇敬老院', '敬老院', 20, 5, '（清空）', '清空']]);
    const report = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(report.counts.update).toBe(1);
    expect(await office.admin.call('institutions.get', { id })).toMatchObject({ notes: null, medicalRoom: false });
  });

  it('explains bad rows by row, column and reason, and writes only the good ones', async () => {
    const file = await writeXlsx(HEADERS, [
      ['甲敬老院', '养老院', null, null, 10, 2, null, null, null, null, null],
      ['乙敬老院', '敬老院', null, null, 10, 12, null, null, null, null, null],
      ['丙敬老院', '敬老院', '不存在镇', null, 10, 2, null, null, null, null, null],
      ['丁敬老院', '敬老院', null, null, 10, 2, null, null, null, '2099-01-01', null],
      ['戊敬老院', '敬老院', null, null, 10, 2, null, null, null, null, null],
    ]);
    const report = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(issueLines(report)).toEqual([
      '2 机构类型 IMPORT_UNKNOWN_CHOICE',
      '3 护理型床位数 NURSING_BEDS_OVER_TOTAL',
      '4 所属镇（街道） IMPORT_UNKNOWN_TOWN',
      '5 登记日期 DATE_IN_FUTURE',
    ]);
    expect(report.issues[1]!.message).toBe('不能多于总床位（10）。');
    expect(report.counts).toMatchObject({ create: 1, error: 4 });
    expect((await institutions()).map((i) => i.name)).toEqual(['戊敬老院']);
  });

  it('a rule only the service checks (closing a home somebody lives in) is a row error, not a crash', async () => {
    const homes = new WelfareHomes(office.admin);
    const id = await homes.institution('腰古镇敬老院');
    await homes.admit(await homes.person('陈伯'), { institutionId: id }, '2024-01-05');
    const file = await writeXlsx(['机构名称', '机构类型', '床位总数', '护理型床位数', '停办日期'], [['腰古镇敬老院', '敬老院', 20, 5, '2025-01-01']]);
    const report = await importFile(office.admin, 'institutions', '机构.xlsx', file);
    expect(issueLines(report)).toEqual(['2 停办日期 INSTITUTION_STILL_OCCUPIED']);
    expect(report.issues[0]!.message).toContain('陈伯');
    expect((await office.admin.call('institutions.get', { id })).closedOn).toBeNull();
  });

  it('the downloaded template with its example row and a row like it imports cleanly (the example row is skipped)', async () => {
    const columns = institutionsRegister.columns;
    const file = await filledTemplate('institutions', [columns.map((c) => (c.key === 'name' ? '另一敬老院' : c.example))]);
    const report = await importFile(office.admin, 'institutions', '模板.xlsx', file);
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ exampleSkipped: true, counts: { create: 1, error: 0 } });
    expect((await institutions()).map((i) => i.name)).toEqual(['另一敬老院']);
  });

});

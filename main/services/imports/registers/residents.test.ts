import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../../tests/support/id-numbers';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';
import { WelfareHomes } from '../../../../tests/support/welfare-homes';
import { residentsRegister } from './residents';

const HEADERS = ['姓名', '身份证号', '性别', '出生日期', '供养机构', '床位号', '入住日期', '人员类别', '供养方式', '监护人姓名', '评估人', '评估不能自理的项目'];

let office: TestOffice;
let homes: WelfareHomes;
beforeEach(async () => {
  office = await createTestOffice();
  homes = new WelfareHomes(office.admin);
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

async function stays(scope: 'current' | 'all' = 'all') {
  return (await office.admin.call('residents.list', { scope, limit: 100 })).rows;
}

async function importRows(rows: unknown[][], headers = HEADERS) {
  return importFile(office.admin, 'residents', '在院人员.xlsx', await writeXlsx(headers, rows, { textColumns: [1] }));
}

describe('importing residents (在院人员)', () => {
  it('admits a registered person, a person new to the register, and a child without an ID number', async () => {
    const home = await homes.institution('腰古镇敬老院');
    const child = await homes.institution('云城区福利院', { type: 'welfare_home' });
    const [bed1] = await homes.beds(home, '101', ['1', '2']);
    const known = idFor('1950-03-04', 11);
    await office.admin.call('people.create', { person: { name: '陈伯', idNumber: known } });
    const fresh = idFor('1945-07-08', 12);
    const report = await importRows([
      ['陈伯', known, null, null, '腰古镇敬老院', '101-1', '2024-01-05', '特困老年人', '集中供养', '陈志强', '王评估', '洗澡、如厕'],
      ['李婆', fresh, null, null, '腰古镇敬老院', '2', '2024-02-01', '特困老年人', '集中供养', null, '王评估', null],
      ['小明', null, '男', '2016-05-06', '云城区福利院', null, '2024-03-01', '孤儿', '集中供养', '村委会', '王评估', null],
    ]);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ create: 3, error: 0 });
    const rows = await stays();
    const chen = rows.find((r) => r.name === '陈伯')!;
    expect(chen).toMatchObject({ institutionId: home, admittedOn: '2024-01-05', category: 'tekun_elderly', selfCareLevel: 'partial' });
    const full = await office.admin.call('residents.get', { id: chen.id });
    expect(full.guardianName).toBe('陈志强');
    expect(full.assessments[0]).toMatchObject({ assessor: '王评估', failedTasks: ['toilet', 'bathe'], assessedOn: '2024-01-05' });
    expect(rows.find((r) => r.name === '李婆')).toMatchObject({ idNumber: fresh, bedLabel: expect.stringContaining('2'), selfCareLevel: 'self_care' });
    expect(rows.find((r) => r.name === '小明')).toMatchObject({ institutionId: child, idNumber: null, birthDate: '2016-05-06', sex: 'M', isChild: true });
    // The bed of the first row is the one called 101-1.
    const beds = await office.admin.call('institutionBeds.list', { institutionId: home });
    expect(beds.find((b) => b.id === bed1)!.occupant?.residentId).toBe(chen.id);
    // The new people are in the people register now.
    expect((await office.admin.call('people.list', { query: '李婆' })).total).toBe(1);
  });

  it('a stay already recorded (same person, institution, admission day) has its details updated, then is unchanged', async () => {
    const home = await homes.institution('腰古镇敬老院');
    const id = idFor('1950-03-04', 11);
    const personId = (await office.admin.call('people.create', { person: { name: '陈伯', idNumber: id } })).person.id;
    const saved = await homes.admit(personId, { institutionId: home }, '2024-01-05', {
      details: { category: 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false, guardianName: '旧联系人' },
    });
    const headers = ['姓名', '身份证号', '供养机构', '入住日期', '人员类别', '供养方式', '监护人姓名', '监护人电话'];
    const row = ['陈伯', id, '腰古镇敬老院', '2024-01-05', '特困老年人', '集中供养', '陈志强', null];
    const report = await importRows([row], headers);
    expect(report.counts).toMatchObject({ update: 1, create: 0, error: 0 });
    expect(report.preview[0]).toMatchObject({ action: 'update', changes: ['监护人姓名'] });
    const after = await office.admin.call('residents.get', { id: saved.resident.id });
    expect(after).toMatchObject({ guardianName: '陈志强', version: saved.resident.version + 1 });
    expect(after.events).toHaveLength(1);

    const again = await importRows([row], headers);
    expect(again.counts).toMatchObject({ unchanged: 1, update: 0, create: 0 });
    expect(await stays()).toHaveLength(1);
  });

  it('explains each bad row by row, column and reason', async () => {
    const home = await homes.institution('腰古镇敬老院');
    await homes.beds(home, '101', ['1']);
    await homes.beds(home, '102', ['1']);
    const open = await homes.institution('思劳敬老院');
    void open;
    const known = idFor('1950-03-04', 11);
    await office.admin.call('people.create', { person: { name: '陈伯', idNumber: known } });
    const report = await importRows([
      ['陈大伯', known, null, null, '腰古镇敬老院', '101-1', '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['张三', idFor('1950-01-01', 13), null, null, '不存在敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['李四', null, '男', '1950-01-01', '思劳敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['王五', idFor('1950-01-01', 14), null, null, '腰古镇敬老院', '301-9', '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['赵六', idFor('1950-01-01', 15), null, null, '腰古镇敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['钱七', idFor('1950-01-01', 16), null, null, '腰古镇敬老院', '1', '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['孙八', idFor('1980-01-01', 17), null, null, '思劳敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
      ['周九', idFor('1950-01-01', 18), null, null, '思劳敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, null, null],
      ['吴十', '445302195001011234', null, null, '思劳敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
    ]);
    expect(issueLines(report)).toEqual([
      '2 姓名 IMPORT_NAME_MISMATCH',
      '3 供养机构 IMPORT_INSTITUTION_NOT_FOUND',
      '4 身份证号 IMPORT_ADULT_NEEDS_ID',
      '5 床位号 IMPORT_BED_NOT_FOUND',
      '6 床位号 BED_REQUIRED',
      '7 床位号 IMPORT_BED_AMBIGUOUS',
      '8 人员类别 AGE_ELDERLY_CATEGORY',
      '9 评估人 REQUIRED',
      '10 身份证号 ID_NUMBER_CHECK',
    ]);
    const byRow = new Map(report.issues.map((i) => [i.row, i.message]));
    expect(byRow.get(2)).toContain('陈伯');
    expect(byRow.get(3)).toContain('不存在敬老院');
    expect(byRow.get(5)).toContain('301-9');
    expect(report.counts).toMatchObject({ create: 0, error: 9 });
    expect(await stays()).toHaveLength(0);
  });

  it('rules only the admission checks are row errors: an occupied bed, a person already resident elsewhere', async () => {
    const home = await homes.institution('腰古镇敬老院');
    const other = await homes.institution('思劳敬老院');
    const [bed] = await homes.beds(home, '101', ['1']);
    await homes.admit(await homes.person('陈伯'), { institutionId: home, bedId: bed! }, '2024-01-05');
    const twice = idFor('1945-07-08', 21);
    const lines = [
      ['李婆', idFor('1945-07-08', 20), null, null, '腰古镇敬老院', '101-1', '2024-03-01', '特困老年人', '集中供养', null, '王评估', null],
      // A person new to the register in two rows: registered once, and not resident in two homes at once.
      ['张婆', twice, null, null, '思劳敬老院', null, '2024-03-01', '特困老年人', '集中供养', null, '王评估', null],
      ['张婆', twice, null, null, '思劳敬老院', null, '2024-05-01', '特困老年人', '集中供养', null, '王评估', null],
    ];
    const file = await writeXlsx(HEADERS, lines, { textColumns: [1] });
    // The preview runs the same admissions and rolls them back: it shows what the commit will refuse.
    const preview = await importFile(office.admin, 'residents', '在院人员.xlsx', file, { preview: true });
    expect(issueLines(preview)).toEqual(['2 床位号 BED_OCCUPIED', '4 身份证号 PERSON_RESIDENT_ELSEWHERE']);
    expect(await stays()).toHaveLength(1);

    const report = await importFile(office.admin, 'residents', '在院人员.xlsx', file);
    expect(issueLines(report)).toEqual(['2 床位号 BED_OCCUPIED', '4 身份证号 PERSON_RESIDENT_ELSEWHERE']);
    expect(report.issues[0]!.message).toContain('陈伯');
    expect(report.counts).toMatchObject({ create: 1, error: 2 });
    const rows = await stays();
    expect(rows.map((r) => r.name).sort()).toEqual(['张婆', '陈伯']);
    expect(rows.find((r) => r.name === '张婆')!.institutionId).toBe(other);
    expect((await office.admin.call('people.list', { query: '张婆' })).total).toBe(1);
  });

  it('the downloaded template with its example row and a row like it imports cleanly (the example row is skipped)', async () => {
    await homes.institution('腰古镇敬老院');
    const variant = residentsRegister.columns.map((c) => (c.key === 'name' ? '黄伯' : c.key === 'idNumber' ? idFor('1948-01-02', 30) : c.example));
    const report = await importFile(office.admin, 'residents', '模板.xlsx', await filledTemplate('residents', [variant]));
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ exampleSkipped: true, counts: { create: 1, error: 0 } });
    expect((await stays()).map((r) => [r.name, r.selfCareLevel])).toEqual([['黄伯', 'partial']]);
  });

});

describe('undoing a residents import', () => {
  it('is refused as a whole: admissions keep their history, reversed one by one', async () => {
    await homes.institution('腰古镇敬老院');
    const report = await importRows([
      ['陈伯', idFor('1950-03-04', 11), null, null, '腰古镇敬老院', null, '2024-01-05', '特困老年人', '集中供养', null, '王评估', null],
    ]);
    expect(report.counts).toMatchObject({ create: 1 });
    expect((await office.admin.call('imports.history', {}))[0]).toMatchObject({ id: report.importId, undoBlocked: 'history' });
    expect((await office.admin.refusal('imports.undo', { id: report.importId!, reason: '撤销' })).code).toBe('IMPORT_UNDO_HISTORY');
    expect(await stays()).toHaveLength(1);
  });
});

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../../tests/support/id-numbers';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';
import { advance, createCase, TOWN, VILLAGE } from '../../../../tests/support/renovations';
import { renovationCasesRegister } from './renovation-cases';

const HEADERS = ['申请人姓名', '申请人身份证号', '其他家庭成员身份证号', '家庭类别', '家庭情况', '所属镇（街道）', '所属村（居）', '地址', '计划年度', '申请日期', '受理人', '改造项目', '重复申请说明'];

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

let seq = 40;
async function person(name: string, birth = '1945-03-04') {
  const idNumber = idFor(birth, seq++);
  const id = (await office.admin.call('people.create', { person: { name, idNumber } })).person.id;
  return { id, idNumber };
}

async function importRows(rows: unknown[][], headers = HEADERS) {
  return importFile(office.admin, 'renovation_cases', '改造.xlsx', await writeXlsx(headers, rows, { textColumns: [1, 2] }));
}

async function allCases() {
  return (await office.admin.call('renovations.list', { limit: 100 })).rows;
}

describe('importing renovation cases (适老化改造)', () => {
  it('opens a case with its household and saves its plan from the one cell, prices and subsidy from the catalogue', async () => {
    const chen = await person('陈秀英');
    const wife = await person('黄阿婆');
    const report = await importRows([
      ['陈秀英', chen.idNumber, wife.idNumber, '分散供养特困', '高龄、失能', '腰古镇', '水东村', '水东村一巷 3 号', 2025, '2025-03-02', '李受理', '如厕洗浴扶手×2@150；地面防滑处理 x 1 @ 800.5；门槛移除*1@100', null],
    ]);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ create: 1, error: 0 });
    const [row] = await allCases();
    const kase = await office.admin.call('renovations.get', { id: row!.id });
    expect(kase).toMatchObject({
      state: 'applied',
      appliedOn: '2025-03-02',
      planYear: 2025,
      category: 'tekun_dispersed',
      conditions: ['advanced_age', 'disabled_care'],
      townCode: TOWN,
      villageCode: VILLAGE,
      address: '水东村一巷 3 号',
    });
    expect(kase.people.map((p) => p.personId)).toEqual([chen.id, wife.id]);
    expect(kase.steps[0]).toMatchObject({ step: 'applied', responsible: '李受理' });
    expect(kase.plan.lines.map((l) => [l.itemName, l.quantity, l.unitPriceFen, l.subsidised])).toEqual([
      ['如厕洗浴扶手', 2, 15_000, true],
      ['地面防滑处理', 1, 80_050, true],
      ['门槛移除', 1, 10_000, false],
    ]);
  });

  it('matches by applicant and plan year: the household and plan update, blank cells keep the case, then unchanged', async () => {
    const chen = await person('陈秀英');
    const wife = await person('黄阿婆');
    const created = await createCase(office, { personIds: [chen.id, wife.id], planYear: 2026, address: '旧地址', phone: '13800000000' });
    // No 家庭情况 column; blank 其他家庭成员身份证号 keeps 黄阿婆.
    const headers = ['申请人姓名', '申请人身份证号', '其他家庭成员身份证号', '家庭类别', '所属镇（街道）', '地址', '计划年度', '申请日期', '受理人', '改造项目'];
    const row = ['陈秀英', chen.idNumber, null, '分散供养特困', '腰古镇', '水东村二巷 8 号', 2026, '2026-03-02', '李受理', '手杖×1@60'];
    const report = await importRows([row], headers);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ update: 1, create: 0 });
    expect(report.preview[0]).toMatchObject({ action: 'update', changes: ['地址', '改造项目'] });
    const after = await office.admin.call('renovations.get', { id: created.id });
    expect(after).toMatchObject({ address: '水东村二巷 8 号', phone: '13800000000', conditions: ['advanced_age'], villageCode: VILLAGE });
    expect(after.people.map((p) => p.personId)).toEqual([chen.id, wife.id]);
    expect(after.plan.lines.map((l) => [l.itemName, l.quantity, l.unitPriceFen])).toEqual([['手杖', 1, 6_000]]);

    const again = await importRows([row], headers);
    expect(again.counts).toMatchObject({ unchanged: 1, update: 0, create: 0 });
    expect(await allCases()).toHaveLength(1);
  });

  it('explains each bad row by row, column and reason', async () => {
    const chen = await person('陈秀英');
    const other = await person('黄阿婆');
    const unknown = idFor('1944-01-01', 99);
    const base = (name: string, id: string, plan: string | null, others: string | null = null) => [
      name, id, others, '低保', null, '腰古镇', null, null, 2025, '2025-03-02', '李受理', plan, null,
    ];
    const report = await importRows([
      base('张三', unknown, null),
      base('陈大英', chen.idNumber, null),
      base('黄阿婆', other.idNumber, null, `${unknown}`),
      base('黄阿婆', other.idNumber, '扶手两个'),
      base('黄阿婆', other.idNumber, '金马桶×1@100'),
      base('黄阿婆', other.idNumber, '手杖×1'),
      base('黄阿婆', other.idNumber, '手杖×5000@1'),
    ]);
    expect(issueLines(report)).toEqual([
      '2 申请人身份证号 IMPORT_PERSON_NOT_FOUND',
      '3 申请人姓名 IMPORT_NAME_MISMATCH',
      '4 其他家庭成员身份证号 IMPORT_PERSON_NOT_FOUND',
      '5 改造项目 IMPORT_PLAN_LINE',
      '6 改造项目 IMPORT_ITEM_NOT_FOUND',
      '7 改造项目 IMPORT_ITEM_NO_PRICE',
      '8 改造项目 TOO_LARGE',
    ]);
    const byRow = new Map(report.issues.map((i) => [i.row, i.message]));
    expect(byRow.get(3)).toContain('陈秀英');
    expect(byRow.get(5)).toContain('扶手两个');
    expect(byRow.get(6)).toContain('金马桶');
    expect(byRow.get(7)).toContain('手杖');
    expect(await allCases()).toHaveLength(0);
  });

  it('what the workflow no longer allows is refused: a plan after signing, a household after payment', async () => {
    const chen = await person('陈秀英');
    const li = await person('李阿公');
    const signed = await advance(office, (await createCase(office, { personIds: [chen.id], planYear: 2026 })).id, 'plan_signed');
    const paid = await advance(office, (await createCase(office, { personIds: [li.id], planYear: 2026 })).id, 'paid');
    const headers = ['申请人姓名', '申请人身份证号', '家庭类别', '所属镇（街道）', '地址', '计划年度', '申请日期', '受理人', '改造项目'];
    const report = await importRows(
      [
        ['陈秀英', chen.idNumber, '分散供养特困', '腰古镇', null, 2026, '2026-03-02', '李受理', '手杖×3@60'],
        ['李阿公', li.idNumber, '分散供养特困', '腰古镇', '新地址', 2026, '2026-03-02', '李受理', null],
      ],
      headers,
    );
    expect(issueLines(report)).toEqual(['2 改造项目 PLAN_LOCKED', '3 地址 CASE_HOUSEHOLD_LOCKED']);
    expect((await office.admin.call('renovations.get', { id: signed.id })).plan.lines).toEqual(signed.plan.lines);
    expect((await office.admin.call('renovations.get', { id: paid.id })).address).toBe(paid.address);
  });

  it('a second case for a household already under way needs its reason: refused at write time without, opened with', async () => {
    const chen = await person('陈秀英');
    await createCase(office, { personIds: [chen.id], planYear: 2025 });
    const row = (reason: string | null) => ['陈秀英', chen.idNumber, null, '低保', null, '腰古镇', null, null, 2026, '2026-03-02', '李受理', null, reason];
    const refused = await importRows([row(null)]);
    expect(issueLines(refused)).toEqual(['2 申请人身份证号 DUPLICATE_HOUSEHOLD']);
    expect(refused.issues[0]!.message).toContain('2025-0001');
    expect(await allCases()).toHaveLength(1);

    const accepted = await importRows([row('原改造项目已损坏')]);
    expect(accepted.counts).toMatchObject({ create: 1, error: 0 });
    expect(await allCases()).toHaveLength(2);
  });

  it('the downloaded template with its example row and a row like it imports cleanly (the example row is skipped)', async () => {
    const columns = renovationCasesRegister.columns;
    const second = await person('黄阿婆');
    const variant = columns.map((c) => (c.key === 'applicantName' ? '黄阿婆' : c.key === 'idNumber' ? second.idNumber : c.example));
    const report = await importFile(office.admin, 'renovation_cases', '模板.xlsx', await filledTemplate('renovation_cases', [variant]));
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ exampleSkipped: true, counts: { create: 1, error: 0 } });
    const [kase] = await allCases();
    expect(kase).toMatchObject({ applicantName: '黄阿婆', conditions: ['advanced_age', 'disabled_care'] });
  });

});

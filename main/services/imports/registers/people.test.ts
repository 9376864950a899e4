import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../../tests/support/id-numbers';
import { csvText, gbkBytes, importFile, issueLines, runImport, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestClient, type TestOffice } from '../../../../tests/support/office';
import { exportWorkbook } from '../../../../tests/support/xlsx';

/** The people register through the contract: real offices, real .xlsx and GBK CSV files. */

const HEADERS = ['姓名', '身份证号', '性别', '出生日期', '联系电话', '户籍镇（街道）', '户籍村（居）', '详细地址', '备注'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice('445302');
});
afterEach(() => office.close());

/** Every person of the office, sorted by name (code point order) and ID number, with the fields a clerk sees. */
async function people(client: TestClient) {
  const page = await client.call('people.list', { limit: 500 });
  const rows = await Promise.all(
    page.rows.map(async (row) => {
      const p = await client.call('people.get', { id: row.id });
      return { name: p.name, idNumber: p.idNumber, sex: p.sex, birthDate: p.birthDate, phone: p.phone, hukou: p.hukouDivisionCode, address: p.address, notes: p.notes, version: p.version };
    }),
  );
  const order = (p: (typeof rows)[number]) => `${p.name}|${p.idNumber ?? ''}`;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

describe('people import', () => {
  it('adds people: identity from the ID number, hukou from town and village names, a person without an ID number', async () => {
    const file = await writeXlsx(HEADERS, [
      ['张三', idFor('1948-03-02', 11), null, null, '13902345678', '河口街道', null, '城北路 1 号', null],
      ['李四', idFor('1950-07-09', 22), null, null, null, '云城街道', '星岩社区', null, '独居'],
      ['王五', null, '女', '1946-05-04', '0766-8881234', null, null, null, null],
    ]);
    const report = await importFile(office.admin, 'people', '人员.xlsx', file);
    expect(issueLines(report)).toEqual([]);
    expect(report.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    expect(report.committed).toBe(true);
    const rows = await people(office.admin);
    expect(rows).toMatchObject([
      { name: '张三', idNumber: idFor('1948-03-02', 11), sex: 'M', birthDate: '1948-03-02', phone: '13902345678', hukou: '445302003', address: '城北路 1 号' },
      { name: '李四', idNumber: idFor('1950-07-09', 22), sex: 'F', birthDate: '1950-07-09', hukou: '445302001009', notes: '独居' },
      { name: '王五', idNumber: null, sex: 'F', birthDate: '1946-05-04', phone: '0766-8881234', hukou: null },
    ]);
    // Found by the name's pinyin initials like any person entered on the form.
    expect((await office.admin.call('people.list', { query: 'zs' })).rows.map((r) => r.name)).toEqual(['张三']);
  });

  it('matches by ID number (or name + birth date) and updates only what the file changes; empty cells keep the record', async () => {
    const first = await writeXlsx(HEADERS, [
      ['张三', idFor('1948-03-02', 11), null, null, '13902345678', '河口街道', null, '城北路 1 号', null],
      ['王五', null, '女', '1946-05-04', null, null, null, null, '无证'],
    ]);
    await importFile(office.admin, 'people', 'a.xlsx', first);
    const before = await people(office.admin);

    const again = await importFile(office.admin, 'people', 'a.xlsx', first);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
    expect(await people(office.admin)).toEqual(before);

    // A new phone for 张三, an address for 王五; 张三's address cell is empty and no notes column at all.
    const second = await writeXlsx(['姓名', '公民身份号码', '性别', '出生日期', '手机号码', '详细地址'], [
      ['张三', idFor('1948-03-02', 11), null, null, '13800001111', null],
      ['王五', null, '女', '1946-05-04', null, '腰古镇 8 号'],
    ]);
    const report = await importFile(office.admin, 'people', 'b.xlsx', second);
    expect(report.counts).toEqual({ create: 0, update: 2, unchanged: 0, error: 0 });
    expect(report.preview.map((p) => [p.row, p.action, p.changes])).toEqual([
      [2, 'update', ['手机号码']],
      [3, 'update', ['详细地址']],
    ]);
    const after = await people(office.admin);
    expect(after).toMatchObject([
      { name: '张三', phone: '13800001111', address: '城北路 1 号', hukou: '445302003', version: 2 },
      { name: '王五', address: '腰古镇 8 号', notes: '无证', version: 2 },
    ]);
    expect(after).toHaveLength(2);

    // Clearing is on purpose only: the marker empties 张三's phone and hukou, 王五's blank cells keep hers.
    const third = await writeXlsx(['姓名', '身份证号', '出生日期', '联系电话', '户籍镇（街道）', '详细地址'], [
      ['张三', idFor('1948-03-02', 11), null, '（清空）', '[clear]', null],
      ['王五', null, '1946-05-04', null, null, null],
    ]);
    const cleared = await importFile(office.admin, 'people', 'c.xlsx', third);
    expect(cleared.preview.map((p) => [p.row, p.action, p.changes])).toEqual([
      [2, 'update', ['联系电话', '户籍镇（街道）']],
      [3, 'unchanged', []],
    ]);
    expect(await people(office.admin)).toMatchObject([
      { name: '张三', phone: null, hukou: null, address: '城北路 1 号', version: 3 },
      { name: '王五', address: '腰古镇 8 号', notes: '无证', version: 2 },
    ]);
  });

  it('reports each bad row by row, column and reason; all-or-nothing writes nothing, otherwise the valid rows go in; one audit event', async () => {
    const good = idFor('1950-01-01', 1);
    const badCheck = idFor('1951-02-03', 2).slice(0, 17) + (idFor('1951-02-03', 2).endsWith('0') ? '1' : '0');
    const twice = idFor('1952-03-04', 3);
    const rows = [
      ['好人', good, null, null, null, '河口街道', null, null, null],
      ['错号', badCheck, null, null, null, null, null, null, null],
      ['未来', null, '男', '2099-01-01', null, null, null, null, null],
      ['重复甲', twice, null, null, null, null, null, null, null],
      ['重复乙', twice, null, null, null, null, null, null, null],
      ['外地', idFor('1953-04-05', 4), null, null, null, '不存在镇', null, null, null],
    ];
    const file = await writeXlsx(HEADERS, rows);

    const blocked = await runImport(office.admin, 'people', '台账.xlsx', file, { allOrNothing: true });
    expect(blocked.report.committed).toBe(false);
    expect(blocked.report.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 5 });
    expect(issueLines(blocked.report)).toEqual([
      '3 身份证号 ID_NUMBER_CHECK',
      '4 出生日期 DATE_IN_FUTURE',
      '5 - IMPORT_DUPLICATE_IN_FILE',
      '6 - IMPORT_DUPLICATE_IN_FILE',
      '7 户籍镇（街道） IMPORT_UNKNOWN_TOWN',
    ]);
    const check = blocked.report.issues[0]!;
    expect(check.message).toContain('校验');
    expect(check.value).toBe(badCheck);
    expect(blocked.report.issues[2]!.message).toContain('第 6 行');
    expect((await office.admin.call('people.list', {})).total).toBe(0);

    const partial = await importFile(office.admin, 'people', '台账.xlsx', file);
    expect(partial.committed).toBe(true);
    expect(partial.counts.create).toBe(1);
    expect((await people(office.admin)).map((p) => p.name)).toEqual(['好人']);

    // The import is one audit event naming the file and its SHA-256, not one per person.
    const audit = await office.admin.call('audit.list', { limit: 100 });
    const events = audit.rows.filter((r) => r.action === 'import');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity: 'spreadsheet', after: { fileName: '台账.xlsx', sha256: partial.sha256, created: 1, errors: 5 } });
    expect(partial.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.rows.filter((r) => r.entity === 'person')).toEqual([]);
  });

  it('a preview writes nothing and says what the commit will do', async () => {
    const file = await writeXlsx(HEADERS, [['张三', idFor('1948-03-02', 11), null, null, null, null, null, null, null]]);
    const report = await importFile(office.admin, 'people', 'p.xlsx', file, { preview: true });
    expect(report.counts.create).toBe(1);
    expect(report.preview[0]!.label).toBe(`张三 ${idFor('1948-03-02', 11).slice(0, 6)}********${idFor('1948-03-02', 11).slice(14)}`);
    expect((await office.admin.call('people.list', {})).total).toBe(0);
  });

  it('reads a GBK CSV as Excel on a Chinese Windows saves it', async () => {
    const bytes = gbkBytes(
      csvText(['姓名', '身份证号码', '联系电话', '户籍镇（街道）', '户籍村（居）'], [
        ['黄伯', idFor('1940-10-10', 5), '13500000000', '腰古镇', null],
        ['梁婆', idFor('1941-11-11', 6), null, '云城街道', '星岩社区'],
      ]),
    );
    const { info, report } = await runImport(office.admin, 'people', '人员.csv', bytes);
    expect(info.encoding).toBe('gb18030');
    expect(issueLines(report)).toEqual([]);
    expect(await people(office.admin)).toMatchObject([
      { name: '梁婆', idNumber: idFor('1941-11-11', 6), hukou: '445302001009' },
      { name: '黄伯', idNumber: idFor('1940-10-10', 5), phone: '13500000000', hukou: '445302102' },
    ]);
  });
});

describe('people round trip', () => {
  it('an exported people list imports into a fresh office of the same county as the same people, and again as unchanged', async () => {
    await office.admin.call('demo.fill', {});
    // Besides the demo's: a person without an ID number, and one whose hukou lies in the next county.
    await office.admin.call('people.create', { person: { name: '无证老人', sex: 'M', birthDate: '1939-09-09', hukouDivisionCode: '445302001009' } });
    await office.admin.call('people.create', { person: { name: '外县老人', idNumber: idFor('1944-04-04', 9, '445303'), hukouDivisionCode: '445303100' } });
    const { out } = await exportWorkbook(office.admin, { request: 'people.list', input: {}, locale: 'zh-CN' });
    const source = await people(office.admin);
    expect(source.length).toBeGreaterThan(10);

    const fresh = await createTestOffice('445302');
    try {
      const bytes = Buffer.from(out.contentBase64, 'base64');
      const report = await importFile(fresh.admin, 'people', out.fileName, bytes);
      expect(issueLines(report)).toEqual([]);
      expect(report.counts.create).toBe(source.length);
      const pick = (rows: Awaited<ReturnType<typeof people>>) =>
        rows.map((p) => ({ name: p.name, idNumber: p.idNumber, sex: p.sex, birthDate: p.birthDate, phone: p.phone, hukou: p.hukou }));
      expect(pick(await people(fresh.admin))).toEqual(pick(source));

      const again = await importFile(fresh.admin, 'people', out.fileName, bytes);
      expect(again.counts).toEqual({ create: 0, update: 0, unchanged: source.length, error: 0 });
    } finally {
      fresh.close();
    }
  }, 60_000);
});

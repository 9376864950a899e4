import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

describe('people registry', () => {
  it('creates a person, deriving sex and birth date from the ID number', async () => {
    const id = idFor('1950-03-04', 123);
    const { person, warnings } = await office.admin.call('people.create', {
      person: { name: '张三', idNumber: id, phone: '13800001234', hukouDivisionCode: '445302001' },
    });
    expect(person).toMatchObject({ name: '张三', idNumber: id, sex: 'M', birthDate: '1950-03-04', phone: '13800001234', version: 1 });
    expect(person.hukouDivisionName).toContain('云浮市云城区');
    expect(warnings).toEqual([]);
  });

  it('refuses a duplicate ID number and names the existing record', async () => {
    const id = idFor('1950-03-04', 123);
    await office.admin.call('people.create', { person: { name: '张三', idNumber: id } });
    const error = await office.admin.refusal('people.create', { person: { name: '张叁', idNumber: id } });
    expect(error).toMatchObject({ code: 'ID_NUMBER_DUPLICATE', field: 'person.idNumber' });
    expect(error.message).toContain('张三');
    const page = await office.admin.call('people.list', { limit: 50 });
    expect(page.total).toBe(1);
  });

  it('refuses a wrong check digit with a translated message naming the field', async () => {
    const id = idFor('1950-03-04', 123);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const error = await office.admin.refusal('people.create', { person: { name: '张三', idNumber: wrong } });
    expect(error.code).toBe('ID_NUMBER_CHECK');
    expect(error.field).toBe('person.idNumber');
    expect(error.message).toMatch(/^身份证号：校验位不正确/);
  });

  it('upgrades a 15-digit number and allows a person without a number, flagged', async () => {
    const { person } = await office.admin.call('people.create', { person: { name: '王五', idNumber: '445302500304123' } });
    expect(person.idNumber).toBe(idFor('1950-03-04', 123));
    const none = await office.admin.call('people.create', {
      person: { name: '无名氏', idNumber: null, sex: 'F', birthDate: '2015-06-01' },
    });
    expect(none.person).toMatchObject({ hasIdNumber: false, idNumber: null, sex: 'F', birthDate: '2015-06-01' });
  });

  it('refuses a birth date in the future for a person without a number', async () => {
    const error = await office.admin.refusal('people.create', { person: { name: '甲', birthDate: '2099-01-01' } });
    expect(error).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'person.birthDate' });
  });

  it('finds people by name, pinyin initials and the last digits of the ID number', async () => {
    const zhang = idFor('1950-03-04', 123);
    await office.admin.call('people.create', { person: { name: '张三', idNumber: zhang } });
    await office.admin.call('people.create', { person: { name: '李四', idNumber: idFor('1941-07-08', 456) } });
    await office.admin.call('people.create', { person: { name: '张三丰', idNumber: null } });
    const names = async (query: string) => (await office.admin.call('people.list', { query, limit: 50 })).rows.map((r) => r.name);
    expect(await names('张三')).toEqual(['张三', '张三丰']);
    expect(await names('zs')).toEqual(['张三', '张三丰']);
    expect(await names('ZSF')).toEqual(['张三丰']);
    expect(await names('ls')).toEqual(['李四']);
    expect(await names(zhang.slice(-4))).toEqual(['张三']);
    expect(await names(zhang.slice(-8))).toEqual(['张三']);
    expect(await names('%')).toEqual([]);
  });

  it('masks ID numbers in lists for clerks and viewers, and in records for viewers', async () => {
    const id = idFor('1950-03-04', 123);
    const { person } = await office.admin.call('people.create', { person: { name: '张三', idNumber: id } });
    const clerk = await office.clientWithRole('clerk');
    const viewer = await office.clientWithRole('viewer');
    const masked = `445302********${id.slice(-4)}`;
    expect((await office.admin.call('people.list', { limit: 10 })).rows[0]!.idNumber).toBe(id);
    expect((await clerk.call('people.list', { limit: 10 })).rows[0]!.idNumber).toBe(masked);
    expect((await viewer.call('people.list', { limit: 10 })).rows[0]!.idNumber).toBe(masked);
    expect((await clerk.call('people.get', { id: person.id })).idNumber).toBe(id);
    expect(await viewer.call('people.get', { id: person.id })).toMatchObject({ idNumber: masked, idNumberMasked: true });
  });

  it('refuses a save based on an old version, naming who changed it', async () => {
    const { person } = await office.admin.call('people.create', { person: { name: '张三' } });
    const clerk = await office.clientWithRole('clerk');
    await clerk.call('people.update', { id: person.id, version: 1, person: { name: '张三', phone: '13800001234' } });
    const error = await office.admin.refusal('people.update', { id: person.id, version: 1, person: { name: '张叁' } });
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.message).toContain('测试clerk');
    const now = await office.admin.call('people.get', { id: person.id });
    expect(now).toMatchObject({ name: '张三', phone: '13800001234', version: 2 });
  });

  it('warns, but saves, a division code unknown to the shipped list or outside the county', async () => {
    const { warnings } = await office.admin.call('people.create', { person: { name: '甲', hukouDivisionCode: '445399001' } });
    expect(warnings).toEqual([{ code: 'DIVISION_UNKNOWN', field: 'person.hukouDivisionCode', params: { code: '445399001' } }]);
    const other = await office.admin.call('people.create', { person: { name: '乙', hukouDivisionCode: '445381' } });
    expect(other.warnings[0]?.code).toBe('DIVISION_OUTSIDE_OFFICE');
    expect((await office.admin.call('people.list', { limit: 10 })).total).toBe(2);
  });

  it('pages through a long list with a cursor, in pinyin order, without repeats', async () => {
    const surnames = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王'];
    for (let i = 0; i < 120; i++) {
      await office.admin.call('people.create', { person: { name: `${surnames[i % 8]}${'一二三四五'[i % 5]}${i}` } });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof office.admin.call<'people.list'>>> = await office.admin.call('people.list', { limit: 50, after });
      expect(page.total).toBe(120);
      seen.push(...page.rows.map((r) => r.name));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]!.startsWith('李')).toBe(true);
    expect(seen.at(-1)!.startsWith('周')).toBe(true);
  });

  it('records every change in the audit trail with before and after', async () => {
    const { person } = await office.admin.call('people.create', { person: { name: '张三' } });
    await office.admin.call('people.update', { id: person.id, version: 1, person: { name: '张三', notes: '独居' } });
    const { rows } = await office.admin.call('audit.list', { entity: 'person', entityId: person.id, limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(rows[0]!.before).toMatchObject({ notes: null, version: 1 });
    expect(rows[0]!.after).toMatchObject({ notes: '独居', version: 2 });
    expect(rows[0]!.actorName).toBe('李管理');
  });
});

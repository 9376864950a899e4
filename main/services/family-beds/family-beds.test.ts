import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { StationRows } from '../../../tests/support/station-rows';
import type { Input } from '../../contract';

let office: TestOffice;
let rows: StationRows;
let stationA: string;
let stationB: string;

beforeEach(async () => {
  office = await createTestOffice();
  rows = new StationRows(office);
  stationA = await rows.station({ name: '腰古镇综合养老服务中心', kind: 'town_centre', town_code: '445302102', operator_name: '甲社工中心' });
  stationB = await rows.station({ name: '牧羊村居家养老服务站', kind: 'village_station', town_code: '445302001', village_code: '445302001201' });
});
afterEach(() => {
  rows.close();
  office.close();
});

async function person(name: string, birth = '1940-05-06', seq = 222) {
  const { person } = await office.admin.call('people.create', { person: { name, idNumber: idFor(birth, seq) } });
  return person;
}

function bed(personId: string, stationId: string, extra: Partial<Input<'beds.create'>['bed']> = {}): Input<'beds.create'>['bed'] {
  return { personId, stationId, installDate: '2024-03-01', devices: ['gateway', 'emergency_button'], ...extra };
}

describe('family care beds', () => {
  it('creates a bed with devices, derived status and an audit entry', async () => {
    const p = await person('张三');
    const created = await office.admin.call('beds.create', { bed: bed(p.id, stationA, { devices: ['camera', 'gateway', 'camera'], devicesOther: '烟感' }) });
    expect(created).toMatchObject({
      personName: '张三',
      personIdNumber: p.idNumber,
      stationName: '腰古镇综合养老服务中心',
      operatorName: '甲社工中心',
      installDate: '2024-03-01',
      devices: ['camera', 'gateway'],
      devicesOther: '烟感',
      status: 'active',
      endDate: null,
      version: 1,
    });
    const onB = await office.admin.call('beds.create', { bed: bed((await person('李四', '1941-01-01', 333)).id, stationB) });
    expect(onB.operatorName).toBe('牧羊村居家养老服务站');
    const audit = await office.admin.call('audit.list', { entity: 'family-bed', entityId: created.id, limit: 10 });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'create', before: null });
    expect(audit.rows[0]!.after).toMatchObject({ install_date: '2024-03-01', devices: ['camera', 'gateway'] });
  });

  it('refuses an unknown person or station, and a station of another county', async () => {
    const p = await person('张三');
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(await office.admin.refusal('beds.create', { bed: bed(ghost, stationA) })).toMatchObject({ code: 'NOT_FOUND', field: 'bed.personId' });
    expect(await office.admin.refusal('beds.create', { bed: bed(p.id, ghost) })).toMatchObject({ code: 'NOT_FOUND', field: 'bed.stationId' });
    const elsewhere = await rows.station({ name: '六都镇综合养老服务中心', kind: 'town_centre', town_code: '445303100' });
    expect(await office.admin.refusal('beds.create', { bed: bed(p.id, elsewhere) })).toMatchObject({
      code: 'DIVISION_OUTSIDE_OFFICE',
      field: 'bed.stationId',
    });
    expect((await office.admin.call('beds.list', { limit: 10 })).total).toBe(0);
  });

  it('refuses an end before the install date', async () => {
    const p = await person('张三');
    const error = await office.admin.refusal('beds.create', { bed: bed(p.id, stationA, { endDate: '2024-02-29' }) });
    expect(error).toMatchObject({ code: 'END_BEFORE_INSTALL', field: 'bed.endDate' });
    expect(error.message).toBe('撤床日期：不能早于安装日期。');
  });

  it('refuses a second bed for the same person on overlapping days, on create and on update', async () => {
    const p = await person('张三');
    const first = await office.admin.call('beds.create', { bed: bed(p.id, stationA, { installDate: '2023-01-10', endDate: '2024-03-10', endReason: '迁出' }) });
    const overlap = await office.admin.refusal('beds.create', { bed: bed(p.id, stationB, { installDate: '2024-03-10' }) });
    expect(overlap).toMatchObject({ code: 'BED_ACTIVE_ELSEWHERE', field: 'bed.personId', params: { name: '张三', station: '腰古镇综合养老服务中心' } });
    expect(overlap.message).toContain('“张三”已有一张使用中的家庭养老床位（腰古镇综合养老服务中心）');
    const before = await office.admin.refusal('beds.create', { bed: bed(p.id, stationB, { installDate: '2022-05-01', endDate: '2023-01-10' }) });
    expect(before.code).toBe('BED_ACTIVE_ELSEWHERE');
    // The day after the end is free, and so is a period wholly before.
    const second = await office.admin.call('beds.create', { bed: bed(p.id, stationB, { installDate: '2024-03-11' }) });
    await office.admin.call('beds.create', { bed: bed(p.id, stationB, { installDate: '2022-05-01', endDate: '2023-01-09' }) });
    // Re-opening the first bed would overlap the second.
    const reopen = await office.admin.refusal('beds.update', { id: first.id, version: 1, bed: bed(p.id, stationA, { installDate: '2023-01-10' }) });
    expect(reopen).toMatchObject({ code: 'BED_ACTIVE_ELSEWHERE', params: { station: '牧羊村居家养老服务站' } });
    // A bed never clashes with itself.
    await office.admin.call('beds.update', { id: second.id, version: 1, bed: bed(p.id, stationB, { installDate: '2024-03-12' }) });
  });

  it('derives the status from the end date and updates with versions and before/after audit', async () => {
    const clerk = await office.clientWithRole('clerk');
    const p = await person('张三');
    const created = await clerk.call('beds.create', { bed: bed(p.id, stationA) });
    const ended = await clerk.call('beds.update', {
      id: created.id,
      version: 1,
      bed: bed(p.id, stationA, { endDate: '2026-11-22', endReason: '老人逝世' }),
    });
    expect(ended).toMatchObject({ status: 'ended', endDate: '2026-11-22', endReason: '老人逝世', version: 2 });
    const stale = await clerk.refusal('beds.update', { id: created.id, version: 1, bed: bed(p.id, stationA) });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.message).toContain('测试clerk');
    const audit = await office.admin.call('audit.list', { entity: 'family-bed', entityId: created.id, limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(audit.rows[0]!.before).toMatchObject({ end_date: null, version: 1 });
    expect(audit.rows[0]!.after).toMatchObject({ end_date: '2026-11-22', end_reason: '老人逝世', version: 2 });
    expect(await clerk.call('beds.get', { id: created.id })).toEqual(ended);
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('beds.create', { bed: bed(p.id, stationB, { installDate: '2026-11-23' }) })).code).toBe('FORBIDDEN');
  });

  it('lists beds by station, status and person (name, pinyin, ID tail), paged, with masked ID numbers', async () => {
    const people = [
      await person('张三', '1940-01-01', 111),
      await person('李四', '1941-01-01', 222),
      await person('王五', '1942-01-01', 333),
      await person('赵六', '1943-01-01', 444),
      await person('张三丰', '1944-01-01', 555),
    ];
    for (const [i, p] of people.entries()) {
      await office.admin.call('beds.create', {
        bed: bed(p.id, i % 2 === 0 ? stationA : stationB, i === 3 ? { installDate: '2024-01-01', endDate: '2025-01-01' } : {}),
      });
    }
    const list = (input: Partial<Input<'beds.list'>> = {}) => office.admin.call('beds.list', { limit: 50, ...input });
    const names = async (input: Partial<Input<'beds.list'>>) => (await list(input)).rows.map((r) => r.personName);
    expect(await names({})).toEqual(['李四', '王五', '张三', '张三丰', '赵六']);
    expect(await names({ stationId: stationA })).toEqual(['王五', '张三', '张三丰']);
    expect(await names({ status: 'ended' })).toEqual(['赵六']);
    expect(await names({ status: 'active', stationId: stationB })).toEqual(['李四']);
    expect(await names({ query: '张三' })).toEqual(['张三', '张三丰']);
    expect(await names({ query: 'zs' })).toEqual(['张三', '张三丰']);
    expect(await names({ query: people[1]!.idNumber!.slice(-6) })).toEqual(['李四']);
    expect(await names({ query: '%' })).toEqual([]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({ limit: 2, after });
      expect(page.total).toBe(5);
      seen.push(...page.rows.map((r) => r.personName));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual(['李四', '王五', '张三', '张三丰', '赵六']);
    expect((await office.admin.refusal('beds.list', { limit: 2, after: 'nonsense' })).code).toBe('INVALID_INPUT');

    const clerk = await office.clientWithRole('clerk');
    const viewer = await office.clientWithRole('viewer');
    const zhang = (await list({ query: '张三' })).rows[0]!;
    expect(zhang.personIdNumber).toBe(people[0]!.idNumber);
    const masked = `445302********${people[0]!.idNumber!.slice(-4)}`;
    expect((await clerk.call('beds.list', { query: '张三', limit: 1 })).rows[0]!.personIdNumber).toBe(masked);
    expect((await viewer.call('beds.list', { query: '张三', limit: 1 })).rows[0]!.personIdNumber).toBe(masked);
    expect((await clerk.call('beds.get', { id: zhang.id })).personIdNumber).toBe(people[0]!.idNumber);
    expect((await viewer.call('beds.get', { id: zhang.id })).personIdNumber).toBe(masked);
    expect((await viewer.refusal('beds.get', { id: '01900000-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { WelfareHomes } from '../../../tests/support/welfare-homes';
import type { Input } from '../../contract';

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => {
  office.close();
});

async function institution(totalBeds = 10, name = '腰古镇敬老院') {
  const institution: Input<'institutions.create'>['institution'] = {
    name,
    type: 'nursing_home',
    townCode: '445302102',
    totalBeds,
    nursingBeds: 0,
    medicalRoom: false,
    medicalStaff: 0,
    oneStopSettlement: false,
  };
  return office.admin.call('institutions.create', { institution });
}

const slotNames = (slots: { room: string; label: string }[]) => slots.map((s) => `${s.room}-${s.label}`);

describe('bed register', () => {
  it('adds several beds to a room and lists the register in natural order, with an audit entry per bed', async () => {
    const home = await institution();
    const added = await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '2', labels: ['10', '2', '1'], nursing: true });
    expect(slotNames(added)).toEqual(['2-1', '2-2', '2-10']);
    expect(added[0]).toMatchObject({ institutionId: home.id, nursing: true, retiredOn: null, version: 1, occupant: null });
    await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '10', labels: ['1'], nursing: false });
    await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '1', labels: ['1'], nursing: false });
    const register = await office.admin.call('institutionBeds.list', { institutionId: home.id });
    // "2" before "10", whether room or bed.
    expect(slotNames(register)).toEqual(['1-1', '2-1', '2-2', '2-10', '10-1']);
    expect((await office.admin.call('institutions.get', { id: home.id })).registeredBeds).toBe(5);
    const audit = await office.admin.call('audit.list', { entity: 'institution-bed', limit: 20 });
    expect(audit.rows).toHaveLength(5);
    expect(audit.rows.map((r) => r.summary)).toContain('腰古镇敬老院 2-10');
    const viewer = await office.clientWithRole('viewer');
    expect(slotNames(await viewer.call('institutionBeds.list', { institutionId: home.id }))).toHaveLength(5);
    expect((await viewer.refusal('institutionBeds.add', { institutionId: home.id, room: '3', labels: ['1'], nursing: false })).code).toBe('FORBIDDEN');
  });

  it('refuses a label twice in one request or already in the room, and adds none of the batch', async () => {
    const home = await institution();
    await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '101', labels: ['1', '2'], nursing: false });
    const twice = await office.admin.refusal('institutionBeds.add', { institutionId: home.id, room: '102', labels: ['1', '2', '1'], nursing: false });
    expect(twice).toMatchObject({ code: 'BED_LABEL_TAKEN', field: 'labels', params: { room: '102', label: '1' } });
    const taken = await office.admin.refusal('institutionBeds.add', { institutionId: home.id, room: '101', labels: ['3', '2'], nursing: false });
    expect(taken).toMatchObject({ code: 'BED_LABEL_TAKEN', field: 'labels', params: { room: '101', label: '2' } });
    expect(taken.message).toBe('床号：101 房已有 2 号床。');
    // The same label in another room, or another institution, is a different bed.
    await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '102', labels: ['1'], nursing: false });
    const other = await institution(5, '思劳镇敬老院');
    await office.admin.call('institutionBeds.add', { institutionId: other.id, room: '101', labels: ['1'], nursing: false });
    expect(slotNames(await office.admin.call('institutionBeds.list', { institutionId: home.id }))).toEqual(['101-1', '101-2', '102-1']);
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(await office.admin.refusal('institutionBeds.add', { institutionId: ghost, room: '1', labels: ['1'], nursing: false })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'institutionId',
    });
  });

  it('keeps the register within the institution’s total beds, counting beds not retired', async () => {
    const home = await institution(3);
    await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '101', labels: ['1', '2'], nursing: false });
    const full = await office.admin.refusal('institutionBeds.add', { institutionId: home.id, room: '102', labels: ['1', '2'], nursing: false });
    expect(full).toMatchObject({ code: 'BED_REGISTER_FULL', field: 'labels', params: { total: 3 } });
    const [third] = await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '102', labels: ['1'], nursing: false });
    // Retiring a bed frees its place in the total; bringing it back needs room again.
    await office.admin.call('institutionBeds.update', { id: third!.id, version: 1, bed: { room: '102', label: '1', nursing: false, retiredOn: '2026-11-01' } });
    const [fourth] = await office.admin.call('institutionBeds.add', { institutionId: home.id, room: '102', labels: ['2'], nursing: false });
    expect((await office.admin.call('institutions.get', { id: home.id })).registeredBeds).toBe(3);
    const back = await office.admin.refusal('institutionBeds.update', { id: third!.id, version: 2, bed: { room: '102', label: '1', nursing: false, retiredOn: null } });
    expect(back).toMatchObject({ code: 'BED_REGISTER_FULL', field: 'bed.retiredOn', params: { total: 3 } });
    await office.admin.call('institutionBeds.update', { id: fourth!.id, version: 1, bed: { room: '102', label: '2', nursing: false, retiredOn: '2026-11-22' } });
    expect(await office.admin.call('institutionBeds.update', { id: third!.id, version: 2, bed: { room: '102', label: '1', nursing: false, retiredOn: null } })).toMatchObject({
      retiredOn: null,
      version: 3,
    });
  });

  it('renames, re-marks and retires a bed with versions and before/after audit', async () => {
    const home = await institution();
    const clerk = await office.clientWithRole('clerk');
    const [one, two] = await clerk.call('institutionBeds.add', { institutionId: home.id, room: '101', labels: ['1', '2'], nursing: false });
    const clash = await clerk.refusal('institutionBeds.update', { id: two!.id, version: 1, bed: { room: '101', label: '1', nursing: false, retiredOn: null } });
    expect(clash).toMatchObject({ code: 'BED_LABEL_TAKEN', field: 'bed.label', params: { room: '101', label: '1' } });
    const moved = await clerk.call('institutionBeds.update', { id: two!.id, version: 1, bed: { room: '102', label: '1', nursing: true, retiredOn: null } });
    expect(moved).toMatchObject({ room: '102', label: '1', nursing: true, version: 2, occupant: null });
    const retired = await clerk.call('institutionBeds.update', { id: one!.id, version: 1, bed: { room: '101', label: '1', nursing: false, retiredOn: '2026-10-31' } });
    expect(retired).toMatchObject({ retiredOn: '2026-10-31', version: 2 });
    const stale = await clerk.refusal('institutionBeds.update', { id: one!.id, version: 1, bed: { room: '101', label: '1', nursing: false, retiredOn: null } });
    expect(stale.code).toBe('VERSION_CONFLICT');
    const future = await clerk.refusal('institutionBeds.update', { id: one!.id, version: 2, bed: { room: '101', label: '1', nursing: false, retiredOn: '2026-12-01' } });
    expect(future).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'bed.retiredOn' });
    // Retired beds stay in the register (for history), marked with their date.
    expect((await clerk.call('institutionBeds.list', { institutionId: home.id })).map((s) => [s.room, s.label, s.retiredOn])).toEqual([
      ['101', '1', '2026-10-31'],
      ['102', '1', null],
    ]);
    // A bed retired by today no longer counts in the register.
    expect((await clerk.call('institutions.get', { id: home.id })).registeredBeds).toBe(1);
    const audit = await office.admin.call('audit.list', { entity: 'institution-bed', entityId: one!.id, limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'create']);
    expect(audit.rows[0]!.before).toMatchObject({ retired_on: null, version: 1, institution_name: '腰古镇敬老院' });
    expect(audit.rows[0]!.after).toMatchObject({ retired_on: '2026-10-31', version: 2 });
  });

  it('shows who holds each bed on a date: through a leave, after a move, and a child masked for viewers', async () => {
    const homes = new WelfareHomes(office.admin);
    const home = await institution();
    const [bed1, bed2, bed3] = await homes.beds(home.id, '101', ['1', '2', '3']);
    const wang = (await homes.admit(await homes.person('王老汉', '1940-01-01'), { institutionId: home.id, bedId: bed1 }, '2026-01-10')).resident;
    await office.admin.call('residents.leave', { id: wang.id, version: wang.version, date: '2026-03-01', leaveKind: 'hospital' });
    const orphan = { details: { category: 'orphan' as const, supportForm: 'concentrated' as const, schoolingExtension: false } };
    const ming = (await homes.admit(await homes.person('陈小明', '2016-04-05'), { institutionId: home.id, bedId: bed2 }, '2026-02-01', orphan)).resident;
    await office.admin.call('residents.move', { id: ming.id, version: ming.version, date: '2026-04-01', institutionId: home.id, bedId: bed3 });

    const register = async (onDate: string, client = office.admin) =>
      (await client.call('institutionBeds.list', { institutionId: home.id, onDate })).map((s) =>
        s.occupant ? `${s.label}:${s.occupant.name}${s.occupant.onLeave ? '(暂离)' : ''} ${s.occupant.since}` : `${s.label}:空`,
      );
    expect(await register('2026-01-09')).toEqual(['1:空', '2:空', '3:空']);
    // On leave the bed stays held; "since" is when the bed was taken, not when the leave began.
    expect(await register('2026-03-15')).toEqual(['1:王老汉(暂离) 2026-01-10', '2:陈小明 2026-02-01', '3:空']);
    expect(await register('2026-04-01')).toEqual(['1:王老汉(暂离) 2026-01-10', '2:空', '3:陈小明 2026-04-01']);
    expect(await register('2026-04-01', await office.clientWithRole('viewer'))).toEqual(['1:王老汉(暂离) 2026-01-10', '2:空', '3:陈** 2026-04-01']);
    // Without a date: today.
    const today = await office.admin.call('institutionBeds.list', { institutionId: home.id });
    expect(today.find((s) => s.id === bed3)?.occupant).toMatchObject({ residentId: ming.id, name: '陈小明', onLeave: false });
  });

  it('cannot retire a bed someone holds on or after the retirement date; the exit day itself is free', async () => {
    const homes = new WelfareHomes(office.admin);
    const home = await institution();
    const [bed1, bed2] = await homes.beds(home.id, '101', ['1', '2']);
    const li = (await homes.admit(await homes.person('李阿婆', '1945-01-01'), { institutionId: home.id, bedId: bed1 }, '2026-01-10')).resident;
    await office.admin.call('residents.exit', { id: li.id, version: li.version, date: '2026-06-01', exitReason: 'death' });
    await homes.admit(await homes.person('王老汉', '1940-01-01'), { institutionId: home.id, bedId: bed2 }, '2026-02-01');
    const retire = (id: string, version: number, retiredOn: string) =>
      ({ id, version, bed: { room: '101', label: id === bed1 ? '1' : '2', nursing: false, retiredOn } }) as const;
    const held = await office.admin.refusal('institutionBeds.update', retire(bed1!, 1, '2026-05-31'));
    expect(held).toMatchObject({ code: 'BED_IN_USE_ON_RETIRE', field: 'bed.retiredOn', params: { name: '李阿婆', date: '2026-05-31' } });
    expect(held.message).toBe('停用日期：“李阿婆”在 2026-05-31 之后仍使用该床位，不能停用。');
    expect((await office.admin.refusal('institutionBeds.update', retire(bed2!, 1, '2026-11-22'))).code).toBe('BED_IN_USE_ON_RETIRE');
    expect(await office.admin.call('institutionBeds.update', retire(bed1!, 1, '2026-06-01'))).toMatchObject({ retiredOn: '2026-06-01', version: 2 });
  });
});

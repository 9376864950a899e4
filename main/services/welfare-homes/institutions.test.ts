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

type InstitutionInput = Input<'institutions.create'>['institution'];

function home(extra: Partial<InstitutionInput> = {}): InstitutionInput {
  return {
    name: '云城区中心敬老院',
    type: 'nursing_home',
    townCode: '445302102',
    villageCode: '445302102201',
    address: '腰古镇腰古村 1 号',
    operatorName: '云城区民政局',
    operatorCreditCode: '91350100m000100y43',
    totalBeds: 60,
    nursingBeds: 20,
    medicalRoom: true,
    medicalStaff: 2,
    oneStopSettlement: false,
    licenseNumber: '粤民养备 2019-001',
    registeredOn: '2019-03-01',
    licenseAuthority: '云浮市云城区民政局',
    closedOn: null,
    notes: null,
    ...extra,
  };
}

describe('institutions', () => {
  it('creates an institution with division names, normalised credit code, counts and an audit entry', async () => {
    const created = await office.admin.call('institutions.create', { institution: home() });
    expect(created).toMatchObject({
      name: '云城区中心敬老院',
      type: 'nursing_home',
      townName: '腰古镇',
      villageName: '腰古村民委员会',
      operatorCreditCode: '91350100M000100Y43',
      totalBeds: 60,
      nursingBeds: 20,
      registeredBeds: 0,
      residents: 0,
      onLeave: 0,
      medicalRoom: true,
      oneStopSettlement: false,
      registeredOn: '2019-03-01',
      closedOn: null,
      version: 1,
      updatedByName: '李管理',
    });
    expect(await office.admin.call('institutions.get', { id: created.id })).toEqual(created);
    const audit = await office.admin.call('audit.list', { entity: 'institution', entityId: created.id, limit: 10 });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'create', summary: '云城区中心敬老院', before: null });
    expect(audit.rows[0]!.after).toMatchObject({ total_beds: 60, town_name: '腰古镇', village_name: '腰古村民委员会' });
    expect(audit.rows[0]!.after).not.toHaveProperty('name_pinyin');
  });

  it('refuses a second institution of the same name, naming the field, and saves nothing', async () => {
    await office.admin.call('institutions.create', { institution: home() });
    const error = await office.admin.refusal('institutions.create', { institution: home({ townCode: '445302103', villageCode: null }) });
    expect(error).toMatchObject({ code: 'INSTITUTION_NAME_TAKEN', field: 'institution.name', params: { name: '云城区中心敬老院' } });
    expect(error.message).toBe('机构名称：已有名为“云城区中心敬老院”的机构。');
    expect(await office.admin.call('institutions.list', {})).toHaveLength(1);
  });

  it('keeps the town and village inside the county, and the village inside the town', async () => {
    const refusal = (extra: Partial<InstitutionInput>) => office.admin.refusal('institutions.create', { institution: home(extra) });
    expect(await refusal({ townCode: '445303100', villageCode: null })).toMatchObject({ code: 'DIVISION_OUTSIDE_OFFICE', field: 'institution.townCode' });
    expect(await refusal({ townCode: '445302103', villageCode: '445302102201' })).toMatchObject({
      code: 'VILLAGE_NOT_IN_TOWN',
      field: 'institution.villageCode',
    });
    expect(await refusal({ townCode: null, villageCode: '445302102201' })).toMatchObject({ code: 'VILLAGE_NOT_IN_TOWN' });
    expect(await refusal({ townCode: '445302', villageCode: null })).toMatchObject({ code: 'TOWN_REQUIRED', field: 'institution.townCode' });
    expect(await refusal({ townCode: '445302999', villageCode: null })).toMatchObject({ code: 'DIVISION_UNKNOWN', field: 'institution.townCode' });
    // Without a town at all (a county-level home) is fine.
    const county = await office.admin.call('institutions.create', { institution: home({ townCode: null, villageCode: null }) });
    expect(county).toMatchObject({ townCode: null, townName: '', villageName: '' });
  });

  it('refuses more nursing beds than beds, and a bad credit code', async () => {
    const over = await office.admin.refusal('institutions.create', { institution: home({ totalBeds: 10, nursingBeds: 11 }) });
    expect(over).toMatchObject({ code: 'NURSING_BEDS_OVER_TOTAL', field: 'institution.nursingBeds', params: { total: 10 } });
    expect(over.message).toBe('护理型床位：不能多于总床位（10）。');
    const code = await office.admin.refusal('institutions.create', { institution: home({ operatorCreditCode: '91350100M000100Y44' }) });
    expect(code).toMatchObject({ code: 'CREDIT_CODE_CHECK', field: 'institution.operatorCreditCode' });
    expect(await office.admin.call('institutions.list', { includeClosed: true })).toEqual([]);
  });

  it('updates with versions, before/after audit, and keeps the total at or above the bed register', async () => {
    const clerk = await office.clientWithRole('clerk');
    const created = await clerk.call('institutions.create', { institution: home({ totalBeds: 4, nursingBeds: 0 }) });
    await clerk.call('institutionBeds.add', { institutionId: created.id, room: '101', labels: ['1', '2', '3'], nursing: false });
    const below = await clerk.refusal('institutions.update', { id: created.id, version: 1, institution: home({ totalBeds: 2, nursingBeds: 0 }) });
    expect(below).toMatchObject({ code: 'TOTAL_BEDS_BELOW_REGISTER', field: 'institution.totalBeds', params: { registered: 3 } });
    const renamed = await clerk.call('institutions.update', {
      id: created.id,
      version: 1,
      institution: home({ name: '云城区福利中心', type: 'welfare_centre', totalBeds: 3, nursingBeds: 1 }),
    });
    expect(renamed).toMatchObject({ name: '云城区福利中心', type: 'welfare_centre', totalBeds: 3, registeredBeds: 3, version: 2, updatedByName: '测试clerk' });
    // Keeping its own name is not a clash.
    await clerk.call('institutions.update', { id: created.id, version: 2, institution: home({ name: '云城区福利中心', totalBeds: 3, nursingBeds: 1 }) });
    const stale = await clerk.refusal('institutions.update', { id: created.id, version: 2, institution: home({ totalBeds: 3, nursingBeds: 1 }) });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.message).toContain('测试clerk');
    const audit = await office.admin.call('audit.list', { entity: 'institution', entityId: created.id, limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect(audit.rows[1]!.before).toMatchObject({ name: '云城区中心敬老院', total_beds: 4, version: 1 });
    expect(audit.rows[1]!.after).toMatchObject({ name: '云城区福利中心', total_beds: 3, version: 2 });
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('institutions.create', { institution: home({ name: '另一家' }) })).code).toBe('FORBIDDEN');
    expect(await viewer.call('institutions.get', { id: created.id })).toMatchObject({ name: '云城区福利中心' });
  });

  it('lists by pinyin, finds by name or initials, and hides institutions closed by today unless asked', async () => {
    await office.admin.call('institutions.create', { institution: home({ name: '腰古镇敬老院' }) });
    await office.admin.call('institutions.create', { institution: home({ name: '安塘敬老院', type: 'nursing_home' }) });
    await office.admin.call('institutions.create', { institution: home({ name: '云浮市儿童福利院', type: 'welfare_home', closedOn: '2026-11-22' }) });
    await office.admin.call('institutions.create', { institution: home({ name: '思劳镇敬老院', closedOn: null }) });
    const names = async (input: Input<'institutions.list'>) => (await office.admin.call('institutions.list', input)).map((r) => r.name);
    expect(await names({})).toEqual(['安塘敬老院', '思劳镇敬老院', '腰古镇敬老院']);
    expect(await names({ includeClosed: true })).toEqual(['安塘敬老院', '思劳镇敬老院', '腰古镇敬老院', '云浮市儿童福利院']);
    expect(await names({ query: '敬老院' })).toEqual(['安塘敬老院', '思劳镇敬老院', '腰古镇敬老院']);
    expect(await names({ query: 'ygz' })).toEqual(['腰古镇敬老院']);
    expect(await names({ query: 'yunfu', includeClosed: true })).toEqual(['云浮市儿童福利院']);
    expect(await names({ query: '%' })).toEqual([]);
  });

  it('counts registered beds, residents and those on leave today, from the residence periods', async () => {
    const homes = new WelfareHomes(office.admin);
    const created = await office.admin.call('institutions.create', { institution: home() });
    const [bed1, bed2, bed3] = await homes.beds(created.id, '101', ['1', '2', '3']);
    const place = (bedId: string | undefined) => ({ institutionId: created.id, bedId: bedId ?? null });
    const wang = (await homes.admit(await homes.person('王老汉', '1940-01-01'), place(bed1), '2026-01-10')).resident;
    await office.admin.call('residents.leave', { id: wang.id, version: wang.version, date: '2026-11-01', leaveKind: 'hospital' });
    const li = (await homes.admit(await homes.person('李阿婆', '1945-01-01'), place(bed2), '2026-02-01')).resident;
    // Exited today: not there tonight, so not counted.
    const zhao = (await homes.admit(await homes.person('赵六', '1941-01-01'), place(bed3), '2026-03-01')).resident;
    await office.admin.call('residents.exit', { id: zhao.id, version: zhao.version, date: '2026-11-22', exitReason: 'voluntary' });
    const [row] = await office.admin.call('institutions.list', {});
    expect(row).toMatchObject({ registeredBeds: 3, residents: 2, onLeave: 1 });
    expect(await office.admin.call('institutions.get', { id: created.id })).toMatchObject({ registeredBeds: 3, residents: 2, onLeave: 1 });

    // It cannot close while anyone still lives there (on leave included) on or after the closing day.
    const close = (closedOn: string) => ({ id: created.id, version: 1, institution: home({ closedOn }) });
    const occupied = await office.admin.refusal('institutions.update', close('2026-11-22'));
    expect(occupied).toMatchObject({ code: 'INSTITUTION_STILL_OCCUPIED', field: 'institution.closedOn', params: { name: '李阿婆', date: '2026-11-22' } });
    expect(occupied.message).toBe('关闭日期：“李阿婆”在 2026-11-22 之后仍在该机构供养，请先登记离院或转出。');
    await office.admin.call('residents.exit', { id: li.id, version: li.version, date: '2026-11-22', exitReason: 'transfer_out' });
    expect((await office.admin.refusal('institutions.update', close('2026-11-22'))).params).toEqual({ name: '王老汉', date: '2026-11-22' });
  });

  it('closes an institution whose last resident left on or before the closing day', async () => {
    const homes = new WelfareHomes(office.admin);
    const created = await office.admin.call('institutions.create', { institution: home() });
    const zhao = (await homes.admit(await homes.person('赵六', '1941-01-01'), { institutionId: created.id }, '2026-03-01')).resident;
    await office.admin.call('residents.exit', { id: zhao.id, version: zhao.version, date: '2026-10-31', exitReason: 'transfer_out' });
    expect((await office.admin.refusal('institutions.update', { id: created.id, version: 1, institution: home({ closedOn: '2026-10-30' }) })).code).toBe(
      'INSTITUTION_STILL_OCCUPIED',
    );
    const closed = await office.admin.call('institutions.update', { id: created.id, version: 1, institution: home({ closedOn: '2026-10-31' }) });
    expect(closed).toMatchObject({ closedOn: '2026-10-31', residents: 0, version: 2 });
    expect(await office.admin.call('institutions.list', {})).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../contract';
import type { RenovationCase } from '../../contract/areas/renovations';
import { ADMIN, createTestOffice, type TestOffice } from '../../../tests/support/office';
import { advance, caseInput, createCase, createPerson, OTHER_TOWN, TOWN } from '../../../tests/support/renovations';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

type Household = Input<'renovations.update'>['household'];

function householdOf(c: RenovationCase, changes: Partial<Household> = {}): Household {
  return {
    personIds: c.people.map((p) => p.personId),
    category: c.category,
    conditions: c.conditions,
    townCode: c.townCode,
    villageCode: c.villageCode,
    address: c.address,
    phone: c.phone,
    planYear: c.planYear,
    duplicateReason: c.duplicateReason,
    notes: c.notes,
    ...changes,
  };
}

async function createRefusal(overrides: Parameters<typeof caseInput>[1]) {
  return office.admin.refusal('renovations.create', { application: await caseInput(office, overrides) });
}

describe('renovation cases', () => {
  it('opens a case with its application step, numbered per plan year in creation order', async () => {
    const first = await createCase(office, { names: ['张阿婆', '张阿公'], appliedOn: '2026-03-02', responsible: '李受理', note: '村委会代交' });
    expect(first).toMatchObject({
      caseNumber: '2026-0001',
      state: 'applied',
      stateDate: '2026-03-02',
      appliedOn: '2026-03-02',
      townName: '腰古镇',
      villageName: '水东村民委员会',
      conditions: ['advanced_age'],
      version: 1,
      nextSteps: ['town_reviewed', 'rejected', 'withdrawn'],
      correctable: null,
      plan: { lines: [], editable: true },
      attachments: [],
    });
    expect(first.people.map((p) => p.name)).toEqual(['张阿婆', '张阿公']);
    expect(first.steps).toEqual([
      expect.objectContaining({ step: 'applied', date: '2026-03-02', responsible: '李受理', note: '村委会代交', createdByName: '李管理' }),
    ]);
    expect(first.history).toEqual([
      expect.objectContaining({ action: 'create', entity: 'renovation-case', summary: '2026-0001 张阿婆', actorName: '李管理' }),
    ]);
    expect(first.history[0]!.after).toMatchObject({ town_name: '腰古镇', people: [{ name: '张阿婆' }, { name: '张阿公' }] });

    expect((await createCase(office, { names: ['李阿公'] })).caseNumber).toBe('2026-0002');
    expect((await createCase(office, { names: ['王阿婆'], planYear: 2027 })).caseNumber).toBe('2027-0001');
    expect((await createCase(office, { names: ['赵阿婆'] })).caseNumber).toBe('2026-0003');
  });

  it('refuses unknown or repeated people and places outside the county, naming the field, and saves nothing', async () => {
    const someone = await createPerson(office.admin, '钱阿婆');
    expect(await createRefusal({ personIds: [someone, '01900000-0000-7000-8000-000000000000'] })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'application.household.personIds.1',
    });
    const twice = await createRefusal({ personIds: [someone, someone] });
    expect(twice).toMatchObject({ code: 'PERSON_LISTED_TWICE', field: 'application.household.personIds.1' });
    expect(twice.message).toContain('家庭成员');
    expect(await createRefusal({ townCode: '445303100', villageCode: null })).toMatchObject({
      code: 'DIVISION_OUTSIDE_OFFICE',
      field: 'application.household.townCode',
    });
    expect(await createRefusal({ townCode: '445302', villageCode: null })).toMatchObject({ code: 'TOWN_REQUIRED', field: 'application.household.townCode' });
    expect(await createRefusal({ townCode: TOWN, villageCode: '445302103201' })).toMatchObject({
      code: 'VILLAGE_NOT_IN_TOWN',
      field: 'application.household.villageCode',
    });
    expect((await office.admin.call('renovations.list', {})).total).toBe(0);
  });

  it('flags a household with an open or renovated case, and goes on only with a reason', async () => {
    const first = await createCase(office, { names: ['孙阿婆'] });
    const grandma = first.people[0]!.personId;
    const grandpa = await createPerson(office.admin, '孙阿公');
    const refused = await createRefusal({ personIds: [grandpa, grandma] });
    expect(refused).toMatchObject({
      code: 'DUPLICATE_HOUSEHOLD',
      field: 'application.household.personIds',
      params: { name: '孙阿婆', caseNumber: '2026-0001', state: 'applied' },
    });
    expect(refused.message).toContain('（申请）');
    expect((await office.admin.call('renovations.list', {})).total).toBe(1);

    const second = await office.admin.call('renovations.create', {
      application: await caseInput(office, { personIds: [grandpa, grandma], duplicateReason: '原案件尚在审核，老人另居一处' }),
    });
    expect(second.warnings).toEqual([
      { code: 'DUPLICATE_HOUSEHOLD_NOTED', field: 'application.household.duplicateReason', params: { caseNumber: '2026-0001' } },
    ]);
    expect(second.case.duplicateReason).toBe('原案件尚在审核，老人另居一处');
    const rows = (await office.admin.call('renovations.list', {})).rows;
    expect(rows.map((r) => [r.caseNumber, r.duplicateReason])).toEqual([
      ['2026-0001', null],
      ['2026-0002', '原案件尚在审核，老人另居一处'],
    ]);

    // A household already renovated counts as much as an open case.
    const done = await advance(office, (await createCase(office, { names: ['周阿婆'] })).id, 'satisfaction');
    expect(await createRefusal({ personIds: done.people.map((p) => p.personId) })).toMatchObject({
      code: 'DUPLICATE_HOUSEHOLD',
      params: { caseNumber: done.caseNumber, state: 'satisfaction' },
    });
  });

  it('does not count a rejected or withdrawn case against a new one', async () => {
    const first = await createCase(office, { names: ['吴阿婆'] });
    await office.admin.call('renovations.step', {
      id: first.id,
      version: first.version,
      step: { step: 'withdrawn', date: '2026-03-05', responsible: '李受理', note: null, reason: '外出务工家属接走' },
    });
    const again = await office.admin.call('renovations.create', { application: await caseInput(office, { personIds: [first.people[0]!.personId] }) });
    expect(again.warnings).toEqual([]);
    expect(again.case.duplicateReason).toBeNull();
  });

  it('keeps the plan year once the plan is signed, since the year chooses the cap', async () => {
    const c = await createCase(office, { names: ['覃阿婆'] });
    const signed = await advance(office, c.id, 'plan_signed');
    const refused = await office.admin.refusal('renovations.update', {
      id: c.id,
      version: signed.version,
      household: householdOf(signed, { planYear: signed.planYear + 1 }),
    });
    expect(refused).toMatchObject({ code: 'PLAN_YEAR_LOCKED', field: 'household.planYear', params: { year: signed.planYear } });
    // Other household details still change.
    const saved = await office.admin.call('renovations.update', { id: c.id, version: signed.version, household: householdOf(signed, { notes: '门前有台阶' }) });
    expect(saved.case).toMatchObject({ planYear: signed.planYear, notes: '门前有台阶' });
  });

  it('edits the household with a version check and a before/after audit entry, keeping the case number', async () => {
    const c = await createCase(office, { names: ['郑阿婆'], planYear: 2027 });
    const spouse = await createPerson(office.admin, '郑阿公');
    const saved = await office.admin.call('renovations.update', {
      id: c.id,
      version: c.version,
      household: householdOf(c, {
        personIds: [...c.people.map((p) => p.personId), spouse],
        category: 'dibao',
        conditions: ['disability', 'advanced_age', 'disability'],
        townCode: OTHER_TOWN,
        villageCode: null,
        address: '思劳镇城村 8 号',
        planYear: 2026,
        notes: '二人同住',
      }),
    });
    expect(saved.warnings).toEqual([]);
    expect(saved.case).toMatchObject({
      caseNumber: '2027-0001',
      planYear: 2026,
      category: 'dibao',
      conditions: ['advanced_age', 'disability'],
      townName: '思劳镇',
      villageName: '',
      address: '思劳镇城村 8 号',
      notes: '二人同住',
      version: 2,
    });
    expect(saved.case.people.map((p) => p.name)).toEqual(['郑阿婆', '郑阿公']);
    const entry = saved.case.history[0]!;
    expect(entry).toMatchObject({ action: 'update', summary: '2027-0001 郑阿婆' });
    expect(entry.before).toMatchObject({ plan_year: 2027, town_name: '腰古镇', people: [{ name: '郑阿婆' }] });
    expect(entry.after).toMatchObject({ plan_year: 2026, town_name: '思劳镇', people: [{ name: '郑阿婆' }, { name: '郑阿公' }] });
    // Numbers stay unique: the next case of 2026 is still counted within 2026's own numbers.
    expect((await createCase(office, { names: ['冯阿婆'] })).caseNumber).toBe('2026-0001');
    expect((await createCase(office, { names: ['陈阿婆'], planYear: 2027 })).caseNumber).toBe('2027-0002');

    const stale = await office.admin.refusal('renovations.update', { id: c.id, version: c.version, household: householdOf(c, { notes: '旧版本' }) });
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', params: { by: '李管理' } });
    expect((await office.admin.call('renovations.get', { id: c.id })).notes).toBe('二人同住');
  });

  it('applies the duplicate rule to edits, and locks the household once the subsidy is paid', async () => {
    const other = await createCase(office, { names: ['褚阿婆'] });
    const c = await createCase(office, { names: ['卫阿婆'] });
    const withOther = householdOf(c, { personIds: [c.people[0]!.personId, other.people[0]!.personId] });
    expect(await office.admin.refusal('renovations.update', { id: c.id, version: c.version, household: withOther })).toMatchObject({
      code: 'DUPLICATE_HOUSEHOLD',
      field: 'household.personIds',
      params: { name: '褚阿婆', caseNumber: other.caseNumber },
    });
    // Its own case never counts against a household.
    const same = await office.admin.call('renovations.update', { id: c.id, version: c.version, household: householdOf(c, { phone: '13900000000' }) });
    expect(same.warnings).toEqual([]);

    const paid = await advance(office, c.id, 'paid');
    const locked = await office.admin.refusal('renovations.update', { id: c.id, version: paid.version, household: householdOf(paid, { notes: '改' }) });
    expect(locked).toMatchObject({ code: 'CASE_HOUSEHOLD_LOCKED', field: 'household', params: { state: 'paid' } });
    expect(locked.message).toBe('家庭信息：案件已到“补助发放”，家庭信息不能再修改；如有错误，请先更正最近的办理步骤。');
  });

  it('shows ID numbers in full to clerks and masked to viewers', async () => {
    const c = await createCase(office);
    const clerk = await office.clientWithRole('clerk');
    const viewer = await office.clientWithRole('viewer');
    const full = (await clerk.call('renovations.get', { id: c.id })).people[0]!.idNumber!;
    expect(full).toMatch(/^\d{17}[\dX]$/);
    const masked = (await viewer.call('renovations.get', { id: c.id })).people[0]!.idNumber!;
    expect(masked).toContain('*');
    expect(masked.slice(-4)).toBe(full.slice(-4));
    expect(await viewer.refusal('renovations.create', { application: await caseInput(office) })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the case list', () => {
  it('filters by plan year, state, town and search (name, pinyin, ID tail, case number), paged by case number', async () => {
    const a = await createCase(office, { names: ['蒋阿婆', '蒋阿公'] });
    const b = await createCase(office, { names: ['沈阿公'], townCode: OTHER_TOWN, villageCode: null });
    const c = await createCase(office, { names: ['韩阿婆'], planYear: 2027 });
    await advance(office, a.id, 'town_reviewed');
    const list = (input: Input<'renovations.list'>) => office.admin.call('renovations.list', input);
    const numbers = async (input: Input<'renovations.list'>) => (await list(input)).rows.map((r) => r.caseNumber);

    const all = await list({});
    expect(all.total).toBe(3);
    expect(all.rows[0]).toMatchObject({
      caseNumber: '2026-0001',
      applicantName: '蒋阿婆',
      people: 2,
      townName: '腰古镇',
      villageName: '水东村民委员会',
      state: 'town_reviewed',
      subsidyFen: 0,
    });
    expect(await numbers({ planYear: 2026 })).toEqual([a.caseNumber, b.caseNumber]);
    expect(await numbers({ state: 'town_reviewed' })).toEqual([a.caseNumber]);
    expect(await numbers({ townCode: OTHER_TOWN })).toEqual([b.caseNumber]);
    expect(await numbers({ query: '韩' })).toEqual([c.caseNumber]);
    expect(await numbers({ query: 'sag' })).toEqual([b.caseNumber]);
    // Any person of the household is found, not only the applicant.
    expect(await numbers({ query: '蒋阿公' })).toEqual([a.caseNumber]);
    const idNumber = (await office.admin.call('people.get', { id: c.people[0]!.personId })).idNumber!;
    expect(await numbers({ query: idNumber.slice(-6) })).toEqual([c.caseNumber]);
    expect(await numbers({ query: '2027-0001' })).toEqual([c.caseNumber]);
    expect(await numbers({ query: '2026-' })).toEqual([a.caseNumber, b.caseNumber]);

    const page1 = await list({ limit: 2 });
    expect(page1.rows.map((r) => r.caseNumber)).toEqual(['2026-0001', '2026-0002']);
    const page2 = await list({ limit: 2, after: page1.nextCursor });
    expect(page2.rows.map((r) => r.caseNumber)).toEqual(['2027-0001']);
    expect(page2.nextCursor).toBeNull();
    expect(page2.total).toBe(3);
  });

  it('shows the subsidy of the plan in each row', async () => {
    const c = await advance(office, (await createCase(office)).id, 'plan_signed');
    const row = (await office.admin.call('renovations.list', {})).rows[0]!;
    expect(row.subsidyFen).toBe(c.plan.summary.subsidyFen);
    expect(row.subsidyFen).toBe(100_000);
  });

  it('lists the cases stuck more than 30 days in one step, not finished ones', async () => {
    const old = await createCase(office, { names: ['杨阿婆'], appliedOn: '2026-10-01' });
    const recent = await createCase(office, { names: ['朱阿婆'], appliedOn: '2026-10-23' });
    const ended = await createCase(office, { names: ['秦阿婆'], appliedOn: '2026-08-01' });
    await office.admin.call('renovations.step', {
      id: ended.id,
      version: ended.version,
      step: { step: 'rejected', date: '2026-08-05', responsible: '李受理', note: null, reason: '不符合条件' },
    });
    const stuck = async () => (await office.admin.call('renovations.list', { stuckOnly: true })).rows.map((r) => [r.applicantName, r.daysInState, r.stuck]);
    expect(await stuck()).toEqual([['杨阿婆', 52, true]]);
    const rows = (await office.admin.call('renovations.list', {})).rows;
    expect(rows.find((r) => r.id === recent.id)).toMatchObject({ daysInState: 30, stuck: false });
    expect(rows.find((r) => r.id === ended.id)).toMatchObject({ state: 'rejected', stuck: false });

    office.clock.advanceMinutes(24 * 60);
    await office.admin.login(ADMIN.username, ADMIN.password); // the session locked overnight
    expect(await stuck()).toEqual([
      ['杨阿婆', 53, true],
      ['朱阿婆', 31, true],
    ]);
    // A step moves the case on: its days start again.
    await advance(office, old.id, 'town_reviewed', { dates: { town_reviewed: '2026-11-20' } });
    expect(await stuck()).toEqual([['朱阿婆', 31, true]]);
  });
});

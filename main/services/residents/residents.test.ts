import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { WelfareHomes } from '../../../tests/support/welfare-homes';
import type { Input } from '../../contract';

// The test office's clock says 2026-11-22.
let office: TestOffice;
let homes: WelfareHomes;
let homeA: string;
let bedsA: string[];

beforeEach(async () => {
  office = await createTestOffice();
  homes = new WelfareHomes(office.admin);
  homeA = await homes.institution('腰古敬老院');
  bedsA = await homes.beds(homeA, '101', ['1', '2']);
});
afterEach(() => office.close());

async function residentsTotal() {
  return (await office.admin.call('residents.list', { scope: 'all', limit: 50 })).total;
}

describe('admission', () => {
  it('admits a registered person into a bed, with the first event, the assessment and an audit entry', async () => {
    const personId = await homes.person('张三');
    const { resident, warnings } = await homes.admit(personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01', {
      assessment: { method: 'six_task', assessedOn: '2025-02-27', assessor: '王评估', failedTasks: ['bathe'] },
      note: '镇政府送院',
    });
    expect(warnings).toEqual([]);
    expect(resident).toMatchObject({
      personId,
      name: '张三',
      status: 'present',
      institutionId: homeA,
      institutionName: '腰古敬老院',
      bedLabel: '101-1',
      admittedOn: '2025-03-01',
      exitedOn: null,
      category: 'tekun_elderly',
      selfCareLevel: 'partial',
      lastAssessedOn: '2025-02-27',
      age: 76,
      isChild: false,
      version: 1,
    });
    expect(resident.events).toMatchObject([{ kind: 'admit', date: '2025-03-01', institutionName: '腰古敬老院', bedLabel: '101-1', note: '镇政府送院', reversedByEventId: null, createdByName: '李管理' }]);
    expect(resident.assessments).toMatchObject([{ failedTasks: ['bathe'], selfCareLevel: 'partial', assessor: '王评估', reversed: false }]);
    expect(resident.history).toMatchObject([{ action: 'admit', entity: 'resident', entityId: resident.id, summary: '张三' }]);
    expect(resident.history[0]!.after).toMatchObject({
      kind: 'admit',
      event_date: '2025-03-01',
      assessment: { failed_tasks: ['bathe'], self_care_level: 'partial' },
      resident: { category: 'tekun_elderly', support_form: 'concentrated' },
    });
    expect(await office.admin.call('residents.get', { id: resident.id })).toEqual(resident);
  });

  it('registers a new person typed into the form, refusing an ID number already in the registry', async () => {
    const idNumber = idFor('1948-08-08', 321);
    const { resident } = await office.admin.call('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[0] }, '2025-03-01', { person: { name: '李四', idNumber } }),
    });
    expect(resident).toMatchObject({ name: '李四', idNumber, birthDate: '1948-08-08', sex: 'M' });
    const people = await office.admin.call('people.list', { query: '李四', limit: 10 });
    expect(people.rows.map((p) => p.id)).toEqual([resident.personId]);
    const duplicate = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[1] }, '2025-03-01', { person: { name: '李肆', idNumber } }),
    });
    expect(duplicate).toMatchObject({ code: 'ID_NUMBER_DUPLICATE', field: 'admission.person.idNumber', params: { name: '李四' } });
    expect((await office.admin.call('people.list', { limit: 10 })).total).toBe(1);
    expect(await residentsTotal()).toBe(1);
  });

  it('needs exactly one of a registered person and a new one', async () => {
    const personId = await homes.person('张三');
    const place = { institutionId: homeA, bedId: bedsA[0] };
    const both = await office.admin.refusal('residents.admit', {
      admission: homes.admission(place, '2025-03-01', { personId, person: { name: '王五' } }),
    });
    expect(both).toMatchObject({ code: 'PERSON_CHOICE', field: 'admission.personId' });
    const neither = await office.admin.refusal('residents.admit', { admission: homes.admission(place, '2025-03-01') });
    expect(neither.code).toBe('PERSON_CHOICE');
    expect(neither.message).toBe('服务对象：请选择已登记人员或填写新人员（二选一）。');
    expect((await office.admin.call('people.list', { limit: 10 })).total).toBe(1);
    expect(await residentsTotal()).toBe(0);
  });

  it('checks the place: a bed of a registered institution is required, in that institution, not retired; the institution open', async () => {
    const personId = await homes.person('张三');
    const homeB = await homes.institution('河口敬老院');
    const [bedB] = await homes.beds(homeB, '201', ['1']);
    const refuse = (place: { institutionId: string; bedId?: string | null }, date = '2025-03-01') =>
      office.admin.refusal('residents.admit', { admission: homes.admission(place, date, { personId }) });
    expect(await refuse({ institutionId: homeA })).toMatchObject({ code: 'BED_REQUIRED', field: 'admission.bedId' });
    expect(await refuse({ institutionId: homeA, bedId: bedB })).toMatchObject({ code: 'BED_NOT_IN_INSTITUTION', field: 'admission.bedId' });
    await office.admin.call('institutionBeds.update', { id: bedsA[1]!, version: 1, bed: { room: '101', label: '2', nursing: false, retiredOn: '2025-06-01' } });
    expect(await refuse({ institutionId: homeA, bedId: bedsA[1] }, '2025-06-01')).toMatchObject({
      code: 'BED_RETIRED',
      field: 'admission.bedId',
      params: { date: '2025-06-01' },
    });
    // Admitted before the retirement, the stay would still hold the bed after it.
    expect(await refuse({ institutionId: homeA, bedId: bedsA[1] }, '2025-05-01')).toMatchObject({ code: 'BED_RETIRED', params: { date: '2025-06-01' } });
    const closed = await homes.institution('旧敬老院', { closedOn: '2024-12-31' });
    const error = await refuse({ institutionId: closed }, '2025-01-05');
    expect(error).toMatchObject({ code: 'INSTITUTION_CLOSED', field: 'admission.institutionId', params: { date: '2024-12-31' } });
    expect(error.message).toBe('供养机构：该机构已于 2024-12-31 关闭。');
    // An institution without a bed register takes residents without a bed.
    const noRegister = await homes.institution('无床位登记福利院', { type: 'welfare_home' });
    const { resident } = await homes.admit(personId, { institutionId: noRegister }, '2025-03-01');
    expect(resident).toMatchObject({ institutionName: '无床位登记福利院', bedLabel: null });
    expect(await residentsTotal()).toBe(1);
  });

  it('dates the admission assessment on or before the admission, and the admission after the birth', async () => {
    const personId = await homes.person('张三', '1950-03-04');
    const late = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[0] }, '2025-03-01', {
        personId,
        assessment: { method: 'six_task', assessedOn: '2025-03-02', assessor: '王评估', failedTasks: [] },
      }),
    });
    expect(late).toMatchObject({ code: 'ASSESSMENT_AFTER_ADMISSION', field: 'admission.assessment.assessedOn' });
    const baby = await homes.person('小明', '2024-05-01');
    const early = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[0] }, '2024-04-30', {
        personId: baby,
        details: { category: 'orphan', supportForm: 'concentrated', schoolingExtension: false },
      }),
    });
    expect(early).toMatchObject({ code: 'ADMITTED_BEFORE_BIRTH', field: 'admission.admittedOn' });
    expect(await residentsTotal()).toBe(0);
  });

  it('derives the self-care level from the failed tasks: none, up to three, four or more', async () => {
    const levels = [];
    for (const [i, failedTasks] of ([[], ['eat', 'dress', 'dress', 'walk'], ['eat', 'dress', 'transfer', 'toilet']] as const).entries()) {
      const personId = await homes.person(`老人${i}`);
      const home = await homes.institution(`敬老院${i}`);
      const { resident } = await homes.admit(personId, { institutionId: home }, '2025-03-01', {
        assessment: { method: 'six_task', assessedOn: '2025-03-01', assessor: '王评估', failedTasks: [...failedTasks] },
      });
      levels.push([resident.selfCareLevel, resident.assessments[0]!.failedTasks]);
    }
    expect(levels).toEqual([
      ['self_care', []],
      ['partial', ['eat', 'dress', 'walk']],
      ['complete', ['eat', 'dress', 'transfer', 'toilet']],
    ]);
  });
});

describe('age and category', () => {
  type Details = Input<'residents.admit'>['admission']['details'];
  const orphan: Details = { category: 'orphan', supportForm: 'concentrated', schoolingExtension: false };

  async function admitAged(birth: string | null, details: Partial<Details>) {
    const personId = await homes.person('测试', birth);
    const home = await homes.institution(`福利院${Math.random()}`, { type: 'welfare_home' });
    return office.admin.send('residents.admit', {
      admission: homes.admission({ institutionId: home }, '2026-02-28', { personId, details: { ...orphan, ...details } }),
    });
  }

  it('takes a child of 17 in a children’s category, refuses one of 18 unless still at school', async () => {
    const seventeen = await admitAged('2008-03-01', {});
    expect(seventeen).toMatchObject({ ok: true, value: { warnings: [], resident: { age: 18, isChild: true } } });
    const eighteen = await admitAged('2008-02-28', {});
    expect(eighteen).toMatchObject({ ok: false, error: { code: 'AGE_CHILD_CATEGORY', field: 'admission.details.category', params: { age: 18 } } });
    if (!eighteen.ok) expect(eighteen.error.message).toContain('入院时已 18 岁');
    const atSchool = await admitAged('2008-02-28', { schoolingExtension: true });
    expect(atSchool).toMatchObject({ ok: true, value: { warnings: [] } });
  });

  it('refuses 特困 elderly under 60 unless an exception is stated, then warns', async () => {
    const elderly = { category: 'tekun_elderly' as const };
    expect(await admitAged('1966-03-01', elderly)).toMatchObject({ ok: false, error: { code: 'AGE_ELDERLY_CATEGORY', params: { age: 59 } } });
    const excepted = await admitAged('1966-03-01', { ...elderly, ageException: '经县民政局批准提前供养' });
    expect(excepted).toMatchObject({
      ok: true,
      value: {
        warnings: [{ code: 'AGE_EXCEPTION_NOTED', field: 'admission.details.category', params: { reason: '经县民政局批准提前供养' } }],
        resident: { ageException: '经县民政局批准提前供养' },
      },
    });
    expect(await admitAged('1966-02-28', elderly)).toMatchObject({ ok: true, value: { warnings: [] } });
  });

  it('warns when the birth date is unknown', async () => {
    const unknown = await admitAged(null, { category: 'tekun_elderly' });
    expect(unknown).toMatchObject({ ok: true, value: { warnings: [{ code: 'AGE_UNKNOWN', field: 'admission.details.category' }] } });
  });

  it('checks the age again when the category is corrected', async () => {
    const personId = await homes.person('张三', '1990-01-01');
    const { resident } = await homes.admit(personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01', {
      details: { category: 'tekun_disabled', supportForm: 'concentrated', schoolingExtension: false },
    });
    const error = await office.admin.refusal('residents.update', {
      id: resident.id,
      version: 1,
      details: { category: 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false },
    });
    expect(error).toMatchObject({ code: 'AGE_ELDERLY_CATEGORY', field: 'details.category', params: { age: 35 } });
    expect((await office.admin.call('residents.get', { id: resident.id })).category).toBe('tekun_disabled');
  });
});

describe('corrections in place', () => {
  it('updates the details with a version and a before/after audit entry; a stale version is refused', async () => {
    const clerk = await office.clientWithRole('clerk');
    const personId = await homes.person('张三');
    const { resident } = await homes.admit(personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01');
    const details = {
      category: 'tekun_elderly' as const,
      supportForm: 'concentrated' as const,
      schoolingExtension: false,
      guardianName: '张小三',
      guardianRelation: '侄子',
      guardianPhone: '13800001234',
    };
    const { resident: updated } = await clerk.call('residents.update', { id: resident.id, version: 1, details });
    expect(updated).toMatchObject({ guardianName: '张小三', guardianRelation: '侄子', guardianPhone: '13800001234', version: 2 });
    expect(updated.history.map((h) => h.action)).toEqual(['update', 'admit']);
    expect(updated.history[0]).toMatchObject({ before: { guardian_name: null, version: 1 }, after: { guardian_name: '张小三', version: 2 } });
    const stale = await clerk.refusal('residents.update', { id: resident.id, version: 1, details: { ...details, guardianName: '别人' } });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.message).toContain('测试clerk');
    const staleEvent = await office.admin.refusal('residents.leave', { id: resident.id, version: 1, date: '2025-04-01', leaveKind: 'hospital' });
    expect(staleEvent.code).toBe('VERSION_CONFLICT');
    expect((await clerk.call('residents.get', { id: resident.id })).guardianName).toBe('张小三');
  });
});

describe("children's records", () => {
  async function admitChild() {
    const personId = await homes.person('李小红', '2015-06-01');
    const home = await homes.institution('云城区儿童福利院', { type: 'welfare_home' });
    const { resident } = await homes.admit(personId, { institutionId: home }, '2025-03-01', {
      details: { category: 'orphan', supportForm: 'concentrated', schoolingExtension: false },
    });
    return resident;
  }

  it('refuses a viewer the record and shows them a masked name in lists', async () => {
    const child = await admitChild();
    const viewer = await office.clientWithRole('viewer');
    const refused = await viewer.refusal('residents.get', { id: child.id });
    expect(refused.code).toBe('CHILD_RECORD_FORBIDDEN');
    const list = await viewer.call('residents.list', { limit: 10 });
    expect(list.rows).toMatchObject([{ id: child.id, name: '李**', isChild: true }]);
    expect(list.rows[0]!.idNumber).toMatch(/^445302\*+\d{3}[\dX]$/);
  });

  it('lets a clerk open it, and the opening is audited', async () => {
    const child = await admitChild();
    const clerk = await office.clientWithRole('clerk');
    const opened = await clerk.call('residents.get', { id: child.id });
    expect(opened).toMatchObject({ name: '李小红', idNumber: idFor('2015-06-01', 100) });
    expect(opened.history.map((h) => [h.action, h.summary, h.actorName])).toEqual([
      ['view', '李**', '测试clerk'],
      ['admit', '李**', '李管理'],
    ]);
  });

  it("masks a child's ID number in lists even for an administrator; an adult's shows in full only to admins", async () => {
    const child = await admitChild();
    const adultId = await homes.person('王大', '1950-01-01');
    await homes.admit(adultId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01');
    const byName = async (client: typeof office.admin) =>
      Object.fromEntries((await client.call('residents.list', { limit: 10 })).rows.map((r) => [r.name, r.idNumber]));
    const admin = await byName(office.admin);
    expect(admin['李小红']).not.toBe(idFor('2015-06-01', 100));
    expect(admin['李小红']).toMatch(/\*/);
    expect(admin['王大']).toBe(idFor('1950-01-01', 101));
    const clerk = await byName(await office.clientWithRole('clerk'));
    expect(clerk['王大']).toMatch(/\*/);
    // A clerk opening the adult's record sees the number in full, and nothing is audited for it.
    const row = (await office.admin.call('residents.list', { query: '王大', limit: 10 })).rows[0]!;
    const clerkClient = await office.clientWithRole('clerk');
    const full = await clerkClient.call('residents.get', { id: row.id });
    expect(full.idNumber).toBe(idFor('1950-01-01', 101));
    expect(full.history.map((h) => h.action)).toEqual(['admit']);
    expect(child.isChild).toBe(true);
  });
});

describe('who lived where on a day', () => {
  it('answers for several days across admissions, leaves, moves and an exit', async () => {
    const homeB = await homes.institution('河口敬老院');
    const [bedB] = await homes.beds(homeB, '201', ['1']);
    const zhang = await homes.admit(await homes.person('张三'), { institutionId: homeA, bedId: bedsA[0] }, '2025-01-10');
    let v = 1;
    const id = zhang.resident.id;
    await office.admin.call('residents.leave', { id, version: v++, date: '2025-03-01', leaveKind: 'hospital' });
    await office.admin.call('residents.return', { id, version: v++, date: '2025-03-20' });
    await office.admin.call('residents.move', { id, version: v++, date: '2025-06-01', institutionId: homeB, bedId: bedB });
    await office.admin.call('residents.exit', { id, version: v++, date: '2025-09-30', exitReason: 'death' });
    // The bed Zhang left by the move is taken the same day.
    const li = await homes.admit(await homes.person('李四', '1945-01-01'), { institutionId: homeA, bedId: bedsA[0] }, '2025-06-01');

    const on = async (onDate: string, institutionId: string, scope: 'current' | 'exited' | 'all' = 'current') =>
      (await office.admin.call('residents.list', { onDate, institutionId, scope, limit: 10 })).rows.map((r) => `${r.name}:${r.status}:${r.bedLabel}`);
    expect(await on('2025-01-09', homeA)).toEqual([]);
    expect(await on('2025-01-10', homeA)).toEqual(['张三:present:101-1']);
    expect(await on('2025-03-01', homeA)).toEqual(['张三:leave:101-1']);
    expect(await on('2025-03-19', homeA)).toEqual(['张三:leave:101-1']);
    expect(await on('2025-03-20', homeA)).toEqual(['张三:present:101-1']);
    expect(await on('2025-05-31', homeB)).toEqual([]);
    expect(await on('2025-06-01', homeA)).toEqual(['李四:present:101-1']);
    expect(await on('2025-06-01', homeB)).toEqual(['张三:present:201-1']);
    expect(await on('2025-09-29', homeB)).toEqual(['张三:present:201-1']);
    expect(await on('2025-09-30', homeB)).toEqual([]);
    expect(await on('2025-09-29', homeB, 'exited')).toEqual([]);
    expect(await on('2025-09-30', homeB, 'exited')).toEqual(['张三:exited:201-1']);
    expect(await on('2025-03-01', homeB, 'all')).toEqual(['张三:leave:201-1']);
    expect(await on('2025-01-09', homeB, 'all')).toEqual([]);
    const today = await office.admin.call('residents.list', { limit: 10 });
    expect(today).toMatchObject({ onDate: '2026-11-22', total: 1, rows: [{ id: li.resident.id, institutionName: '腰古敬老院' }] });
    expect((await office.admin.call('residents.get', { id })).status).toBe('exited');
  });

  it('finds residents by name, pinyin and ID tail, filters by category, and pages', async () => {
    const names = ['张三', '李四', '王五', '赵六'];
    for (const [i, name] of names.entries()) {
      const home = await homes.institution(`敬老院${i}`);
      await homes.admit(await homes.person(name, `194${i}-01-01`), { institutionId: home }, '2025-03-01', {
        details: { category: i === 3 ? 'tekun_disabled' : 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false },
      });
    }
    const list = (input: { query?: string; category?: 'tekun_disabled'; limit?: number; after?: string | null }) =>
      office.admin.call('residents.list', { limit: 10, ...input });
    expect((await list({ query: '王' })).rows.map((r) => r.name)).toEqual(['王五']);
    expect((await list({ query: 'zs' })).rows.map((r) => r.name)).toEqual(['张三']);
    expect((await list({ query: idFor('1941-01-01', 101).slice(-6) })).rows.map((r) => r.name)).toEqual(['李四']);
    expect((await list({ category: 'tekun_disabled' })).rows.map((r) => r.name)).toEqual(['赵六']);
    const first = await list({ limit: 3 });
    expect(first).toMatchObject({ total: 4 });
    expect(first.rows.map((r) => r.name)).toEqual(['李四', '王五', '张三']);
    const second = await list({ limit: 3, after: first.nextCursor });
    expect(second.rows.map((r) => r.name)).toEqual(['赵六']);
    expect(second.nextCursor).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { WelfareHomes } from '../../../tests/support/welfare-homes';
import type { Resident } from '../../contract';

// The test office's clock says 2026-11-22.
let office: TestOffice;
let homes: WelfareHomes;
let homeA: string;
let homeB: string;
let bedsA: string[];
let bedsB: string[];

beforeEach(async () => {
  office = await createTestOffice();
  homes = new WelfareHomes(office.admin);
  homeA = await homes.institution('腰古敬老院');
  homeB = await homes.institution('河口敬老院');
  bedsA = await homes.beds(homeA, '101', ['1', '2']);
  bedsB = await homes.beds(homeB, '201', ['1']);
});
afterEach(() => office.close());

async function admitted(name: string, bedId: string, date: string, institutionId = homeA): Promise<Resident> {
  return (await homes.admit(await homes.person(name, '1950-01-01'), { institutionId, bedId }, date)).resident;
}

/** The stay as it is now, for the next event's version. */
function get(id: string) {
  return office.admin.call('residents.get', { id });
}

/** Who is in a bed on a day, from the bed register the homes service derives from our periods. */
async function occupantOf(institutionId: string, bedId: string, onDate: string) {
  const slots = await office.admin.call('institutionBeds.list', { institutionId, onDate });
  return slots.find((s) => s.id === bedId)?.occupant?.name ?? null;
}

describe('events of a stay', () => {
  it('records leave, return, move and exit, each bumping the version with its own audit entry', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const leave = await office.admin.call('residents.leave', { id: r.id, version: 1, date: '2025-03-01', leaveKind: 'hospital', note: '住院' });
    expect(leave.resident).toMatchObject({ status: 'leave', leaveSince: '2025-03-01', bedLabel: '101-1', version: 2 });
    expect(await occupantOf(homeA, bedsA[0]!, '2025-03-05')).toBe('张三');
    const back = await office.admin.call('residents.return', { id: r.id, version: 2, date: '2025-03-20' });
    expect(back.resident).toMatchObject({ status: 'present', leaveSince: null, version: 3 });
    const moved = await office.admin.call('residents.move', { id: r.id, version: 3, date: '2025-06-01', institutionId: homeB, bedId: bedsB[0], reason: '护理需要' });
    expect(moved.resident).toMatchObject({ institutionName: '河口敬老院', bedLabel: '201-1', version: 4 });
    const reassessed = await office.admin.call('residents.assess', {
      id: r.id,
      version: 4,
      assessment: { method: 'six_task', assessedOn: '2025-07-01', assessor: '李评估', failedTasks: ['eat', 'dress', 'transfer', 'toilet', 'walk'] },
    });
    expect(reassessed.resident).toMatchObject({ selfCareLevel: 'complete', lastAssessedOn: '2025-07-01', version: 5 });
    const gbt = await office.admin.call('residents.assess', {
      id: r.id,
      version: 5,
      assessment: { method: 'gbt42195', assessedOn: '2025-07-02', assessor: '李评估', gbtLevel: 3 },
    });
    expect(gbt.resident).toMatchObject({ selfCareLevel: 'complete', gbtLevel: 3, lastAssessedOn: '2025-07-01' });
    const exited = await office.admin.call('residents.exit', { id: r.id, version: 6, date: '2025-09-30', exitReason: 'death' });
    expect(exited.resident).toMatchObject({ status: 'exited', exitedOn: '2025-09-30', exitReason: 'death', version: 7 });
    expect(exited.resident.events.map((e) => e.kind)).toEqual(['admit', 'leave', 'return', 'move', 'reassess', 'reassess', 'exit']);
    expect(exited.resident.events[1]).toMatchObject({ leaveKind: 'hospital', note: '住院' });
    expect(exited.resident.events[3]).toMatchObject({ institutionName: '河口敬老院', bedLabel: '201-1', reason: '护理需要' });
    expect(exited.resident.history.map((h) => h.action)).toEqual(['exit', 'reassess', 'reassess', 'move', 'return', 'leave', 'admit']);
    expect(exited.resident.history[1]!.after).toMatchObject({ kind: 'reassess', assessment: { method: 'gbt42195', gbt_level: 3 } });
    expect(await occupantOf(homeB, bedsB[0]!, '2025-09-29')).toBe('张三');
    expect(await occupantOf(homeB, bedsB[0]!, '2025-09-30')).toBeNull();
  });

  it('refuses what the state does not allow, naming state and kind', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const back = await office.admin.refusal('residents.return', { id: r.id, version: 1, date: '2025-02-01' });
    expect(back).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'present', kind: 'return' } });
    await office.admin.call('residents.leave', { id: r.id, version: 1, date: '2025-02-01', leaveKind: 'family' });
    const move = await office.admin.refusal('residents.move', { id: r.id, version: 2, date: '2025-02-02', institutionId: homeB, bedId: bedsB[0] });
    expect(move).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'leave', kind: 'move' } });
    expect((await office.admin.refusal('residents.leave', { id: r.id, version: 2, date: '2025-02-02', leaveKind: 'family' })).code).toBe('EVENT_NOT_ALLOWED');
    // Exit straight from leave is fine; afterwards nothing but the exit's reversal.
    await office.admin.call('residents.exit', { id: r.id, version: 2, date: '2025-02-10', exitReason: 'voluntary' });
    const reassess = await office.admin.refusal('residents.assess', {
      id: r.id,
      version: 3,
      assessment: { method: 'six_task', assessedOn: '2025-02-11', assessor: '王评估', failedTasks: [] },
    });
    expect(reassess).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'exited', kind: 'reassess' } });
    expect((await office.admin.refusal('residents.exit', { id: r.id, version: 3, date: '2025-02-11', exitReason: 'death' })).code).toBe('EVENT_NOT_ALLOWED');
    expect((await get(r.id)).events).toHaveLength(3);
  });

  it('refuses an event dated before the latest effective one', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    await office.admin.call('residents.leave', { id: r.id, version: 1, date: '2025-03-01', leaveKind: 'hospital' });
    const early = await office.admin.refusal('residents.return', { id: r.id, version: 2, date: '2025-02-28' });
    expect(early).toMatchObject({ code: 'EVENT_BEFORE_PREVIOUS', field: 'date', params: { date: '2025-03-01' } });
    expect(early.message).toBe('日期：不能早于上一条记录的日期（2025-03-01）。');
    const assess = await office.admin.refusal('residents.assess', {
      id: r.id,
      version: 2,
      assessment: { method: 'gbt42195', assessedOn: '2025-02-01', assessor: '王评估', gbtLevel: 1 },
    });
    expect(assess).toMatchObject({ code: 'EVENT_BEFORE_PREVIOUS', field: 'assessment.assessedOn' });
    // The same day is fine.
    await office.admin.call('residents.return', { id: r.id, version: 2, date: '2025-03-01' });
  });

  it('moves only to another place, with the same bed rules as an admission', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const same = await office.admin.refusal('residents.move', { id: r.id, version: 1, date: '2025-02-01', institutionId: homeA, bedId: bedsA[0] });
    expect(same).toMatchObject({ code: 'MOVE_SAME_PLACE', field: 'bedId' });
    const noBed = await office.admin.refusal('residents.move', { id: r.id, version: 1, date: '2025-02-01', institutionId: homeB });
    expect(noBed).toMatchObject({ code: 'BED_REQUIRED', field: 'bedId' });
    const wrong = await office.admin.refusal('residents.move', { id: r.id, version: 1, date: '2025-02-01', institutionId: homeB, bedId: bedsA[1] });
    expect(wrong).toMatchObject({ code: 'BED_NOT_IN_INSTITUTION', field: 'bedId' });
    // Within the institution to the other bed, on the admission day: the first bed was never slept in.
    const moved = await office.admin.call('residents.move', { id: r.id, version: 1, date: '2025-01-10', institutionId: homeA, bedId: bedsA[1] });
    expect(moved.resident.bedLabel).toBe('101-2');
    expect(await occupantOf(homeA, bedsA[0]!, '2025-01-10')).toBeNull();
    expect(await occupantOf(homeA, bedsA[1]!, '2025-01-10')).toBe('张三');
  });
});

describe('one person, one place', () => {
  it('refuses a second stay overlapping the first, also when back-dated', async () => {
    const personId = await homes.person('张三');
    await homes.admit(personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01');
    const again = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeB, bedId: bedsB[0] }, '2025-05-01', { personId }),
    });
    expect(again).toMatchObject({
      code: 'PERSON_RESIDENT_ELSEWHERE',
      field: 'admission.personId',
      params: { name: '张三', institution: '腰古敬老院', date: '2025-03-01' },
    });
    expect(again.message).toContain('“张三”2025-03-01 起已在“腰古敬老院”供养');
    // An open-ended admission before the first would run into it too.
    const backDated = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeB, bedId: bedsB[0] }, '2024-12-01', { personId }),
    });
    expect(backDated.code).toBe('PERSON_RESIDENT_ELSEWHERE');
    expect((await office.admin.call('residents.list', { scope: 'all', limit: 10 })).total).toBe(1);
  });

  it('allows a new stay from the day the last one ended, and refuses reversing that exit afterwards', async () => {
    const personId = await homes.person('张三');
    const first = (await homes.admit(personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-03-01')).resident;
    const exit = await office.admin.call('residents.exit', { id: first.id, version: 1, date: '2025-06-01', exitReason: 'transfer_out' });
    const second = await homes.admit(personId, { institutionId: homeB, bedId: bedsB[0] }, '2025-06-01');
    expect(second.resident.status).toBe('present');
    const exitEvent = exit.resident.events.find((e) => e.kind === 'exit')!;
    const undo = await office.admin.refusal('residents.reverse', { id: first.id, version: 2, eventId: exitEvent.id, reason: '误操作' });
    expect(undo).toMatchObject({ code: 'PERSON_RESIDENT_ELSEWHERE', field: 'eventId', params: { institution: '河口敬老院', date: '2025-06-01' } });
    expect((await get(first.id)).status).toBe('exited');
  });
});

describe('one bed, one occupant', () => {
  it('refuses a bed held by another stay, and lets the bed go to someone else on the exit day', async () => {
    const zhang = await admitted('张三', bedsA[0]!, '2025-03-01');
    const taken = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[0] }, '2025-04-01', { personId: await homes.person('李四', '1944-01-01') }),
    });
    expect(taken).toMatchObject({ code: 'BED_OCCUPIED', field: 'admission.bedId', params: { name: '张三', date: '2025-03-01' } });
    // A leave keeps the bed: nobody else may take it meanwhile.
    await office.admin.call('residents.leave', { id: zhang.id, version: 1, date: '2025-04-01', leaveKind: 'hospital' });
    const duringLeave = await office.admin.refusal('residents.admit', {
      admission: homes.admission({ institutionId: homeA, bedId: bedsA[0] }, '2025-04-10', { personId: await homes.person('王五', '1944-02-02') }),
    });
    expect(duringLeave).toMatchObject({ code: 'BED_OCCUPIED', params: { name: '张三', date: '2025-03-01' } });
    await office.admin.call('residents.exit', { id: zhang.id, version: 2, date: '2025-05-01', exitReason: 'death' });
    const next = await admitted('赵六', bedsA[0]!, '2025-05-01');
    expect(next.bedLabel).toBe('101-1');
    expect(await occupantOf(homeA, bedsA[0]!, '2025-04-30')).toBe('张三');
    expect(await occupantOf(homeA, bedsA[0]!, '2025-05-01')).toBe('赵六');
  });

  it('refuses a move into an occupied bed and the reversal of a move whose bed was taken since', async () => {
    const zhang = await admitted('张三', bedsA[0]!, '2025-03-01');
    const li = await admitted('李四', bedsA[1]!, '2025-03-01');
    const into = await office.admin.refusal('residents.move', { id: zhang.id, version: 1, date: '2025-04-01', institutionId: homeA, bedId: bedsA[1] });
    expect(into).toMatchObject({ code: 'BED_OCCUPIED', field: 'bedId', params: { name: '李四' } });
    const moved = await office.admin.call('residents.move', { id: zhang.id, version: 1, date: '2025-04-01', institutionId: homeB, bedId: bedsB[0] });
    await office.admin.call('residents.move', { id: li.id, version: 1, date: '2025-04-02', institutionId: homeA, bedId: bedsA[0] });
    const move = moved.resident.events.find((e) => e.kind === 'move')!;
    const undo = await office.admin.refusal('residents.reverse', { id: zhang.id, version: 2, eventId: move.id, reason: '录错' });
    expect(undo).toMatchObject({ code: 'BED_OCCUPIED', field: 'eventId', params: { name: '李四', date: '2025-04-02' } });
  });
});

describe('reversals', () => {
  it('reverses only the latest effective event, never a reversal, never twice', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    await office.admin.call('residents.leave', { id: r.id, version: 1, date: '2025-03-01', leaveKind: 'hospital' });
    const back = await office.admin.call('residents.return', { id: r.id, version: 2, date: '2025-03-20' });
    const [admit, leave, ret] = back.resident.events;
    const notLatest = await office.admin.refusal('residents.reverse', { id: r.id, version: 3, eventId: leave!.id, reason: '录错' });
    expect(notLatest).toMatchObject({ code: 'REVERSE_ONLY_LATEST', field: 'eventId', params: { kind: 'return', date: '2025-03-20' } });
    const undone = await office.admin.call('residents.reverse', { id: r.id, version: 3, eventId: ret!.id, reason: '尚未返院' });
    expect(undone.resident).toMatchObject({ status: 'leave', leaveSince: '2025-03-01', version: 4 });
    const reversal = undone.resident.events.at(-1)!;
    expect(reversal).toMatchObject({ kind: 'reversal', reversesEventId: ret!.id, reason: '尚未返院' });
    expect(undone.resident.events[2]!.reversedByEventId).toBe(reversal.id);
    expect(undone.resident.history[0]).toMatchObject({ action: 'reversal', after: { reverses: { kind: 'return', event_date: '2025-03-20' } } });
    expect((await office.admin.refusal('residents.reverse', { id: r.id, version: 4, eventId: ret!.id, reason: '再冲' })).code).toBe('REVERSE_NOT_REVERSIBLE');
    expect((await office.admin.refusal('residents.reverse', { id: r.id, version: 4, eventId: reversal.id, reason: '再冲' })).code).toBe('REVERSE_NOT_REVERSIBLE');
    // The leave is now the latest effective event.
    const leaveUndone = await office.admin.call('residents.reverse', { id: r.id, version: 4, eventId: leave!.id, reason: '未离院' });
    expect(leaveUndone.resident).toMatchObject({ status: 'present', leaveSince: null });
    expect(admit!.kind).toBe('admit');
  });

  it('a reversed reassessment no longer counts', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const assessed = await office.admin.call('residents.assess', {
      id: r.id,
      version: 1,
      assessment: { method: 'six_task', assessedOn: '2025-06-01', assessor: '王评估', failedTasks: ['eat', 'dress', 'toilet', 'bathe'] },
    });
    expect(assessed.resident.selfCareLevel).toBe('complete');
    const event = assessed.resident.events.at(-1)!;
    const undone = await office.admin.call('residents.reverse', { id: r.id, version: 2, eventId: event.id, reason: '评估表填错' });
    expect(undone.resident).toMatchObject({ selfCareLevel: 'self_care', lastAssessedOn: '2025-01-10' });
    expect(undone.resident.assessments.map((a) => a.reversed)).toEqual([false, true]);
    const row = (await office.admin.call('residents.list', { limit: 10 })).rows[0]!;
    expect(row).toMatchObject({ selfCareLevel: 'self_care', lastAssessedOn: '2025-01-10' });
  });

  it('a reversed exit puts the person back, in the bed they held', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const exited = await office.admin.call('residents.exit', { id: r.id, version: 1, date: '2025-05-01', exitReason: 'voluntary' });
    const exit = exited.resident.events.at(-1)!;
    const undone = await office.admin.call('residents.reverse', { id: r.id, version: 2, eventId: exit.id, reason: '并未离院' });
    expect(undone.resident).toMatchObject({ status: 'present', exitedOn: null, exitReason: null, bedLabel: '101-1' });
    expect(await occupantOf(homeA, bedsA[0]!, '2025-06-01')).toBe('张三');
  });

  it("reversing the admission voids the stay: it leaves every list and accepts nothing more", async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const undone = await office.admin.call('residents.reverse', { id: r.id, version: 1, eventId: r.events[0]!.id, reason: '重复录入' });
    expect(undone.resident).toMatchObject({ status: 'void', institutionId: homeA, bedLabel: null, selfCareLevel: null });
    expect(undone.resident.assessments[0]!.reversed).toBe(true);
    for (const scope of ['current', 'exited', 'all'] as const) {
      expect((await office.admin.call('residents.list', { scope, limit: 10 })).total).toBe(0);
    }
    const leave = await office.admin.refusal('residents.leave', { id: r.id, version: 2, date: '2025-02-01', leaveKind: 'family' });
    expect(leave).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'void', kind: 'leave' } });
    // The bed and the person are free again.
    await homes.admit(r.personId, { institutionId: homeA, bedId: bedsA[0] }, '2025-01-10');
    expect(await occupantOf(homeA, bedsA[0]!, '2025-01-10')).toBe('张三');
  });

  it('refuses a reversal that would put someone back in a bed retired since', async () => {
    const r = await admitted('张三', bedsA[0]!, '2025-01-10');
    const exited = await office.admin.call('residents.exit', { id: r.id, version: 1, date: '2025-05-01', exitReason: 'voluntary' });
    await office.admin.call('institutionBeds.update', { id: bedsA[0]!, version: 1, bed: { room: '101', label: '1', nursing: false, retiredOn: '2025-08-01' } });
    const undo = await office.admin.refusal('residents.reverse', { id: r.id, version: 2, eventId: exited.resident.events.at(-1)!.id, reason: '误操作' });
    expect(undo).toMatchObject({ code: 'BED_RETIRED', field: 'eventId', params: { date: '2025-08-01' } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createTestOffice, type TestClient, type TestOffice } from '../../../tests/support/office';
import type { AllowanceRoster, Input, ResidentSaved } from '../../contract';

let office: TestOffice;
let seq = 100;

beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => {
  office.close();
});

async function institution(name: string, rooms: Record<string, string[]>) {
  const created = await office.admin.call('institutions.create', {
    institution: { name, type: 'nursing_home', townCode: '445302102', totalBeds: 20, nursingBeds: 0, medicalRoom: false, medicalStaff: 0, oneStopSettlement: false },
  });
  const beds: Record<string, string> = {};
  for (const [room, labels] of Object.entries(rooms)) {
    for (const bed of await office.admin.call('institutionBeds.add', { institutionId: created.id, room, labels, nursing: false })) {
      beds[`${room}-${bed.label}`] = bed.id;
    }
  }
  return { id: created.id, beds };
}

type Details = Input<'residents.admit'>['admission']['details'];

/** Admits a new person; `failed` tasks make the admission's six-task level. */
async function admit(
  name: string,
  birth: string,
  place: { institutionId: string; bedId: string },
  admittedOn: string,
  details: Partial<Details>,
  failed: Input<'residents.admit'>['admission']['assessment']['failedTasks'] = [],
) {
  const { resident } = await office.admin.call('residents.admit', {
    admission: {
      person: { name, idNumber: idFor(birth, seq++) },
      ...place,
      admittedOn,
      details: { category: 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false, ...details },
      assessment: { method: 'six_task', assessedOn: admittedOn, assessor: '评估员甲', failedTasks: failed },
    },
  });
  return resident;
}

/** Runs one event on a stay at its current version. */
async function then(stay: { id: string; version: number }, call: (v: { id: string; version: number }) => Promise<ResidentSaved>) {
  const { resident } = await call({ id: stay.id, version: stay.version });
  Object.assign(stay, { version: resident.version });
  return resident;
}

function line(roster: AllowanceRoster, residentId: string) {
  const found = roster.lines.find((l) => l.residentId === residentId);
  if (!found) throw new Error(`no line for ${residentId}`);
  return found;
}

/**
 * Standards: the seeded orphan rates (2025-07-01, county amounts not set), the county's from 2026-01-01,
 * and a raise from 16 March 2026. March 2026 has 31 days: 15 under the January standard, 16 under the raise.
 */
async function standards() {
  const january = {
    note: null,
    basicLivingFen: 118_000,
    careSelfCareConcentratedFen: 30_000,
    carePartialConcentratedFen: 60_000,
    careCompleteConcentratedFen: 120_000,
    careSelfCareDispersedFen: 15_000,
    carePartialDispersedFen: 30_000,
    careCompleteDispersedFen: 60_000,
    orphanConcentratedFen: 233_500,
    orphanDispersedFen: 189_100,
  };
  await office.admin.call('allowanceStandards.create', { standard: { ...january, effectiveFrom: '2026-01-01' } });
  await office.admin.call('allowanceStandards.create', {
    standard: { ...january, effectiveFrom: '2026-03-16', basicLivingFen: 124_000, carePartialConcentratedFen: 66_000 },
  });
}

/** Two homes and a March 2026 with a leave, a reassessment, a part stay, a move, a child, an 'other' and a void stay. */
async function march2026() {
  await standards();
  const a = await institution('云城区中心敬老院', { '101': ['1', '2', '3'], '102': ['1'] });
  const b = await institution('思劳镇敬老院', { '201': ['1', '2'] });
  const inA = (bed: string) => ({ institutionId: a.id, bedId: a.beds[bed]! });

  // 王老汉: all month in A, on hospital leave 5–8 March, reassessed 完全丧失 on the 11th.
  const wang = await admit('王老汉', '1940-02-03', inA('101-1'), '2025-12-01', {}, ['bathe']);
  await then(wang, (v) => office.admin.call('residents.leave', { ...v, date: '2026-03-05', leaveKind: 'hospital' }));
  await then(wang, (v) => office.admin.call('residents.return', { ...v, date: '2026-03-09' }));
  await then(wang, (v) =>
    office.admin.call('residents.assess', {
      ...v,
      assessment: { method: 'six_task', assessedOn: '2026-03-11', assessor: '评估员乙', failedTasks: ['eat', 'dress', 'transfer', 'toilet'] },
    }),
  );
  // 李阿婆: 特困 disabled, admitted on the 10th, died on the 20th (not there that night).
  const li = await admit('李阿婆', '1950-06-07', inA('101-2'), '2026-03-10', { category: 'tekun_disabled' });
  await then(li, (v) => office.admin.call('residents.exit', { ...v, date: '2026-03-20', exitReason: 'death' }));
  // 张三: moved from A to B on 12 March; a reassessment there was reversed.
  const zhang = await admit('张三', '1945-01-01', inA('101-3'), '2026-02-01', {}, ['walk']);
  await then(zhang, (v) => office.admin.call('residents.move', { ...v, date: '2026-03-12', institutionId: b.id, bedId: b.beds['201-1']! }));
  const reassessed = await then(zhang, (v) =>
    office.admin.call('residents.assess', {
      ...v,
      assessment: { method: 'six_task', assessedOn: '2026-03-20', assessor: '评估员乙', failedTasks: ['eat', 'dress', 'transfer', 'toilet', 'walk'] },
    }),
  );
  const reassessEvent = reassessed.events.find((e) => e.kind === 'reassess')!;
  await then(zhang, (v) => office.admin.call('residents.reverse', { ...v, eventId: reassessEvent.id, reason: '评估表录错人' }));
  // 小明: an orphan of ten, all month.
  const ming = await admit('陈小明', '2016-04-05', inA('102-1'), '2026-01-05', { category: 'orphan' });
  // 赵六: 'other', in 李阿婆's bed from the 25th.
  const zhao = await admit('赵六', '1960-01-01', inA('101-2'), '2026-03-25', { category: 'other' });
  // An admission entered by mistake and reversed: the stay is void and paid nothing.
  const mistaken = await admit('钱七', '1941-01-01', { institutionId: b.id, bedId: b.beds['201-2']! }, '2026-01-10', {});
  const admitEvent = (await office.admin.call('residents.get', { id: mistaken.id })).events.find((e) => e.kind === 'admit')!;
  await then(mistaken, (v) => office.admin.call('residents.reverse', { ...v, eventId: admitEvent.id, reason: '重复录入' }));
  return { a, b, wang, li, zhang, ming, zhao, mistaken };
}

describe('allowance roster', () => {
  it('pays each stay its days here under the standard in force each day, pro rata, with totals', async () => {
    const f = await march2026();
    const roster = await office.admin.call('allowance.roster', { institutionId: f.a.id, month: '2026-03' });
    expect(roster).toMatchObject({ institutionName: '云城区中心敬老院', month: '2026-03', daysInMonth: 31 });
    expect(roster.standards.map((s) => s.effectiveFrom)).toEqual(['2026-01-01', '2026-03-16']);
    // By pinyin: 陈小明, 李阿婆, 王老汉, 张三, 赵六. 钱七's stay is void.
    expect(roster.lines.map((l) => l.name)).toEqual(['陈小明', '李阿婆', '王老汉', '张三', '赵六']);

    // Leave days count; basic (15 × 118 000 + 16 × 124 000) / 31 = 121 096.77; care partial 10 days
    // (60 000), then complete 5 days under January's and 16 under the raise (120 000 each): 3 120 000 / 31 = 100 645.16.
    expect(line(roster, f.wang.id)).toMatchObject({ days: 31, level: 'complete', basicLivingFen: 121_097, careFen: 100_645, orphanFen: 0, totalFen: 221_742, problems: [] });
    // 10–19 March: basic (6 × 118 000 + 4 × 124 000) / 31 = 38 838.71; care 10 × 30 000 / 31 = 9 677.42.
    expect(line(roster, f.li.id)).toMatchObject({ days: 10, level: 'self_care', basicLivingFen: 38_839, careFen: 9_677, totalFen: 48_516 });
    // 1–11 March here: basic 11 × 118 000 / 31 = 41 870.97; care 11 × 60 000 / 31 = 21 290.32.
    expect(line(roster, f.zhang.id)).toMatchObject({ days: 11, level: 'partial', basicLivingFen: 41_871, careFen: 21_290, totalFen: 63_161 });
    expect(line(roster, f.ming.id)).toMatchObject({ category: 'orphan', days: 31, basicLivingFen: 0, careFen: 0, orphanFen: 233_500, totalFen: 233_500 });
    expect(line(roster, f.zhao.id)).toMatchObject({ category: 'other', days: 7, totalFen: 0, problems: [] });
    expect(roster.totals).toEqual({
      residents: 5,
      days: 31 + 10 + 11 + 31 + 7,
      basicLivingFen: 121_097 + 38_839 + 41_871,
      careFen: 100_645 + 9_677 + 21_290,
      orphanFen: 233_500,
      totalFen: 221_742 + 48_516 + 63_161 + 233_500,
    });
  });

  it('counts only the days in this institution after a move, and ignores a reversed reassessment', async () => {
    const f = await march2026();
    const roster = await office.admin.call('allowance.roster', { institutionId: f.b.id, month: '2026-03' });
    expect(roster.lines).toHaveLength(1);
    // 12–31 March: basic (4 × 118 000 + 16 × 124 000) / 31 = 79 225.81; care partial (4 × 60 000 + 16 × 66 000) / 31 = 41 806.45.
    expect(roster.lines[0]).toMatchObject({ name: '张三', days: 20, level: 'partial', basicLivingFen: 79_226, careFen: 41_806, totalFen: 121_032 });
  });

  it('pays a full month exactly the monthly amounts (February, 28 days)', async () => {
    const f = await march2026();
    const roster = await office.admin.call('allowance.roster', { institutionId: f.a.id, month: '2026-02' });
    expect(roster.daysInMonth).toBe(28);
    expect(roster.standards.map((s) => s.effectiveFrom)).toEqual(['2026-01-01']);
    expect(roster.lines.map((l) => [l.name, l.days, l.basicLivingFen, l.careFen, l.orphanFen])).toEqual([
      ['陈小明', 28, 0, 0, 233_500],
      ['王老汉', 28, 118_000, 60_000, 0],
      ['张三', 28, 118_000, 60_000, 0],
    ]);
  });

  it('says which amounts a standard in force did not set', async () => {
    const f = await march2026();
    // December 2025: only the seeded orphan rates are in force.
    const roster = await office.admin.call('allowance.roster', { institutionId: f.a.id, month: '2025-12' });
    expect(roster.standards.map((s) => s.effectiveFrom)).toEqual(['2025-07-01']);
    expect(roster.lines).toHaveLength(1);
    expect(roster.lines[0]).toMatchObject({
      name: '王老汉',
      days: 31,
      totalFen: 0,
      problems: [
        { code: 'STANDARD_NOT_SET', params: { from: '2025-07-01', item: 'basicLivingFen' } },
        { code: 'STANDARD_NOT_SET', params: { from: '2025-07-01', item: 'carePartialConcentratedFen' } },
      ],
    });
    expect(roster.totals).toMatchObject({ residents: 1, days: 31, totalFen: 0 });
  });

  it('shows names and ID numbers as lists do: children always masked, adults by role', async () => {
    const f = await march2026();
    const rosterOf = (client: TestClient) => client.call('allowance.roster', { institutionId: f.a.id, month: '2026-03' });
    const admin = await rosterOf(office.admin);
    expect(line(admin, f.wang.id).idNumber).toMatch(/^44530219400203\d{3}[\dX]$/);
    expect(line(admin, f.ming.id)).toMatchObject({ name: '陈小明', idNumber: expect.stringContaining('****') });
    const clerk = await rosterOf(await office.clientWithRole('clerk'));
    expect(line(clerk, f.wang.id).idNumber).toContain('****');
    expect(line(clerk, f.ming.id).name).toBe('陈小明');
    const viewer = await rosterOf(await office.clientWithRole('viewer'));
    expect(line(viewer, f.ming.id).name).toBe('陈**');
    expect(line(viewer, f.wang.id).name).toBe('王老汉');
    expect(viewer.totals).toEqual(admin.totals);
  });

  it('refuses a future month and an unknown institution; an empty month has no lines', async () => {
    const f = await march2026();
    const future = await office.admin.refusal('allowance.roster', { institutionId: f.a.id, month: '2026-12' });
    expect(future).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'month' });
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(await office.admin.refusal('allowance.roster', { institutionId: ghost, month: '2026-03' })).toMatchObject({ code: 'NOT_FOUND', field: 'institutionId' });
    expect(await office.admin.refusal('allowance.roster', { institutionId: f.a.id, month: '2026-13' })).toMatchObject({ field: 'month' });
    // The current month is allowed (a running roster); before anyone arrived there is nothing to pay.
    expect((await office.admin.call('allowance.roster', { institutionId: f.a.id, month: '2026-11' })).lines.length).toBeGreaterThan(0);
    const empty = await office.admin.call('allowance.roster', { institutionId: f.b.id, month: '2025-11' });
    expect(empty.lines).toEqual([]);
    expect(empty.totals).toEqual({ residents: 0, days: 0, basicLivingFen: 0, careFen: 0, orphanFen: 0, totalFen: 0 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { WelfareHomes } from '../../../tests/support/welfare-homes';

// The test office's clock says 2026-11-22; the overview is asked for 2026-11-01.
const DAY = '2026-11-01';
let office: TestOffice;
let homes: WelfareHomes;
let ids: Record<string, string>;

/**
 * 腰古敬老院 (20 beds): 张三, last assessed 2025-01-10 (overdue); 李四, partial, on leave since 2026-09-15.
 * 儿童福利院 (10 beds): 陈小红, an orphan turning 18 on 2026-12-15; 王五 exited before the day.
 * 无床位服务站 (0 beds): nobody. 旧敬老院 closed in 2025: not listed.
 */
beforeEach(async () => {
  office = await createTestOffice();
  homes = new WelfareHomes(office.admin);
  const homeA = await homes.institution('腰古敬老院', { totalBeds: 20, nursingBeds: 5 });
  const homeB = await homes.institution('儿童福利院', { type: 'welfare_home', totalBeds: 10, nursingBeds: 0 });
  await homes.institution('无床位服务站', { type: 'other', totalBeds: 0, nursingBeds: 0 });
  await homes.institution('旧敬老院', { closedOn: '2025-06-30' });
  const zhang = await homes.admit(await homes.person('张三', '1940-01-01'), { institutionId: homeA }, '2025-01-10');
  const li = await homes.admit(await homes.person('李四', '1941-01-01'), { institutionId: homeA }, '2026-06-01', {
    assessment: { method: 'six_task', assessedOn: '2026-06-01', assessor: '王评估', failedTasks: ['bathe', 'walk'] },
  });
  await office.admin.call('residents.leave', { id: li.resident.id, version: 1, date: '2026-09-15', leaveKind: 'hospital' });
  const hong = await homes.admit(await homes.person('陈小红', '2008-12-15'), { institutionId: homeB }, '2026-03-01', {
    details: { category: 'orphan', supportForm: 'concentrated', schoolingExtension: false },
  });
  const wang = await homes.admit(await homes.person('王五', '1970-01-01'), { institutionId: homeB }, '2026-01-01', {
    details: { category: 'tekun_disabled', supportForm: 'concentrated', schoolingExtension: false },
  });
  await office.admin.call('residents.exit', { id: wang.resident.id, version: 1, date: '2026-10-01', exitReason: 'regained_support' });
  ids = { zhang: zhang.resident.id, li: li.resident.id, hong: hong.resident.id, homeA, homeB };
});
afterEach(() => office.close());

describe('residents overview', () => {
  it('counts occupancy per open institution with a total row', async () => {
    const overview = await office.admin.call('residents.overview', { onDate: DAY });
    expect(overview.onDate).toBe(DAY);
    expect(overview.occupancy.map((o) => [o.name, o.totalBeds, o.residents, o.onLeave, o.rate])).toEqual([
      ['儿童福利院', 10, 1, 0, 0.1],
      ['无床位服务站', 0, 0, 0, null],
      ['腰古敬老院', 20, 2, 1, 0.1],
    ]);
    expect(overview.occupancyTotal).toEqual({ totalBeds: 30, nursingBeds: 5, residents: 3, onLeave: 1, rate: 0.1 });
    // Before 王五 left, and before the old home closed, both count.
    const earlier = await office.admin.call('residents.overview', { onDate: '2025-06-01' });
    expect(earlier.occupancy.map((o) => [o.name, o.residents])).toEqual([
      ['儿童福利院', 0],
      ['旧敬老院', 0],
      ['无床位服务站', 0],
      ['腰古敬老院', 1],
    ]);
  });

  it('counts residents by category and self-care level on the day', async () => {
    const { byCategory } = await office.admin.call('residents.overview', { onDate: DAY });
    expect(byCategory).toEqual([
      { category: 'tekun_elderly', self_care: 1, partial: 1, complete: 0, unassessed: 0, total: 2 },
      { category: 'orphan', self_care: 1, partial: 0, complete: 0, unassessed: 0, total: 1 },
    ]);
    const later = await office.admin.call('residents.assess', {
      id: ids.zhang!,
      version: 1,
      assessment: { method: 'six_task', assessedOn: '2026-11-02', assessor: '王评估', failedTasks: ['eat', 'dress', 'transfer', 'toilet'] },
    });
    expect(later.resident.selfCareLevel).toBe('complete');
    // An assessment after the day does not change the day's table.
    expect((await office.admin.call('residents.overview', { onDate: DAY })).byCategory[0]).toMatchObject({ self_care: 1, complete: 0 });
    expect((await office.admin.call('residents.overview', { onDate: '2026-11-02' })).byCategory[0]).toMatchObject({ self_care: 0, complete: 1 });
  });

  it('raises the flags, sorted by flag, with a child’s name masked for a viewer', async () => {
    const flags = (await office.admin.call('residents.overview', { onDate: DAY })).flags;
    expect(flags.map((f) => [f.flag, f.name, f.institutionName, f.date, f.days])).toEqual([
      ['reassessment_overdue', '张三', '腰古敬老院', '2025-01-10', 660],
      ['turning_18', '陈小红', '儿童福利院', '2026-12-15', 44],
      ['long_leave', '李四', '腰古敬老院', '2026-09-15', 47],
    ]);
    const viewer = await office.clientWithRole('viewer');
    const seen = (await viewer.call('residents.overview', { onDate: DAY })).flags.map((f) => f.name);
    expect(seen).toEqual(['张三', '陈**', '李四']);
  });

  it('shows the same flags on the list rows, and clears them when the cause goes', async () => {
    const flagsOf = async (onDate: string) =>
      Object.fromEntries((await office.admin.call('residents.list', { onDate, limit: 10 })).rows.map((r) => [r.name, r.flags]));
    expect(await flagsOf(DAY)).toEqual({ 张三: ['reassessment_overdue'], 李四: ['long_leave'], 陈小红: ['turning_18'] });
    // The day before 王五 left: 张三 already overdue, the leave 15 days old, the birthday 76 days away.
    expect(await flagsOf('2026-09-30')).toEqual({ 张三: ['reassessment_overdue'], 李四: [], 陈小红: ['turning_18'], 王五: [] });
    await office.admin.call('residents.return', { id: ids.li!, version: 2, date: '2026-11-10' });
    await office.admin.call('residents.assess', {
      id: ids.zhang!,
      version: 1,
      assessment: { method: 'gbt42195', assessedOn: '2026-11-10', assessor: '王评估', gbtLevel: 1 },
    });
    expect(await flagsOf('2026-11-10')).toEqual({ 张三: [], 李四: [], 陈小红: ['turning_18'] });
  });
});

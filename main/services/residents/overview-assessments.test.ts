import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { WelfareHomes } from '../../../tests/support/welfare-homes';

// The test office's clock says 2026-11-22.
let office: TestOffice;
let home: string;

beforeEach(async () => {
  office = await createTestOffice();
  home = await new WelfareHomes(office.admin).institution('腰古敬老院', { totalBeds: 20, nursingBeds: 5 });
});
afterEach(() => office.close());

describe('residents overview: which assessment is in force', () => {
  it('takes the level from the latest six-task rating, overdue from the latest of either method, and drops reversed ones', async () => {
    const homes = new WelfareHomes(office.admin);
    const admitted = await homes.admit(await homes.person('张三', '1940-01-01'), { institutionId: home }, '2025-01-10');
    const id = admitted.resident.id;
    const sixTask = await office.admin.call('residents.assess', {
      id,
      version: admitted.resident.version,
      assessment: { method: 'six_task', assessedOn: '2026-01-20', assessor: '王评估', failedTasks: ['eat', 'dress', 'transfer', 'toilet'] },
    });
    const gbt = await office.admin.call('residents.assess', {
      id,
      version: sixTask.resident.version,
      assessment: { method: 'gbt42195', assessedOn: '2026-11-10', assessor: '王评估', gbtLevel: 1 },
    });
    const seen = async (onDate: string) => {
      const o = await office.admin.call('residents.overview', { onDate });
      return { byCategory: o.byCategory.map((c) => [c.self_care, c.complete]), flags: o.flags.map((f) => [f.flag, f.date]) };
    };

    // The GB/T assessment leaves the six-task level as it was and makes the reassessment current.
    expect(await seen('2026-11-20')).toEqual({ byCategory: [[0, 1]], flags: [] });
    // Before it, the January rating is under twelve months old: in force, not yet overdue.
    expect(await seen('2026-11-09')).toEqual({ byCategory: [[0, 1]], flags: [] });

    // Reversed, each assessment stops counting: first the GB/T one, then the January rating.
    const undoGbt = await office.admin.call('residents.reverse', { id, version: gbt.resident.version, eventId: lastEventId(gbt.resident.events), reason: '录错' });
    expect(await seen('2026-11-20')).toEqual({ byCategory: [[0, 1]], flags: [] });
    await office.admin.call('residents.reverse', { id, version: undoGbt.resident.version, eventId: lastEventId(sixTask.resident.events), reason: '录错' });
    expect(await seen('2026-11-20')).toEqual({ byCategory: [[1, 0]], flags: [['reassessment_overdue', '2025-01-10']] });
  });
});

function lastEventId(events: { id: string; kind: string }[]): string {
  return events.filter((e) => e.kind === 'reassess').at(-1)!.id;
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { advance, createCase } from '../../../tests/support/renovations';

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice(); // today is 2026-11-22
});
afterEach(() => {
  office.close();
});

/** The plan year's renovation figures a bundle for `period` would carry. */
async function bundled(period: string) {
  const { renovations } = (await office.admin.call('bundles.preview', { period })).summary;
  return { assessed: renovations.assessed, state: renovations.byState.filter((s) => s.count > 0) };
}

describe('a plan year counted as of a day', () => {
  it('counts a step corrected later as standing until the correction, and the step recorded again in its own quarter', async () => {
    const c = await createCase(office, { names: ['甲阿婆'], appliedOn: '2026-02-10' });
    const assessed = await advance(office, c.id, 'assessed', {
      dates: { town_reviewed: '2026-02-14', county_reviewed: '2026-02-20', publicised: '2026-02-25', assessed: '2026-03-05' },
    });
    // Today (22 November) the March assessment is found wrong, reversed and assessed again.
    const corrected = await office.admin.call('renovations.correct', { id: c.id, version: assessed.version, stepId: assessed.correctable!.stepId, reason: '评估录错' });
    expect(corrected.case.state).toBe('publicised');
    await advance(office, c.id, 'assessed', { dates: { assessed: '2026-11-22' } });

    // The first quarter's bundle shows the case as it stood on 31 March: assessed.
    expect(await bundled('2026-Q1')).toEqual({ assessed: 1, state: [{ state: 'assessed', count: 1 }] });
    // The year's bundle and the progress report count only the assessment that stands, in Q4.
    expect(await bundled('2026')).toEqual({ assessed: 1, state: [{ state: 'assessed', count: 1 }] });
    const progress = await office.admin.call('renovations.progress', { year: 2026 });
    expect(progress.quarters.map((q) => q.assessed)).toEqual([0, 0, 0, 1]);
    expect(progress.stuck).toEqual([]);
  });

  it('leaves out a case applied for after the day, and a state reached after it', async () => {
    const early = await createCase(office, { names: ['乙阿公'], appliedOn: '2026-03-02' });
    await advance(office, early.id, 'publicised', { dates: { town_reviewed: '2026-03-20', county_reviewed: '2026-04-10', publicised: '2026-04-20' } });
    await createCase(office, { names: ['丙阿婆'], appliedOn: '2026-05-06' });

    const q1 = (await office.admin.call('bundles.preview', { period: '2026-Q1' })).summary.renovations;
    expect(q1).toMatchObject({ cases: 1, open: 1, applied: 1 });
    expect(q1.byState.filter((s) => s.count > 0)).toEqual([{ state: 'town_reviewed', count: 1 }]);
    const h1 = (await office.admin.call('bundles.preview', { period: '2026-Q2' })).summary.renovations;
    expect(h1).toMatchObject({ cases: 2, open: 2, applied: 2 });
    expect(h1.byState.filter((s) => s.count > 0)).toEqual([
      { state: 'applied', count: 1 },
      { state: 'publicised', count: 1 },
    ]);
  });
});

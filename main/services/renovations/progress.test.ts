import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { advance, createCase, OTHER_TOWN } from '../../../tests/support/renovations';
import type { ProgressCounts } from '../../contract';

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice(); // today is 2026-11-22
});
afterEach(() => {
  office.close();
});

const none: ProgressCounts = { applied: 0, assessed: 0, worksStarted: 0, accepted: 0, paid: 0, closed: 0, subsidyPaidFen: 0 };

describe('yearly targets', () => {
  it('sets one target per year (admin only), replacing it with a new version, listed newest year first', async () => {
    const first = await office.admin.call('renovationTargets.set', { year: 2026, quarters: [30, 50, 50, 20], budgetFen: 45_000_000 });
    expect(first).toMatchObject({ year: 2026, quarters: [30, 50, 50, 20], budgetFen: 45_000_000, version: 1 });
    await office.admin.call('renovationTargets.set', { year: 2025, quarters: [10, 10, 10, 10], budgetFen: 12_000_000 });
    const again = await office.admin.call('renovationTargets.set', { year: 2026, quarters: [30, 60, 50, 20], budgetFen: 48_000_000 });
    expect(again).toMatchObject({ quarters: [30, 60, 50, 20], budgetFen: 48_000_000, version: 2 });
    expect((await office.admin.call('renovationTargets.list', {})).map((t) => [t.year, t.quarters[1], t.version])).toEqual([
      [2026, 60, 2],
      [2025, 10, 1],
    ]);
    const audit = await office.admin.call('audit.list', { entity: 'renovation-target', limit: 10 });
    expect(audit.rows.map((r) => [r.action, r.summary])).toEqual([
      ['update', '2026'],
      ['create', '2025'],
      ['create', '2026'],
    ]);
    expect(audit.rows[0]!.before).toMatchObject({ q2: 50, budget_fen: 45_000_000 });

    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('renovationTargets.set', { year: 2026, quarters: [0, 0, 0, 0], budgetFen: 0 })).code).toBe('FORBIDDEN');
    expect((await office.admin.refusal('renovationTargets.set', { year: 2026, quarters: [1, 2, 3], budgetFen: 0 })).field).toBe('quarters');
    expect((await clerk.call('renovationTargets.list', {}))[0]!.budgetFen).toBe(48_000_000);
  });
});

describe('progress of a plan year', () => {
  /**
   * Five 2026 cases and one 2025 case:
   * A 腰古镇: applied Q1, assessed and works in Q2, accepted and paid (1 000.00) in Q3, satisfaction: finished.
   * B 思劳镇: applied Q2, assessed 1 August, nothing since: stuck.
   * C 腰古镇: applied Q1, withdrawn Q2.
   * D 腰古镇: applied Q4, assessed 29 October and that step corrected: back to publicised (22 October).
   * G 腰古镇: applied 23 October: 30 days ago, not yet stuck.
   * E 腰古镇, plan year 2025: paid on 15 January 2026.
   */
  async function walkCases() {
    await office.admin.call('renovationCaps.create', { fromYear: 2025, capFen: 300_000, note: null });
    const a = await createCase(office, { names: ['甲阿婆'], appliedOn: '2026-02-10' });
    await advance(office, a.id, 'satisfaction', {
      dates: {
        town_reviewed: '2026-02-20',
        county_reviewed: '2026-03-01',
        publicised: '2026-03-10',
        assessed: '2026-04-05',
        plan_signed: '2026-04-20',
        works_started: '2026-05-10',
        works_completed: '2026-06-01',
        accepted: '2026-07-02',
        paid: '2026-07-20',
        satisfaction: '2026-08-10',
      },
    });
    const b = await createCase(office, { names: ['乙阿公'], appliedOn: '2026-05-06', townCode: OTHER_TOWN, villageCode: null });
    await advance(office, b.id, 'assessed', { dates: { town_reviewed: '2026-05-20', county_reviewed: '2026-06-10', publicised: '2026-07-01', assessed: '2026-08-01' } });
    const c = await createCase(office, { names: ['丙阿婆'], appliedOn: '2026-03-02' });
    await office.admin.call('renovations.step', {
      id: c.id,
      version: c.version,
      step: { step: 'withdrawn', date: '2026-04-10', responsible: '李受理', note: null, reason: '已入住敬老院' },
    });
    const d = await createCase(office, { names: ['丁阿公'], appliedOn: '2026-10-01' });
    const assessed = await advance(office, d.id, 'assessed', {
      dates: { town_reviewed: '2026-10-08', county_reviewed: '2026-10-15', publicised: '2026-10-22', assessed: '2026-10-29' },
    });
    await office.admin.call('renovations.correct', { id: d.id, version: assessed.version, stepId: assessed.correctable!.stepId, reason: '评估日期录错' });
    await createCase(office, { names: ['戊阿婆'], appliedOn: '2026-10-23' });
    const e = await createCase(office, { names: ['己阿公'], appliedOn: '2025-09-01', planYear: 2025 });
    await advance(office, e.id, 'paid', { dates: { paid: '2026-01-15' } });
  }

  it('counts the standing steps by quarter and by town, subsidy paid against the budget, and lists stuck cases oldest first', async () => {
    await walkCases();
    await office.admin.call('renovationTargets.set', { year: 2026, quarters: [3, 5, 5, 2], budgetFen: 1_000_000 });
    const viewer = await office.clientWithRole('viewer', 'viewer');
    const p = await viewer.call('renovations.progress', { year: 2026 });

    expect(p.target).toMatchObject({ year: 2026, quarters: [3, 5, 5, 2] });
    expect(p.quarters).toEqual([
      { quarter: 1, target: 3, ...none, applied: 2 },
      { quarter: 2, target: 5, ...none, applied: 1, assessed: 1, worksStarted: 1, closed: 1 },
      { quarter: 3, target: 5, ...none, assessed: 1, accepted: 1, paid: 1, subsidyPaidFen: 100_000 },
      // D's assessment was corrected: it does not count.
      { quarter: 4, target: 2, ...none, applied: 2 },
    ]);
    expect(p.byTown).toEqual([
      { townCode: '445302102', townName: '腰古镇', cases: 4, open: 2, ...none, applied: 4, assessed: 1, worksStarted: 1, accepted: 1, paid: 1, closed: 1, subsidyPaidFen: 100_000 },
      { townCode: OTHER_TOWN, townName: '思劳镇', cases: 1, open: 1, ...none, applied: 1, assessed: 1 },
    ]);
    expect(p.total).toEqual({ cases: 5, open: 3, applied: 5, assessed: 2, worksStarted: 1, accepted: 1, paid: 1, closed: 1, subsidyPaidFen: 100_000 });
    expect([p.budgetFen, p.spentFen]).toEqual([1_000_000, 100_000]);
    expect(p.stuck.map((s) => [s.applicantName, s.townName, s.state, s.since, s.days])).toEqual([
      ['乙阿公', '思劳镇', 'assessed', '2026-08-01', 113],
      ['丁阿公', '腰古镇', 'publicised', '2026-10-22', 31],
    ]);
    expect(p.stuck[0]!.caseNumber).toMatch(/^2026-\d{4}$/);
    expect(JSON.stringify(p.stuck)).not.toMatch(/\d{17}[\dX]/);

    // A day later the case applied for on 23 October has waited 31 days.
    office.clock.advanceMinutes(24 * 60);
    await viewer.login('viewer', 'password-1234'); // the session locked overnight
    const later = await viewer.call('renovations.progress', { year: 2026 });
    expect(later.stuck.map((s) => [s.applicantName, s.days])).toEqual([
      ['乙阿公', 114],
      ['丁阿公', 32],
      ['戊阿婆', 31],
    ]);
  });

  it('keeps a year apart: a payment slipping into January counts against its plan year’s spending, not its quarters', async () => {
    await walkCases();
    const p = await office.admin.call('renovations.progress', { year: 2025 });
    expect(p.target).toBeNull();
    expect(p.budgetFen).toBeNull();
    expect(p.quarters.map((q) => q.target)).toEqual([null, null, null, null]);
    expect(p.quarters[2]).toMatchObject({ applied: 1, assessed: 1 });
    expect(p.quarters[3]).toMatchObject({ worksStarted: 1, accepted: 1, paid: 0 });
    expect(p.total).toMatchObject({ cases: 1, open: 1, paid: 0, subsidyPaidFen: 0 });
    expect(p.spentFen).toBe(100_000);
    expect(p.stuck.map((s) => [s.applicantName, s.state, s.since])).toEqual([['己阿公', 'paid', '2026-01-15']]);

    const empty = await office.admin.call('renovations.progress', { year: 2024 });
    expect(empty).toMatchObject({ byTown: [], stuck: [], spentFen: 0, total: { cases: 0, open: 0, ...none } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import type { Input } from '../../contract';

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => {
  office.close();
});

type StandardInput = Input<'allowanceStandards.create'>['standard'];

function standard(effectiveFrom: string, extra: Partial<StandardInput> = {}): StandardInput {
  return {
    effectiveFrom,
    note: '云城区 2026 年特困人员供养标准',
    basicLivingFen: 118_000,
    careSelfCareConcentratedFen: 30_000,
    carePartialConcentratedFen: 60_000,
    careCompleteConcentratedFen: 120_000,
    careSelfCareDispersedFen: 15_000,
    carePartialDispersedFen: 30_000,
    careCompleteDispersedFen: 60_000,
    orphanConcentratedFen: 233_500,
    orphanDispersedFen: 189_100,
    ...extra,
  };
}

describe('allowance standards', () => {
  it('lists the seeded Guangdong orphan rates, with the county amounts not set', async () => {
    expect(await office.admin.call('allowanceStandards.list', {})).toEqual([
      expect.objectContaining({
        effectiveFrom: '2025-07-01',
        orphanConcentratedFen: 233_500,
        orphanDispersedFen: 189_100,
        basicLivingFen: null,
        careCompleteConcentratedFen: null,
        createdByName: null,
      }),
    ]);
  });

  it('adds versions (admin only, one per date, newest first, audited); amounts may stay unset', async () => {
    const added = await office.admin.call('allowanceStandards.create', { standard: standard('2026-01-01', { careSelfCareDispersedFen: null }) });
    expect(added).toMatchObject({ effectiveFrom: '2026-01-01', basicLivingFen: 118_000, careSelfCareDispersedFen: null, createdByName: '李管理' });
    // Next year's standard can be entered ahead.
    await office.admin.call('allowanceStandards.create', { standard: standard('2027-01-01', { basicLivingFen: 125_000 }) });
    const list = await office.admin.call('allowanceStandards.list', {});
    expect(list.map((s) => [s.effectiveFrom, s.basicLivingFen])).toEqual([
      ['2027-01-01', 125_000],
      ['2026-01-01', 118_000],
      ['2025-07-01', null],
    ]);
    expect(list[1]).toEqual(added);

    const duplicate = await office.admin.refusal('allowanceStandards.create', { standard: standard('2026-01-01') });
    expect(duplicate).toMatchObject({ code: 'STANDARD_EXISTS', field: 'standard.effectiveFrom', params: { date: '2026-01-01' } });
    expect(duplicate.message).toBe('生效日期：2026-01-01 起已有一版津贴标准。');
    expect(await office.admin.refusal('allowanceStandards.create', { standard: standard('2026-02-30') })).toMatchObject({
      code: 'DATE_INVALID',
      field: 'standard.effectiveFrom',
    });
    expect((await office.admin.refusal('allowanceStandards.create', { standard: standard('2026-03-01', { basicLivingFen: 1.5 }) })).code).toBe('NOT_INTEGER');
    expect((await office.admin.refusal('allowanceStandards.create', { standard: standard('2026-03-01', { orphanDispersedFen: -1 }) })).code).toBe('TOO_SMALL');
    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('allowanceStandards.create', { standard: standard('2026-03-01') })).code).toBe('FORBIDDEN');
    expect(await clerk.call('allowanceStandards.list', {})).toHaveLength(3);

    const audit = await office.admin.call('audit.list', { entity: 'allowance-standard', limit: 10 });
    expect(audit.rows.map((r) => r.summary)).toEqual(['2027-01-01', '2026-01-01']);
    expect(audit.rows[1]!.after).toMatchObject({ effective_from: '2026-01-01', basic_living_fen: 118_000, care_self_care_dispersed_fen: null });
  });
});

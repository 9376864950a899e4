import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { StationRows } from '../../../tests/support/station-rows';
import type { SubsidyStatement } from '../../contract';

let office: TestOffice;
let rows: StationRows;
let seq = 100;

beforeEach(async () => {
  office = await createTestOffice();
  rows = new StationRows(office);
});
afterEach(() => {
  rows.close();
  office.close();
});

async function bedFor(name: string, stationId: string, installDate: string, endDate: string | null = null) {
  const { person } = await office.admin.call('people.create', { person: { name, idNumber: idFor('1940-01-01', seq++) } });
  return office.admin.call('beds.create', { bed: { personId: person.id, stationId, installDate, endDate, devices: ['gateway'] } });
}

/** Two stations of one operator, one self-run station; beds around March 2024 (2024 is a leap year). */
async function march2024() {
  const a1 = await rows.station({ name: '腰古镇综合养老服务中心', kind: 'town_centre', town_code: '445302102', operator_name: '甲社工中心' });
  const a2 = await rows.station({ name: '思劳镇综合养老服务中心', kind: 'town_centre', town_code: '445302103', operator_name: '甲社工中心' });
  const b = await rows.station({ name: '牧羊村居家养老服务站', kind: 'village_station', town_code: '445302001' });
  const onFirst = await bedFor('王五', a1, '2024-03-01');
  const onLast = await bedFor('李四', a2, '2024-03-31');
  const endsMid = await bedFor('赵六', b, '2024-01-10', '2024-03-10');
  const leap = await bedFor('陈七', b, '2024-02-15');
  return { a1, a2, b, onFirst, onLast, endsMid, leap };
}

function byOperator(statements: SubsidyStatement[], operatorName: string): SubsidyStatement {
  const found = statements.find((s) => s.operatorName === operatorName);
  if (!found) throw new Error(`no statement for ${operatorName}`);
  return found;
}

describe('bed subsidy rates', () => {
  it('lists the seeded provincial rate and adds dated rates (admin only, one per date, audited)', async () => {
    const seeded = await office.admin.call('bedRates.list', {});
    expect(seeded).toEqual([expect.objectContaining({ effectiveFrom: '2000-01-01', buildFen: 300_000, operatingFenPerMonth: 30_000, createdByName: null })]);
    const rate = await office.admin.call('bedRates.create', { effectiveFrom: '2024-07-15', buildFen: 400_000, operatingFenPerMonth: 40_000 });
    expect(rate).toMatchObject({ effectiveFrom: '2024-07-15', createdByName: '李管理' });
    expect((await office.admin.call('bedRates.list', {})).map((r) => r.effectiveFrom)).toEqual(['2024-07-15', '2000-01-01']);
    const duplicate = await office.admin.refusal('bedRates.create', { effectiveFrom: '2024-07-15', buildFen: 1, operatingFenPerMonth: 1 });
    expect(duplicate).toMatchObject({ code: 'RATE_EXISTS', field: 'effectiveFrom', params: { date: '2024-07-15' } });
    expect((await office.admin.refusal('bedRates.create', { effectiveFrom: '2024-02-30', buildFen: 1, operatingFenPerMonth: 1 })).code).toBe('DATE_INVALID');
    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('bedRates.create', { effectiveFrom: '2025-01-01', buildFen: 1, operatingFenPerMonth: 1 })).code).toBe('FORBIDDEN');
    const audit = await office.admin.call('audit.list', { entity: 'bed-rate', limit: 10 });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ effective_from: '2024-07-15', build_fen: 400_000 });
  });
});

describe('subsidy statements', () => {
  it('computes one draft per operator with build and prorated operating subsidies at month boundaries', async () => {
    const f = await march2024();
    const march = await office.admin.call('subsidy.statements', { month: '2024-03' });
    expect(march.map((s) => s.operatorName)).toEqual(['甲社工中心', '牧羊村居家养老服务站']);
    const jia = byOperator(march, '甲社工中心');
    expect(jia).toMatchObject({ id: null, issuedAt: null, month: '2024-03', rateAppliesOn: '2024-03-01', stationIds: [f.a1, f.a2].sort() });
    expect(jia.rate).toMatchObject({ effectiveFrom: '2000-01-01', buildFen: 300_000, operatingFenPerMonth: 30_000 });
    // Lines by the person's pinyin: 李四 (lisi) before 王五 (wangwu).
    expect(jia.lines).toEqual([
      { bedId: f.onLast.id, personName: '李四', installDate: '2024-03-31', endDate: null, buildFen: 300_000, activeDays: 1, operatingFen: 968 },
      { bedId: f.onFirst.id, personName: '王五', installDate: '2024-03-01', endDate: null, buildFen: 300_000, activeDays: 31, operatingFen: 30_000 },
    ]);
    expect(jia.totals).toEqual({ beds: 2, buildFen: 600_000, operatingFen: 30_968, totalFen: 630_968 });
    const village = byOperator(march, '牧羊村居家养老服务站');
    expect(village.lines.map((l) => [l.personName, l.buildFen, l.activeDays, l.operatingFen])).toEqual([
      ['陈七', 0, 31, 30_000],
      ['赵六', 0, 10, 9_677],
    ]);

    const february = await office.admin.call('subsidy.statements', { month: '2024-02' });
    expect(february).toHaveLength(1);
    expect(february[0]!.lines.map((l) => [l.personName, l.buildFen, l.activeDays, l.operatingFen])).toEqual([
      ['陈七', 300_000, 15, 15_517],
      ['赵六', 0, 29, 30_000],
    ]);
    expect(await office.admin.call('subsidy.statements', { month: '2023-12' })).toEqual([]);
  });

  it('uses the rate in force on the first day of the month when the rate changes mid-year', async () => {
    const f = await march2024();
    await office.admin.call('bedRates.create', { effectiveFrom: '2024-07-15', buildFen: 400_000, operatingFenPerMonth: 40_000 });
    const july = byOperator(await office.admin.call('subsidy.statements', { month: '2024-07' }), '甲社工中心');
    expect(july).toMatchObject({ rateAppliesOn: '2024-07-01', rate: { effectiveFrom: '2000-01-01' } });
    expect(july.lines.map((l) => l.operatingFen)).toEqual([30_000, 30_000]);
    const august = byOperator(await office.admin.call('subsidy.statements', { month: '2024-08' }), '甲社工中心');
    expect(august).toMatchObject({ rateAppliesOn: '2024-08-01', rate: { effectiveFrom: '2024-07-15', operatingFenPerMonth: 40_000 } });
    expect(august.lines.map((l) => l.operatingFen)).toEqual([40_000, 40_000]);
    const later = await bedFor('孙八', f.b, '2024-08-31');
    const village = byOperator(await office.admin.call('subsidy.statements', { month: '2024-08' }), '牧羊村居家养老服务站');
    expect(village.lines.find((l) => l.bedId === later.id)).toMatchObject({ buildFen: 400_000, activeDays: 1, operatingFen: 1_290 });
  });

  it('issues ended months only, freezes them against later rate changes, and issues late operators separately', async () => {
    const f = await march2024();
    const clerk = await office.clientWithRole('clerk');
    expect(await clerk.refusal('subsidy.issue', { month: '2026-11' })).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'month' });
    expect((await clerk.refusal('subsidy.issue', { month: '2027-01' })).code).toBe('MONTH_IN_FUTURE');
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('subsidy.issue', { month: '2024-03' })).code).toBe('FORBIDDEN');

    const issued = await clerk.call('subsidy.issue', { month: '2024-03' });
    expect(issued).toHaveLength(2);
    for (const s of issued) expect(s).toMatchObject({ id: expect.any(String), issuedAt: '2026-11-22T02:00:00.000Z', issuedByName: '测试clerk' });
    const again = await clerk.refusal('subsidy.issue', { month: '2024-03' });
    expect(again).toMatchObject({ code: 'STATEMENTS_ALREADY_ISSUED', params: { month: '2024-03' } });

    // A new rate from 1 March would change a draft, but never an issued statement.
    await office.admin.call('bedRates.create', { effectiveFrom: '2024-03-01', buildFen: 500_000, operatingFenPerMonth: 50_000 });
    expect(await clerk.call('subsidy.statements', { month: '2024-03' })).toEqual(issued);
    const april = byOperator(await clerk.call('subsidy.statements', { month: '2024-04' }), '甲社工中心');
    expect(april).toMatchObject({ id: null, rate: { effectiveFrom: '2024-03-01' } });
    expect(april.lines.map((l) => l.operatingFen)).toEqual([50_000, 50_000]);

    // An operator whose first bed is entered after issuing gets its own statement; the others stay as issued.
    const c = await rows.station({ name: '前锋镇长者饭堂', kind: 'canteen', town_code: '445302105', operator_name: '乙养老公司' });
    await bedFor('周九', c, '2024-03-20');
    const mixed = await clerk.call('subsidy.statements', { month: '2024-03' });
    expect(mixed.map((s) => [s.operatorName, s.id === null])).toEqual([
      ['甲社工中心', false],
      ['牧羊村居家养老服务站', false],
      ['乙养老公司', true],
    ]);
    expect(byOperator(mixed, '乙养老公司').lines[0]).toMatchObject({ buildFen: 500_000, activeDays: 12, operatingFen: 19_355 });
    const late = await clerk.call('subsidy.issue', { month: '2024-03' });
    expect(late.every((s) => s.id !== null)).toBe(true);
    expect(byOperator(late, '甲社工中心')).toEqual(byOperator(issued, '甲社工中心'));

    const audit = await office.admin.call('audit.list', { entity: 'subsidy-statement', limit: 10 });
    expect(audit.rows.map((r) => r.summary).sort()).toEqual(['2024-03 乙养老公司', '2024-03 牧羊村居家养老服务站', '2024-03 甲社工中心'].sort());
    expect(f.onFirst.id).toBeTruthy();
  });
});

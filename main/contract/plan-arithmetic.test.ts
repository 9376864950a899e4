import { describe, expect, it } from 'vitest';
import { lineAmountFen, planSummary } from './plan-arithmetic';

const CAP = 300_000; // 3 000 元

describe('plan arithmetic (whole 分)', () => {
  it('multiplies quantity by unit price per line', () => {
    expect(lineAmountFen({ quantity: 3, unitPriceFen: 12_345 })).toBe(37_035);
    expect(lineAmountFen({ quantity: 1000, unitPriceFen: 100_000_000 })).toBe(100_000_000_000);
  });

  it('splits mixed lines under the cap: subsidised lines paid in full, household lines by the household', () => {
    const summary = planSummary(
      [
        { quantity: 2, unitPriceFen: 45_050, subsidised: true }, // 901.00
        { quantity: 4, unitPriceFen: 8_000, subsidised: true }, // 320.00
        { quantity: 1, unitPriceFen: 120_000, subsidised: false }, // 1 200.00
      ],
      CAP,
    );
    expect(summary).toEqual({
      subsidisedLinesFen: 122_100,
      householdLinesFen: 120_000,
      capFen: CAP,
      subsidyFen: 122_100,
      overCapFen: 0,
      householdFen: 120_000,
      totalFen: 242_100,
    });
  });

  it('pays exactly the cap when the subsidised lines come to the cap', () => {
    const summary = planSummary([{ quantity: 3, unitPriceFen: 100_000, subsidised: true }], CAP);
    expect(summary).toMatchObject({ subsidyFen: 300_000, overCapFen: 0, householdFen: 0, totalFen: 300_000 });
  });

  it('lets what is over the cap fall to the household, on top of its own lines', () => {
    const summary = planSummary(
      [
        { quantity: 1, unitPriceFen: 250_000, subsidised: true },
        { quantity: 1, unitPriceFen: 80_001, subsidised: true },
        { quantity: 2, unitPriceFen: 15_000, subsidised: false },
      ],
      CAP,
    );
    expect(summary).toEqual({
      subsidisedLinesFen: 330_001,
      householdLinesFen: 30_000,
      capFen: CAP,
      subsidyFen: 300_000,
      overCapFen: 30_001,
      householdFen: 60_001,
      totalFen: 360_001,
    });
    expect(summary.subsidyFen + summary.householdFen).toBe(summary.totalFen);
  });

  it('pays no subsidy without subsidised lines, and none with a cap of 0', () => {
    expect(planSummary([{ quantity: 2, unitPriceFen: 9_900, subsidised: false }], CAP)).toMatchObject({
      subsidisedLinesFen: 0,
      subsidyFen: 0,
      overCapFen: 0,
      householdFen: 19_800,
      totalFen: 19_800,
    });
    expect(planSummary([{ quantity: 1, unitPriceFen: 50_000, subsidised: true }], 0)).toMatchObject({
      capFen: 0,
      subsidyFen: 0,
      overCapFen: 50_000,
      householdFen: 50_000,
    });
    expect(planSummary([], CAP)).toMatchObject({ subsidyFen: 0, householdFen: 0, totalFen: 0 });
  });

  it('without a cap shows the subsidised lines as the subsidy and nothing over the cap', () => {
    expect(planSummary([{ quantity: 1, unitPriceFen: 500_000, subsidised: true }], null)).toEqual({
      subsidisedLinesFen: 500_000,
      householdLinesFen: 0,
      capFen: null,
      subsidyFen: 500_000,
      overCapFen: 0,
      householdFen: 0,
      totalFen: 500_000,
    });
  });
});

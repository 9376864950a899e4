import { describe, expect, it } from 'vitest';
import { activeDaysInMonth, bedSubsidy, daysInMonth, proratedFen, rateInForce, totalsOf } from './subsidy-arithmetic';

const RATE = { effectiveFrom: '2000-01-01', buildFen: 300_000, operatingFenPerMonth: 30_000 };

describe('subsidy arithmetic', () => {
  it('knows the length of months, leap Februaries included', () => {
    expect(daysInMonth('2023-02')).toBe(28);
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInMonth('2024-04')).toBe(30);
    expect(daysInMonth('2024-12')).toBe(31);
  });

  it('counts active days from max(install, 1st) to min(end, last day), inclusive', () => {
    expect(activeDaysInMonth({ installDate: '2024-03-01', endDate: null }, '2024-03')).toBe(31);
    expect(activeDaysInMonth({ installDate: '2024-03-31', endDate: null }, '2024-03')).toBe(1);
    expect(activeDaysInMonth({ installDate: '2023-12-05', endDate: null }, '2024-03')).toBe(31);
    expect(activeDaysInMonth({ installDate: '2024-02-15', endDate: null }, '2024-02')).toBe(15);
    expect(activeDaysInMonth({ installDate: '2024-01-10', endDate: '2024-03-10' }, '2024-03')).toBe(10);
    expect(activeDaysInMonth({ installDate: '2024-03-10', endDate: '2024-03-10' }, '2024-03')).toBe(1);
    expect(activeDaysInMonth({ installDate: '2024-01-10', endDate: '2024-02-29' }, '2024-03')).toBe(0);
    expect(activeDaysInMonth({ installDate: '2024-04-01', endDate: null }, '2024-03')).toBe(0);
  });

  it('prorates in whole 分, rounding half up, so that a full month is exactly the rate', () => {
    expect(proratedFen(30_000, 31, 31)).toBe(30_000);
    expect(proratedFen(30_000, 29, 29)).toBe(30_000);
    expect(proratedFen(30_000, 1, 31)).toBe(968); // 967.74
    expect(proratedFen(30_000, 15, 29)).toBe(15_517); // 15 517.24
    expect(proratedFen(30_000, 10, 31)).toBe(9_677); // 9 677.42
    expect(proratedFen(5, 1, 2)).toBe(3); // 2.5 → 3
    expect(proratedFen(3, 1, 2)).toBe(2); // 1.5 → 2
    expect(proratedFen(30_000, 0, 31)).toBe(0);
    for (let active = 0; active <= 31; active++) expect(Number.isInteger(proratedFen(12_345, active, 31))).toBe(true);
  });

  it('pays the build subsidy only in the month of installation', () => {
    expect(bedSubsidy({ installDate: '2024-02-29', endDate: null }, '2024-02', RATE)).toEqual({
      buildFen: 300_000,
      activeDays: 1,
      operatingFen: 1_034, // 30 000 / 29 = 1 034.48
    });
    expect(bedSubsidy({ installDate: '2024-02-29', endDate: null }, '2024-03', RATE)).toEqual({
      buildFen: 0,
      activeDays: 31,
      operatingFen: 30_000,
    });
  });

  it('takes the rate in force on a given day: a mid-year change applies from the next month', () => {
    const rates = [RATE, { effectiveFrom: '2024-07-15', buildFen: 400_000, operatingFenPerMonth: 40_000 }];
    expect(rateInForce(rates, '2024-07-01')?.effectiveFrom).toBe('2000-01-01');
    expect(rateInForce(rates, '2024-08-01')?.effectiveFrom).toBe('2024-07-15');
    expect(rateInForce(rates, '1999-12-01')).toBeNull();
  });

  it('adds up lines', () => {
    expect(
      totalsOf([
        { buildFen: 300_000, operatingFen: 968 },
        { buildFen: 0, operatingFen: 30_000 },
      ]),
    ).toEqual({ beds: 2, buildFen: 300_000, operatingFen: 30_968, totalFen: 330_968 });
  });
});

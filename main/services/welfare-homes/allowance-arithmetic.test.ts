import { describe, expect, it } from 'vitest';
import {
  daysCovered,
  levelInForce,
  monthDays,
  proRataFen,
  rosterTotals,
  standardsInForceDuring,
  stayFigures,
  type LevelAssessment,
  type StandardFigures,
} from './allowance-arithmetic';

function standard(effectiveFrom: string, amounts: Partial<StandardFigures> = {}): StandardFigures {
  return {
    effectiveFrom,
    basicLivingFen: 100_000,
    careSelfCareConcentratedFen: 10_000,
    carePartialConcentratedFen: 40_000,
    careCompleteConcentratedFen: 90_000,
    careSelfCareDispersedFen: 5_000,
    carePartialDispersedFen: 20_000,
    careCompleteDispersedFen: 45_000,
    orphanConcentratedFen: 233_500,
    orphanDispersedFen: 189_100,
    ...amounts,
  };
}

const JUNE_STANDARD = standard('2025-06-01');
const partialSince = (day: string): LevelAssessment[] => [{ assessedOn: day, level: 'partial' }];
const elderly = (assessments: LevelAssessment[] = partialSince('2025-01-01')) => ({
  category: 'tekun_elderly' as const,
  supportForm: 'concentrated' as const,
  assessments,
});

describe('days counted', () => {
  it('lists the days of months of 28, 29, 30 and 31 days', () => {
    expect(monthDays('2025-02')).toHaveLength(28);
    expect(monthDays('2024-02').at(-1)).toBe('2024-02-29');
    expect(monthDays('2025-04')).toHaveLength(30);
    expect(monthDays('2025-07')[0]).toBe('2025-07-01');
    expect(monthDays('2025-07').at(-1)).toBe('2025-07-31');
  });

  it('counts [from, to): admitted on the 10th and exited on the 20th is 10 days', () => {
    const days = daysCovered([{ fromDate: '2025-08-10', toDate: '2025-08-20' }], '2025-08');
    expect(days).toHaveLength(10);
    expect(days[0]).toBe('2025-08-10');
    expect(days.at(-1)).toBe('2025-08-19');
  });

  it('counts a leave period next to a present one once, and only the days inside the month', () => {
    const periods = [
      { fromDate: '2024-12-20', toDate: '2025-07-05' },
      { fromDate: '2025-07-05', toDate: '2025-07-09' }, // on leave: the place is kept
      { fromDate: '2025-07-09', toDate: null },
    ];
    expect(daysCovered(periods, '2025-07')).toHaveLength(31);
    expect(daysCovered(periods, '2024-12')).toHaveLength(12);
    expect(daysCovered(periods, '2024-11')).toHaveLength(0);
  });

  it('counts only the days spent here when the stay moved away and back within the month', () => {
    // Here 1–11 July, elsewhere 12–24, here again from the 25th: the other home's roster pays 12–24.
    const here = [
      { fromDate: '2025-06-01', toDate: '2025-07-12' },
      { fromDate: '2025-07-25', toDate: null },
    ];
    expect(daysCovered(here, '2025-07')).toHaveLength(11 + 7);
    expect(daysCovered([{ fromDate: '2025-07-12', toDate: '2025-07-25' }], '2025-07')).toHaveLength(13);
  });
});

describe('pro-rata rounding', () => {
  it('rounds half up in whole 分, so a full month is exactly the monthly amount whatever its length', () => {
    for (const dim of [28, 29, 30, 31]) expect(proRataFen(233_500 * dim, dim)).toBe(233_500);
    expect(proRataFen(233_500, 28)).toBe(8_339); // 8 339.29
    expect(proRataFen(233_500, 29)).toBe(8_052); // 8 051.72
    expect(proRataFen(233_500, 30)).toBe(7_783); // 7 783.33
    expect(proRataFen(233_500, 31)).toBe(7_532); // 7 532.26
    expect(proRataFen(14, 28)).toBe(1); // 0.5 → 1
    expect(proRataFen(13, 28)).toBe(0); // 0.46 → 0
    expect(proRataFen(0, 31)).toBe(0);
  });
});

describe('a stay’s figures', () => {
  it('pays a 特困 resident basic living and care for a full month exactly, in months of every length', () => {
    for (const month of ['2025-02', '2024-02', '2025-04', '2025-07']) {
      const figures = stayFigures(elderly(partialSince('2000-01-01')), monthDays(month), [standard('2000-01-01')], month);
      expect(figures).toEqual({
        days: monthDays(month).length,
        level: 'partial',
        basicLivingFen: 100_000,
        careFen: 40_000,
        orphanFen: 0,
        totalFen: 140_000,
        problems: [],
      });
    }
  });

  it('splits a month across a standard change by days (effective 16 July: 15 days old, 16 days new)', () => {
    const raised = standard('2025-07-16', { basicLivingFen: 124_000, carePartialConcentratedFen: 52_000 });
    const figures = stayFigures(elderly(), monthDays('2025-07'), [JUNE_STANDARD, raised], '2025-07');
    // (15 × 100 000 + 16 × 124 000) / 31 = 112 387.10;  (15 × 40 000 + 16 × 52 000) / 31 = 46 193.55
    expect(figures).toMatchObject({ days: 31, basicLivingFen: 112_387, careFen: 46_194, totalFen: 158_581, problems: [] });
  });

  it('pays a part month pro rata: admitted on the 10th, exited on the 20th of a 31-day month', () => {
    const days = daysCovered([{ fromDate: '2025-08-10', toDate: '2025-08-20' }], '2025-08');
    const figures = stayFigures(elderly(), days, [JUNE_STANDARD], '2025-08');
    // 10 × 100 000 / 31 = 32 258.06;  10 × 40 000 / 31 = 12 903.23
    expect(figures).toMatchObject({ days: 10, basicLivingFen: 32_258, careFen: 12_903, totalFen: 45_161 });
  });

  it('follows a change of self-care level during the month, and reports the level of the last day', () => {
    const assessments: LevelAssessment[] = [
      { assessedOn: '2025-06-01', level: 'partial' },
      { assessedOn: '2025-07-11', level: 'complete' },
    ];
    const figures = stayFigures(elderly(assessments), monthDays('2025-07'), [JUNE_STANDARD], '2025-07');
    // (10 × 40 000 + 21 × 90 000) / 31 = 73 870.97
    expect(figures).toMatchObject({ level: 'complete', careFen: 73_871, basicLivingFen: 100_000 });
    const dispersed = stayFigures({ ...elderly(assessments), supportForm: 'dispersed' }, monthDays('2025-07'), [JUNE_STANDARD], '2025-07');
    // (10 × 20 000 + 21 × 45 000) / 31 = 36 935.48
    expect(dispersed.careFen).toBe(36_935);
    // The level shown is the one of the last day counted, not of the month's end.
    const untilTenth = stayFigures(elderly(assessments), daysCovered([{ fromDate: '2025-07-01', toDate: '2025-07-11' }], '2025-07'), [JUNE_STANDARD], '2025-07');
    expect(untilTenth.level).toBe('partial');
  });

  it('counts care 0 on days without an assessment and says how many', () => {
    const figures = stayFigures(elderly(partialSince('2025-07-05')), monthDays('2025-07'), [JUNE_STANDARD], '2025-07');
    // care for 27 days: 27 × 40 000 / 31 = 34 838.71; basic living for all 31 days
    expect(figures).toMatchObject({ careFen: 34_839, basicLivingFen: 100_000, problems: [{ code: 'NOT_ASSESSED', params: { days: 4 } }] });
    expect(stayFigures(elderly([]), monthDays('2025-07'), [JUNE_STANDARD], '2025-07')).toMatchObject({ level: null, careFen: 0 });
  });

  it('counts an amount not set as 0 and names the standard and the item', () => {
    const unset = standard('2025-07-16', { basicLivingFen: null });
    const figures = stayFigures(elderly(), monthDays('2025-07'), [JUNE_STANDARD, unset], '2025-07');
    // Only the 15 days under the June standard pay basic living: 15 × 100 000 / 31 = 48 387.10
    expect(figures.basicLivingFen).toBe(48_387);
    expect(figures.careFen).toBe(40_000);
    expect(figures.problems).toEqual([{ code: 'STANDARD_NOT_SET', params: { from: '2025-07-16', item: 'basicLivingFen' } }]);
  });

  it('reports the first day no standard was in force and pays nothing for such days', () => {
    const figures = stayFigures(elderly(), monthDays('2025-07'), [standard('2025-07-16')], '2025-07');
    expect(figures).toMatchObject({ basicLivingFen: 51_613, careFen: 20_645 }); // 16/31 of each
    expect(figures.problems).toEqual([{ code: 'NO_STANDARD', params: { date: '2025-07-01' } }]);
  });

  it('pays children the orphan rate by support form, and 特困 amounts only to 特困 categories', () => {
    const seeded = standard('2025-07-01', {
      basicLivingFen: null,
      careSelfCareConcentratedFen: null,
      carePartialConcentratedFen: null,
      careCompleteConcentratedFen: null,
      careSelfCareDispersedFen: null,
      carePartialDispersedFen: null,
      careCompleteDispersedFen: null,
    });
    const child = { category: 'orphan' as const, supportForm: 'concentrated' as const, assessments: partialSince('2025-01-01') };
    expect(stayFigures(child, monthDays('2025-07'), [seeded], '2025-07')).toMatchObject({
      basicLivingFen: 0,
      careFen: 0,
      orphanFen: 233_500,
      totalFen: 233_500,
      problems: [],
    });
    const unsupported = { category: 'de_facto_unsupported' as const, supportForm: 'dispersed' as const, assessments: [] };
    expect(stayFigures(unsupported, monthDays('2025-07'), [seeded], '2025-07')).toMatchObject({ orphanFen: 189_100, problems: [] });
    const other = { category: 'other' as const, supportForm: 'concentrated' as const, assessments: [] };
    expect(stayFigures(other, monthDays('2025-07'), [], '2025-07')).toMatchObject({ days: 31, totalFen: 0, problems: [] });
    // A 特困 resident under the seeded standard alone: nothing set, each missing amount named once.
    expect(stayFigures(elderly(), monthDays('2025-07'), [seeded], '2025-07').problems).toEqual([
      { code: 'STANDARD_NOT_SET', params: { from: '2025-07-01', item: 'basicLivingFen' } },
      { code: 'STANDARD_NOT_SET', params: { from: '2025-07-01', item: 'carePartialConcentratedFen' } },
    ]);
  });
});

describe('standards and levels in force', () => {
  it('lists the versions in force on some day of the month, oldest first', () => {
    const versions = [standard('2025-08-01'), standard('2025-06-01'), standard('2025-07-16'), standard('2025-05-01')];
    expect(standardsInForceDuring(versions, '2025-07').map((s) => s.effectiveFrom)).toEqual(['2025-06-01', '2025-07-16']);
    expect(standardsInForceDuring(versions, '2025-08').map((s) => s.effectiveFrom)).toEqual(['2025-08-01']);
    expect(standardsInForceDuring(versions, '2025-04')).toEqual([]);
  });

  it('takes the latest assessment on or before the day; on the same date the later one', () => {
    const assessments: LevelAssessment[] = [
      { assessedOn: '2025-07-01', level: 'self_care' },
      { assessedOn: '2025-07-01', level: 'complete' },
    ];
    expect(levelInForce(assessments, '2025-06-30')).toBeNull();
    expect(levelInForce(assessments, '2025-07-01')).toBe('complete');
  });

  it('adds up lines', () => {
    expect(
      rosterTotals([
        { days: 31, basicLivingFen: 100_000, careFen: 40_000, orphanFen: 0, totalFen: 140_000 },
        { days: 10, basicLivingFen: 0, careFen: 0, orphanFen: 75_323, totalFen: 75_323 },
      ]),
    ).toEqual({ residents: 2, days: 41, basicLivingFen: 100_000, careFen: 40_000, orphanFen: 75_323, totalFen: 215_323 });
  });
});

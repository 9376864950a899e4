import { describe, expect, it } from 'vitest';
import { ageOn, birthdayAt, monthsBefore } from '../calendar';
import { flagsOn } from './flags';

describe('calendar arithmetic', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2008-05-06', '2026-05-05')).toBe(17);
    expect(ageOn('2008-05-06', '2026-05-06')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn(null, '2026-03-01')).toBeNull();
    expect(birthdayAt('2008-05-06', 18)).toBe('2026-05-06');
    expect(birthdayAt('2008-02-29', 18)).toBe('2026-03-01');
    expect(birthdayAt('2008-02-29', 20)).toBe('2028-02-29');
  });

  it('goes back whole months, 29 February to 28 February', () => {
    expect(monthsBefore('2026-11-22', 12)).toBe('2025-11-22');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });
});

describe('flags on a day', () => {
  const day = '2026-11-22';
  const adult = { birthDate: '1950-01-01', leaveSince: null, lastAssessedOn: '2026-01-01' };

  it('raises nothing for a recently assessed adult who is present', () => {
    expect(flagsOn(day, adult)).toEqual([]);
  });

  it('is overdue when the last assessment is more than 12 months old, or there is none', () => {
    expect(flagsOn(day, { ...adult, lastAssessedOn: '2025-11-22' })).toEqual([]);
    expect(flagsOn(day, { ...adult, lastAssessedOn: '2025-11-21' })).toEqual([
      { flag: 'reassessment_overdue', date: '2025-11-21', days: 366 },
    ]);
    expect(flagsOn(day, { ...adult, lastAssessedOn: null })).toEqual([{ flag: 'reassessment_overdue', date: null, days: 0 }]);
  });

  it('warns of an 18th birthday within 90 days, not of one further away or already passed', () => {
    expect(flagsOn(day, { ...adult, birthDate: '2009-02-20' })).toEqual([{ flag: 'turning_18', date: '2027-02-20', days: 90 }]);
    expect(flagsOn(day, { ...adult, birthDate: '2009-02-21' })).toEqual([]);
    expect(flagsOn(day, { ...adult, birthDate: '2008-11-22' })).toEqual([]);
    expect(flagsOn(day, { ...adult, birthDate: null })).toEqual([]);
  });

  it('flags a leave that started more than 30 days before', () => {
    expect(flagsOn(day, { ...adult, leaveSince: '2026-10-23' })).toEqual([]);
    expect(flagsOn(day, { ...adult, leaveSince: '2026-10-22' })).toEqual([{ flag: 'long_leave', date: '2026-10-22', days: 31 }]);
  });
});

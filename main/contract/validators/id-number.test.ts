import { describe, expect, it } from 'vitest';
import { checkCharacter, maskIdNumber, parseIdNumber } from './id-number';
import { normalisePhone } from './phone';
import { pastDateProblem } from './dates';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard’s own example and derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X', '2026-11-22')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      upgradedFrom15: false,
    });
    const male = parseIdNumber('440524188001010014', '2026-11-22');
    expect(male).toMatchObject({ ok: true, sex: 'M', birthDate: '1880-01-01' });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ', '2026-11-22')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('refuses a wrong check character and says which one is expected', () => {
    expect(parseIdNumber('110105194912310021', '2026-11-22')).toEqual({ ok: false, problem: 'ID_NUMBER_CHECK', params: { expected: 'X' } });
  });

  it('refuses impossible and future birth dates', () => {
    const feb30 = `44530219490230002`;
    expect(parseIdNumber(feb30 + checkCharacter(feb30), '2026-11-22')).toMatchObject({ ok: false, problem: 'ID_NUMBER_BIRTH_DATE' });
    const future = '44530220270101001';
    expect(parseIdNumber(future + checkCharacter(future), '2026-11-22')).toMatchObject({ ok: false, problem: 'ID_NUMBER_BIRTH_FUTURE' });
  });

  it('refuses wrong lengths and stray characters', () => {
    for (const bad of ['', '1234', '11010519491231002', '1101051949123100XX', '11010519491231002Y', '１１０１０５１９４９１２３１００２Ｘ']) {
      expect(parseIdNumber(bad, '2026-11-22')).toMatchObject({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    }
  });

  it('upgrades a 15-digit legacy number to 18 digits', () => {
    expect(parseIdNumber('110105491231002', '2026-11-22')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      upgradedFrom15: true,
    });
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('44530219500101123X')).toBe('445302********123X');
  });
});

describe('phones and dates', () => {
  it('normalises mobiles and landlines, refuses the rest', () => {
    expect(normalisePhone('138 0000 1234')).toBe('13800001234');
    expect(normalisePhone('07668881234')).toBe('0766-8881234');
    expect(normalisePhone('0766-8881234')).toBe('0766-8881234');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('23800001234')).toBeNull();
  });

  it('refuses dates that do not exist, before 1900, or after today', () => {
    expect(pastDateProblem('2026-11-22', '2026-11-22')).toBeNull();
    expect(pastDateProblem('2026-11-23', '2026-11-22')).toBe('DATE_IN_FUTURE');
    expect(pastDateProblem('2023-02-29', '2026-11-22')).toBe('DATE_INVALID');
    expect(pastDateProblem('0020-01-01', '2026-11-22')).toBe('DATE_TOO_EARLY');
    expect(pastDateProblem('22/11/26', '2026-11-22')).toBe('DATE_INVALID');
  });
});

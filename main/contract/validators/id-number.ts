import { isRealDate, localDate } from './dates';

/** GB 11643 resident ID numbers: 17 digits + a MOD 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; sex: 'M' | 'F'; upgradedFrom15: boolean }
  | {
      ok: false;
      problem: 'ID_NUMBER_FORMAT' | 'ID_NUMBER_CHECK' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_BIRTH_FUTURE';
      params: Record<string, string>;
    };

/**
 * Validates and normalises an ID number: trims, upper-cases x, upgrades 15-digit legacy numbers
 * (born 19YY, check character computed), and derives birth date and sex.
 */
export function parseIdNumber(raw: string, today: string = localDate()): IdNumberResult {
  const text = raw.trim().toUpperCase();
  let full: string;
  let upgradedFrom15 = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    full = first17 + checkCharacter(first17);
    upgradedFrom15 = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    full = text;
  } else {
    return { ok: false, problem: 'ID_NUMBER_FORMAT', params: {} };
  }
  const birthDate = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1880-01-01') {
    return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE', params: { date: birthDate } };
  }
  if (birthDate > today) return { ok: false, problem: 'ID_NUMBER_BIRTH_FUTURE', params: { date: birthDate } };
  const expected = checkCharacter(full.slice(0, 17));
  if (full[17] !== expected) return { ok: false, problem: 'ID_NUMBER_CHECK', params: { expected } };
  const sex = Number(full[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, idNumber: full, birthDate, sex, upgradedFrom15 };
}

/** 445302********123X — the form lists show to roles that may not see ID numbers. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

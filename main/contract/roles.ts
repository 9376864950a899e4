import type { Role } from './define';
import { maskIdNumber } from './validators/id-number';

/** What each role may see beyond its request access (DESIGN.md §3 "Private"). */
export function maySeeIdNumbersInLists(role: Role): boolean {
  return role === 'admin';
}
/** The ID number as a viewer with `show` rights sees it: full, masked (445302********123X), or null. */
export function shownIdNumber(idNumber: string | null, show: boolean): string | null {
  if (!idNumber) return null;
  return show ? idNumber : maskIdNumber(idNumber);
}

export function maySeeIdNumbers(role: Role): boolean {
  return role === 'admin' || role === 'clerk';
}

/** Children's records (orphans, 事实无人抚养儿童, anyone under 18): clerks and admins only; viewers see masked names. */
export function maySeeChildRecords(role: Role): boolean {
  return role === 'admin' || role === 'clerk';
}

/** A name as a list shows it to someone who may not see the record: the surname and stars (李**). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

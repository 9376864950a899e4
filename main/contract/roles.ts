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

import type { Role } from './define';

/** What each role may see beyond its request access (DESIGN.md §3 "Private"). */
export function maySeeIdNumbersInLists(role: Role): boolean {
  return role === 'admin';
}
export function maySeeIdNumbers(role: Role): boolean {
  return role === 'admin' || role === 'clerk';
}

/** What the crash writer and the harness agree on: the account, the home, the line format, the keys. */
import { addDays } from '../../main/services/calendar';
import { ADMIN } from '../support/office';

/** The prepared office's administrator (createTestOffice's). */
export const CRASH_ADMIN = { username: ADMIN.username, password: ADMIN.password };
/** A welfare home without a bed register: admissions need no free bed, so the writer never runs out. */
export const CRASH_HOME = '崩溃测试敬老院';

export type ActionKind = 'admit' | 'stat' | 'case' | 'step' | 'import';

export interface ActionLine {
  phase: 'begin' | 'committed';
  n: number;
  kind: ActionKind;
  key: string;
}

/** `begin|committed <n> <kind> <key>`; anything else (ready, failed) is null. */
export function parseLine(line: string): ActionLine | null {
  const m = /^(begin|committed) (\d+) (admit|stat|case|step|import) (\S+)$/.exec(line);
  return m ? { phase: m[1] as ActionLine['phase'], n: Number(m[2]), kind: m[3] as ActionKind, key: m[4]! } : null;
}

/** A birth date per writer generation, so that ID numbers never repeat across kills (seq 001–999 within one). */
export function birthDateOf(generation: number): string {
  return addDays('1940-01-01', generation);
}

/** Home visits saved by action n of a generation: unique across the whole run, so a value names its save. */
export function statValue(generation: number, n: number): number {
  return generation * 10_000 + n;
}

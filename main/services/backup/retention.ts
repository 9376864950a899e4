import { localDate } from '../../contract/validators/dates';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseBackupName } from './manifest';

/** Automatic backups kept: the last one of each of the newest 14 days and of the newest 12 months. */
export const RETENTION = { daily: 14, monthly: 12 } as const;

/** At most one daily backup a day while the app runs: due when the last automatic one is from an earlier day. */
export function dueDaily(now: Date, last: Date | null): boolean {
  if (!last) return true;
  // The office's day (China time), as the backups' names count it.
  return localDate(now) > localDate(last);
}

/**
 * Which automatic backups (exit, daily) to keep among `names`: the newest of each of the newest
 * `daily` days and of the newest `monthly` months (one backup may count for both). Manual and
 * before-restore backups are not automatic and never listed here.
 */
export function automaticToKeep(names: readonly string[], keep: { daily: number; monthly: number } = RETENTION): Set<string> {
  const automatic = names
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((b) => b.parsed && (b.parsed.kind === 'exit' || b.parsed.kind === 'daily'))
    .sort((a, b) => (a.parsed!.stamp < b.parsed!.stamp ? 1 : -1));
  const kept = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const { name, parsed } of automatic) {
    if (!days.has(parsed!.day) && days.size < keep.daily) kept.add(name);
    days.add(parsed!.day);
    if (!months.has(parsed!.month) && months.size < keep.monthly) kept.add(name);
    months.add(parsed!.month);
  }
  return kept;
}

/** Deletes the automatic backups in `folder` that retention no longer keeps; returns their names. */
export function pruneAutomatic(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const keep = automaticToKeep(names);
  const removed: string[] = [];
  for (const name of names) {
    const kind = parseBackupName(name)?.kind;
    if ((kind === 'exit' || kind === 'daily') && !keep.has(name)) {
      rmSync(join(folder, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

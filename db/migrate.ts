import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} is newer than this app supports (${supported}); update the app`);
  }
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Brings the schema up to date: all pending migrations in ONE transaction, recorded in
 * PRAGMA user_version, so a crash mid-upgrade leaves the previous version intact.
 * Returns the versions applied.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1]!.version) {
      throw new Error(`migration ${m.version} (${m.name}) is out of order`);
    }
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return pending.map((m) => m.version);
}

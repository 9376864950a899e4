import type BetterSqlite3 from 'better-sqlite3';

/** One schema step. `up` runs inside the runner's transaction and must not open its own. */
export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

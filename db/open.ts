import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { latestVersion, migrate } from './migrate';
import type { Database } from './schema';

export interface OpenedDatabase {
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  /** True when quick_check was deferred (OpenOptions.deferCheck): the caller must still run it. */
  checkDeferred: boolean;
  close(): void;
}

export interface OpenOptions {
  /** Create the file if missing (setup); otherwise a missing file is an error. */
  create?: boolean;
  /** Path of a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  /** A second, read-only connection beside the office's own (a job's snapshot): no migrations, no writes. */
  readonly?: boolean;
  /**
   * Leave quick_check to the caller (who runs it in the background: a large office takes seconds)
   * when the schema is current. A file that needs migrating is still checked first, here.
   */
  deferCheck?: boolean;
}

/** The file is not a sound SQLite database: opening it would risk making the damage worse. */
export class DatabaseDamagedError extends Error {
  constructor(readonly detail: string) {
    super(`the database file is damaged: ${detail}`);
  }
}

/**
 * PRAGMA quick_check (integrity_check without the index cross-checks, so it stays cheap at
 * every start). A badly damaged file makes SQLite throw SQLITE_CORRUPT/NOTADB instead of
 * answering; both mean the same to the user.
 */
export function checkQuick(sqlite: BetterSqlite3.Database): void {
  let rows: { quick_check: string }[];
  try {
    rows = sqlite.pragma('quick_check') as { quick_check: string }[];
  } catch (error) {
    throw damagedOr(error);
  }
  if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
    throw new DatabaseDamagedError(rows.slice(0, 3).map((r) => r.quick_check).join('; '));
  }
}

function damagedOr(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code) ? new DatabaseDamagedError(code) : error;
}

/** Opens (or creates) an office database with the durability pragmas and an up-to-date schema. */
export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const sqlite = new BetterSqlite3(path, {
    fileMustExist: !options.create,
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (options.readonly) {
      sqlite.pragma('busy_timeout = 5000');
      return wrap(sqlite);
    }
    sqlite.pragma('journal_mode = WAL');
    // Before migrating: never build on a damaged file (a new file has nothing to check).
    const deferred = !options.create && options.deferCheck === true && (sqlite.pragma('user_version', { simple: true }) as number) === latestVersion();
    if (!options.create && !deferred) checkQuick(sqlite);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (the default is 2 MiB): a 50 000-row import updates six indexes of
    // the person table, and with the default cache it spends its time re-reading index pages.
    sqlite.pragma('cache_size = -65536');
    migrate(sqlite);
    return wrap(sqlite, deferred);
  } catch (error) {
    sqlite.close();
    throw damagedOr(error);
  }
}

function wrap(sqlite: BetterSqlite3.Database, checkDeferred = false): OpenedDatabase {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    checkDeferred,
    close() {
      sqlite.close();
    },
  };
}

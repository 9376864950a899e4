import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { SchemaTooNewError } from '../../db/migrate';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import type { Database } from '../../db/schema';
import type { OfficeInfo } from '../contract/areas/setup';
import { roleAtLeast, type LedgerError, type Result, type Role } from '../contract/define';
import { AppError } from '../contract/errors';
import { systemClock, type Clock } from './clock';
import { makeContext, newSession, type CoreHost, type RequestContext, type Session } from './context';
import { dispatch } from './dispatch';
import { writeFileAtomic } from './files';
import { readOffice } from './office/setup';
import { JobRunner } from './jobs';
import { UploadStore } from './uploads';
import { fileKeystore, type Keystore } from './keystore';
import { z } from 'zod';

export interface LedgerCoreOptions {
  /** The user-data folder: holds config.json (which database to open) and, by default, the database. */
  dataDir: string;
  /** Use this database file and ignore config.json (CLI, tests). */
  databasePath?: string;
  nativeBinding?: string;
  clock?: Clock;
  log?: (error: unknown) => void;
  /** Where private keys are sealed; by default a key file in the data folder (tests, test host: weak). */
  keystore?: Keystore;
}

export interface LedgerCore {
  newSession(): Session;
  dispatch(session: Session, name: unknown, input: unknown): Promise<Result<unknown>>;
  /**
   * A service context for a logged-in session outside any request (the CLI's bundle import reads
   * files by path instead of sending them through a request). Refuses like the dispatcher: not set
   * up, not logged in, or a role below `access`.
   */
  serviceContext(session: Session, access: Role): Promise<RequestContext>;
  close(): void;
}

export type { Session } from './context';

const CONFIG_FILE = 'config.json';
const configSchema = z.object({ databasePath: z.string().min(1) });

/** Owns the office database of one installation and answers the contract for every transport. */
export function createLedgerCore(options: LedgerCoreOptions): LedgerCore {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((error: unknown) => console.error(error));
  let opened: { handle: OpenedDatabase; office: OfficeInfo; path: string } | null = null;
  let problem: LedgerError | null = null;
  let opening: Promise<void> | null = null;

  function configuredPath(): string | null {
    if (options.databasePath) return existsSync(options.databasePath) ? options.databasePath : null;
    const file = join(options.dataDir, CONFIG_FILE);
    if (!existsSync(file)) return null;
    return configSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).databasePath;
  }

  async function open(): Promise<void> {
    const path = configuredPath();
    if (!path) return;
    let handle: OpenedDatabase | undefined;
    try {
      handle = openDatabase(path, { nativeBinding: options.nativeBinding });
      const office = await readOffice(handle.db);
      if (!office) throw new Error('the database holds no office');
      opened = { handle, office, path };
    } catch (error) {
      handle?.close();
      const appError =
        error instanceof SchemaTooNewError
          ? new AppError('SCHEMA_TOO_NEW', undefined, { found: error.found, supported: error.supported })
          : new AppError('DATABASE_UNAVAILABLE', undefined, { reason: error instanceof Error ? error.message : String(error) });
      problem = appError.toLedgerError();
      log(error);
    }
  }

  const jobs = new JobRunner(clock, log);
  const keystore = options.keystore ?? fileKeystore(join(options.dataDir, 'keystore.key'));

  const host: CoreHost = {
    dataDir: options.dataDir,
    jobs,
    uploads: new UploadStore(clock),
    keystore: () => keystore,
    log,
    async readSnapshot(read) {
      if (!opened) throw new AppError('NOT_SET_UP');
      const reader = openDatabase(opened.path, { readonly: true, nativeBinding: options.nativeBinding });
      try {
        return await reader.db.transaction().execute((trx: Kysely<Database>) => read(trx));
      } finally {
        reader.close();
      }
    },
    insertMany(table, rows) {
      if (!opened) throw new AppError('NOT_SET_UP');
      const sqlite = opened.handle.sqlite;
      if (!sqlite.inTransaction) throw new Error('insertMany runs only inside a write transaction');
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
      const statement = sqlite.prepare(text);
      for (const row of rows) statement.run(row);
    },
    async write(work) {
      if (!opened) throw new AppError('NOT_SET_UP');
      return opened.handle.db.transaction().execute((trx: Kysely<Database>) => work(trx));
    },
    defaultDatabasePath: () => options.databasePath ?? join(options.dataDir, 'welfare-ledger.sqlite'),
    problem: () => problem,
    filesDir() {
      if (!opened) throw new AppError('NOT_SET_UP');
      // Beside the database, so a backup of the folder keeps records and their photos together.
      return join(dirname(opened.path), `${basename(opened.path, extname(opened.path))}-files`);
    },
    async createDatabase(path, fill) {
      mkdirSync(dirname(path), { recursive: true });
      const handle = openDatabase(path, { create: true, nativeBinding: options.nativeBinding });
      let office: OfficeInfo;
      try {
        office = await handle.db.transaction().execute((trx: Kysely<Database>) => fill(trx));
        if (!options.databasePath) writeFileAtomic(join(options.dataDir, CONFIG_FILE), JSON.stringify({ databasePath: path }, null, 2));
      } catch (error) {
        handle.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
        throw error;
      }
      opened = { handle, office, path };
      problem = null;
      return office;
    },
  };

  const target = {
    clock,
    host,
    log,
    async database() {
      opening ??= open();
      await opening;
      return opened ? { db: opened.handle.db, office: opened.office } : null;
    },
  };

  return {
    newSession: () => newSession(clock),
    dispatch: (session, name, input) => dispatch(target, session, name, input),
    async serviceContext(session, access) {
      const database = await target.database();
      if (!database) throw new AppError('NOT_SET_UP');
      if (!session.user) throw new AppError('NOT_LOGGED_IN');
      if (!roleAtLeast(session.user.role, access)) throw new AppError('FORBIDDEN');
      return makeContext(session, clock, database.office, database.db, host);
    },
    close() {
      opened?.handle.close();
      opened = null;
    },
  };
}

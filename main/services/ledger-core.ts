import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { SchemaTooNewError } from '../../db/migrate';
import { checkQuick, DatabaseDamagedError, openDatabase, type OpenedDatabase } from '../../db/open';
import { quickCheckInBackground } from '../../db/quick-check';
import type { Database } from '../../db/schema';
import type { OfficeInfo } from '../contract/areas/setup';
import { roleAtLeast, type LedgerError, type Result, type Role } from '../contract/define';
import { AppError } from '../contract/errors';
import { systemClock, type Clock } from './clock';
import { makeContext, newSession, type CoreHost, type ReplacePlan, type RequestContext, type Session } from './context';
import { dispatch } from './dispatch';
import { removeStaleTempFiles, renameDurably, syncFile, syncFolder, tempPathFor, writeFileAtomic } from './files';
import { recordAudit } from './audit/audit';
import type { BackupInfo } from '../contract/areas/backups';
import { automaticBackup, automaticFolder, listBackups, isAutomatic, newestGoodBackup } from './backup/automatic';
import { copyFolderDurably } from './backup/create-backup';
import { DATABASE_FILE, FILES_FOLDER } from './backup/manifest';
import { dueDaily } from './backup/retention';
import { inspectFolder } from './backup/inspect';
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
  /**
   * An automatic backup (at a clean exit, or daily while running) into `<dataDir>/backups`, then
   * retention. 'daily' does nothing (null) when today's automatic backup exists; nothing either
   * before setup or while the database cannot be opened.
   */
  automaticBackup(kind: 'exit' | 'daily'): Promise<BackupInfo | null>;
  /**
   * Only while the database is damaged (problem DATABASE_DAMAGED): restores the backup folder
   * `path` (verified first) without a login, since nobody can log in to a damaged database (CLI).
   */
  restoreDamaged(path: string, actorName: string): Promise<BackupInfo>;
  close(): void;
}

export type { Session } from './context';

const CONFIG_FILE = 'config.json';
const configSchema = z.object({ databasePath: z.string().min(1) });

/** Owns the office database of one installation and answers the contract for every transport. */
/** The folder of an office's photos and documents: beside its database, named after it. */
function filesDirOf(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}-files`);
}

/**
 * Puts a backup's database over `livePath` (a temp copy, fsynced, renamed) and its files folder
 * over `filesDir`, the folder there before moved to `aside` first.
 */
function putInPlace(source: { database: string; files: string }, livePath: string, filesDir: string, aside: string): void {
  const temp = tempPathFor(livePath);
  copyFileSync(source.database, temp);
  syncFile(temp);
  for (const suffix of ['-wal', '-shm']) rmSync(livePath + suffix, { force: true });
  renameDurably(temp, livePath);
  const newFiles = tempPathFor(filesDir);
  copyFolderDurably(source.files, newFiles);
  if (existsSync(filesDir)) renameSync(filesDir, aside);
  renameDurably(newFiles, filesDir);
}

/** A restore moves the office's files folder aside under this suffix (and the pid) before the new one takes its name. */
const OLD_FILES_SUFFIX = '.old-';

/**
 * A restore killed between its two renames of the files folder leaves none under the office's
 * name, the previous one aside: it is put back (its photos match the database better than none).
 */
function recoverFilesSwap(filesDir: string, log: (message: unknown) => void): void {
  if (existsSync(filesDir)) return;
  const folder = dirname(filesDir);
  const prefix = `${basename(filesDir)}${OLD_FILES_SUFFIX}`;
  const aside = existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(prefix)) : [];
  if (aside.length === 0) return;
  const newest = aside.map((name) => join(folder, name)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  renameDurably(newest, filesDir);
  log(`put the files folder back after an interrupted restore: ${newest}`);
}

interface Opened {
  handle: OpenedDatabase;
  office: OfficeInfo;
  path: string;
  /** The start-up quick_check still running in the background (null once it passed). */
  checking: Promise<void> | null;
  stopCheck(): void;
}

function totalChanges(sqlite: OpenedDatabase['sqlite']): number {
  return sqlite.prepare('SELECT total_changes()').pluck().get() as number;
}

export function createLedgerCore(options: LedgerCoreOptions): LedgerCore {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((error: unknown) => console.error(error));
  let opened: Opened | null = null;
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
      handle = openDatabase(path, { nativeBinding: options.nativeBinding, deferCheck: true });
      const office = await readOffice(handle.db);
      if (!office) throw new Error('the database holds no office');
      opened = { handle, office, path, checking: null, stopCheck: () => {} };
      if (handle.checkDeferred) checkInBackground(opened);
      recoverFilesSwap(host.filesDir(), log);
      // What a killed write left behind (a temp file never renamed): the final names are whole.
      const shallow = [...new Set([options.dataDir, dirname(path), automaticFolder(options.dataDir)])];
      const leftovers = [...shallow.flatMap((folder) => removeStaleTempFiles(folder, { deep: false })), ...removeStaleTempFiles(host.filesDir())];
      for (const removed of leftovers) log(`removed the leftover of an interrupted write: ${removed}`);
    } catch (error) {
      handle?.close();
      const appError =
        error instanceof SchemaTooNewError
          ? new AppError('SCHEMA_TOO_NEW', undefined, { found: error.found, supported: error.supported })
          : error instanceof DatabaseDamagedError
            ? await damagedError()
            : new AppError('DATABASE_UNAVAILABLE', undefined, { reason: error instanceof Error ? error.message : String(error) });
      problem = appError.toLedgerError();
      log(error);
    }
  }

  /**
   * The start-up quick_check of a current-schema database, on a worker thread: reads answer at once;
   * a request that changed something waits for the check before it commits (guardWrites), so nothing
   * is ever written into a damaged file. Damage found closes the office like damage found at open.
   */
  function checkInBackground(current: Opened): void {
    const check = quickCheckInBackground(current.path, options.nativeBinding);
    current.stopCheck = check.stop;
    current.checking = check.result.then(async (found) => {
      if ('failed' in found) {
        log(`the background integrity check could not run (${found.failed}); checking on this thread`);
        try {
          checkQuick(current.handle.sqlite);
          found = { ok: true };
        } catch (error) {
          if (!(error instanceof DatabaseDamagedError)) throw error;
          found = { ok: false, detail: error.detail };
        }
      }
      if (found.ok) {
        current.checking = null;
        return;
      }
      log(new DatabaseDamagedError(found.detail));
      const damaged = await damagedError();
      if (opened === current) {
        problem = damaged.toLedgerError();
        opened = null;
        // Once the request holding the connection (if any) has rolled back.
        void current.handle.db.connection().execute(async () => current.handle.close()).catch(log);
      }
      throw damaged;
    });
    current.checking.catch(() => {});
  }

  /** Runs a request's work; if it changed anything while the start-up check still runs, waits for the check before committing. */
  async function guardWrites<T>(current: Opened, work: () => Promise<T>): Promise<T> {
    const checking = current.checking;
    if (!checking) return work();
    const before = totalChanges(current.handle.sqlite);
    const value = await work();
    if (totalChanges(current.handle.sqlite) !== before) await checking;
    return value;
  }

  /** DATABASE_DAMAGED, naming the newest automatic backup that passes inspection (path and time). */
  async function damagedError(): Promise<AppError> {
    const good = await newestGoodBackup(options.dataDir, options.nativeBinding).catch(() => null);
    newestBackup = good;
    return new AppError('DATABASE_DAMAGED', undefined, {
      backup: good ? `${good.path}` : '—',
      backupPath: good?.path ?? '',
      backupCreatedAt: good?.createdAt ?? '',
    });
  }
  let newestBackup: BackupInfo | null = null;

  // Restore: sessions logged in before the last restore are logged out at their next request.
  let generation = 0;
  const sessionGeneration = new WeakMap<Session, number>();
  const pendingReplace = new Map<Session, ReplacePlan>();

  /**
   * Swaps the database and attachments for a backup's: the live connection is closed, the copy
   * written to a temporary name beside the live file and fsynced, the old -wal/-shm removed, the
   * copy renamed over the live file; the files folder is built beside the live one, the live one
   * renamed aside, the new one renamed into place, the old one removed. Then the office reopens.
   */
  async function replaceNow(plan: ReplacePlan, session: Session): Promise<void> {
    if (!opened) throw new AppError('NOT_SET_UP');
    const { path } = opened;
    const filesDir = host.filesDir();
    const current = opened;
    let release!: () => void;
    const reopened = new Promise<void>((r) => (release = r));
    opening = reopened;
    try {
      // Holding the connection: no other request's transaction is open on it while it closes.
      await current.handle.db.connection().execute(async () => {
        current.handle.close();
        opened = null;
        const oldFiles = `${filesDir}${OLD_FILES_SUFFIX}${process.pid}`;
        putInPlace(plan, path, filesDir, oldFiles);
        rmSync(oldFiles, { recursive: true, force: true });
        syncFolder(dirname(filesDir));
      });
      problem = null;
      await open();
      generation++;
      if (opened) {
        const now = opened;
        await now.handle.db.transaction().execute((trx: Kysely<Database>) => recordAudit(makeContext(session, clock, now.office, trx, host), plan.audit));
      }
    } finally {
      // `opening` stays this settled promise: requests that waited on it now see the new database.
      release();
    }
    if (!opened) throw new AppError('INTERNAL');
  }

  const jobs = new JobRunner(clock, log);
  const keystore = options.keystore ?? fileKeystore(join(options.dataDir, 'keystore.key'));

  async function restoreDamaged(path: string, actorName: string): Promise<BackupInfo> {
    await target.database();
    if (problem?.code !== 'DATABASE_DAMAGED') throw new AppError('FORBIDDEN');
    const { check, refusal } = await inspectFolder(path, null, 'zh-CN', options.nativeBinding);
    if (refusal) throw refusal;
    const livePath = configuredPath();
    if (!livePath) throw new AppError('NOT_SET_UP');
    // The damaged file is kept beside the live one (renamed), never deleted: someone may want it.
    const damaged = `${livePath}.damaged-${clock.now().getTime()}`;
    renameDurably(livePath, damaged);
    for (const suffix of ['-wal', '-shm']) if (existsSync(livePath + suffix)) renameSync(livePath + suffix, damaged + suffix);
    putInPlace(
      { database: join(check.backup.path, DATABASE_FILE), files: join(check.backup.path, FILES_FOLDER) },
      livePath,
      filesDirOf(livePath),
      `${damaged}-files`,
    );
    problem = null;
    newestBackup = null;
    opening = open();
    await opening;
    generation++;
    if (!opened) throw new AppError('DATABASE_UNAVAILABLE', undefined, { reason: problem ?? 'unknown' });
    const now = opened;
    await now.handle.db.transaction().execute((trx: Kysely<Database>) =>
      recordAudit(makeContext(newSession(clock), clock, now.office, trx, host), {
        action: 'restore',
        entity: 'office',
        entityId: null,
        summary: `数据库损坏，恢复备份 ${check.backup.name}（${check.backup.createdAt}）；损坏的文件保存为 ${basename(damaged)}`,
        after: { backup: check.backup.name, createdAt: check.backup.createdAt, damaged: basename(damaged) },
        actorName,
        actorId: null,
      }),
    );
    return check.backup;
  }

  const host: CoreHost = {
    dataDir: options.dataDir,
    jobs,
    uploads: new UploadStore(clock),
    keystore: () => keystore,
    log,
    nativeBinding: options.nativeBinding,
    async backupDatabase(toPath) {
      if (!opened) throw new AppError('NOT_SET_UP');
      // Never a backup of a file that may be damaged: it would push a good backup out of retention.
      await opened.checking;
      if (!opened) throw new AppError('NOT_SET_UP');
      await opened.handle.sqlite.backup(toPath);
    },
    replaceDatabase(session, plan) {
      pendingReplace.set(session, plan);
    },
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
      await opened.checking;
      if (!opened) throw new AppError('NOT_SET_UP');
      return opened.handle.db.transaction().execute((trx: Kysely<Database>) => work(trx));
    },
    defaultDatabasePath: () => options.databasePath ?? join(options.dataDir, 'welfare-ledger.sqlite'),
    problem: () => problem,
    newestBackup: () => (problem?.code === 'DATABASE_DAMAGED' ? newestBackup : null),
    async restoreNewestBackup() {
      await target.database();
      if (problem?.code !== 'DATABASE_DAMAGED') throw new AppError('FORBIDDEN');
      if (!newestBackup) throw new AppError('BACKUP_NOT_FOUND');
      return restoreDamaged(newestBackup.path, '—');
    },
    filesDir() {
      if (!opened) throw new AppError('NOT_SET_UP');
      // Beside the database, so a backup of the folder keeps records and their photos together.
      return filesDirOf(opened.path);
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
      opened = { handle, office, path, checking: null, stopCheck: () => {} };
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
      const current = opened;
      return current ? { db: current.handle.db, office: current.office, guardWrites: <T>(work: () => Promise<T>) => guardWrites(current, work) } : null;
    },
  };

  return {
    newSession() {
      const session = newSession(clock);
      sessionGeneration.set(session, generation);
      return session;
    },
    async dispatch(session, name, input) {
      if ((sessionGeneration.get(session) ?? generation) < generation) session.user = null;
      sessionGeneration.set(session, generation);
      pendingReplace.delete(session);
      const result = await dispatch(target, session, name, input);
      const plan = pendingReplace.get(session);
      pendingReplace.delete(session);
      if (!plan || !result.ok) return result;
      try {
        await replaceNow(plan, session);
        return result;
      } catch (error) {
        log(error);
        const appError = error instanceof AppError ? error : new AppError('INTERNAL');
        return { ok: false, error: appError.toLedgerError() };
      }
    },
    async automaticBackup(kind) {
      const database = await target.database();
      if (!database) return null;
      const now = clock.now();
      if (kind === 'daily') {
        const last = listBackups(join(options.dataDir, 'backups')).find(isAutomatic);
        if (!dueDaily(now, last ? new Date(last.createdAt) : null)) return null;
      }
      return automaticBackup(host, database.office, kind, now);
    },
    restoreDamaged: (path, actorName) => restoreDamaged(path, actorName),

    async serviceContext(session, access) {
      const database = await target.database();
      if (!database) throw new AppError('NOT_SET_UP');
      if (!session.user) throw new AppError('NOT_LOGGED_IN');
      if (!roleAtLeast(session.user.role, access)) throw new AppError('FORBIDDEN');
      return makeContext(session, clock, database.office, database.db, host);
    },
    close() {
      opened?.stopCheck();
      opened?.handle.close();
      opened = null;
    },
  };
}

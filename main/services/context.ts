import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../contract/areas/auth';
import type { OfficeInfo } from '../contract/areas/setup';
import type { LedgerError } from '../contract/define';
import { AppError } from '../contract/errors';
import type { Clock } from './clock';
import type { JobRunner } from './jobs';
import type { Keystore } from './keystore';
import type { UploadStore } from './uploads';
import type { AuditEvent } from './audit/audit';
import type { BackupInfo } from '../contract/areas/backups';

/** One window's (or one test-host client's) login state; lives on the main side only. */
export interface Session {
  user: SessionUser | null;
  lastActivity: number;
}

export function newSession(clock: Clock): Session {
  return { user: null, lastActivity: clock.now().getTime() };
}

/** Everything a request handler may use. `db` is the request's transaction. */
export interface RequestContext {
  readonly session: Session;
  readonly clock: Clock;
  readonly office: OfficeInfo | null;
  readonly db: Kysely<Database> | null;
  /** Handlers that need the office use `ctx.database()`; it refuses before setup. */
  database(): Kysely<Database>;
  officeInfo(): OfficeInfo;
  /** The county code of a county office; the city office keeps no county registers. */
  countyCode(): string;
  /** The logged-in user; the dispatcher has already checked the role. */
  actor(): SessionUser;
  readonly host: CoreHost;
  /**
   * Set for the records a spreadsheet import writes: the import is one audit event (file name,
   * SHA-256, counts), not one per row; `recordAudit` skips the rows' own events.
   */
  readonly quietAudit?: boolean;
}

/** What the setup handlers need from the core that owns the database file. */
export interface CoreHost {
  readonly dataDir: string;
  defaultDatabasePath(): string;
  problem(): LedgerError | null;
  /** With problem DATABASE_DAMAGED: the newest automatic backup that passes inspection (setup.status offers it). */
  newestBackup(): BackupInfo | null;
  /** Only while the database is DATABASE_DAMAGED: restores newestBackup() (FORBIDDEN otherwise). */
  restoreNewestBackup(): Promise<BackupInfo>;
  /** The folder of the open office's stored files (renovation photos and documents), beside its database. */
  filesDir(): string;
  /** Creates, fills (in one transaction, via `fill`) and adopts a new office database. */
  createDatabase(path: string, fill: (db: Kysely<Database>) => Promise<OfficeInfo>): Promise<OfficeInfo>;
  /** Long work with progress (bundle export and import). */
  readonly jobs: JobRunner;
  /** Files uploaded for a multi-step job (spreadsheet import). */
  readonly uploads: UploadStore;
  /** Where this installation seals private keys (OS keystore in the app, passphrase in the CLI). */
  keystore(): Keystore;
  /**
   * Runs `read` in a read transaction on a second, read-only connection: a consistent snapshot
   * (WAL) that never blocks the requests a job's progress is polled with.
   */
  readSnapshot<T>(read: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Only inside `write`: inserts rows of one table through one prepared statement on the write
   * connection, in that transaction. For bulk imports (50 000 people), where building each insert
   * through the query builder costs more than SQLite's own work. Every row has the same columns.
   */
  insertMany(table: keyof Database, rows: readonly Record<string, string | number | null>[]): void;
  /** One write transaction on the office database, for a job's final step. */
  write<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  log(error: unknown): void;
  /** The better_sqlite3.node for this runtime, for the connections a backup check opens itself. */
  readonly nativeBinding: string | undefined;
  /** SQLite's online backup of the open database into `toPath`: consistent while requests keep writing. */
  backupDatabase(toPath: string): Promise<void>;
  /**
   * Restore: once the current request's transaction has ended (the database must be closed),
   * replaces the database with `plan.database` and the attachments folder with `plan.files`,
   * reopens, records `plan.audit` in the restored database and logs every session out. A failure
   * turns the request's reply into that error. Only for a request of `session`.
   */
  replaceDatabase(session: Session, plan: ReplacePlan): void;
}

export interface ReplacePlan {
  database: string;
  files: string;
  audit: AuditEvent;
}

export function makeContext(
  session: Session,
  clock: Clock,
  office: OfficeInfo | null,
  db: Kysely<Database> | null,
  host: CoreHost,
): RequestContext {
  return {
    session,
    clock,
    office,
    db,
    host,
    database() {
      if (!db) throw new AppError('NOT_SET_UP');
      return db;
    },
    officeInfo() {
      if (!office) throw new AppError('NOT_SET_UP');
      return office;
    },
    countyCode() {
      const info = this.officeInfo();
      if (info.mode !== 'county') throw new AppError('NOT_A_COUNTY_OFFICE');
      return info.divisionCode;
    },
    actor() {
      if (!session.user) throw new AppError('NOT_LOGGED_IN');
      return session.user;
    },
  };
}

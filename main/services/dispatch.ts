import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { SchemaTooNewError } from '../../db/migrate';
import { CONTRACT, isRequestName, type RequestName } from '../contract';
import { roleAtLeast, type Result } from '../contract/define';
import { AppError, type ErrorCode } from '../contract/errors';
import { currentStaff, IDLE_LOCK_MINUTES, toSessionUser } from './accounts/accounts';
import type { Clock } from './clock';
import { makeContext, type CoreHost, type Session } from './context';
import { HANDLERS, type Handler } from './handlers';
import { issueToError } from './schema-issues';
import type { OfficeInfo } from '../contract/areas/setup';

/** Largest request accepted, as JSON: forms are small; bulk work goes through files. */
export const MAX_REQUEST_BYTES = 1_000_000;

export interface DispatchTarget {
  clock: Clock;
  host: CoreHost;
  /** Null before setup (or while the database cannot be opened: host.problem() says why). */
  database(): Promise<{
    db: Kysely<Database>;
    office: OfficeInfo;
    /** Wraps a request's work inside its transaction; may hold the commit back (the start-up integrity check). */
    guardWrites?<T>(work: () => Promise<T>): Promise<T>;
  } | null>;
  log(error: unknown): void;
}

/**
 * Watching a job only reads: these run on a snapshot connection, so a job's write transaction
 * (an import writes for seconds) never holds up its own progress bar or cancel button.
 */
const SNAPSHOT_REQUESTS: ReadonlySet<RequestName> = new Set<RequestName>(['jobs.status', 'jobs.cancel']);

/**
 * The one path every request takes, whatever the transport: known name, size, login and role,
 * input schema, then the handler inside one transaction. Never throws; a refusal changes nothing.
 */
export async function dispatch(target: DispatchTarget, session: Session, name: unknown, payload: unknown): Promise<Result<unknown>> {
  try {
    if (!isRequestName(name)) throw new AppError('UNKNOWN_REQUEST');
    const def = CONTRACT[name];
    checkSize(payload, def.maxBytes ?? MAX_REQUEST_BYTES);
    const parsed = (def.input as z.ZodType).safeParse(payload ?? {});
    const opened = await target.database();
    if (!parsed.success) {
      // Access is checked before input, so an unauthorised caller learns nothing about the schema.
      if (def.access !== 'public') await checkAccess(target, session, name, opened?.db ?? null);
      throw issueToError(parsed.error.issues[0]!, payload);
    }
    // A database that cannot be opened (damaged at open or found so by the background check): every
    // request but setup's and the damaged-database restore answers with the problem, so a screen
    // already showing learns it at its next request.
    const problem = opened ? null : target.host.problem();
    if (problem && (def.access !== 'public' || name.startsWith('auth.'))) throw new AppError(problem.code as ErrorCode, problem.field, problem.params);
    const handler = HANDLERS[name] as Handler<RequestName>;
    const run = async (db: Kysely<Database> | null) => {
      if (def.access !== 'public') await checkAccess(target, session, name, db);
      return handler(makeContext(session, target.clock, opened?.office ?? null, db, target.host), parsed.data as never);
    };
    const value = !opened
      ? await run(null)
      : SNAPSHOT_REQUESTS.has(name)
        ? await target.host.readSnapshot((db) => run(db))
        : await opened.db.transaction().execute((trx) => (opened.guardWrites ? opened.guardWrites(() => run(trx)) : run(trx)));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toAppError(error, target).toLedgerError() };
  }
}

async function checkAccess(target: DispatchTarget, session: Session, name: RequestName, db: Kysely<Database> | null) {
  const access = CONTRACT[name].access;
  if (access === 'public') return;
  if (!db) throw new AppError('NOT_SET_UP');
  if (!session.user) throw new AppError('NOT_LOGGED_IN');
  const now = target.clock.now().getTime();
  if (now - session.lastActivity > IDLE_LOCK_MINUTES * 60_000) {
    session.user = null;
    throw new AppError('SESSION_EXPIRED');
  }
  // Role changes and disabling take effect at the next request, not the next login.
  const row = await currentStaff(db, session.user.id);
  if (!row) {
    session.user = null;
    throw new AppError('NOT_LOGGED_IN');
  }
  session.user = toSessionUser(row);
  session.lastActivity = now;
  if (!roleAtLeast(row.role, access)) throw new AppError('FORBIDDEN');
}

function checkSize(payload: unknown, max: number) {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    throw new AppError('INVALID_INPUT');
  }
  if (json !== undefined && json.length > max) throw new AppError('PAYLOAD_TOO_LARGE');
}

function toAppError(error: unknown, target: DispatchTarget): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SchemaTooNewError) {
    return new AppError('SCHEMA_TOO_NEW', undefined, { found: error.found, supported: error.supported });
  }
  target.log(error);
  return new AppError('INTERNAL');
}

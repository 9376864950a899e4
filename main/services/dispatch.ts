import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { SchemaTooNewError } from '../../db/migrate';
import { CONTRACT, isRequestName, type RequestName } from '../contract';
import { roleAtLeast, type Result } from '../contract/define';
import { AppError } from '../contract/errors';
import { currentStaff, IDLE_LOCK_MINUTES, toSessionUser } from './accounts/accounts';
import type { Clock } from './clock';
import { makeContext, type CoreHost, type Session } from './context';
import { HANDLERS, type Handler } from './handlers';
import type { OfficeInfo } from '../contract/areas/setup';

/** Largest request accepted, as JSON: forms are small; bulk work goes through files. */
export const MAX_REQUEST_BYTES = 1_000_000;

export interface DispatchTarget {
  clock: Clock;
  host: CoreHost;
  /** Null before setup. */
  database(): Promise<{ db: Kysely<Database>; office: OfficeInfo } | null>;
  log(error: unknown): void;
}

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
    const handler = HANDLERS[name] as Handler<RequestName>;
    const run = async (db: Kysely<Database> | null) => {
      if (def.access !== 'public') await checkAccess(target, session, name, db);
      return handler(makeContext(session, target.clock, opened?.office ?? null, db, target.host), parsed.data as never);
    };
    const value = opened ? await opened.db.transaction().execute((trx) => run(trx)) : await run(null);
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

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let value = payload;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turns the first schema problem into a coded error naming the field. */
export function issueToError(issue: z.core.$ZodIssue, payload: unknown): AppError {
  const field = issue.path.map(String).join('.') || undefined;
  switch (issue.code) {
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, string>;
      return new AppError((code as never) ?? 'INVALID_INPUT', field, params);
    }
    case 'invalid_type':
      if (valueAt(payload, issue.path) === undefined) return new AppError('REQUIRED', field);
      if (issue.expected === 'int') return new AppError('NOT_INTEGER', field);
      return new AppError('WRONG_TYPE', field, { expected: issue.expected });
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? new AppError('TOO_LONG', field, { max: Number(issue.maximum) })
        : new AppError('TOO_LARGE', field, { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return new AppError('REQUIRED', field);
      return issue.origin === 'string' || issue.origin === 'array'
        ? new AppError('TOO_SHORT', field, { min: Number(issue.minimum) })
        : new AppError('TOO_SMALL', field, { min: Number(issue.minimum) });
    case 'unrecognized_keys':
      return new AppError('UNKNOWN_FIELD', field, { keys: issue.keys.join(', ') });
    case 'invalid_value':
      return new AppError('INVALID_CHOICE', field);
    default:
      return new AppError('INVALID_INPUT', field);
  }
}

function toAppError(error: unknown, target: DispatchTarget): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SchemaTooNewError) {
    return new AppError('SCHEMA_TOO_NEW', undefined, { found: error.found, supported: error.supported });
  }
  target.log(error);
  return new AppError('INTERNAL');
}

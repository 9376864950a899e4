import type { Input, LedgerError, Output, RequestName } from './contract';

/** A refusal (or failure) from the main side, carrying its coded error for translateError. */
export class LedgerCallError extends Error {
  constructor(
    readonly error: LedgerError,
    readonly request: string,
  ) {
    super(`${request}: ${error.code} ${error.message}`);
    this.name = 'LedgerCallError';
  }
}

/** Codes that mean "this window no longer has a logged-in user": the app shows the lock screen. */
const SESSION_LOST_CODES = new Set(['SESSION_EXPIRED', 'NOT_LOGGED_IN']);

export function isSessionLost(error: unknown): boolean {
  return error instanceof LedgerCallError && SESSION_LOST_CODES.has(error.error.code);
}

type SessionLostListener = (error: LedgerError) => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** The App subscribes here; returns the unsubscribe function. */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** Codes that mean "the office's database cannot be used" (found damaged while the app runs): the app shows the problem page. */
const DATABASE_PROBLEM_CODES = new Set(['DATABASE_DAMAGED', 'DATABASE_UNAVAILABLE', 'SCHEMA_TOO_NEW']);
const databaseProblemListeners = new Set<SessionLostListener>();

/** The App subscribes here; returns the unsubscribe function. */
export function onDatabaseProblem(listener: (error: LedgerError) => void): () => void {
  databaseProblemListeners.add(listener);
  return () => databaseProblemListeners.delete(listener);
}

let lastAnsweredAt = 0;

/** When the main side last answered a call (ms since epoch): the keep-alive skips its ping after recent calls. */
export function lastCallAnsweredAt(): number {
  return lastAnsweredAt;
}

/** Calls one request of the contract; resolves with its output or throws a LedgerCallError. */
export async function call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
  const bridge = window.ledger;
  if (!bridge) {
    throw new LedgerCallError({ code: 'INTERNAL', message: 'window.ledger is missing (no preload bridge)' }, name);
  }
  let result;
  try {
    result = await bridge.invoke(name, input);
  } catch (error) {
    throw new LedgerCallError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }, name);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new LedgerCallError({ code: 'INTERNAL', message: 'malformed answer from the main side' }, name);
  }
  lastAnsweredAt = Date.now();
  if (!result.ok) {
    if (SESSION_LOST_CODES.has(result.error.code)) {
      for (const listener of sessionLostListeners) listener(result.error);
    }
    if (DATABASE_PROBLEM_CODES.has(result.error.code)) {
      for (const listener of databaseProblemListeners) listener(result.error);
    }
    throw new LedgerCallError(result.error, name);
  }
  return result.value as Output<K>;
}

import type { z } from 'zod';

/** Who may make a request: anyone (setup, login), or a logged-in user of at least this role. */
export type Role = 'viewer' | 'clerk' | 'admin';
export type Access = 'public' | Role;

export const ROLES: readonly Role[] = ['viewer', 'clerk', 'admin'];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** One request of the contract: its input schema, who may make it, and (as a phantom type) what it returns. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly access: Access;
  readonly input: I;
  /** Largest input as JSON, when a request carries a file; otherwise the dispatcher's default. */
  readonly maxBytes?: number;
  /** Never set: carries the output type for the typed client. */
  readonly output?: O;
}

/** `request<Output>()({ access, input })` — the output type is stated once, here. */
export function request<O>() {
  return <I extends z.ZodType>(def: { access: Access; input: I; maxBytes?: number }): RequestDef<I, O> => def;
}

export type InputOf<D> = D extends RequestDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D> = D extends RequestDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D> = D extends RequestDef<z.ZodType, infer O> ? O : never;

/** The error every transport carries back: a code, the field it concerns, and values for the message. */
export interface LedgerError {
  code: string;
  /** Dotted path of the offending input field, e.g. "person.idNumber". */
  field?: string;
  params?: Record<string, string | number>;
  /** The message in the language of the request (zh-CN unless the client asked for en). */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LedgerError };

/** What preload exposes on `window.ledger` (and the test host's bridge imitates). */
export interface LedgerBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
}

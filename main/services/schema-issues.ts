import type { z } from 'zod';
import { AppError } from '../contract/errors';

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

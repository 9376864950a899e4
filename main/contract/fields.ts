import { z } from 'zod';
import { pastDateProblem } from './validators/dates';
import { parseIdNumber } from './validators/id-number';
import { normalisePhone } from './validators/phone';

/** Reusable field schemas; a failed custom check carries our message code in `params.code`. */

export const recordId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
export const version = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export function text(max: number) {
  return z.string().trim().max(max);
}
export function requiredText(max: number) {
  return z.string().trim().min(1).max(max);
}
/** Optional free text: '' and null both mean "no value". */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
}

export const pastDate = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = pastDateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: problem } });
  });

export const idNumber = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.problem, params: { code: parsed.problem, ...parsed.params } });
      return z.NEVER;
    }
    return parsed;
  });

export const phone = z
  .string()
  .max(32)
  .nullish()
  .transform((value, ctx) => {
    if (!value || !value.trim()) return null;
    const normal = normalisePhone(value);
    if (!normal) {
      ctx.addIssue({ code: 'custom', message: 'PHONE_INVALID', params: { code: 'PHONE_INVALID' } });
      return z.NEVER;
    }
    return normal;
  });

export const divisionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/);

export const username = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!/^[A-Za-z0-9._-]{2,32}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'USERNAME_INVALID', params: { code: 'USERNAME_INVALID' } });
    }
  });

/** Length is checked by the service so the message can say "at least 8 characters". */
export const password = z.string().max(256);

export const pageLimit = z.number().int().min(1).max(500);

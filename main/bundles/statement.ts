import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isRealDate, localDate } from '../contract/validators/dates';
import { parseCanonicalJson } from './canonical-json';
import { AGE_RECIPIENT, HEX_KEY } from './keys';
import { BUNDLE_LIMITS } from './limits';
import { BundleRejection, reject } from './rejection';

/**
 * The bundle statement: the one signed document of a bundle. It says who made the bundle, for
 * which period, where it stands in the county's sequence, who may read it, and the size and
 * SHA-256 of every (encrypted) data file. Every object is strict: an unknown field is refused.
 */
export const STATEMENT_FORMAT = 'welfare-ledger/bundle/v1';
export const STATEMENT_ENTRY = 'statement.json';
export const SIGNATURE_ENTRY = 'statement.sig';
export const SUMMARY_FILE = 'summary';
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** An instant as Date#toISOString writes it (milliseconds, Z): one spelling per instant. */
export const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'not a real instant');
const hex64 = z.string().regex(HEX_KEY);
const date = z.string().refine(isRealDate, 'not a date');
const text = (max: number) => z.string().min(1).max(max);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const CONTENTS_NAME = /^[a-z][a-z_]{0,40}$/;

export const statementFileSchema = z.strictObject({
  path: z.string().max(60),
  contents: z.string().regex(CONTENTS_NAME),
  records: whole(0, BUNDLE_LIMITS.maxRecordsPerFile),
  /** Size and SHA-256 of the encrypted file, as stored in the archive. */
  size: whole(0, BUNDLE_LIMITS.maxEntryBytes),
  sha256: hex64,
});

export const STATEMENT_SCHEMA = z
  .strictObject({
    format: z.literal(STATEMENT_FORMAT),
    county: z.strictObject({ code: z.string().regex(/^\d{6}$/), name: text(40), office: text(80) }),
    period: z.strictObject({ kind: z.enum(PERIOD_KINDS), label: z.string().max(10), start: date, end: date }),
    sequence: whole(1, 999_999_999),
    previous: hex64.nullable(),
    createdAt: isoInstant,
    createdBy: text(100),
    purpose: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('regular') }),
      z.strictObject({ kind: z.literal('reexport'), of: whole(1, 999_999_999) }),
      z.strictObject({ kind: z.literal('correction'), reason: text(2000) }),
    ]),
    signer: hex64,
    recipient: z.string().regex(AGE_RECIPIENT),
    app: z.strictObject({ version: text(40), schema: whole(0, 1_000_000) }),
    files: z.array(statementFileSchema).min(1).max(BUNDLE_LIMITS.maxEntries - 2),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.files.forEach((file, i) => {
      if (file.path !== dataFilePath(file.contents)) ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: 'path' });
      if (seen.has(file.contents)) ctx.addIssue({ code: 'custom', path: ['files', i, 'contents'], message: 'repeated' });
      if ((i === 0) !== (file.contents === SUMMARY_FILE)) ctx.addIssue({ code: 'custom', path: ['files', i, 'contents'], message: 'summary first' });
      if (file.contents === SUMMARY_FILE && file.records !== 1) ctx.addIssue({ code: 'custom', path: ['files', i, 'records'], message: 'one summary' });
      seen.add(file.contents);
    });
  });

export type BundleStatement = z.infer<typeof STATEMENT_SCHEMA>;
export type StatementFile = z.infer<typeof statementFileSchema>;
export type BundlePeriod = BundleStatement['period'];
export type BundlePurpose = BundleStatement['purpose'];

export function dataFilePath(contents: string): string {
  return `data/${contents}.age`;
}

/** `445302-2021-Q3-000004.wlb` */
export function bundleFileName(county: string, label: string, sequence: number): string {
  return `${county}-${label}-${String(sequence).padStart(6, '0')}.wlb`;
}

export function statementHash(statementBytes: Uint8Array): string {
  return createHash('sha256').update(statementBytes).digest('hex');
}

/** First and last day of a period from its label ('2021', '2021-Q3', '2021-07'); null for a bad label. */
export function periodRange(kind: PeriodKind, label: string): { start: string; end: string } | null {
  const pattern = { year: /^(\d{4})$/, quarter: /^(\d{4})-Q([1-4])$/, month: /^(\d{4})-(0[1-9]|1[0-2])$/ }[kind];
  const m = pattern.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2099) return null;
  const [first, last] = kind === 'year' ? [1, 12] : kind === 'quarter' ? [3 * Number(m[2]) - 2, 3 * Number(m[2])] : [Number(m[2]), Number(m[2])];
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const two = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${two(first)}-01`, end: `${year}-${two(last)}-${two(lastDay)}` };
}

/** The period object of a statement, from its kind and label. */
export function period(kind: PeriodKind, label: string): BundlePeriod {
  const range = periodRange(kind, label);
  if (!range) throw new BundleRejection('BUNDLE_PERIOD_INVALID', { period: label });
  return { kind, label, ...range };
}

/**
 * A period is valid when its start and end are those of its label and it had ended (China
 * time) when the bundle was made: a bundle reports a finished period.
 */
export function isValidPeriod(p: BundlePeriod, createdAt: string): boolean {
  const range = periodRange(p.kind, p.label);
  return range !== null && range.start === p.start && range.end === p.end && p.end <= localDate(new Date(createdAt));
}

/**
 * Statement bytes → statement, after the signature verified: canonical JSON, a known format,
 * then the strict schema (the first problem is named in `at`).
 */
export function parseStatement(bytes: Uint8Array): BundleStatement {
  const json = parseCanonicalJson(bytes, STATEMENT_ENTRY);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) reject('BUNDLE_STATEMENT_INVALID', { at: '(statement)' });
  const format = (json as Record<string, unknown>).format;
  if (typeof format !== 'string') reject('BUNDLE_STATEMENT_INVALID', { at: 'format' });
  if (format !== STATEMENT_FORMAT) reject('BUNDLE_UNSUPPORTED_FORMAT', { format: (format as string).slice(0, 60) });
  const result = STATEMENT_SCHEMA.safeParse(json);
  if (!result.success) reject('BUNDLE_STATEMENT_INVALID', { at: issuePath(result.error.issues[0]) });
  return result.data;
}

/** 'files.2.sha256'; for an unknown field, the field itself ('county.extra'). */
export function issuePath(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '(unknown)';
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.join('.') || '(root)';
}

import { Decrypter } from 'age-encryption';
import { inflateRawSync } from 'node:zlib';
import type { z } from 'zod';
import { parseCanonicalJson } from './canonical-json';
import * as bundleContent from './content';
import { BundleRejection, reject } from './rejection';
import type { BundleLimits } from './limits';
import { issuePath, type BundleStatement, type StatementFile } from './statement';
import type { VerifiedBundle } from './verify-bundle';

/**
 * Opening a verified bundle: decrypt each data file with the city's identity, inflate it under
 * the limits, and read its JSON Lines strictly — canonical JSON per line, a header that agrees
 * with the signed statement, every record valid against content.ts and dated within the period.
 *
 * Records reach `onRecord` as they are read, file by file; a rejection can come after some were
 * delivered, so the caller stores them in one transaction and rolls it back on any rejection.
 */
export interface ContentRules {
  CONTENTS_HEADER: z.ZodType<{ contents: string; county: string; period: string; records: number }>;
  recordSchemaFor(contents: string): z.ZodType | null;
  recordDatesOf(contents: string, record: unknown): string[];
}

export interface OpenOptions {
  /** The city's age identity (AGE-SECRET-KEY-1…). */
  identity: string;
  /** The city's active recipient: a bundle encrypted to another is not ours to open. */
  recipient: string;
  /** Defaults to the limits the bundle was verified with. */
  limits?: Partial<BundleLimits>;
  /** Defaults to content.ts (tests of the format pass their own). */
  content?: ContentRules;
  onRecord(contents: string, record: unknown, file: StatementFile): void | Promise<void>;
  /** Encrypted bytes processed so far, of the bundle's total. */
  onProgress?(done: number, total: number): void;
}

export interface OpenedBundle {
  files: { path: string; contents: string; records: number }[];
}

const NEWLINE = 0x0a;

export async function openBundle(verified: VerifiedBundle, options: OpenOptions): Promise<OpenedBundle> {
  const { statement } = verified;
  const limits: BundleLimits = { ...verified.limits, ...options.limits };
  if (statement.recipient !== options.recipient) reject('BUNDLE_NOT_FOR_THIS_CITY');
  const content = options.content ?? bundleContent;
  const total = statement.files.reduce((sum, f) => sum + f.size, 0);
  let before = 0;
  const opened: OpenedBundle['files'] = [];

  for (const file of statement.files) {
    const name = file.path;
    const sealed = await verified.readFile(name);
    const compressed = await decrypt(sealed, options.identity, name);
    const plain = inflate(compressed, name, limits.maxPlainFileBytes, limits.maxCompressionRatio);
    let delivered = 0;
    const records = await readLines(plain, file, statement, content, limits, async (record, offset) => {
      await options.onRecord(file.contents, record, file);
      if (++delivered % 1000 === 0) options.onProgress?.(before + Math.floor((file.size * offset) / plain.length), total);
    });
    before += file.size;
    options.onProgress?.(before, total);
    opened.push({ path: file.path, contents: file.contents, records });
  }
  return { files: opened };
}

/** The header, then exactly the records it counts, each valid and dated within the period. */
async function readLines(
  plain: Buffer,
  file: StatementFile,
  statement: BundleStatement,
  content: ContentRules,
  limits: BundleLimits,
  deliver: (record: unknown, offset: number) => Promise<void>,
): Promise<number> {
  const name = file.path;
  let line = 0;
  let records = 0;
  let recordSchema: z.ZodType | null = null;
  for (let start = 0; start < plain.length; ) {
    const end = plain.indexOf(NEWLINE, start);
    line++;
    if (end < 0) reject('BUNDLE_CONTENT_INVALID', { name, line, at: '(end of line)' });
    if (end - start > limits.maxLineBytes) reject('BUNDLE_CONTENT_INVALID', { name, line, at: '(line length)' });
    const json = parseLine(plain.subarray(start, end), name, line);
    start = end + 1;
    if (line === 1) {
      recordSchema = checkHeader(json, file, statement, content, limits, name);
      continue;
    }
    if (++records > file.records) reject('BUNDLE_CONTENT_MISMATCH', { name });
    const result = recordSchema!.safeParse(json);
    if (!result.success) reject('BUNDLE_CONTENT_INVALID', { name, line, at: issuePath(result.error.issues[0]) });
    if (content.recordDatesOf(file.contents, result.data).some((d) => d > statement.period.end)) reject('BUNDLE_PERIOD_MISMATCH', { name, line });
    await deliver(result.data, start);
  }
  if (line === 0) reject('BUNDLE_CONTENT_INVALID', { name, line: 1, at: '(header)' });
  if (records !== file.records) reject('BUNDLE_CONTENT_MISMATCH', { name });
  return records;
}

async function decrypt(sealed: Uint8Array, identity: string, name: string): Promise<Uint8Array> {
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    return await decrypter.decrypt(sealed);
  } catch {
    return reject('BUNDLE_DECRYPT_FAILED', { name });
  }
}

/** Inflates without ever holding more than the limit: zlib stops at maxOutputLength. */
function inflate(compressed: Uint8Array, name: string, maxPlainBytes: number, maxRatio: number): Buffer {
  const byRatio = Math.max(1, compressed.length) * maxRatio;
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.min(maxPlainBytes, byRatio) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      reject(byRatio < maxPlainBytes ? 'BUNDLE_COMPRESSION_RATIO' : 'BUNDLE_ENTRY_TOO_LARGE', { name });
    }
    return reject('BUNDLE_DECRYPT_FAILED', { name });
  }
}

function parseLine(bytes: Uint8Array, name: string, line: number): unknown {
  try {
    return parseCanonicalJson(bytes, name);
  } catch (error) {
    if (error instanceof BundleRejection && error.code === 'BUNDLE_JSON_DUPLICATE_KEY') throw new BundleRejection(error.code, { ...error.params, line });
    return reject('BUNDLE_CONTENT_INVALID', { name, line, at: '(JSON)' });
  }
}

/** The header must repeat what the statement signed: kind of contents, county, period, record count. */
function checkHeader(json: unknown, file: StatementFile, statement: BundleStatement, content: ContentRules, limits: BundleLimits, name: string): z.ZodType {
  const header = content.CONTENTS_HEADER.safeParse(json);
  if (!header.success) reject('BUNDLE_CONTENT_INVALID', { name, line: 1, at: issuePath(header.error.issues[0]) });
  if (header.data.records > limits.maxRecordsPerFile) reject('BUNDLE_CONTENT_INVALID', { name, line: 1, at: 'records' });
  if (
    header.data.contents !== file.contents ||
    header.data.county !== statement.county.code ||
    header.data.period !== statement.period.label ||
    header.data.records !== file.records
  ) {
    reject('BUNDLE_CONTENT_MISMATCH', { name });
  }
  const schema = content.recordSchemaFor(file.contents);
  if (!schema) reject('BUNDLE_CONTENT_MISMATCH', { name });
  return schema;
}

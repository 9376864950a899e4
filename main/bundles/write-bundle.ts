import { Encrypter } from 'age-encryption';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { renameDurably } from '../services/files';
import { canonicalJsonBytes } from './canonical-json';
import { DOMAIN, signBytes, toHex, type SigningKey } from './keys';
import { withLimits, type BundleLimits } from './limits';
import { BundleRejection } from './rejection';
import {
  dataFilePath,
  issuePath,
  SIGNATURE_ENTRY,
  STATEMENT_ENTRY,
  STATEMENT_SCHEMA,
  statementHash,
  type BundleStatement,
  type StatementFile,
} from './statement';
import { writeZip, type ZipEntryInput } from './zip-write';

/**
 * Writing a bundle: each data file is deflated and encrypted to the city (age), the statement
 * binds every encrypted file's size and SHA-256 and is signed, and the archive is written to a
 * temporary name, fsynced and renamed — a half-written bundle never carries the final name.
 */
export type StatementDraft = Omit<BundleStatement, 'files' | 'signer' | 'recipient'>;

export interface BundleFileInput {
  contents: string;
  records: number;
  /** JSON Lines, header line included (content.ts). */
  plain: Uint8Array;
}

export interface EncodeBundleOptions {
  statement: StatementDraft;
  files: readonly BundleFileInput[];
  signingKey: SigningKey;
  /** The city's age recipient (age1…). */
  recipient: string;
  limits?: Partial<BundleLimits>;
  onProgress?(done: number, total: number): void;
}

export interface EncodedBundle {
  statement: BundleStatement;
  statementBytes: Buffer;
  statementHash: string;
  entries: ZipEntryInput[];
}

export interface WrittenBundle {
  path: string;
  fileName: string;
  statement: BundleStatement;
  statementBytes: Buffer;
  statementHash: string;
  fileSize: number;
  fileSha256: string;
}

/** deflate (raw, level 6), then age-encrypt to the recipient. */
export async function sealDataFile(plain: Uint8Array, recipient: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return encrypter.encrypt(deflateRawSync(plain, { level: 6 }));
}

export function describeSealedFile(contents: string, records: number, sealed: Uint8Array): StatementFile {
  return { path: dataFilePath(contents), contents, records, size: sealed.length, sha256: createHash('sha256').update(sealed).digest('hex') };
}

/** The canonical bytes of a statement; a statement the city would refuse is never produced. */
export function encodeStatement(statement: BundleStatement): Buffer {
  const result = STATEMENT_SCHEMA.safeParse(statement);
  if (!result.success) throw new BundleRejection('BUNDLE_STATEMENT_INVALID', { at: issuePath(result.error.issues[0]) });
  return canonicalJsonBytes(statement);
}

/** statement.sig: the raw public key (32 bytes) followed by the Ed25519 signature (64 bytes). */
export function signStatement(statementBytes: Uint8Array, key: SigningKey): Buffer {
  return Buffer.concat([key.publicKey, signBytes(DOMAIN.statement, key.privateKeyPkcs8, statementBytes)]);
}

export function bundleEntries(statementBytes: Uint8Array, signature: Uint8Array, files: readonly { path: string; data: Uint8Array }[]): ZipEntryInput[] {
  return [{ name: STATEMENT_ENTRY, data: statementBytes }, { name: SIGNATURE_ENTRY, data: signature }, ...files.map((f) => ({ name: f.path, data: f.data }))];
}

/** A data file already deflated and encrypted (sealFile): what the archive carries. */
export interface SealedFileInput {
  contents: string;
  records: number;
  data: Uint8Array;
}

/** Seals one data file within the limits; the caller may drop the plain bytes at once. */
export async function sealFile(file: BundleFileInput, recipient: string, limits?: Partial<BundleLimits>): Promise<SealedFileInput> {
  const max = withLimits(limits);
  const name = dataFilePath(file.contents);
  if (file.plain.length > max.maxPlainFileBytes) throw new BundleRejection('BUNDLE_ENTRY_TOO_LARGE', { name });
  const data = await sealDataFile(file.plain, recipient);
  if (data.length > max.maxEntryBytes) throw new BundleRejection('BUNDLE_ENTRY_TOO_LARGE', { name });
  return { contents: file.contents, records: file.records, data };
}

type SealedBundleOptions = Omit<EncodeBundleOptions, 'files' | 'onProgress'> & { files: readonly SealedFileInput[] };

/** The signed statement over sealed files, and the archive entries in order. */
export function encodeSealedBundle(o: SealedBundleOptions): EncodedBundle {
  const limits = withLimits(o.limits);
  const described = o.files.map((f) => describeSealedFile(f.contents, f.records, f.data));
  const statement: BundleStatement = { ...o.statement, signer: toHex(o.signingKey.publicKey), recipient: o.recipient, files: described };
  const statementBytes = encodeStatement(statement);
  if (statementBytes.length > limits.maxStatementBytes) throw new BundleRejection('BUNDLE_ENTRY_TOO_LARGE', { name: STATEMENT_ENTRY });
  const entries = bundleEntries(statementBytes, signStatement(statementBytes, o.signingKey), o.files.map((f) => ({ path: dataFilePath(f.contents), data: f.data })));
  return { statement, statementBytes, statementHash: statementHash(statementBytes), entries };
}

/** Everything but the file: sealed data files, signed statement, archive entries in order. */
export async function encodeBundle(o: EncodeBundleOptions): Promise<EncodedBundle> {
  const plainTotal = o.files.reduce((sum, f) => sum + f.plain.length, 0);
  let done = 0;
  const sealed: SealedFileInput[] = [];
  for (const file of o.files) {
    sealed.push(await sealFile(file, o.recipient, o.limits));
    done += file.plain.length;
    o.onProgress?.(done, 2 * plainTotal);
  }
  return encodeSealedBundle({ ...o, files: sealed });
}

/**
 * Writes the bundle at `outPath` atomically: temp name in the same folder, fsync, rename, fsync
 * the folder. Progress runs over sealing (first half) and writing (second half).
 */
export async function writeBundle(o: EncodeBundleOptions & { outPath: string }): Promise<WrittenBundle> {
  const plainTotal = o.files.reduce((sum, f) => sum + f.plain.length, 0);
  const encoded = await encodeBundle(o);
  return writeEncoded(o.outPath, encoded, (bytes, total) => o.onProgress?.(plainTotal + Math.round((bytes / Math.max(1, total)) * plainTotal), 2 * plainTotal));
}

/** writeBundle for files sealed beforehand (one at a time, so no plain file outlives its sealing). */
export async function writeSealedBundle(o: SealedBundleOptions & { outPath: string; onProgress?(written: number, total: number): void }): Promise<WrittenBundle> {
  return writeEncoded(o.outPath, encodeSealedBundle(o), o.onProgress);
}

async function writeEncoded(outPath: string, encoded: EncodedBundle, onProgress?: (written: number, total: number) => void): Promise<WrittenBundle> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', 0o600);
  let written: { size: number; sha256: string };
  try {
    written = await writeZip(file, encoded.entries, onProgress);
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    rmSync(temp, { force: true });
    throw error;
  }
  renameDurably(temp, outPath);
  return {
    path: outPath,
    fileName: basename(outPath),
    statement: encoded.statement,
    statementBytes: encoded.statementBytes,
    statementHash: encoded.statementHash,
    fileSize: written.size,
    fileSha256: written.sha256,
  };
}

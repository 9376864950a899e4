import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DOMAIN, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES, toHex, verifyBytes } from './keys';
import { withLimits, type BundleLimits } from './limits';
import { reject } from './rejection';
import { isValidPeriod, parseStatement, SIGNATURE_ENTRY, STATEMENT_ENTRY, statementHash, type BundleStatement, type StatementFile } from './statement';
import { openZip, type ZipArchive } from './zip-read';

/**
 * The city's verifier, offline and without a database. Order matters and is part of the format
 * (docs/bundle-format.md): the archive's structure, then the signature over the statement's
 * bytes, and only then is the statement parsed; every data file is then streamed and compared
 * with the size and SHA-256 the statement signs. Nothing is decrypted here.
 */
export interface TrustedKey {
  county: string;
  /** When the key was rotated out: bundles made at or after it are refused. */
  retiredAt: string | null;
  revokedAt: string | null;
}

export interface VerifyOptions {
  /** The enrolled key with this raw public key (hex), or null. */
  trust(publicKeyHex: string): TrustedKey | null | Promise<TrustedKey | null>;
  now: Date;
  limits?: Partial<BundleLimits>;
  /** Bytes of the file checked so far, of its size. */
  onProgress?(done: number, total: number): void;
}

export interface VerifiedBundle {
  path: string;
  fileName: string;
  fileSize: number;
  /** SHA-256 of the whole .wlb file (for history and logs; the statement hash is what is signed). */
  fileSha256: string;
  statement: BundleStatement;
  statementBytes: Buffer;
  statementHash: string;
  /** Hex of the raw Ed25519 key that signed. */
  signerKey: string;
  trustedKey: TrustedKey;
  limits: BundleLimits;
  /**
   * One data file's encrypted bytes, by its statement path. Re-reads the archive and re-checks
   * size and hash, so a file swapped after verification is still caught.
   */
  readFile(path: string): Promise<Uint8Array>;
}

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export async function verifyBundle(path: string, options: VerifyOptions): Promise<VerifiedBundle> {
  const limits = withLimits(options.limits);
  const zip = await openZip(path, limits);
  try {
    const progress = progressOf(zip, options.onProgress);
    const { statement, statementBytes, signerKey, trustedKey } = await checkStatement(zip, options, limits);
    await checkFiles(zip, statement.files, progress);
    const fileSha256 = await hashWholeFile(path);
    return {
      path,
      fileName: basename(path),
      fileSize: zip.fileSize,
      fileSha256,
      statement,
      statementBytes,
      statementHash: statementHash(statementBytes),
      signerKey,
      trustedKey,
      limits,
      readFile: (filePath) => readVerifiedFile(path, limits, statement, filePath),
    };
  } finally {
    await zip.close();
  }
}

async function checkStatement(zip: ZipArchive, options: VerifyOptions, limits: BundleLimits) {
  const [statementEntry, signatureEntry] = zip.entries;
  if (statementEntry?.name !== STATEMENT_ENTRY || signatureEntry?.name !== SIGNATURE_ENTRY) reject('BUNDLE_NO_STATEMENT');
  if (signatureEntry.size !== ED25519_PUBLIC_KEY_BYTES + ED25519_SIGNATURE_BYTES) reject('BUNDLE_NO_STATEMENT');
  if (statementEntry.size > limits.maxStatementBytes) reject('BUNDLE_ENTRY_TOO_LARGE', { name: STATEMENT_ENTRY });
  const statementBytes = await zip.readEntryBytes(statementEntry);
  const signature = await zip.readEntryBytes(signatureEntry);

  // The signature first: nothing from the statement is believed, or even parsed, before it verifies.
  const publicKey = signature.subarray(0, ED25519_PUBLIC_KEY_BYTES);
  const signerKey = toHex(publicKey);
  const trustedKey = await options.trust(signerKey);
  if (!trustedKey) reject('BUNDLE_UNKNOWN_KEY');
  if (!verifyBytes(DOMAIN.statement, publicKey, statementBytes, signature.subarray(ED25519_PUBLIC_KEY_BYTES))) reject('BUNDLE_BAD_SIGNATURE');

  const statement = parseStatement(statementBytes);
  if (statement.signer !== signerKey) reject('BUNDLE_SIGNER_MISMATCH');
  if (statement.county.code !== trustedKey.county) reject('BUNDLE_KEY_OTHER_COUNTY');
  const made = Date.parse(statement.createdAt);
  if (trustedKey.retiredAt !== null && made >= Date.parse(trustedKey.retiredAt)) reject('BUNDLE_KEY_ROTATED_OUT');
  if (trustedKey.revokedAt !== null && made >= Date.parse(trustedKey.revokedAt)) reject('BUNDLE_KEY_REVOKED');
  if (made > options.now.getTime() + FUTURE_TOLERANCE_MS) reject('BUNDLE_FROM_FUTURE', { createdAt: statement.createdAt });
  if (!isValidPeriod(statement.period, statement.createdAt)) reject('BUNDLE_PERIOD_INVALID', { period: statement.period.label });
  if ((statement.sequence === 1) !== (statement.previous === null)) reject('BUNDLE_STATEMENT_INVALID', { at: 'previous' });
  return { statement, statementBytes, signerKey, trustedKey };
}

/** The archive holds exactly the statement's files, in its order, each with the signed size and hash. */
async function checkFiles(zip: ZipArchive, files: readonly StatementFile[], progress: (bytes: number) => void): Promise<void> {
  const archived = zip.entries.slice(2);
  const names = new Set(archived.map((e) => e.name));
  const paths = new Set(files.map((f) => f.path));
  for (const file of files) if (!names.has(file.path)) reject('BUNDLE_FILE_MISSING', { name: file.path });
  for (const entry of archived) if (!paths.has(entry.name)) reject('BUNDLE_FILE_EXTRA', { name: entry.name });
  if (archived.some((entry, i) => entry.name !== files[i]!.path)) reject('BUNDLE_FILE_ORDER');
  for (const [i, file] of files.entries()) {
    const entry = archived[i]!;
    if (entry.size !== file.size) reject('BUNDLE_FILE_SIZE', { name: file.path });
    const hash = createHash('sha256');
    await zip.readEntry(entry, (chunk) => {
      hash.update(chunk);
      progress(chunk.length);
    });
    if (hash.digest('hex') !== file.sha256) reject('BUNDLE_FILE_HASH', { name: file.path });
  }
}

function progressOf(zip: ZipArchive, onProgress: VerifyOptions['onProgress']): (bytes: number) => void {
  const total = zip.entries.slice(2).reduce((sum, e) => sum + e.size, 0);
  let done = 0;
  return (bytes) => {
    done += bytes;
    onProgress?.(done, total);
  };
}

async function hashWholeFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(256 * 1024);
    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return hash.digest('hex');
  } finally {
    await file.close();
  }
}

async function readVerifiedFile(path: string, limits: BundleLimits, statement: BundleStatement, filePath: string): Promise<Uint8Array> {
  const index = statement.files.findIndex((f) => f.path === filePath);
  if (index < 0) reject('BUNDLE_FILE_MISSING', { name: filePath });
  const file = statement.files[index]!;
  const zip = await openZip(path, limits);
  try {
    const entry = zip.entries[index + 2];
    if (entry?.name !== file.path) reject('BUNDLE_FILE_MISSING', { name: file.path });
    if (entry.size !== file.size) reject('BUNDLE_FILE_SIZE', { name: file.path });
    const bytes = await zip.readEntryBytes(entry);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) reject('BUNDLE_FILE_HASH', { name: file.path });
    return bytes;
  } finally {
    await zip.close();
  }
}

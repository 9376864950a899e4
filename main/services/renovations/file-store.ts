import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileState } from '../../contract/areas/renovation-enums';
import { writeFileAtomic } from '../files';

/**
 * Content-addressed storage of an office's files: each file lives once, at
 * `<filesDir>/sha256/<first 2 hex>/<64 hex>`, named by the SHA-256 of its bytes. A name is therefore
 * also the check: reading a file back and hashing it tells whether it is still the one recorded.
 * Files are never deleted here; a record that no longer wants one simply stops pointing at it.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the file with this hash lives (the hash comes from our own rows, but is checked anyway). */
export function storedPath(filesDir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(filesDir, 'sha256', sha256.slice(0, 2), sha256);
}

/**
 * Stores the bytes under their hash and returns it. An intact copy already there is kept as it is
 * (the same photo uploaded twice is one file); a missing or altered one is written again, which
 * also repairs it. The write is atomic: a temporary name, fsync, then rename.
 */
export function storeFile(filesDir: string, bytes: Uint8Array): string {
  const sha256 = sha256Hex(bytes);
  const path = storedPath(filesDir, sha256);
  if (readStored(filesDir, sha256).state === 'ok') return sha256;
  mkdirSync(join(filesDir, 'sha256', sha256.slice(0, 2)), { recursive: true });
  writeFileAtomic(path, bytes);
  return sha256;
}

export type StoredFile = { state: 'ok'; bytes: Buffer } | { state: Exclude<FileState, 'ok'>; bytes: null };

/** Reads a stored file and hashes it again: 'missing' when it is gone, 'altered' when its bytes changed. */
export function readStored(filesDir: string, sha256: string): StoredFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(storedPath(filesDir, sha256));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', bytes: null };
    throw error;
  }
  // Altered bytes are never handed out: the caller could not tell them from the original.
  return sha256Hex(bytes) === sha256 ? { state: 'ok', bytes } : { state: 'altered', bytes: null };
}

/** The state of each of these files, each file read once however many rows name it. */
export function checkStored(filesDir: string, hashes: Iterable<string>): Map<string, FileState> {
  const states = new Map<string, FileState>();
  for (const sha256 of hashes) if (!states.has(sha256)) states.set(sha256, readStored(filesDir, sha256).state);
  return states;
}

import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { BUNDLE_LIMITS } from './limits';
import { BundleRejection } from './rejection';

/**
 * The bundle container: a plain ZIP that any tool can list, written the one way our reader
 * accepts. Every entry stored (method 0), sizes and CRC in the local header (no data
 * descriptor), UTF-8 names, a fixed timestamp (1980-01-01 00:00), no extra fields, no comments,
 * "made by" MS-DOS (no Unix mode bits), and nothing between or around the entries. Same entries
 * in → same bytes out.
 */
export interface ZipEntryInput {
  name: string;
  data: Uint8Array;
}

/** Every field of a local or central header, so tests can build the archives we must refuse. */
export interface ZipHeaderFields {
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  size: number;
  name: Uint8Array;
  extra: Uint8Array;
  comment: Uint8Array;
  diskStart: number;
  internalAttributes: number;
  externalAttributes: number;
  localHeaderOffset: number;
}

export interface ZipEndFields {
  disk: number;
  centralDirectoryDisk: number;
  entriesOnDisk: number;
  entries: number;
  centralDirectorySize: number;
  centralDirectoryOffset: number;
  comment: Uint8Array;
}

export const ZIP_SIGNATURE = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, zip64End: 0x06064b50, zip64Locator: 0x07064b50 } as const;
export const ZIP_FLAG_UTF8 = 0x0800;
/** "Version needed" and "made by": 2.0, host 0 (MS-DOS), so there are no Unix mode bits to trust or distrust. */
export const ZIP_VERSION = 20;
/** 1980-01-01 in MS-DOS date format ((year-1980) << 9 | month << 5 | day); time 00:00:00 is 0. */
export const ZIP_FIXED_DATE = (0 << 9) | (1 << 5) | 1;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
/** The reader refuses anything larger, so the writer never makes it (and never needs ZIP64). */
const MAX_ZIP_BYTES = BUNDLE_LIMITS.maxBundleBytes;
const WRITE_SLICE = 4 * 1024 * 1024;

/** The header fields our writer uses for a stored entry at `offset`. */
export function storedEntryFields(name: string, data: Uint8Array, offset: number): ZipHeaderFields {
  return {
    versionMadeBy: ZIP_VERSION,
    versionNeeded: ZIP_VERSION,
    flags: ZIP_FLAG_UTF8,
    method: 0,
    time: 0,
    date: ZIP_FIXED_DATE,
    crc32: crc32(data) >>> 0,
    compressedSize: data.length,
    size: data.length,
    name: Buffer.from(name, 'utf8'),
    extra: new Uint8Array(0),
    comment: new Uint8Array(0),
    diskStart: 0,
    internalAttributes: 0,
    externalAttributes: 0,
    localHeaderOffset: offset,
  };
}

export function localHeader(f: ZipHeaderFields): Buffer {
  const b = Buffer.alloc(LOCAL_HEADER_SIZE + f.name.length + f.extra.length);
  b.writeUInt32LE(ZIP_SIGNATURE.local, 0);
  b.writeUInt16LE(f.versionNeeded, 4);
  b.writeUInt16LE(f.flags, 6);
  b.writeUInt16LE(f.method, 8);
  b.writeUInt16LE(f.time, 10);
  b.writeUInt16LE(f.date, 12);
  b.writeUInt32LE(f.crc32 >>> 0, 14);
  b.writeUInt32LE(f.compressedSize, 18);
  b.writeUInt32LE(f.size, 22);
  b.writeUInt16LE(f.name.length, 26);
  b.writeUInt16LE(f.extra.length, 28);
  b.set(f.name, 30);
  b.set(f.extra, 30 + f.name.length);
  return b;
}

export function centralHeader(f: ZipHeaderFields): Buffer {
  const b = Buffer.alloc(CENTRAL_HEADER_SIZE + f.name.length + f.extra.length + f.comment.length);
  b.writeUInt32LE(ZIP_SIGNATURE.central, 0);
  b.writeUInt16LE(f.versionMadeBy, 4);
  b.writeUInt16LE(f.versionNeeded, 6);
  b.writeUInt16LE(f.flags, 8);
  b.writeUInt16LE(f.method, 10);
  b.writeUInt16LE(f.time, 12);
  b.writeUInt16LE(f.date, 14);
  b.writeUInt32LE(f.crc32 >>> 0, 16);
  b.writeUInt32LE(f.compressedSize, 20);
  b.writeUInt32LE(f.size, 24);
  b.writeUInt16LE(f.name.length, 28);
  b.writeUInt16LE(f.extra.length, 30);
  b.writeUInt16LE(f.comment.length, 32);
  b.writeUInt16LE(f.diskStart, 34);
  b.writeUInt16LE(f.internalAttributes, 36);
  b.writeUInt32LE(f.externalAttributes >>> 0, 38);
  b.writeUInt32LE(f.localHeaderOffset, 42);
  b.set(f.name, 46);
  b.set(f.extra, 46 + f.name.length);
  b.set(f.comment, 46 + f.name.length + f.extra.length);
  return b;
}

export function endOfCentralDirectory(f: ZipEndFields): Buffer {
  const b = Buffer.alloc(END_SIZE + f.comment.length);
  b.writeUInt32LE(ZIP_SIGNATURE.end, 0);
  b.writeUInt16LE(f.disk, 4);
  b.writeUInt16LE(f.centralDirectoryDisk, 6);
  b.writeUInt16LE(f.entriesOnDisk, 8);
  b.writeUInt16LE(f.entries, 10);
  b.writeUInt32LE(f.centralDirectorySize, 12);
  b.writeUInt32LE(f.centralDirectoryOffset, 16);
  b.writeUInt16LE(f.comment.length, 20);
  b.set(f.comment, 22);
  return b;
}

/** The archive's bytes in writing order; `payload` marks an entry's data (not copied). */
export function* zipPieces(entries: readonly ZipEntryInput[]): Generator<{ bytes: Uint8Array; payload: boolean }> {
  let offset = 0;
  const central: Buffer[] = [];
  for (const entry of entries) {
    const fields = storedEntryFields(entry.name, entry.data, offset);
    const header = localHeader(fields);
    central.push(centralHeader(fields));
    offset += header.length + entry.data.length;
    if (offset > MAX_ZIP_BYTES) throw new BundleRejection('BUNDLE_TOO_LARGE');
    yield { bytes: header, payload: false };
    yield { bytes: entry.data, payload: true };
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length + END_SIZE > MAX_ZIP_BYTES) throw new BundleRejection('BUNDLE_TOO_LARGE');
  yield { bytes: directory, payload: false };
  const end = endOfCentralDirectory({
    disk: 0,
    centralDirectoryDisk: 0,
    entriesOnDisk: entries.length,
    entries: entries.length,
    centralDirectorySize: directory.length,
    centralDirectoryOffset: offset,
    comment: new Uint8Array(0),
  });
  yield { bytes: end, payload: false };
}

/** The whole archive in memory (small archives, tests). */
export function zipBytes(entries: readonly ZipEntryInput[]): Buffer {
  return Buffer.concat([...zipPieces(entries)].map((p) => p.bytes));
}

/**
 * Writes the archive at the start of an open (empty) file and returns its size and SHA-256.
 * The caller fsyncs and renames (write-bundle.ts).
 */
export async function writeZip(
  file: FileHandle,
  entries: readonly ZipEntryInput[],
  onProgress?: (written: number, total: number) => void,
): Promise<{ size: number; sha256: string }> {
  const total = entries.reduce((sum, e) => sum + e.data.length, 0);
  const hash = createHash('sha256');
  let position = 0;
  let payload = 0;
  for (const { bytes, payload: isPayload } of zipPieces(entries)) {
    // Large entries go out in slices so progress moves and the event loop breathes.
    for (let at = 0; at < bytes.length; at += WRITE_SLICE) {
      const slice = bytes.subarray(at, Math.min(bytes.length, at + WRITE_SLICE));
      await writeFully(file, slice, position);
      hash.update(slice);
      position += slice.length;
      if (isPayload) {
        payload += slice.length;
        onProgress?.(payload, total);
      }
    }
  }
  return { size: position, sha256: hash.digest('hex') };
}

async function writeFully(file: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import type { BundleLimits } from './limits';
import { BundleRejection, reject } from './rejection';
import { CENTRAL_HEADER_SIZE, END_SIZE, LOCAL_HEADER_SIZE, ZIP_FIXED_DATE, ZIP_FLAG_UTF8, ZIP_SIGNATURE, ZIP_VERSION } from './zip-write';

/**
 * A strict ZIP reader for bundles. It accepts the archives zip-write.ts makes (plus deflated
 * entries, inflated under the limits) and refuses every ambiguity an attacker could use to show
 * the verifier one thing and a later reader another: hidden or overlapping bytes, a central
 * directory that disagrees with the local headers, names that collide or escape, links,
 * encryption, ZIP64, data descriptors. It reads through one file handle in fixed-size chunks.
 */
export interface ZipEntry {
  index: number;
  name: string;
  method: 0 | 8;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** Uncompressed size (= compressedSize for stored entries). */
  size: number;
  localHeaderOffset: number;
  dataOffset: number;
}

export interface ZipArchive {
  readonly fileSize: number;
  readonly entries: readonly ZipEntry[];
  /**
   * Streams the entry's (inflated) bytes to `sink` in chunks, then checks the size and CRC.
   * A chunk is only valid during the call (the read buffer is reused for the next one).
   */
  readEntry(entry: ZipEntry, sink: (chunk: Buffer) => void | Promise<void>): Promise<void>;
  /** The whole entry in memory (entries are bounded by maxEntryBytes; callers bound it further). */
  readEntryBytes(entry: ZipEntry): Promise<Buffer>;
  close(): Promise<void>;
}

/** The read buffer: memory stays this size (plus a few zlib chunks) whatever the bundle's size. */
const CHUNK = 256 * 1024;
/** Longer names are never ours; the bound also keeps the central directory small. */
const MAX_NAME_BYTES = 255;
/** Enough for our headers; an archive with a bigger directory carries what we refuse anyway. */
const MAX_CENTRAL_ENTRY_BYTES = 1024;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_ENCRYPTED_DIRECTORY = 0x2000;
const METHOD_AES = 99;
const HOST_UNIX = 3;
const UNIX_TYPE_MASK = 0o170000;
const UNIX_REGULAR = 0o100000;
const DOS_DIRECTORY_OR_VOLUME = 0x18;
const LOCAL_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function openZip(path: string, limits: BundleLimits): Promise<ZipArchive> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    if (size > limits.maxBundleBytes) reject('BUNDLE_TOO_LARGE');
    const entries = await readIndex(file, size, limits);
    return archive(file, size, entries);
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function readAt(file: FileHandle, position: number, length: number, into?: Buffer): Promise<Buffer> {
  const buffer = into ?? Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    // The file shrank under us (still being copied?): damaged, not forged.
    if (bytesRead === 0) reject('BUNDLE_TRUNCATED');
    done += bytesRead;
  }
  return buffer.subarray(0, length);
}

async function readIndex(file: FileHandle, size: number, limits: BundleLimits): Promise<ZipEntry[]> {
  const head = await readAt(file, 0, Math.min(4, size));
  const startsLikeZip = head.equals(LOCAL_MAGIC.subarray(0, head.length));
  // An interrupted copy keeps the beginning and loses the end: report it as damaged.
  const damagedOrNot = (): never => reject(startsLikeZip ? 'BUNDLE_TRUNCATED' : 'BUNDLE_NOT_A_BUNDLE');
  if (size < END_SIZE) damagedOrNot();

  const tailLength = Math.min(size, END_SIZE + 0xffff);
  const tail = await readAt(file, size - tailLength, tailLength);
  const endAt = tailLength - END_SIZE;
  if (tail.readUInt32LE(endAt) !== ZIP_SIGNATURE.end || tail.readUInt16LE(endAt + 20) !== 0) {
    // An end record further up means a comment or bytes after the archive: hidden data.
    for (let i = endAt - 1; i >= 0; i--) {
      if (tail.readUInt32LE(i) === ZIP_SIGNATURE.end && i + END_SIZE + tail.readUInt16LE(i + 20) <= tailLength) {
        reject('BUNDLE_ENTRIES_OVERLAP');
      }
    }
    if (tail.readUInt32LE(endAt) === ZIP_SIGNATURE.end) reject('BUNDLE_ZIP_MALFORMED', { what: 'end record' });
    damagedOrNot();
  }
  if (endAt >= 20 && tail.readUInt32LE(endAt - 20) === ZIP_SIGNATURE.zip64Locator) reject('BUNDLE_ZIP64');

  const end = tail.subarray(endAt);
  const disk = end.readUInt16LE(4);
  const directoryDisk = end.readUInt16LE(6);
  const entriesOnDisk = end.readUInt16LE(8);
  const count = end.readUInt16LE(10);
  const directorySize = end.readUInt32LE(12);
  const directoryOffset = end.readUInt32LE(16);
  if (count === 0xffff || entriesOnDisk === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) reject('BUNDLE_ZIP64');
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) reject('BUNDLE_ZIP_FEATURE', { what: 'multi-disk' });
  if (count > limits.maxEntries) reject('BUNDLE_TOO_MANY_ENTRIES');
  const endOffset = size - END_SIZE;
  if (directoryOffset + directorySize > endOffset) damagedOrNot();
  if (directoryOffset + directorySize < endOffset) reject('BUNDLE_ENTRIES_OVERLAP');
  if (directorySize > count * MAX_CENTRAL_ENTRY_BYTES) reject('BUNDLE_ZIP_MALFORMED', { what: 'central directory' });

  const directory = await readAt(file, directoryOffset, directorySize);
  const entries = parseDirectory(directory, count, limits);
  await checkLocalHeaders(file, size, directoryOffset, entries);
  return entries;
}

function parseDirectory(directory: Buffer, count: number, limits: BundleLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = 0;
  let total = 0;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_HEADER_SIZE > directory.length || directory.readUInt32LE(at) !== ZIP_SIGNATURE.central) {
      reject('BUNDLE_ZIP_MALFORMED', { what: 'central directory' });
    }
    const madeBy = directory.readUInt16LE(at + 4);
    const versionNeeded = directory.readUInt16LE(at + 6);
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const time = directory.readUInt16LE(at + 12);
    const date = directory.readUInt16LE(at + 14);
    const crc = directory.readUInt32LE(at + 16);
    const compressedSize = directory.readUInt32LE(at + 20);
    const size = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const diskStart = directory.readUInt16LE(at + 34);
    const internal = directory.readUInt16LE(at + 36);
    const external = directory.readUInt32LE(at + 38);
    const localHeaderOffset = directory.readUInt32LE(at + 42);
    const nameStart = at + CENTRAL_HEADER_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > directory.length) reject('BUNDLE_ZIP_MALFORMED', { what: 'central directory' });
    const nameBytes = directory.subarray(nameStart, nameStart + nameLength);
    const extra = directory.subarray(nameStart + nameLength, nameStart + nameLength + extraLength);

    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff || diskStart === 0xffff || hasExtra(extra, ZIP64_EXTRA_ID)) {
      reject('BUNDLE_ZIP64');
    }
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_ENCRYPTED_DIRECTORY) || method === METHOD_AES) reject('BUNDLE_ENTRY_ENCRYPTED');
    if (method !== 0 && method !== 8) reject('BUNDLE_UNSUPPORTED_METHOD');
    if (flags & FLAG_DATA_DESCRIPTOR) reject('BUNDLE_ZIP_FEATURE', { what: 'data descriptor' });
    if (extraLength !== 0) reject('BUNDLE_ZIP_FEATURE', { what: 'extra field' });
    if (commentLength !== 0) reject('BUNDLE_ENTRIES_OVERLAP');
    if (diskStart !== 0) reject('BUNDLE_ZIP_FEATURE', { what: 'multi-disk' });

    const name = entryName(nameBytes);
    const key = collisionKey(name);
    if (seen.has(key)) reject('BUNDLE_ENTRY_NAME_DUPLICATE', { name });
    seen.add(key);
    if (!isSafeName(name)) reject('BUNDLE_ENTRY_NAME_UNSAFE', { name });
    if (external & DOS_DIRECTORY_OR_VOLUME) reject('BUNDLE_ENTRY_SYMLINK');
    if (madeBy >> 8 === HOST_UNIX) {
      const type = (external >>> 16) & UNIX_TYPE_MASK;
      if (type !== 0 && type !== UNIX_REGULAR) reject('BUNDLE_ENTRY_SYMLINK');
    }
    // Every remaining header field has the one value zip-write.ts writes: no two archives of the
    // same entries differ in a byte the signature does not cover (only a deflated entry may).
    if (flags !== ZIP_FLAG_UTF8) reject('BUNDLE_ZIP_FEATURE', { what: 'flags' });
    if (versionNeeded !== ZIP_VERSION || madeBy !== ZIP_VERSION) reject('BUNDLE_ZIP_FEATURE', { what: 'version' });
    if (time !== 0 || date !== ZIP_FIXED_DATE) reject('BUNDLE_ZIP_FEATURE', { what: 'timestamp' });
    if (external !== 0 || internal !== 0) reject('BUNDLE_ZIP_FEATURE', { what: 'attributes' });

    if (method === 0 && compressedSize !== size) reject('BUNDLE_ZIP_MALFORMED', { what: 'sizes' });
    if (size > limits.maxEntryBytes || compressedSize > limits.maxEntryBytes) reject('BUNDLE_ENTRY_TOO_LARGE', { name });
    if (method === 8 && size > Math.max(1, compressedSize) * limits.maxCompressionRatio) reject('BUNDLE_COMPRESSION_RATIO', { name });
    total += size;
    if (total > limits.maxBundleBytes) reject('BUNDLE_TOO_LARGE');

    entries.push({ index, name, method: method as 0 | 8, flags, crc32: crc, compressedSize, size, localHeaderOffset, dataOffset: -1 });
    at = next;
  }
  if (at !== directory.length) reject('BUNDLE_ZIP_MALFORMED', { what: 'central directory' });
  return entries;
}

/** Each local header must repeat its central entry, and the entries must tile the file from byte 0 to the directory. */
async function checkLocalHeaders(file: FileHandle, size: number, directoryOffset: number, entries: ZipEntry[]): Promise<void> {
  let expected = 0;
  for (const entry of entries) {
    if (entry.localHeaderOffset + LOCAL_HEADER_SIZE > size) reject('BUNDLE_TRUNCATED');
    if (entry.localHeaderOffset !== expected) reject('BUNDLE_ENTRIES_OVERLAP');
    if (entry.localHeaderOffset + LOCAL_HEADER_SIZE > directoryOffset) reject('BUNDLE_ENTRIES_OVERLAP');
    const header = await readAt(file, entry.localHeaderOffset, LOCAL_HEADER_SIZE);
    if (header.readUInt32LE(0) !== ZIP_SIGNATURE.local) reject('BUNDLE_ZIP_MALFORMED', { what: 'local header' });
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const variableEnd = entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
    if (variableEnd > directoryOffset) reject('BUNDLE_ENTRIES_OVERLAP');
    const variable = await readAt(file, entry.localHeaderOffset + LOCAL_HEADER_SIZE, nameLength + extraLength);
    const extra = variable.subarray(nameLength);
    if (hasExtra(extra, ZIP64_EXTRA_ID)) reject('BUNDLE_ZIP64');
    if (extraLength !== 0) reject('BUNDLE_ZIP_FEATURE', { what: 'extra field' });
    const local = {
      versionNeeded: header.readUInt16LE(4),
      flags: header.readUInt16LE(6),
      method: header.readUInt16LE(8),
      time: header.readUInt16LE(10),
      date: header.readUInt16LE(12),
      crc: header.readUInt32LE(14),
      compressedSize: header.readUInt32LE(18),
      size: header.readUInt32LE(22),
    };
    if (
      local.versionNeeded !== ZIP_VERSION ||
      local.time !== 0 ||
      local.date !== ZIP_FIXED_DATE ||
      local.flags !== ZIP_FLAG_UTF8 ||
      local.method !== entry.method ||
      local.crc !== entry.crc32 ||
      local.compressedSize !== entry.compressedSize ||
      local.size !== entry.size ||
      !variable.subarray(0, nameLength).equals(Buffer.from(entry.name, 'utf8'))
    ) {
      reject('BUNDLE_HEADER_MISMATCH', { name: entry.name });
    }
    entry.dataOffset = variableEnd;
    const dataEnd = entry.dataOffset + entry.compressedSize;
    if (dataEnd > size) reject('BUNDLE_TRUNCATED');
    if (dataEnd > directoryOffset) reject('BUNDLE_ENTRIES_OVERLAP');
    expected = dataEnd;
  }
  if (expected !== directoryOffset) reject('BUNDLE_ENTRIES_OVERLAP');
}

function hasExtra(extra: Uint8Array, id: number): boolean {
  const b = Buffer.from(extra.buffer, extra.byteOffset, extra.length);
  for (let at = 0; at + 4 <= b.length; at += 4 + b.readUInt16LE(at + 2)) {
    if (b.readUInt16LE(at) === id) return true;
  }
  return false;
}

function entryName(bytes: Uint8Array): string {
  const printable = Buffer.from(bytes).toString('utf8');
  if (bytes.length === 0 || bytes.length > MAX_NAME_BYTES) reject('BUNDLE_ENTRY_NAME_UNSAFE', { name: printable });
  try {
    return utf8.decode(bytes);
  } catch {
    return reject('BUNDLE_ENTRY_NAME_UNSAFE', { name: printable });
  }
}

/** Names that a file system (case-insensitive, or normalising Unicode) could take for the same file. */
export function collisionKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

// Control characters (C0, DEL, C1) in a name can hide its real spelling.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Relative, forward slashes, no empty, "." or ".." segment, no drive letter, no control character, NFC. */
export function isSafeName(name: string): boolean {
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || CONTROL.test(name)) return false;
  if (name.normalize('NFC') !== name) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function archive(file: FileHandle, fileSize: number, entries: readonly ZipEntry[]): ZipArchive {
  async function* compressed(entry: ZipEntry): AsyncGenerator<Buffer> {
    const buffer = Buffer.alloc(Math.min(CHUNK, entry.compressedSize));
    for (let done = 0; done < entry.compressedSize; ) {
      const length = Math.min(CHUNK, entry.compressedSize - done);
      yield await readAt(file, entry.dataOffset + done, length, buffer);
      done += length;
    }
  }

  async function readEntry(entry: ZipEntry, sink: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    let crc = 0;
    let produced = 0;
    const take = async (chunk: Buffer) => {
      produced += chunk.length;
      // A deflated entry that yields more than it declared is a bomb: stop before holding it.
      if (produced > entry.size) reject('BUNDLE_COMPRESSION_RATIO', { name: entry.name });
      crc = crc32(chunk, crc);
      await sink(chunk);
    };
    if (entry.method === 0) {
      for await (const chunk of compressed(entry)) await take(chunk);
    } else {
      await inflate(entry, compressed(entry), take);
    }
    if (produced !== entry.size) reject('BUNDLE_ZIP_MALFORMED', { what: 'size' });
    if (crc >>> 0 !== entry.crc32) reject('BUNDLE_ENTRY_CRC', { name: entry.name });
  }

  return {
    fileSize,
    entries,
    readEntry,
    async readEntryBytes(entry) {
      const out = Buffer.alloc(entry.size);
      let at = 0;
      await readEntry(entry, (chunk) => {
        out.set(chunk, at);
        at += chunk.length;
      });
      return out;
    },
    close: () => file.close(),
  };

  // Inflates with backpressure: zlib pauses while the sink is busy, so memory stays at a few chunks.
  async function inflate(entry: ZipEntry, source: AsyncGenerator<Buffer>, take: (chunk: Buffer) => Promise<void>): Promise<void> {
    try {
      await pipeline(
        // Copies: the read buffer is reused for the next chunk while zlib may still hold this one.
        Readable.from((async function* () {
          for await (const chunk of source) yield Buffer.from(chunk);
        })()),
        createInflateRaw({ chunkSize: CHUNK }),
        new Writable({
          highWaterMark: CHUNK,
          write(chunk: Buffer, _encoding, done) {
            take(chunk).then(() => done(), done);
          },
        }),
      );
    } catch (error) {
      if (error instanceof BundleRejection) throw error;
      reject('BUNDLE_ZIP_MALFORMED', { what: 'deflate' });
    }
  }
}

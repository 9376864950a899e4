import { open, readFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { entriesOf, rawZip, scratchDir, type RawEntry } from '../../tests/support/bundle-corpus';
import { BUNDLE_LIMITS, withLimits, type BundleLimits } from './limits';
import { BundleRejection } from './rejection';
import { openZip } from './zip-read';
import { writeZip, zipBytes } from './zip-write';

const scratch = scratchDir();
afterAll(() => scratch.remove());

const text = (s: string) => Buffer.from(s, 'utf8');
const ENTRIES: RawEntry[] = [
  { name: 'statement.json', data: text('{"a":1}') },
  { name: 'statement.sig', data: Buffer.alloc(96, 7) },
  { name: 'data/summary.age', data: Buffer.alloc(5000, 1) },
];
let counter = 0;

/** Opens the archive and reads every entry: 'ok', or the rejection code. */
async function verdict(bytes: Uint8Array, limits: Partial<BundleLimits> = {}): Promise<string> {
  const path = scratch.file(`case-${counter++}.zip`, bytes);
  try {
    const zip = await openZip(path, withLimits(limits));
    try {
      for (const entry of zip.entries) await zip.readEntryBytes(entry);
    } finally {
      await zip.close();
    }
    return 'ok';
  } catch (error) {
    if (error instanceof BundleRejection) return error.code;
    throw error;
  }
}

const withEntry = (i: number, change: Partial<RawEntry>) => ENTRIES.map((e, j) => (j === i ? { ...e, ...change } : e));

describe('writeZip', () => {
  it('writes the same bytes for the same entries, which the strict reader reads back', async () => {
    const path = `${scratch.dir}/written.zip`;
    const file = await open(path, 'w');
    const progress: number[] = [];
    const { size, sha256 } = await writeZip(file, ENTRIES, (done) => progress.push(done));
    await file.close();
    const bytes = await readFile(path);
    expect(bytes.equals(zipBytes(ENTRIES))).toBe(true);
    expect(size).toBe(bytes.length);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBe(7 + 96 + 5000);

    const zip = await openZip(path, BUNDLE_LIMITS);
    expect(zip.entries.map((e) => [e.name, e.size])).toEqual([['statement.json', 7], ['statement.sig', 96], ['data/summary.age', 5000]]);
    expect((await zip.readEntryBytes(zip.entries[2]!)).equals(ENTRIES[2]!.data)).toBe(true);
    await zip.close();
  });

  it('the test builder without overrides is byte-identical to the writer (so each hostile case differs by its trick only)', () => {
    expect(rawZip(ENTRIES).equals(zipBytes(ENTRIES))).toBe(true);
    expect(entriesOf(zipBytes(ENTRIES)).map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
  });

  it('uses fixed headers: stored, UTF-8 flag, 1980-01-01, made by MS-DOS, no extras', () => {
    const b = zipBytes(ENTRIES);
    expect(b.readUInt16LE(6)).toBe(0x0800);
    expect(b.readUInt16LE(8)).toBe(0);
    expect([b.readUInt16LE(10), b.readUInt16LE(12)]).toEqual([0, 0x21]);
    expect(b.readUInt16LE(28)).toBe(0);
    const central = b.readUInt32LE(b.length - 22 + 16);
    expect(b.readUInt16LE(central + 4)).toBe(20);
    expect(b.readUInt32LE(central + 38)).toBe(0);
  });
});

describe('openZip refuses', () => {
  const good = zipBytes(ENTRIES);
  const cases: [string, () => Uint8Array, string, Partial<BundleLimits>?][] = [
    ['nothing wrong', () => good, 'ok'],
    ['an empty file', () => new Uint8Array(0), 'BUNDLE_TRUNCATED'],
    ['a file cut after "PK"', () => good.subarray(0, 2), 'BUNDLE_TRUNCATED'],
    ['a file cut in an entry', () => good.subarray(0, 300), 'BUNDLE_TRUNCATED'],
    ['a file cut in the directory', () => good.subarray(0, good.length - 40), 'BUNDLE_TRUNCATED'],
    ['a file whose end was zeroed (preallocated copy)', () => Buffer.concat([good.subarray(0, good.length - 100), Buffer.alloc(100)]), 'BUNDLE_TRUNCATED'],
    ['a text file', () => text('hello, this is not a zip file at all'), 'BUNDLE_NOT_A_BUNDLE'],
    ['bytes before the first entry', () => rawZip(ENTRIES, { prefix: text('MZ-garbage') }), 'BUNDLE_ENTRIES_OVERLAP'],
    ['bytes before the first entry, offsets unadjusted', () => rawZip(ENTRIES, { prefix: text('MZ-garbage'), offsetsIgnorePrefix: true }), 'BUNDLE_ENTRIES_OVERLAP'],
    ['bytes after the end record', () => rawZip(ENTRIES, { suffix: text('trailing') }), 'BUNDLE_ENTRIES_OVERLAP'],
    ['an archive comment', () => rawZip(ENTRIES, { end: { comment: text('hi') } }), 'BUNDLE_ENTRIES_OVERLAP'],
    ['an entry comment', () => rawZip(withEntry(0, { central: { comment: text('hi') } })), 'BUNDLE_ENTRIES_OVERLAP'],
    ['a gap before the directory', () => rawZip(ENTRIES, { beforeDirectory: text('hidden') }), 'BUNDLE_ENTRIES_OVERLAP'],
    ['a ZIP64 end locator', () => rawZip(ENTRIES, { zip64Locator: true }), 'BUNDLE_ZIP64'],
    ['a ZIP64 extra field', () => rawZip(withEntry(0, { both: { extra: Buffer.from([1, 0, 0, 0]) } })), 'BUNDLE_ZIP64'],
    ['a ZIP64 extra field in the local header only', () => rawZip(withEntry(0, { local: { extra: Buffer.from([1, 0, 0, 0]) } })), 'BUNDLE_ZIP64'],
    ['ZIP64 size markers', () => rawZip(withEntry(0, { central: { size: 0xffffffff, compressedSize: 0xffffffff } })), 'BUNDLE_ZIP64'],
    ['another extra field', () => rawZip(withEntry(0, { both: { extra: Buffer.from([0x55, 0x54, 1, 0, 0]) } })), 'BUNDLE_ZIP_FEATURE'],
    ['a local extra field only', () => rawZip(withEntry(0, { local: { extra: Buffer.from([0x55, 0x54, 1, 0, 0]) } })), 'BUNDLE_ZIP_FEATURE'],
    ['a second disk', () => rawZip(ENTRIES, { end: { disk: 1 } }), 'BUNDLE_ZIP_FEATURE'],
    ['the encrypted flag', () => rawZip(withEntry(2, { both: { flags: 0x0801 } })), 'BUNDLE_ENTRY_ENCRYPTED'],
    ['the strong-encryption flag', () => rawZip(withEntry(2, { both: { flags: 0x0841 } })), 'BUNDLE_ENTRY_ENCRYPTED'],
    ['AES (method 99)', () => rawZip(withEntry(2, { both: { method: 99 } })), 'BUNDLE_ENTRY_ENCRYPTED'],
    ['bzip2 (method 12)', () => rawZip(withEntry(2, { both: { method: 12 } })), 'BUNDLE_UNSUPPORTED_METHOD'],
    ['a data descriptor', () => rawZip(withEntry(2, { both: { flags: 0x0808 } })), 'BUNDLE_ZIP_FEATURE'],
    ['an unknown flag', () => rawZip(withEntry(2, { both: { flags: 0x4800 } })), 'BUNDLE_ZIP_FEATURE'],
    ['version needed 4.5', () => rawZip(withEntry(2, { both: { versionNeeded: 45 } })), 'BUNDLE_ZIP_FEATURE'],
    ['a Unix symlink', () => rawZip(withEntry(2, { central: { versionMadeBy: 0x0314, externalAttributes: (0o120777 << 16) >>> 0 } })), 'BUNDLE_ENTRY_SYMLINK'],
    ['a Unix FIFO', () => rawZip(withEntry(2, { central: { versionMadeBy: 0x0314, externalAttributes: (0o010644 << 16) >>> 0 } })), 'BUNDLE_ENTRY_SYMLINK'],
    ['a DOS directory attribute', () => rawZip(withEntry(2, { central: { externalAttributes: 0x10 } })), 'BUNDLE_ENTRY_SYMLINK'],
    ['an absolute name', () => rawZip(withEntry(2, { name: '/etc/passwd' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a drive letter', () => rawZip(withEntry(2, { name: 'C:data/x.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a backslash', () => rawZip(withEntry(2, { name: 'data\\summary.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a ".." segment', () => rawZip(withEntry(2, { name: 'data/../../x.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a "." segment', () => rawZip(withEntry(2, { name: './data/summary.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['an empty segment', () => rawZip(withEntry(2, { name: 'data//summary.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a folder entry', () => rawZip(withEntry(2, { name: 'data/', data: new Uint8Array(0) })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a control character', () => rawZip(withEntry(2, { name: 'data/sum\u202e\u0007mary.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a name not in NFC', () => rawZip(withEntry(2, { name: 'data/cafe\u0301.age' })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['invalid UTF-8 in a name', () => rawZip(withEntry(2, { both: { name: Buffer.from([0x64, 0xff, 0x61]) } })), 'BUNDLE_ENTRY_NAME_UNSAFE'],
    ['a name without the UTF-8 flag', () => rawZip(withEntry(2, { name: 'data/é.age', both: { flags: 0 } })), 'BUNDLE_ZIP_FEATURE'],
    ['a real timestamp', () => rawZip(withEntry(2, { both: { time: 0x6000, date: 0x5a21 } })), 'BUNDLE_ZIP_FEATURE'],
    ['a read-only attribute', () => rawZip(withEntry(2, { central: { externalAttributes: 0x01 } })), 'BUNDLE_ZIP_FEATURE'],
    ['an internal "text" attribute', () => rawZip(withEntry(2, { central: { internalAttributes: 0x01 } })), 'BUNDLE_ZIP_FEATURE'],
    ['made by Unix with a regular file mode', () => rawZip(withEntry(2, { central: { versionMadeBy: 0x0314, externalAttributes: (0o100644 << 16) >>> 0 } })), 'BUNDLE_ZIP_FEATURE'],
    ['version needed 1.0', () => rawZip(withEntry(2, { both: { versionNeeded: 10 } })), 'BUNDLE_ZIP_FEATURE'],
    ['a local timestamp unlike the directory\'s', () => rawZip(withEntry(2, { local: { time: 1 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a local version unlike the directory\'s', () => rawZip(withEntry(2, { local: { versionNeeded: 10 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a duplicate name', () => rawZip([...ENTRIES, ENTRIES[2]!]), 'BUNDLE_ENTRY_NAME_DUPLICATE'],
    ['a name differing only in case', () => rawZip([...ENTRIES, { ...ENTRIES[2]!, name: 'DATA/Summary.age' }]), 'BUNDLE_ENTRY_NAME_DUPLICATE'],
    ['a name differing only in Unicode form (NFD)', () => rawZip([...withEntry(2, { name: 'data/café.age' }), { ...ENTRIES[2]!, name: 'data/cafe\u0301.age' }]), 'BUNDLE_ENTRY_NAME_DUPLICATE'],
    ['a name differing only in compatibility form (fullwidth)', () => rawZip([...ENTRIES, { ...ENTRIES[0]!, name: 'ｓtatement.json' }]), 'BUNDLE_ENTRY_NAME_DUPLICATE'],
    ['a central name unlike the local name', () => rawZip(withEntry(2, { local: { name: text('data/evil.age') } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a central CRC unlike the local CRC', () => rawZip(withEntry(2, { central: { crc32: 1 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a central size unlike the local size', () => rawZip(withEntry(2, { local: { size: 4999, compressedSize: 4999 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a central method unlike the local method', () => rawZip(withEntry(2, { local: { method: 8 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['a local flag the directory lacks', () => rawZip(withEntry(2, { local: { flags: 0x0802 } })), 'BUNDLE_HEADER_MISMATCH'],
    ['stored sizes that differ', () => rawZip(withEntry(2, { both: { size: 4000 } })), 'BUNDLE_ZIP_MALFORMED'],
    ['an entry pointing into the previous one (overlap)', () => rawZip(withEntry(2, { central: { localHeaderOffset: 0 } })), 'BUNDLE_ENTRIES_OVERLAP'],
    ['a CRC that does not match the data', () => rawZip(withEntry(2, { both: { crc32: 12345 } })), 'BUNDLE_ENTRY_CRC'],
    ['too many entries', () => good, 'BUNDLE_TOO_MANY_ENTRIES', { maxEntries: 2 }],
    ['an entry over the size limit', () => good, 'BUNDLE_ENTRY_TOO_LARGE', { maxEntryBytes: 4999 }],
    ['a file over the size limit', () => good, 'BUNDLE_TOO_LARGE', { maxBundleBytes: good.length - 1 }],
  ];
  it.each(cases)('%s', async (_label, build, expected, limits) => {
    expect(await verdict(build(), limits)).toBe(expected);
  });
});

describe('deflated entries', () => {
  const plain = Buffer.from('line of text\n'.repeat(200));
  const deflated = deflateRawSync(plain);
  const deflatedEntry = (over: Partial<RawEntry> = {}): RawEntry => ({
    name: 'data/summary.age',
    data: deflated,
    both: { method: 8, size: plain.length, crc32: crc(plain) },
    ...over,
  });

  it('are inflated and checked', async () => {
    const path = scratch.file('deflated.zip', rawZip([deflatedEntry()]));
    const zip = await openZip(path, BUNDLE_LIMITS);
    expect((await zip.readEntryBytes(zip.entries[0]!)).equals(plain)).toBe(true);
    await zip.close();
  });

  it('are refused when their declared ratio is over the limit', async () => {
    expect(await verdict(rawZip([deflatedEntry()]), { maxCompressionRatio: 2 })).toBe('BUNDLE_COMPRESSION_RATIO');
  });

  it('are stopped as soon as they yield more than declared (a lying size)', async () => {
    expect(await verdict(rawZip([deflatedEntry({ both: { method: 8, size: 100, crc32: crc(plain) } })]))).toBe('BUNDLE_COMPRESSION_RATIO');
  });

  it('are refused when the deflate stream is corrupt or the CRC is wrong', async () => {
    const corrupt = Buffer.from(deflated);
    corrupt[0] = 0xff;
    expect(await verdict(rawZip([deflatedEntry({ data: corrupt })]))).toMatch(/^BUNDLE_(ZIP_MALFORMED|ENTRY_CRC)$/);
    expect(await verdict(rawZip([deflatedEntry({ data: deflated.subarray(0, deflated.length - 2) })]))).toBe('BUNDLE_ZIP_MALFORMED');
    expect(await verdict(rawZip([deflatedEntry({ both: { method: 8, size: plain.length, crc32: 7 } })]))).toBe('BUNDLE_ENTRY_CRC');
  });
});

function crc(data: Uint8Array): number {
  return crc32(data) >>> 0;
}

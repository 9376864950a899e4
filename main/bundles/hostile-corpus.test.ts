import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBundle,
  COUNTY,
  dataFiles,
  dataOffsetOf,
  entriesOf,
  flipByte,
  jsonLines,
  makeWorld,
  NOW,
  rawZip,
  restated,
  scratchDir,
  signatureEntry,
  stationRecord,
  summaryRecord,
  TEST_CONTENT,
  zeroBomb,
  type BuiltBundle,
  type BundleWorld,
  type RawEntry,
} from '../../tests/support/bundle-corpus';
import { canonicalJsonBytes } from './canonical-json';
import { DOMAIN, toHex } from './keys';
import type { BundleLimits } from './limits';
import { openBundle } from './open-bundle';
import { BundleRejection, type BundleRejectionCode } from './rejection';
import { period } from './statement';
import { verifyBundle, type TrustedKey } from './verify-bundle';
import { sealDataFile, type BundleFileInput } from './write-bundle';

/**
 * The hostile corpus: one valid 2021 bundle of 云城区, signed and encrypted with real keys, and
 * the malformations an attacker or a broken USB copy produces from it. Each must be refused with
 * its own reason; the damaged ones as damaged, everything else as refused. The table is the
 * count the issue asks for (at least 40); every "What the format must guarantee" bullet that can
 * be decided without the city's database has cases (the sequence checks live in the city service).
 */
type Guarantee =
  | 'changed, added, removed, renamed or reordered byte or file'
  | 'untrusted key or wrong signature domain'
  | 'non-canonical or ambiguous data'
  | 'archive tricks'
  | 'resource limits'
  | 'future creation time or period not matching the contents'
  | 'truncated copy reported as damaged'
  | 'encrypted to the city, verified before decrypting';

interface Base {
  world: BundleWorld;
  files: BundleFileInput[];
  bundle: BuiltBundle;
  entries: RawEntry[];
}

interface Case {
  name: string;
  guarantee: Guarantee;
  build(base: Base): Uint8Array | Promise<Uint8Array>;
  code: BundleRejectionCode;
  /** Where the refusal must come: the verifier (default) or opening after a successful verification. */
  stage?: 'verify' | 'open';
  trust?: (world: BundleWorld, hex: string) => TrustedKey | null;
  limits?: Partial<BundleLimits>;
}

const replaceEntry = (entries: RawEntry[], index: number, change: Partial<RawEntry>): RawEntry[] => entries.map((e, i) => (i === index ? { ...e, ...change } : e));
const statementText = (b: Base) => b.bundle.statementBytes.toString('utf8');
const resignText = (b: Base, text: string) => restated(b.bundle, b.world.county, Buffer.from(text, 'utf8'));
const trustedAs = (over: Partial<TrustedKey>) => (world: BundleWorld, hex: string) => {
  const key = world.trust(hex);
  return key && { ...key, ...over };
};

/** A bundle whose data files the (malicious or buggy) county chose, properly signed. */
async function signedWith(b: Base, files: Parameters<typeof buildBundle>[1]): Promise<Uint8Array> {
  return (await buildBundle(b.world, files)).bytes;
}

const stations = (records: unknown[], header: Record<string, unknown> = {}) => [
  dataFiles()[0]!,
  { contents: 'stations', records: (header.records as number | undefined) ?? records.length, plain: jsonLines('stations', records, header) },
];

const CASES: Case[] = [
  // --- A damaged copy: reported as damaged, not forged.
  { name: 'cut at half its length', guarantee: 'truncated copy reported as damaged', build: (b) => b.bundle.bytes.subarray(0, b.bundle.bytes.length >> 1), code: 'BUNDLE_TRUNCATED' },
  { name: 'cut after 10 bytes', guarantee: 'truncated copy reported as damaged', build: (b) => b.bundle.bytes.subarray(0, 10), code: 'BUNDLE_TRUNCATED' },
  { name: 'cut one byte short', guarantee: 'truncated copy reported as damaged', build: (b) => b.bundle.bytes.subarray(0, b.bundle.bytes.length - 1), code: 'BUNDLE_TRUNCATED' },
  { name: 'cut inside the statement', guarantee: 'truncated copy reported as damaged', build: (b) => b.bundle.bytes.subarray(0, 120), code: 'BUNDLE_TRUNCATED' },
  { name: 'full length but the end never written (zeros)', guarantee: 'truncated copy reported as damaged', build: (b) => Buffer.concat([b.bundle.bytes.subarray(0, b.bundle.bytes.length - 4096), Buffer.alloc(4096)]), code: 'BUNDLE_TRUNCATED' },
  { name: 'empty file', guarantee: 'truncated copy reported as damaged', build: () => new Uint8Array(0), code: 'BUNDLE_TRUNCATED' },
  { name: 'a flipped bit in a data file, CRC left alone', guarantee: 'truncated copy reported as damaged', build: (b) => flipByte(b.bundle.bytes, dataOffsetOf(b.bundle.bytes, 3) + 100), code: 'BUNDLE_ENTRY_CRC' },
  { name: 'not a bundle at all (a spreadsheet)', guarantee: 'truncated copy reported as damaged', build: () => Buffer.from('姓名,身份证号\n张三,445302199001011234\n'), code: 'BUNDLE_NOT_A_BUNDLE' },

  // --- Changed, added, removed, renamed or reordered bytes or files (CRCs recomputed, as an attacker would).
  { name: 'one byte of statement.json changed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 0, { data: Buffer.from(statementText(b).replace('云城区民政局', '云安区民政局')) })), code: 'BUNDLE_BAD_SIGNATURE' },
  { name: 'sequence raised in the statement without re-signing', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 0, { data: Buffer.from(statementText(b).replace('"sequence":3', '"sequence":4')) })), code: 'BUNDLE_BAD_SIGNATURE' },
  { name: 'one byte of the signature changed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 1, { data: flipByte(b.entries[1]!.data, 40) })), code: 'BUNDLE_BAD_SIGNATURE' },
  { name: 'one byte of the signing key in statement.sig changed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 1, { data: flipByte(b.entries[1]!.data, 3) })), code: 'BUNDLE_UNKNOWN_KEY' },
  { name: 'one byte of data/summary.age changed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 2, { data: flipByte(b.entries[2]!.data, b.entries[2]!.data.length - 1) })), code: 'BUNDLE_FILE_HASH' },
  { name: 'one byte of data/stations.age changed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 3, { data: flipByte(b.entries[3]!.data, 200) })), code: 'BUNDLE_FILE_HASH' },
  { name: 'a byte appended to a data file', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 3, { data: Buffer.concat([b.entries[3]!.data, Buffer.from([0])]) })), code: 'BUNDLE_FILE_SIZE' },
  { name: 'a data file from another bundle of the same data (same size)', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: async (b) => rawZip(replaceEntry(b.entries, 3, { data: entriesOf((await buildBundle(b.world, { files: b.files })).bytes)[3]!.data })), code: 'BUNDLE_FILE_HASH' },
  { name: 'a data file removed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(b.entries.slice(0, 3)), code: 'BUNDLE_FILE_MISSING' },
  { name: 'a file added', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip([...b.entries, { name: 'data/residents.age', data: b.entries[3]!.data }]), code: 'BUNDLE_FILE_EXTRA' },
  { name: 'a readme added', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip([...b.entries, { name: 'README.txt', data: Buffer.from('open me') }]), code: 'BUNDLE_FILE_EXTRA' },
  { name: 'a data file renamed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 3, { name: 'data/residents.age' })), code: 'BUNDLE_FILE_MISSING' },
  { name: 'the data files reordered', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip([b.entries[0]!, b.entries[1]!, b.entries[3]!, b.entries[2]!]), code: 'BUNDLE_FILE_ORDER' },
  { name: 'the data files swapped under each other\'s names', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip([b.entries[0]!, b.entries[1]!, { ...b.entries[2]!, data: b.entries[3]!.data }, { ...b.entries[3]!, data: b.entries[2]!.data }]), code: 'BUNDLE_FILE_SIZE' },
  { name: 'the statement removed', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(b.entries.slice(1)), code: 'BUNDLE_NO_STATEMENT' },
  { name: 'statement and signature swapped', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip([b.entries[1]!, b.entries[0]!, ...b.entries.slice(2)]), code: 'BUNDLE_NO_STATEMENT' },
  { name: 'signature cut to 64 bytes', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 1, { data: b.entries[1]!.data.subarray(32) })), code: 'BUNDLE_NO_STATEMENT' },
  { name: 'garbage instead of the statement: refused by the signature before anything parses it', guarantee: 'changed, added, removed, renamed or reordered byte or file', build: (b) => rawZip(replaceEntry(b.entries, 0, { data: Buffer.from('{"format":"x","format":"y"') })), code: 'BUNDLE_BAD_SIGNATURE' },

  // --- Keys the city does not trust for this bundle, and signatures for other kinds of document.
  { name: 'signed by a key nobody enrolled', guarantee: 'untrusted key or wrong signature domain', build: (b) => restated(b.bundle, b.world.stranger, (s) => (s.signer = toHex(b.world.stranger.publicKey))), code: 'BUNDLE_UNKNOWN_KEY' },
  { name: 'signed by the other county\'s enrolled key', guarantee: 'untrusted key or wrong signature domain', build: (b) => restated(b.bundle, b.world.otherCounty, (s) => (s.signer = toHex(b.world.otherCounty.publicKey))), code: 'BUNDLE_KEY_OTHER_COUNTY' },
  { name: 'signed by a key rotated out before the bundle was made', guarantee: 'untrusted key or wrong signature domain', build: (b) => b.bundle.bytes, trust: trustedAs({ retiredAt: '2022-01-01T00:00:00.000Z' }), code: 'BUNDLE_KEY_ROTATED_OUT' },
  { name: 'signed by a key rotated out at the very instant it was made', guarantee: 'untrusted key or wrong signature domain', build: (b) => b.bundle.bytes, trust: trustedAs({ retiredAt: '2022-01-05T02:00:00.000Z' }), code: 'BUNDLE_KEY_ROTATED_OUT' },
  { name: 'signed by a revoked key', guarantee: 'untrusted key or wrong signature domain', build: (b) => b.bundle.bytes, trust: trustedAs({ revokedAt: '2021-12-01T00:00:00.000Z' }), code: 'BUNDLE_KEY_REVOKED' },
  { name: 'signed as a key rotation (wrong domain)', guarantee: 'untrusted key or wrong signature domain', build: (b) => rawZip(replaceEntry(b.entries, 1, { data: signatureEntry(b.bundle.statementBytes, b.world.county, DOMAIN.keyRotation) })), code: 'BUNDLE_BAD_SIGNATURE' },
  { name: 'signed as a county key file (wrong domain)', guarantee: 'untrusted key or wrong signature domain', build: (b) => rawZip(replaceEntry(b.entries, 1, { data: signatureEntry(b.bundle.statementBytes, b.world.county, DOMAIN.countyKey) })), code: 'BUNDLE_BAD_SIGNATURE' },
  { name: 'the statement names another signer than the key that signed', guarantee: 'untrusted key or wrong signature domain', build: (b) => restated(b.bundle, b.world.county, (s) => (s.signer = toHex(b.world.otherCounty.publicKey))), code: 'BUNDLE_SIGNER_MISMATCH' },

  // --- Non-canonical or ambiguous statements (re-signed: only the encoding is wrong).
  { name: 'a duplicate JSON key', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, statementText(b).replace('"sequence":3', '"sequence":3,"sequence":9')), code: 'BUNDLE_JSON_DUPLICATE_KEY' },
  { name: 'an unknown top-level field', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => (s.comment = 'hello')), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'an unknown nested field', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => Object.assign(s.files[0]!, { compressed: true })), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'whitespace', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, JSON.stringify(JSON.parse(statementText(b)), null, 1)), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'keys out of order', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, JSON.stringify(Object.fromEntries(Object.entries(b.bundle.statement).reverse()))), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'an escaped character JSON.stringify writes plainly', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, statementText(b).replace('云城区民政局', '\\u4e91城区民政局')), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'a number written 3.0', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, statementText(b).replace('"sequence":3', '"sequence":3.0')), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'a byte order mark', guarantee: 'non-canonical or ambiguous data', build: (b) => resignText(b, `\ufeff${statementText(b)}`), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'invalid UTF-8', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, Buffer.concat([b.bundle.statementBytes.subarray(0, 20), Buffer.from([0xc0, 0xaf]), b.bundle.statementBytes.subarray(20)])), code: 'BUNDLE_NOT_CANONICAL' },
  { name: 'an unknown format version', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => ((s as { format: string }).format = 'welfare-ledger/bundle/v2')), code: 'BUNDLE_UNSUPPORTED_FORMAT' },
  { name: 'a missing field', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => delete (s as Partial<typeof s>).createdBy), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'a file hash in upper case', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => (s.files[1]!.sha256 = s.files[1]!.sha256.toUpperCase())), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'a file path that does not follow its contents', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => (s.files[1]!.path = 'data/../stations.age')), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'sequence 1 claiming a previous bundle', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => (s.sequence = 1)), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'a later sequence without the previous bundle\'s hash', guarantee: 'non-canonical or ambiguous data', build: (b) => restated(b.bundle, b.world.county, (s) => (s.previous = null)), code: 'BUNDLE_STATEMENT_INVALID' },

  // --- Archive tricks.
  { name: 'a second statement.json', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, b.entries[0]!]), code: 'BUNDLE_ENTRY_NAME_DUPLICATE' },
  { name: 'a second data file differing only in case', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { ...b.entries[3]!, name: 'data/Stations.age' }]), code: 'BUNDLE_ENTRY_NAME_DUPLICATE' },
  { name: 'a second statement differing only in Unicode form (fullwidth ｓ, NFKC)', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { ...b.entries[0]!, name: 'ｓtatement.json' }]), code: 'BUNDLE_ENTRY_NAME_DUPLICATE' },
  { name: 'two names equal after NFC (é composed and decomposed)', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { name: 'data/café.age', data: Buffer.from('a') }, { name: 'data/cafe\u0301.age', data: Buffer.from('b') }]), code: 'BUNDLE_ENTRY_NAME_DUPLICATE' },
  { name: 'the central directory names another file than the local header', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 3, { local: { name: Buffer.from('data/evil.age') } })), code: 'BUNDLE_HEADER_MISMATCH' },
  { name: 'the central directory gives another size than the local header', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 2, { central: { size: 10, compressedSize: 10 } })), code: 'BUNDLE_HEADER_MISMATCH' },
  { name: 'two directory entries over the same bytes (overlap)', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { ...b.entries[3]!, name: 'data/copy.age', central: { localHeaderOffset: dataOffsetOf(b.bundle.bytes, 3) - 30 - 17 } }]), code: 'BUNDLE_ENTRIES_OVERLAP' },
  { name: 'an absolute path', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { name: '/etc/cron.d/evil', data: Buffer.from('x') }]), code: 'BUNDLE_ENTRY_NAME_UNSAFE' },
  { name: 'a ".." path', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { name: '../../AppData/evil.age', data: Buffer.from('x') }]), code: 'BUNDLE_ENTRY_NAME_UNSAFE' },
  { name: 'a backslash path', guarantee: 'archive tricks', build: (b) => rawZip([...b.entries, { name: 'data\\..\\evil.age', data: Buffer.from('x') }]), code: 'BUNDLE_ENTRY_NAME_UNSAFE' },
  { name: 'a symbolic link', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 3, { central: { versionMadeBy: 0x0314, externalAttributes: (0o120777 << 16) >>> 0 } })), code: 'BUNDLE_ENTRY_SYMLINK' },
  { name: 'a ZIP64 extra field where none is needed', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 2, { both: { extra: Buffer.from([1, 0, 16, 0, ...new Array<number>(16).fill(0)]) } })), code: 'BUNDLE_ZIP64' },
  { name: 'a ZIP64 end-of-directory locator', guarantee: 'archive tricks', build: (b) => rawZip(b.entries, { zip64Locator: true }), code: 'BUNDLE_ZIP64' },
  { name: 'a ZIP-encrypted entry', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 3, { both: { flags: 0x0801 } })), code: 'BUNDLE_ENTRY_ENCRYPTED' },
  { name: 'a data descriptor', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 3, { both: { flags: 0x0808 } })), code: 'BUNDLE_ZIP_FEATURE' },
  { name: 'an unsupported compression method (LZMA)', guarantee: 'archive tricks', build: (b) => rawZip(replaceEntry(b.entries, 3, { both: { method: 14 } })), code: 'BUNDLE_UNSUPPORTED_METHOD' },
  { name: 'bytes before the archive (self-extractor stub)', guarantee: 'archive tricks', build: (b) => rawZip(b.entries, { prefix: Buffer.from('MZ\x90\x00 stub') }), code: 'BUNDLE_ENTRIES_OVERLAP' },
  { name: 'bytes after the archive', guarantee: 'archive tricks', build: (b) => Buffer.concat([b.bundle.bytes, Buffer.from('appended')]), code: 'BUNDLE_ENTRIES_OVERLAP' },
  { name: 'bytes hidden between the files and the directory', guarantee: 'archive tricks', build: (b) => rawZip(b.entries, { beforeDirectory: Buffer.from('hidden') }), code: 'BUNDLE_ENTRIES_OVERLAP' },
  { name: 'an archive comment', guarantee: 'archive tricks', build: (b) => rawZip(b.entries, { end: { comment: Buffer.from('see attached') } }), code: 'BUNDLE_ENTRIES_OVERLAP' },

  // --- Resources.
  { name: 'a 10 KB deflate bomb declared honestly (10 MiB)', guarantee: 'resource limits', build: (b) => rawZip([...b.entries, { name: 'data/bomb.age', data: zeroBomb(10), both: { method: 8, size: 10 * 1024 * 1024, crc32: 0 } }]), code: 'BUNDLE_COMPRESSION_RATIO' },
  {
    name: 'a 1 GiB deflate bomb in a data file, declared small and signed: stopped while inflating',
    guarantee: 'resource limits',
    build: (b) => {
      const bomb = zeroBomb(1024);
      const entries = replaceEntry(b.entries, 3, { data: bomb, both: { method: 8, size: bomb.length, crc32: crc32(Buffer.alloc(0)) } });
      return restated(b.bundle, b.world.county, (s) => (s.files[1]!.size = bomb.length), entries.slice(2));
    },
    code: 'BUNDLE_COMPRESSION_RATIO',
  },
  { name: 'more entries than allowed', guarantee: 'resource limits', build: (b) => rawZip([...b.entries, ...Array.from({ length: 30 }, (_, i) => ({ name: `data/x${i}.age`, data: Buffer.from('x') }))]), code: 'BUNDLE_TOO_MANY_ENTRIES' },
  { name: 'an entry over the size limit', guarantee: 'resource limits', build: (b) => b.bundle.bytes, limits: { maxEntryBytes: 300 }, code: 'BUNDLE_ENTRY_TOO_LARGE' },
  { name: 'a statement over its size limit', guarantee: 'resource limits', build: (b) => b.bundle.bytes, limits: { maxStatementBytes: 200 }, code: 'BUNDLE_ENTRY_TOO_LARGE' },
  { name: 'a file over the bundle size limit', guarantee: 'resource limits', build: (b) => b.bundle.bytes, limits: { maxBundleBytes: 2000 }, code: 'BUNDLE_TOO_LARGE' },
  { name: 'a data file inflating 1000× inside its encryption', guarantee: 'resource limits', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'stations', records: 0, plain: Buffer.alloc(20 * 1024 * 1024) }] }), code: 'BUNDLE_COMPRESSION_RATIO' },
  { name: 'a data file over the plain size limit', guarantee: 'resource limits', stage: 'open', build: (b) => b.bundle.bytes, limits: { maxPlainFileBytes: 300 }, code: 'BUNDLE_ENTRY_TOO_LARGE' },
  { name: 'more records in a file than allowed', guarantee: 'resource limits', stage: 'open', build: (b) => b.bundle.bytes, limits: { maxRecordsPerFile: 2 }, code: 'BUNDLE_CONTENT_INVALID' },
  { name: 'a line over the line limit', guarantee: 'resource limits', stage: 'open', build: (b) => b.bundle.bytes, limits: { maxLineBytes: 200 }, code: 'BUNDLE_CONTENT_INVALID' },

  // --- Time and period.
  { name: 'made 25 hours in the future', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.createdAt = new Date(NOW.getTime() + 25 * 3600_000).toISOString())), code: 'BUNDLE_FROM_FUTURE' },
  { name: 'a creation time that is no ISO instant', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.createdAt = '2022-01-05 02:00:00')), code: 'BUNDLE_STATEMENT_INVALID' },
  { name: 'period start not the label\'s', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.period.start = '2021-02-01')), code: 'BUNDLE_PERIOD_INVALID' },
  { name: 'period end not the label\'s', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.period.end = '2022-01-31')), code: 'BUNDLE_PERIOD_INVALID' },
  { name: 'period kind not the label\'s', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.period.kind = 'quarter')), code: 'BUNDLE_PERIOD_INVALID' },
  { name: 'a period not over when the bundle was made', guarantee: 'future creation time or period not matching the contents', build: (b) => restated(b.bundle, b.world.county, (s) => (s.period = period('month', '2022-01'))), code: 'BUNDLE_PERIOD_INVALID' },
  { name: 'a header naming another county', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0)], { county: '445303' }) }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'a header naming another period', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0)], { period: '2020' }) }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'a header counting other records than the statement', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'stations', records: 2, plain: jsonLines('stations', [stationRecord(0)]) }] }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'a header naming other contents', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0)], { contents: 'residents' }) }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'more record lines than the header counts', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0), stationRecord(1)], { records: 1 }) }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'contents this version does not know', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'secrets', records: 0, plain: jsonLines('secrets', []) }] }), code: 'BUNDLE_CONTENT_MISMATCH' },
  { name: 'a station completed after the period', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0), stationRecord(1, { completedDate: '2022-01-03' })]) }), code: 'BUNDLE_PERIOD_MISMATCH' },
  { name: 'a summary as of a day after the period', guarantee: 'future creation time or period not matching the contents', stage: 'open', build: (b) => signedWith(b, { files: [{ contents: 'summary', records: 1, plain: jsonLines('summary', [summaryRecord({ asOf: '2022-01-04' })]) }, dataFiles()[1]!] }), code: 'BUNDLE_PERIOD_MISMATCH' },
  { name: 'a record with an unknown field', guarantee: 'non-canonical or ambiguous data', stage: 'open', build: (b) => signedWith(b, { files: stations([stationRecord(0, { idNumber: '445302199001011234' })]) }), code: 'BUNDLE_CONTENT_INVALID' },
  { name: 'a record line with a duplicate key', guarantee: 'non-canonical or ambiguous data', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'stations', records: 1, plain: Buffer.from(`${jsonLines('stations', [stationRecord(0)]).toString().replace('"kind":', '"id":"x","kind":')}`) }] }), code: 'BUNDLE_JSON_DUPLICATE_KEY' },
  { name: 'a record line with whitespace', guarantee: 'non-canonical or ambiguous data', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'stations', records: 1, plain: Buffer.from(jsonLines('stations', [stationRecord(0)]).toString().replace('"kind":', '"kind": ')) }] }), code: 'BUNDLE_CONTENT_INVALID' },
  { name: 'a last line without its newline', guarantee: 'non-canonical or ambiguous data', stage: 'open', build: (b) => signedWith(b, { files: [dataFiles()[0]!, { contents: 'stations', records: 1, plain: jsonLines('stations', [stationRecord(0)]).subarray(0, -1) }] }), code: 'BUNDLE_CONTENT_INVALID' },

  // --- Privacy: encrypted to the city; the signature covers the ciphertext.
  { name: 'encrypted to another city', guarantee: 'encrypted to the city, verified before decrypting', stage: 'open', build: (b) => signedWith(b, { recipient: b.world.otherCity.recipient }), code: 'BUNDLE_NOT_FOR_THIS_CITY' },
  {
    name: 'a flipped ciphertext byte, re-signed by a malicious county',
    guarantee: 'encrypted to the city, verified before decrypting',
    stage: 'open',
    build: (b) => {
      const tampered = flipByte(b.entries[3]!.data, b.entries[3]!.data.length - 20);
      return restated(b.bundle, b.world.county, (s) => (s.files[1]!.sha256 = sha256(tampered)), [b.entries[2]!, { ...b.entries[3]!, data: tampered }]);
    },
    code: 'BUNDLE_DECRYPT_FAILED',
  },
  {
    name: 'the statement names this city but a file is encrypted to another',
    guarantee: 'encrypted to the city, verified before decrypting',
    stage: 'open',
    build: async (b) => {
      const sealed = await sealDataFile(dataFiles()[1]!.plain, b.world.otherCity.recipient);
      return restated(b.bundle, b.world.county, (s) => Object.assign(s.files[1]!, { size: sealed.length, sha256: sha256(sealed) }), [b.entries[2]!, { ...b.entries[3]!, data: Buffer.from(sealed) }]);
    },
    code: 'BUNDLE_DECRYPT_FAILED',
  },
  {
    name: 'a data file that is not age at all, re-signed',
    guarantee: 'encrypted to the city, verified before decrypting',
    stage: 'open',
    build: (b) => {
      const plain = dataFiles()[1]!.plain;
      return restated(b.bundle, b.world.county, (s) => Object.assign(s.files[1]!, { size: plain.length, sha256: sha256(plain) }), [b.entries[2]!, { ...b.entries[3]!, data: plain }]);
    },
    code: 'BUNDLE_DECRYPT_FAILED',
  },
];

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const scratch = scratchDir();
let base: Base;
beforeAll(async () => {
  const world = await makeWorld();
  const files = dataFiles();
  const bundle = await buildBundle(world, { files });
  base = { world, files, bundle, entries: entriesOf(bundle.bytes) };
});
afterAll(() => scratch.remove());

async function run(c: Case, bytes: Uint8Array): Promise<{ stage: 'verify' | 'open' | 'accepted'; error?: BundleRejection }> {
  const path = scratch.file(`${CASES.indexOf(c)}.wlb`, bytes);
  const trust = c.trust ? (hex: string) => c.trust!(base.world, hex) : base.world.trust;
  let verified;
  try {
    verified = await verifyBundle(path, { trust, now: NOW, limits: c.limits });
  } catch (error) {
    if (error instanceof BundleRejection) return { stage: 'verify', error };
    throw error;
  }
  try {
    await openBundle(verified, { identity: base.world.city.identity, recipient: base.world.city.recipient, content: TEST_CONTENT, onRecord: () => undefined });
  } catch (error) {
    if (error instanceof BundleRejection) return { stage: 'open', error };
    throw error;
  }
  return { stage: 'accepted' };
}

describe('hostile corpus', () => {
  it('starts from a bundle the city accepts', async () => {
    const records: unknown[] = [];
    const path = scratch.file('valid.wlb', base.bundle.bytes);
    const verified = await verifyBundle(path, { trust: base.world.trust, now: NOW });
    await openBundle(verified, { identity: base.world.city.identity, recipient: base.world.city.recipient, content: TEST_CONTENT, onRecord: (_c, r) => void records.push(r) });
    expect(records).toHaveLength(4);
    expect(verified.statement.county.code).toBe(COUNTY.code);
  });

  it(`has at least 40 distinct malformations (${CASES.length}) covering every guarantee`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    const guarantees = new Set(CASES.map((c) => c.guarantee));
    expect(guarantees.size).toBe(8);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('refuses %s', async (_name, c) => {
    const before = process.memoryUsage().rss;
    const result = await run(c, await c.build(base));
    expect(result.error?.code, `${c.name}: ${result.error?.message ?? 'accepted'}`).toBe(c.code);
    expect(result.stage).toBe(c.stage ?? 'verify');
    expect(result.error!.kind).toBe(c.guarantee === 'truncated copy reported as damaged' ? 'damaged' : 'refused');
    // The reason a person reads is complete: every {param} of the message is filled in.
    for (const locale of ['zh-CN', 'en'] as const) expect(result.error!.toAppError().toLedgerError(locale).message).not.toMatch(/\{\w+\}/);
    // Nothing is ever inflated whole: a 1 GiB bomb costs a few chunks, not a gigabyte.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });
});

// The valid bundle's statement must stay canonical for the text edits above to mean what they say.
it('edits the canonical statement text', () => {
  expect(canonicalJsonBytes(JSON.parse(base.bundle.statementBytes.toString()))).toEqual(base.bundle.statementBytes);
});

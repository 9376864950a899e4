import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOffsetOf, entriesOf, flipByte, rawZip, scratchDir, zeroBomb, type RawEntry } from '../../../tests/support/bundle-corpus';
import { createKeyedCity, createKeyedCounty, exportPeriod, type KeyedCity, type KeyedCounty } from '../../../tests/support/bundles';
import { cityFiles, committedBytes, enroll, importBundle } from '../../../tests/support/city-office';

/**
 * The hostile corpus again, this time through the city's real import path (the request, the
 * upload, the job) on a real county's exported bundle: every malformed copy is refused with its
 * reason, and the city's database and files are byte for byte what they were. The format's own
 * corpus (main/bundles/hostile-corpus.test.ts) covers the cases that need forged signatures.
 */

let city: KeyedCity;
let county: KeyedCounty;
let valid: Buffer;
let entries: RawEntry[];
const scratch = scratchDir();

beforeAll(async () => {
  city = await createKeyedCity();
  county = await createKeyedCounty('445302', { city: { keyFile: city.keyFile, digits: city.digits } });
  await enroll(city, county);
  valid = readFileSync((await exportPeriod(county.admin, county.office, '2025')).path);
  entries = entriesOf(valid);
}, 60_000);

afterAll(() => {
  county.close();
  city.close();
  scratch.remove();
});

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const withName = (e: RawEntry, name: string): RawEntry => ({ ...e, name, both: { name: utf8(name) } });
const comment = utf8('hidden');

type Case = [name: string, code: string, make: () => Buffer];

const CASES: Case[] = [
  ['a byte of the statement changed', 'BUNDLE_ENTRY_CRC', () => flipByte(valid, dataOffsetOf(valid, 0) + 10)],
  ['a byte of the statement changed, checksum fixed', 'BUNDLE_BAD_SIGNATURE', () => rawZip(entries.map((e, i) => (i === 0 ? { ...e, data: flipByte(e.data, 20) } : e)))],
  ['a byte of a data file changed, checksum fixed', 'BUNDLE_FILE_HASH', () => rawZip(entries.map((e, i) => (i === 3 ? { ...e, data: flipByte(e.data, 100) } : e)))],
  ['the signature changed', 'BUNDLE_BAD_SIGNATURE', () => rawZip(entries.map((e, i) => (i === 1 ? { ...e, data: flipByte(e.data, 70) } : e)))],
  ['the signer replaced by an unknown key', 'BUNDLE_UNKNOWN_KEY', () => rawZip(entries.map((e, i) => (i === 1 ? { ...e, data: flipByte(e.data, 3) } : e)))],
  ['a data file removed', 'BUNDLE_FILE_MISSING', () => rawZip(entries.filter((_, i) => i !== entries.length - 1))],
  ['a file added', 'BUNDLE_FILE_EXTRA', () => rawZip([...entries, { name: 'data/extra.age', data: utf8('more') }])],
  ['a data file renamed', 'BUNDLE_FILE_MISSING', () => rawZip(entries.map((e, i) => (i === 2 ? withName(e, 'data/renamed.age') : e)))],
  ['two data files swapped', 'BUNDLE_FILE_ORDER', () => rawZip([entries[0]!, entries[1]!, entries[3]!, entries[2]!, ...entries.slice(4)])],
  ['the statement not first', 'BUNDLE_NO_STATEMENT', () => rawZip([entries[1]!, entries[0]!, ...entries.slice(2)])],
  ['a duplicate entry name', 'BUNDLE_ENTRY_NAME_DUPLICATE', () => rawZip([...entries, entries[2]!])],
  ['a name differing only in case', 'BUNDLE_ENTRY_NAME_DUPLICATE', () => rawZip([...entries, withName(entries[2]!, entries[2]!.name.toUpperCase())])],
  ['an absolute path', 'BUNDLE_ENTRY_NAME_UNSAFE', () => rawZip([...entries, withName(entries[2]!, '/etc/passwd')])],
  ['a .. path', 'BUNDLE_ENTRY_NAME_UNSAFE', () => rawZip([...entries, withName(entries[2]!, 'data/../../evil.age')])],
  ['a symlink', 'BUNDLE_ENTRY_SYMLINK', () => rawZip(entries.map((e, i) => (i === 2 ? { ...e, central: { versionMadeBy: 0x0314, externalAttributes: 0xa1ff0000 } } : e)))],
  ['an encrypted entry', 'BUNDLE_ENTRY_ENCRYPTED', () => rawZip(entries.map((e, i) => (i === 2 ? { ...e, both: { flags: 0x0801 } } : e)))],
  ['a ZIP64 locator', 'BUNDLE_ZIP64', () => rawZip(entries, { zip64Locator: true })],
  ['central directory disagreeing with the local header', 'BUNDLE_HEADER_MISMATCH', () => rawZip(entries.map((e, i) => (i === 2 ? { ...e, central: { crc32: (crc32(e.data) ^ 1) >>> 0 } } : e)))],
  ['bytes hidden before the first entry', 'BUNDLE_ENTRIES_OVERLAP', () => rawZip(entries, { prefix: utf8('MZ hidden') })],
  ['bytes hidden after the end', 'BUNDLE_ENTRIES_OVERLAP', () => Buffer.concat([valid, utf8('tail')])],
  ['an archive comment', 'BUNDLE_ENTRIES_OVERLAP', () => rawZip(entries, { end: { comment } })],
  ['a deflate bomb entry', 'BUNDLE_COMPRESSION_RATIO', () => rawZip([...entries.slice(0, 2), { name: 'data/summary.age', data: zeroBomb(64), both: { method: 8, size: 64 * 1024 * 1024 } }, ...entries.slice(3)])],
  ['cut after half the file (interrupted copy)', 'BUNDLE_TRUNCATED', () => valid.subarray(0, Math.floor(valid.length / 2))],
  ['cut one byte short', 'BUNDLE_TRUNCATED', () => valid.subarray(0, valid.length - 1)],
  ['not a bundle at all', 'BUNDLE_NOT_A_BUNDLE', () => utf8('县区台账.xlsx 不是报送包')],
];

describe('a hostile copy of a real bundle, imported at the city', () => {
  it.each(CASES)('%s → %s, the city unchanged', async (name, code, make) => {
    const path = scratch.file(`${name.replace(/\W+/g, '-')}.wlb`, make());
    const before = committedBytes(city.office.dbPath);
    const files = cityFiles(city);
    const outcome = await importBundle(city.admin, path);
    expect(outcome).toMatchObject({ outcome: 'rejected', error: { code } });
    expect(committedBytes(city.office.dbPath).equals(before)).toBe(true);
    expect(cityFiles(city)).toEqual(files);
  });

  it('still accepts the untouched original afterwards', async () => {
    const outcome = await importBundle(city.admin, scratch.file('original.wlb', valid));
    expect(outcome).toMatchObject({ outcome: 'accepted', error: null });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBundle,
  COUNTY,
  dataFiles,
  draft,
  makeWorld,
  NOW,
  scratchDir,
  signatureEntry,
  TEST_CONTENT,
  type BundleWorld,
} from '../../tests/support/bundle-corpus';
import { canonicalJsonBytes } from './canonical-json';
import { toHex } from './keys';
import { openBundle } from './open-bundle';
import { BundleRejection } from './rejection';
import { bundleFileName, period, periodRange, statementHash } from './statement';
import { verifyBundle, type VerifyOptions } from './verify-bundle';
import { writeBundle } from './write-bundle';
import { centralHeader, endOfCentralDirectory, localHeader, storedEntryFields } from './zip-write';

const scratch = scratchDir();
let world: BundleWorld;
beforeAll(async () => {
  world = await makeWorld();
});
afterAll(() => scratch.remove());

const verifyOptions = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({ trust: world.trust, now: NOW, ...over });

async function openAll(path: string, over: Partial<VerifyOptions> = {}) {
  const verified = await verifyBundle(path, verifyOptions(over));
  const records: [string, unknown][] = [];
  const opened = await openBundle(verified, { identity: world.city.identity, recipient: world.city.recipient, content: TEST_CONTENT, onRecord: (c, r) => void records.push([c, r]) });
  return { verified, opened, records };
}

describe('writeBundle → verifyBundle → openBundle', () => {
  it('round-trips a period: the city reads back exactly the records the county wrote', async () => {
    const files = dataFiles(5);
    const outPath = join(scratch.dir, bundleFileName(COUNTY.code, '2021', 3));
    const progress: [number, number][] = [];
    const written = await writeBundle({ outPath, statement: draft(), files, signingKey: world.county, recipient: world.city.recipient, onProgress: (d, t) => progress.push([d, t]) });

    expect(written.fileName).toBe('445302-2021-000003.wlb');
    expect(readdirSync(scratch.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1]![0])).toBe(true);

    const { verified, opened, records } = await openAll(outPath);
    expect(verified.statementHash).toBe(written.statementHash);
    expect(verified.statementHash).toBe(statementHash(written.statementBytes));
    expect(verified.fileSha256).toBe(written.fileSha256);
    expect(verified.fileSize).toBe(written.fileSize);
    expect(verified.signerKey).toBe(toHex(world.county.publicKey));
    expect(verified.statement.files.map((f) => [f.path, f.records])).toEqual([['data/summary.age', 1], ['data/stations.age', 5]]);
    expect(opened.files.map((f) => f.records)).toEqual([1, 5]);
    const expected = files.flatMap((f) =>
      f.plain.toString().trim().split('\n').slice(1).map((line) => [f.contents, JSON.parse(line) as unknown] as [string, unknown]),
    );
    expect(records).toEqual(expected);
  });

  it('binds the statement to the encrypted files and the city recipient, signed by the county key', async () => {
    const bundle = await buildBundle(world);
    expect(bundle.statement.signer).toBe(toHex(world.county.publicKey));
    expect(bundle.statement.recipient).toBe(world.city.recipient);
    expect(bundle.statementBytes.equals(canonicalJsonBytes(bundle.statement))).toBe(true);
    expect(bundle.entries.map((e) => e.name)).toEqual(['statement.json', 'statement.sig', 'data/summary.age', 'data/stations.age']);
    // The plain JSON is nowhere in the archive: the data files are encrypted.
    expect(bundle.bytes.includes(Buffer.from('云城街道'))).toBe(false);
    expect(bundle.bytes.includes(Buffer.from('"homeVisits"'))).toBe(false);
  });

  it('refuses to write a statement the city would refuse, and leaves no file', async () => {
    const outPath = join(scratch.dir, 'bad.wlb');
    await expect(
      writeBundle({ outPath, statement: draft({ createdBy: '' }), files: dataFiles(), signingKey: world.county, recipient: world.city.recipient }),
    ).rejects.toMatchObject({ code: 'BUNDLE_STATEMENT_INVALID', params: { at: 'createdBy' } });
    await expect(
      writeBundle({ outPath, statement: draft(), files: dataFiles().reverse(), signingKey: world.county, recipient: world.city.recipient }),
    ).rejects.toMatchObject({ code: 'BUNDLE_STATEMENT_INVALID' });
    expect(readdirSync(scratch.dir).filter((f) => f.startsWith('bad') || f.includes('.tmp'))).toEqual([]);
  });

  it('re-checks a data file when it is read after verification (the file was swapped meanwhile)', async () => {
    const files = dataFiles();
    const a = await buildBundle(world, { files });
    const b = await buildBundle(world, { files }); // same plain data, fresh encryption: same sizes, other bytes
    const path = scratch.file('swap.wlb', a.bytes);
    const verified = await verifyBundle(path, verifyOptions());
    expect(b.bytes.length).toBe(a.bytes.length);
    writeFileSync(path, b.bytes);
    await expect(verified.readFile('data/summary.age')).rejects.toMatchObject({ code: 'BUNDLE_FILE_HASH' });
    await expect(verified.readFile('statement.json')).rejects.toMatchObject({ code: 'BUNDLE_FILE_MISSING' });
  });

  it('accepts what is merely unusual: made up to 24 h ahead of the city clock, a key retired or revoked after the bundle was made, a period ending that day', async () => {
    const ahead = await buildBundle(world, { statement: { createdAt: new Date(NOW.getTime() + 23 * 3600_000).toISOString() } });
    await expect(verifyBundle(scratch.file('ahead.wlb', ahead.bytes), verifyOptions())).resolves.toBeTruthy();

    const later = { county: COUNTY.code, retiredAt: '2022-01-06T00:00:00.000Z', revokedAt: '2022-01-07T00:00:00.000Z' };
    const ok = await buildBundle(world);
    await expect(verifyBundle(scratch.file('later.wlb', ok.bytes), verifyOptions({ trust: () => later }))).resolves.toBeTruthy();

    // December bundle made at 00:30 on 1 January China time (16:30 UTC on 31 December).
    const december = await buildBundle(world, {
      statement: { period: period('month', '2021-12'), createdAt: '2021-12-31T16:30:00.000Z' },
      files: dataFiles(2, '2021-12'),
    });
    const { opened } = await openAll(scratch.file('december.wlb', december.bytes));
    expect(opened.files.map((f) => f.records)).toEqual([1, 2]);
  });

  it('tells damaged copies from refusals', () => {
    expect(new BundleRejection('BUNDLE_TRUNCATED').kind).toBe('damaged');
    expect(new BundleRejection('BUNDLE_ENTRY_CRC', { name: 'x' }).kind).toBe('damaged');
    expect(new BundleRejection('BUNDLE_BAD_SIGNATURE').kind).toBe('refused');
    const app = new BundleRejection('BUNDLE_FILE_HASH', { name: 'data/summary.age' }).toAppError();
    expect(app.code).toBe('BUNDLE_FILE_HASH');
    expect(app.toLedgerError('zh-CN').message).toContain('data/summary.age');
  });
});

describe('verification streams', () => {
  it('checks a 200 MiB bundle with memory independent of its size', async () => {
    const base = await buildBundle(world);
    const chunk = randomBytes(1024 * 1024);
    const size = 200 * chunk.length;
    let crc = 0;
    const hash = createHash('sha256');
    for (let i = 0; i < 200; i++) {
      crc = crc32(chunk, crc);
      hash.update(chunk);
    }
    // The county signs a statement naming a 200 MiB data file; the file is written piece by piece.
    const statement = { ...base.statement, files: [base.statement.files[0]!, { ...base.statement.files[1]!, size, sha256: hash.digest('hex') }] };
    const statementBytes = canonicalJsonBytes(statement);
    const small = [
      { name: 'statement.json', data: statementBytes },
      { name: 'statement.sig', data: signatureEntry(statementBytes, world.county) },
      { name: 'data/summary.age', data: base.entries[2]!.data },
    ];
    const path = join(scratch.dir, 'big.wlb');
    const fd = openSync(path, 'w');
    const central: Buffer[] = [];
    let offset = 0;
    const put = (bytes: Uint8Array) => {
      writeSync(fd, bytes);
      offset += bytes.length;
    };
    for (const entry of small) {
      const fields = storedEntryFields(entry.name, entry.data, offset);
      central.push(centralHeader(fields));
      put(localHeader(fields));
      put(entry.data);
    }
    const bigFields = { ...storedEntryFields('data/stations.age', new Uint8Array(0), offset), crc32: crc >>> 0, size, compressedSize: size };
    central.push(centralHeader(bigFields));
    put(localHeader(bigFields));
    for (let i = 0; i < 200; i++) put(chunk);
    const directory = Buffer.concat(central);
    const directoryOffset = offset;
    put(directory);
    put(endOfCentralDirectory({ disk: 0, centralDirectoryDisk: 0, entriesOnDisk: 4, entries: 4, centralDirectorySize: directory.length, centralDirectoryOffset: directoryOffset, comment: new Uint8Array(0) }));
    closeSync(fd);

    const before = process.memoryUsage().rss;
    let peak = before;
    const verified = await verifyBundle(path, verifyOptions({ onProgress: () => void (peak = Math.max(peak, process.memoryUsage().rss)) }));
    expect(verified.statement.files[1]!.size).toBe(size);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('periods', () => {
  it('derive start and end from the label', () => {
    expect(periodRange('year', '2021')).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(periodRange('quarter', '2021-Q3')).toEqual({ start: '2021-07-01', end: '2021-09-30' });
    expect(periodRange('month', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodRange('month', '2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    for (const [kind, label] of [['year', '21'], ['quarter', '2021-Q5'], ['month', '2021-13'], ['month', '2021-7'], ['year', '1999'], ['quarter', '2021']] as const) {
      expect(periodRange(kind, label), label).toBeNull();
    }
  });

  it('name the bundle file', () => {
    expect(bundleFileName('445302', '2021-Q3', 4)).toBe('445302-2021-Q3-000004.wlb');
    expect(bundleFileName('445302', '2021-07', 5)).toBe('445302-2021-07-000005.wlb');
  });
});

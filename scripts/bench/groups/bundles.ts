/**
 * bundles: on a copy of the large county, a year bundle's export (snapshot, compress, encrypt,
 * sign, write; the whole job), its streaming verification and the city's import, in MB/s of the
 * bundle file — beside `sqlite3 <db> .dump | gzip -6` of the same database, which the export
 * should be no slower than. (The synthetic 96 MiB bundle is the large-bundle group below.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCityIdentity, generateSigningKey, toHex } from '../../../main/bundles/keys';
import { period } from '../../../main/bundles/statement';
import { verifyBundle } from '../../../main/bundles/verify-bundle';
import { writeBundle } from '../../../main/bundles/write-bundle';
import { writeFileAtomic } from '../../../main/services/files';
import { freshOffice, openOffice } from '../client';
import { copyLargeCounty, databasePathOf, LARGE_ADMIN, type LargeCountyRef } from '../large-data';
import { round, type BenchRow, type GroupResult } from '../result';
import { mbps, peakRssMb, repeatFor, stats, timed } from '../stats';

function rateRow(name: string, samples: number[], bytes: number, extra: Partial<BenchRow> = {}): BenchRow {
  const s = stats(samples);
  return { name, median: round(s.median), p95: round(s.p95), target: null, met: null, note: `${mbps(bytes, s.median)} MB/s`, ...extra };
}

/** sqlite3 .dump | gzip -6 of the database, or null without the sqlite3 CLI (apt-get install -y sqlite3). */
function dumpOnce(databasePath: string): number | null {
  try {
    return Number(execFileSync('sh', ['-c', `sqlite3 "${databasePath}" .dump | gzip -6 | wc -c`], { maxBuffer: 1024 * 1024 }).toString().trim());
  } catch {
    return null;
  }
}

export async function runBundles(ref: LargeCountyRef): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const copy = copyLargeCounty(ref);
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-bundles-'));
  try {
    const city = await freshOffice(join(root, 'city'), 'city', '4453', '云浮市民政局');
    await city.call('keys.create', {});
    const cityKey = await city.call('keys.publicFile', {});
    const county = await openOffice(copy.dataDir, LARGE_ADMIN);
    await county.call('keys.create', {});
    const cityInfo = await county.call('keys.inspectFile', { content: cityKey.content });
    await county.call('keys.importCityKey', { content: cityKey.content, confirmedFingerprint: cityInfo.fingerprint.hex });
    const countyKey = await county.call('keys.publicFile', {});
    const countyInfo = await city.call('keys.inspectFile', { content: countyKey.content });
    await city.call('cityKeys.enroll', { content: countyKey.content, confirmedFingerprint: countyInfo.fingerprint.hex });
    const year = String(new Date().getFullYear() - 1);

    const files: string[] = [];
    const exportMs = await timed(repeat, async () => {
      const existing = await county.call('bundles.history', {});
      const row = await county.job(await county.call('bundles.export', { period: year, correction: existing.length ? { reason: '基准测试重复导出' } : null }));
      const download = await county.call('bundles.download', { sequence: row.sequence });
      const path = join(root, download.fileName);
      writeFileAtomic(path, Buffer.from(download.contentBase64, 'base64'));
      files.push(path);
    });
    // The county's side alone: the city's import runs on the city's machine, in another process.
    const exportPeakRssMb = peakRssMb();
    const file = files[0]!;
    const size = statSync(file).size;
    const publicKey = JSON.parse(countyKey.content) as { publicKey: string };
    const countyCode = file.split('/').at(-1)!.slice(0, 6);
    const trust = (hex: string) => (hex === publicKey.publicKey ? { county: countyCode, retiredAt: null, revokedAt: null } : null);
    const verifyMs = await timed(repeat, () => verifyBundle(file, { now: new Date(), trust }));
    const importMs = await timed(repeat, async (i) => {
      const path = files[i % files.length]!;
      await city.job(await city.call('cityBundles.import', { fileName: path.split('/').at(-1)!, contentBase64: readFileSync(path).toString('base64') }));
    });
    county.core.close();
    city.core.close();

    const databasePath = databasePathOf(copy.dataDir);
    const dbSize = statSync(databasePath).size;
    let dumpBytes: number | null = null;
    const dumpMs = await timed(repeat, () => {
      dumpBytes = dumpOnce(databasePath);
    });
    const exportMedian = stats(exportMs).median;
    const dumpMedian = stats(dumpMs).median;
    const rows: BenchRow[] = [
      rateRow(`bundle export (${year}, whole job)`, exportMs, size, {
        note: `${mbps(size, exportMedian)} MB/s bundle, ${mbps(dbSize, exportMedian)} MB/s database`,
        ...(dumpBytes !== null ? { target: '≤ dump median', met: exportMedian <= dumpMedian } : {}),
      }),
      { name: 'peak RSS after the exports (the county side, before the city import)', median: null, p95: null, target: '≤ 400 MB', met: exportPeakRssMb <= 400, note: `${exportPeakRssMb} MB` },
      rateRow('bundle verify (streaming)', verifyMs, size),
      rateRow('bundle import at the city (verify, decrypt, store)', importMs, size),
      dumpBytes !== null
        ? rateRow('sqlite3 .dump | gzip -6 (same database)', dumpMs, dbSize, { note: `${mbps(dbSize, dumpMedian)} MB/s database, ${((dumpBytes as number) / 1e6).toFixed(1)} MB gzip` })
        : { name: 'sqlite3 .dump | gzip -6', median: null, p95: null, target: null, met: null, note: 'no sqlite3 CLI: apt-get install -y sqlite3' },
    ];
    return {
      group: 'bundles',
      repeat,
      peakRssMb: peakRssMb(),
      about: `bundle ${(size / 1e6).toFixed(2)} MB, database ${(dbSize / 1e6).toFixed(1)} MB`,
      rows,
      extra: { bundleBytes: size, databaseBytes: dbSize, dumpGzipBytes: dumpBytes },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    copy.dispose();
  }
}

/**
 * large-bundle: 96 MiB of incompressible data in one bundle, writing and verifying beyond any
 * county's size — its own group, so its buffers do not count against the county export's RSS.
 */
export async function runLargeBundle(): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-large-bundle-'));
  try {
    const rows = await largeSyntheticBundle(root, repeat);
    return { group: 'large-bundle', repeat, peakRssMb: peakRssMb(), about: 'synthetic 96 MiB bundle (holds the plain data in memory to write it)', rows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function largeSyntheticBundle(root: string, repeat: number): Promise<BenchRow[]> {
  const key = generateSigningKey();
  const city = await generateCityIdentity();
  const plain = randomBytes(96 * 1024 * 1024);
  const statement = {
    format: 'welfare-ledger/bundle/v1' as const,
    county: { code: '445381', name: '罗定市', office: '罗定市民政局' },
    period: period('year', '2025'),
    sequence: 1,
    previous: null,
    createdAt: new Date().toISOString(),
    createdBy: '基准',
    purpose: { kind: 'regular' as const },
    app: { version: '0.1.0', schema: 5 },
  };
  let file = '';
  const writeMs = await timed(repeat, async (i) => {
    file = join(root, `445381-2025-${String(i + 1).padStart(6, '0')}.wlb`);
    await writeBundle({ outPath: file, statement, files: [{ contents: 'summary', records: 1, plain: Buffer.from('{}\n') }, { contents: 'people', records: 1, plain }], signingKey: key, recipient: city.recipient });
  });
  const size = statSync(file).size;
  const trusted = toHex(key.publicKey);
  const rssBefore = process.memoryUsage().rss;
  const verifyMs = await timed(repeat, () => verifyBundle(file, { now: new Date(), trust: (hex: string) => (hex === trusted ? { county: '445381', retiredAt: null, revokedAt: null } : null) }));
  const growth = Math.round((process.memoryUsage().rss - rssBefore) / 1e6);
  return [
    rateRow('synthetic 96 MiB bundle: write (deflate, encrypt, sign, fsync)', writeMs, size),
    rateRow('synthetic 96 MiB bundle: verify (streaming)', verifyMs, size, { note: `${mbps(size, stats(verifyMs).median)} MB/s, RSS growth ${growth} MB` }),
  ];
}

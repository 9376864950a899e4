/**
 * npm run bench — timings that are goals, not tests. Prints a table and writes bench-results.json.
 *
 * bundles: for the largest demo county (罗定市), a year bundle's export (snapshot, compress,
 * encrypt, sign, write), its verification (structure, signature, every file's SHA-256; streaming)
 * and the city's whole import (verify, decrypt, parse, store), in MB/s of the bundle file — beside
 * `sqlite3 <db> .dump | gzip -6` of the same database, which the export should not be slower than.
 * Peak RSS of this process is reported for the group.
 *
 * imports: a realistic 50 000-row people workbook (valid ID numbers, names, phones, towns and
 * villages of 云城区): exceljs's streaming reader alone, beside the whole commit through the core
 * ('imports.open' + 'imports.commit', polled every 50 ms as the screen does) into a fresh office.
 * Goals: whole ≤ 1.5 × parse, peak RSS < 600 MB, no gap between progress changes over 0.5 s.
 *
 * backups: the largest demo county (罗定市): back up now to a folder, inspect that backup (every
 * SHA-256 and integrity_check), restore it (inspect, keep the current database, swap, reopen).
 *
 * `npm run bench -- imports` (or bundles, backups) runs one group; BENCH_GROUPS=imports,bundles also works.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { childrenOf } from '../db/divisions';
import { checkCharacter } from '../main/contract/validators/id-number';
import type { ImportReport } from '../main/contract/areas/imports';
import { generateCityIdentity, generateSigningKey, toHex } from '../main/bundles/keys';
import { period } from '../main/bundles/statement';
import { verifyBundle } from '../main/bundles/verify-bundle';
import { writeBundle } from '../main/bundles/write-bundle';
import type { Input, Output, RequestName } from '../main/contract';
import type { JobStatus } from '../main/contract/areas/jobs';
import { writeFileAtomic } from '../main/services/files';
import { createLedgerCore, type LedgerCore } from '../main/services/ledger-core';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const ADMIN = { username: 'admin', displayName: '基准', password: 'benchmark secret 1', passwordConfirm: 'benchmark secret 1' };

class Client {
  private readonly session;
  constructor(readonly core: LedgerCore) {
    this.session = core.newSession();
  }
  async call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
    const result = await this.core.dispatch(this.session, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as Output<K>;
  }
  async job<T>(started: JobStatus<T>): Promise<T> {
    for (;;) {
      const status = (await this.call('jobs.status', { id: started.id })) as JobStatus<T>;
      if (status.state === 'done') return status.result as T;
      if (status.state !== 'running') throw new Error(`job ${status.kind}: ${status.error?.message ?? status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

async function office(dir: string, mode: 'county' | 'city', division: string, name: string): Promise<Client> {
  const core = createLedgerCore({ dataDir: dir, log: (e) => console.error(e) });
  const client = new Client(core);
  await client.call('setup.create', { mode, divisionCode: division, officeName: name, databasePath: join(dir, `${division}.sqlite`), admin: ADMIN });
  await client.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function timed(work: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function benchBundles() {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-'));
  try {
    const city = await office(join(root, 'city'), 'city', '4453', '云浮市民政局');
    await city.call('keys.create', {});
    const cityKey = await city.call('keys.publicFile', {});
    const county = await office(join(root, 'county'), 'county', '445381', '罗定市民政局');
    await county.call('demo.fill', {});
    await county.call('keys.create', {});
    const cityInfo = await county.call('keys.inspectFile', { content: cityKey.content });
    await county.call('keys.importCityKey', { content: cityKey.content, confirmedFingerprint: cityInfo.fingerprint.hex });
    const countyKey = await county.call('keys.publicFile', {});
    const countyInfo = await city.call('keys.inspectFile', { content: countyKey.content });
    await city.call('cityKeys.enroll', { content: countyKey.content, confirmedFingerprint: countyInfo.fingerprint.hex });

    const files: string[] = [];
    const exportMs = await timed(async () => {
      const existing = await county.call('bundles.history', {});
      const row = await county.job(
        await county.call('bundles.export', { period: '2025', correction: existing.length ? { reason: '基准测试重复导出' } : null }),
      );
      const download = await county.call('bundles.download', { sequence: row.sequence });
      const path = join(root, download.fileName);
      writeFileAtomic(path, Buffer.from(download.contentBase64, 'base64'));
      files.push(path);
    });
    const file = files[0]!;
    const size = statSync(file).size;
    const publicKey = JSON.parse(countyKey.content) as { publicKey: string };
    const verifyMs = await timed(() =>
      verifyBundle(file, { now: new Date(), trust: (hex: string) => (hex === publicKey.publicKey ? { county: '445381', retiredAt: null, revokedAt: null } : null) }),
    );
    let imported = 0;
    const importMs = await timed(async () => {
      const path = files[imported++ % files.length]!;
      await city.job(await city.call('cityBundles.import', { fileName: path.split('/').at(-1)!, contentBase64: readFileSync(path).toString('base64') }));
    });

    const dbPath = join(root, 'county', '445381.sqlite');
    let dumpMs: number[] | null = null;
    let dumpBytes = 0;
    try {
      dumpMs = await timed(() => {
        dumpBytes = execFileSync('sh', ['-c', `sqlite3 "${dbPath}" .dump | gzip -6 | wc -c`]).toString().trim() as unknown as number;
      });
    } catch {
      dumpMs = null; // no sqlite3 on this machine
    }
    const dbSize = statSync(dbPath).size;
    const mbps = (bytes: number, ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
    const rows: { name: string; median: number; p95: number; throughput: number | null; databaseThroughput?: number }[] = [
      { name: 'bundle export (罗定市 2025, whole job)', ...stats(exportMs), throughput: mbps(size, stats(exportMs).median), databaseThroughput: mbps(dbSize, stats(exportMs).median) },
      { name: 'bundle verify (streaming)', ...stats(verifyMs), throughput: mbps(size, stats(verifyMs).median) },
      { name: 'bundle import at the city (verify, decrypt, store)', ...stats(importMs), throughput: mbps(size, stats(importMs).median) },
      ...(dumpMs ? [{ name: 'sqlite3 .dump | gzip -6 (same database)', ...stats(dumpMs), throughput: null, databaseThroughput: mbps(dbSize, stats(dumpMs).median) }] : []),
    ];
    city.core.close();
    county.core.close();
    return { group: 'bundles', bundleBytes: size, databaseBytes: dbSize, dumpGzipBytes: Number(dumpBytes), rows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * A synthetic 96 MiB bundle (one incompressible data file): writing (deflate, encrypt, sign,
 * atomic write) and streaming verification at a size no demo county reaches; the RSS growth of
 * verification shows it does not hold the file.
 */
async function benchLargeBundle() {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-large-'));
  try {
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
    let n = 0;
    let file = '';
    const writeMs = await timed(async () => {
      file = join(root, `445381-2025-${String(++n).padStart(6, '0')}.wlb`);
      await writeBundle({ outPath: file, statement, files: [{ contents: 'summary', records: 1, plain: Buffer.from('{}\n') }, { contents: 'people', records: 1, plain }], signingKey: key, recipient: city.recipient });
    });
    const size = statSync(file).size;
    const trusted = toHex(key.publicKey);
    const rssBefore = process.memoryUsage().rss;
    const verifyMs = await timed(() => verifyBundle(file, { now: new Date(), trust: (hex: string) => (hex === trusted ? { county: '445381', retiredAt: null, revokedAt: null } : null) }));
    const rssGrowthMb = Math.round((process.memoryUsage().rss - rssBefore) / 1e6);
    const mbps = (bytes: number, ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
    return {
      group: 'large synthetic bundle',
      bundleBytes: size,
      databaseBytes: 0,
      dumpGzipBytes: 0,
      verifyRssGrowthMb: rssGrowthMb,
      rows: [
        { name: 'write 96 MiB bundle (deflate, encrypt, sign, fsync)', ...stats(writeMs), throughput: mbps(size, stats(writeMs).median) },
        { name: 'verify 96 MiB bundle (streaming)', ...stats(verifyMs), throughput: mbps(size, stats(verifyMs).median) },
      ] as { name: string; median: number; p95: number; throughput: number | null; databaseThroughput?: number }[],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ——— imports ———

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const IMPORT_HEADERS = ['姓名', '身份证号', '联系电话', '户籍镇（街道）', '户籍村（居）', '详细地址'];
const SURNAMES = '陈李黄张梁林刘何罗吴邓冯谢苏叶潘杜彭麦欧';
const GIVEN = '秀英玉兰桂芳金凤月娥志强国华伟明建文德荣锦华丽珍美玲亚婷少华耀宗炳坤润英桂英';

/** A deterministic pseudo-random sequence, so every run imports the same workbook. */
function seeded(seed: number) {
  // mulberry32: 32-bit integer arithmetic (a float LCG loses bits past 2^53 and falls into short cycles).
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A people workbook as an office keeps it: shared strings (as Excel writes), ID numbers as text. */
async function peopleWorkbook(path: string, rows: number): Promise<Buffer> {
  const random = seeded(7);
  const pick = <T>(items: ArrayLike<T>) => items[Math.floor(random() * items.length)]!;
  const towns = childrenOf('445302').map((t) => ({ name: t.name, villages: childrenOf(t.code).map((v) => v.name) }));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('人员信息');
  sheet.addRow(IMPORT_HEADERS).commit();
  const used = new Set<string>();
  for (let i = 0; i < rows; i++) {
    let id: string;
    do {
      const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(random() * 35 * 365.25) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const first17 = `445302${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
      id = first17 + checkCharacter(first17);
    } while (used.has(id));
    used.add(id);
    const town = pick(towns);
    const village = random() < 0.7 && town.villages.length > 0 ? pick(town.villages) : null;
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
    const phone = random() < 0.8 ? `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null;
    sheet.addRow([name, id, phone, town.name, village, `${town.name}${1 + Math.floor(random() * 300)} 号`]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return readFileSync(path);
}

/** exceljs's streaming reader over every row, nothing else: the floor an import cannot go under. */
async function parseOnly(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const _row of worksheet as unknown as AsyncIterable<unknown>) rows++;
  }
  return rows;
}

async function benchImports() {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-imports-'));
  try {
    const path = join(root, '人员信息.xlsx');
    const bytes = await peopleWorkbook(path, IMPORT_ROWS);
    let parsedRows = 0;
    const parseMs = await timed(async () => {
      parsedRows = await parseOnly(bytes);
    });

    // The whole commit, once (a fresh office each time would dominate the run): polled as the screen does.
    const client = await office(join(root, 'office'), 'county', '445302', '云城区民政局');
    let peakRss = process.memoryUsage().rss;
    let largestGapMs = 0;
    let polls = 0;
    const start = performance.now();
    const info = await client.call('imports.open', { register: 'people', fileName: '人员信息.xlsx', contentBase64: bytes.toString('base64') });
    let status = (await client.call('imports.commit', { token: info.token, mapping: info.mapping, allOrNothing: false, locale: 'zh-CN' })) as JobStatus<ImportReport>;
    let seen = `${status.phase}:${status.done}`;
    let changedAt = performance.now();
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await client.call('jobs.status', { id: status.id })) as JobStatus<ImportReport>;
      polls++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const now = performance.now();
      const progress = `${status.phase}:${status.done}`;
      if (progress !== seen || status.state !== 'running') {
        largestGapMs = Math.max(largestGapMs, now - changedAt);
        seen = progress;
        changedAt = now;
      }
    }
    const wholeMs = performance.now() - start;
    if (status.state !== 'done' || !status.result) throw new Error(`import job ${status.state}: ${status.error?.message ?? ''}`);
    const report = status.result;
    client.core.close();
    const parse = stats(parseMs).median;
    return {
      group: 'imports',
      rows: IMPORT_ROWS,
      parsedRows,
      fileBytes: bytes.length,
      parseMedianMs: Math.round(parse),
      parseP95Ms: Math.round(stats(parseMs).p95),
      wholeMs: Math.round(wholeMs),
      ratio: Math.round((wholeMs / parse) * 100) / 100,
      rowsPerSecond: Math.round(IMPORT_ROWS / (wholeMs / 1000)),
      peakRssMb: Math.round(peakRss / 1e6),
      largestProgressGapMs: Math.round(largestGapMs),
      polls,
      counts: report.counts,
      timings: report.timings,
      goals: { ratio: 1.5, peakRssMb: 600, largestProgressGapMs: 500 },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function printImports(g: Awaited<ReturnType<typeof benchImports>>) {
  const mark = (ok: boolean) => (ok ? 'ok' : 'OVER GOAL');
  console.log(`\nimports: ${g.rows} people rows, file ${(g.fileBytes / 1e6).toFixed(2)} MB`);
  console.log(`  parse only (exceljs streaming reader, ${g.parsedRows} rows)  median ${g.parseMedianMs} ms, p95 ${g.parseP95Ms} ms`);
  console.log(`  whole commit (open + commit job)        ${g.wholeMs} ms, ${g.rowsPerSecond} rows/s (read ${g.timings.readMs}, check ${g.timings.checkMs}, write ${g.timings.writeMs} ms)`);
  console.log(`  ratio whole / parse                     ${g.ratio} (goal ≤ ${g.goals.ratio}) ${mark(g.ratio <= g.goals.ratio)}`);
  console.log(`  peak RSS while importing                ${g.peakRssMb} MB (goal < ${g.goals.peakRssMb}) ${mark(g.peakRssMb < g.goals.peakRssMb)}`);
  console.log(`  largest gap between progress changes    ${g.largestProgressGapMs} ms over ${g.polls} polls (goal ≤ ${g.goals.largestProgressGapMs}) ${mark(g.largestProgressGapMs <= g.goals.largestProgressGapMs)}`);
  const { create, update, unchanged, error } = g.counts;
  console.log(`  outcome: ${create} created, ${update} updated, ${unchanged} unchanged, ${error} in error${error > 0 || create !== g.rows ? '  ← NOT ALL ROWS IMPORTED' : ''}`);
}

// ——— backups ———

/** The largest demo county (罗定市): a backup to a folder, its inspection, and a restore (all through the core, as the page does). */
async function benchBackups() {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-backups-'));
  try {
    const client = await office(join(root, 'office'), 'county', '445381', '罗定市民政局');
    await client.call('demo.fill', {});
    const once = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    const backupMs: number[] = [];
    const inspectMs: number[] = [];
    const restoreMs: number[] = [];
    let size = 0;
    for (let i = 0; i < REPEAT; i++) {
      let info: { path: string; size: number } | null = null;
      backupMs.push(
        await once(async () => {
          info = await client.job(await client.call('backups.create', { folder: join(root, `usb-${i}`) }));
        }),
      );
      const path = info!.path;
      size = info!.size;
      inspectMs.push(await once(() => client.call('backups.inspect', { path })));
      restoreMs.push(await once(() => client.call('backups.restore', { path })));
      await client.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    }
    client.core.close();
    const row = (name: string, samples: number[]) => ({ name, median: stats(samples).median, p95: stats(samples).p95 });
    return { group: 'backups', size, rows: [row('backup now (database + attachments)', backupMs), row('inspect (hashes + integrity_check)', inspectMs), row('restore (inspect, keep current, swap, reopen)', restoreMs)] };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const wanted = new Set([...process.argv.slice(2), ...(process.env.BENCH_GROUPS ?? '').split(',')].map((g) => g.trim()).filter(Boolean));
  const want = (group: string) => wanted.size === 0 || wanted.has(group);
  // Imports first: the peak RSS it reports is then its own, not the large bundle's.
  const imports = want('imports') ? await benchImports() : null;
  const groups = want('bundles') ? [await benchBundles(), await benchLargeBundle()] : [];
  const backups = want('backups') ? await benchBackups() : null;
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (imports) printImports(imports);
  for (const g of groups) {
    console.log(
      'verifyRssGrowthMb' in g
        ? `\n${g.group}: bundle ${(g.bundleBytes / 1e6).toFixed(2)} MB; RSS growth while verifying ${g.verifyRssGrowthMb} MB`
        : `\n${g.group}: bundle ${(g.bundleBytes / 1e6).toFixed(2)} MB, database ${(g.databaseBytes / 1e6).toFixed(2)} MB, dump|gzip ${(g.dumpGzipBytes / 1e6).toFixed(2)} MB`,
    );
    // MB/s of the bundle file, and (export and dump) of the database they read.
    console.log(['benchmark'.padEnd(52), 'median ms', '  p95 ms', 'bundle MB/s', 'database MB/s'].join(' '));
    for (const r of g.rows) {
      console.log(
        [r.name.padEnd(52), r.median.toFixed(1).padStart(9), r.p95.toFixed(1).padStart(8), String(r.throughput ?? '—').padStart(11), String(r.databaseThroughput ?? '—').padStart(13)].join(' '),
      );
    }
  }
  if (backups) {
    console.log(`\nbackups: 罗定市 demo data, backup ${(backups.size / 1e6).toFixed(2)} MB`);
    for (const r of backups.rows) console.log(`  ${r.name.padEnd(48)} median ${r.median.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`);
  }
  console.log(`\npeak RSS ${rssMb} MB (repetitions: ${REPEAT}; Node ${process.version})`);
  writeFileAtomic('bench-results.json', `${JSON.stringify({ at: new Date().toISOString(), node: process.version, repeat: REPEAT, peakRssMb: rssMb, groups: [...(imports ? [imports] : []), ...groups, ...(backups ? [backups] : [])] }, null, 2)}\n`);
}

void main();

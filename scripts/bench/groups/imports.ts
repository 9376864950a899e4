/**
 * imports: a realistic 50 000-row people workbook (valid ID numbers, names, phones, towns and
 * villages of 云城区): exceljs's streaming reader alone, beside the whole commit through the core
 * ('imports.open' + 'imports.commit', polled every 50 ms as the screen does) into a fresh office.
 * Goals: whole ≤ 1.5 × parse, peak RSS < 600 MB, no gap between progress changes over 0.5 s.
 * (Its own fresh office, not the large county: an import lands in an office's register.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { childrenOf } from '../../../db/divisions';
import { checkCharacter } from '../../../main/contract/validators/id-number';
import type { ImportReport } from '../../../main/contract/areas/imports';
import type { JobStatus } from '../../../main/contract/areas/jobs';
import { freshOffice } from '../client';
import { round, type GroupResult } from '../result';
import { peakRssMb, repeatFor, stats, timed } from '../stats';

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

export async function runImports(): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-imports-'));
  try {
    const path = join(root, '人员信息.xlsx');
    const bytes = await peopleWorkbook(path, IMPORT_ROWS);
    let parsedRows = 0;
    const parseMs = await timed(repeat, async () => {
      parsedRows = await parseOnly(bytes);
    });

    // The whole commit, once (a fresh office each time would dominate the run): polled as the screen does.
    const client = await freshOffice(join(root, 'office'), 'county', '445302', '云城区民政局');
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
    const parse = stats(parseMs);
    const ratio = Math.round((wholeMs / parse.median) * 100) / 100;
    const { create, update, unchanged, error } = report.counts;
    const t = report.timings;
    return {
      group: 'imports',
      repeat,
      peakRssMb: peakRssMb(),
      about: `${IMPORT_ROWS} people rows, file ${(bytes.length / 1e6).toFixed(2)} MB; ${create} created, ${update} updated, ${unchanged} unchanged, ${error} in error${error > 0 || create !== IMPORT_ROWS ? ' ← NOT ALL ROWS IMPORTED' : ''}`,
      rows: [
        { name: `parse only (exceljs streaming reader, ${parsedRows} rows)`, median: round(parse.median), p95: round(parse.p95), target: null, met: null },
        { name: 'whole commit (open + commit job), once', median: round(wholeMs), p95: null, target: '≤ 1.5 × parse', met: ratio <= 1.5, note: `ratio ${ratio}; ${Math.round(IMPORT_ROWS / (wholeMs / 1000))} rows/s (read ${t.readMs}, check ${t.checkMs}, write ${t.writeMs} ms)` },
        { name: 'peak RSS while importing (sampled)', median: null, p95: null, target: '< 600 MB', met: peakRss / 1e6 < 600, note: `${Math.round(peakRss / 1e6)} MB` },
        { name: 'largest gap between progress changes', median: round(largestGapMs), p95: null, target: '≤ 500 ms', met: largestGapMs <= 500, note: `${polls} polls` },
      ],
      extra: { rows: IMPORT_ROWS, parsedRows, fileBytes: bytes.length, counts: report.counts, timings: report.timings },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_REGISTERS, type ImportMapping, type ImportRegisterName, type ImportReport } from '../contract/areas/imports';
import type { JobStatus } from '../contract/areas/jobs';
import { formatMessage } from '../contract/errors';
import type { Locale } from '../contract/messages';
import { writeFileAtomic } from '../services/files';
import { locale as envLocale, RefusedError, UsageError, withUser, type Client } from './cli-support';

/**
 * `welfare-ledger import REGISTER FILE`: the app's import page from a script. The same requests
 * ('imports.open', then 'imports.preview' or 'imports.commit'), so the same checks, the same
 * single audit event and the same remembered column mapping. Exit status 1 when any row is in
 * error, so a script notices; the rows in error are written beside the file to fix and re-import.
 */

/** Names offices use for the registers, besides the contract's own. */
const REGISTER_ALIASES: Record<string, ImportRegisterName> = {
  人员: 'people',
  人员信息: 'people',
  站点: 'stations',
  养老服务站点: 'stations',
  月度统计: 'station_month_stats',
  站点月度统计: 'station_month_stats',
  家床: 'family_beds',
  家庭养老床位: 'family_beds',
  机构: 'institutions',
  供养机构: 'institutions',
  在院人员: 'residents',
  供养人员: 'residents',
  改造: 'renovation_cases',
  适老化改造: 'renovation_cases',
};

/** How many error lines are printed; the error rows workbook has them all. */
const MAX_PRINTED_ISSUES = 50;

export const IMPORT_USAGE = `  import REGISTER FILE
                check and import a spreadsheet (.xlsx, or .csv in UTF-8 or GBK) into a
                register: ${IMPORT_REGISTERS.join(', ')} (or 人员, 站点, 家床, …);
                one audit event; the rows in error go to FILE-错误行.xlsx; exit status 1
                when any row is in error
                --db FILE.sqlite --user USERNAME [--dry-run] [--all-or-nothing]
                [--sheet NAME] [--map COLUMN=HEADER ...] [--locale en]
                --dry-run: check only, write nothing; --all-or-nothing: write nothing
                if any row is in error (else the valid rows are written);
                --map: the file's HEADER for a register COLUMN (key or template
                header; empty HEADER: not in this file)`;

export function registerName(name: string): ImportRegisterName {
  const normal = name.trim().replaceAll('-', '_');
  const found = (IMPORT_REGISTERS as readonly string[]).includes(normal) ? (normal as ImportRegisterName) : REGISTER_ALIASES[name.trim()];
  if (!found) throw new UsageError(`unknown register: ${name} (one of ${IMPORT_REGISTERS.join(', ')})`);
  return found;
}

const WORDS = {
  'zh-CN': {
    phase: { reading: '读取', checking: '检查', writing: '写入' } as Record<string, string>,
    file: (register: string, file: string, where: string) => `${register} ← ${file}（${where}）`,
    where: (sheet: string | null, encoding: string | null, headerRow: number) =>
      [sheet ? `工作表“${sheet}”` : null, encoding ? `编码 ${encoding === 'gb18030' ? 'GBK' : 'UTF-8'}` : null, `表头在第 ${headerRow} 行`].filter(Boolean).join('，'),
    counts: (r: ImportReport) => `共 ${r.rows} 行：新增 ${r.counts.create}，更新 ${r.counts.update}，未变 ${r.counts.unchanged}，错误 ${r.counts.error}`,
    dryRun: '试导入：已检查，未写入任何数据。',
    committed: '已写入。',
    blocked: '有错误的行，按“全部或全不”的要求，未写入任何数据。',
    nothing: '没有写入任何数据。',
    row: (n: number) => `第 ${n} 行`,
    more: (m: number) => `… 另有 ${m} 处`,
    errorFile: (path: string) => `错误行已写入 ${path}`,
    errorSuffix: '-错误行',
  },
  en: {
    phase: { reading: 'reading', checking: 'checking', writing: 'writing' } as Record<string, string>,
    file: (register: string, file: string, where: string) => `${register} ← ${file} (${where})`,
    where: (sheet: string | null, encoding: string | null, headerRow: number) =>
      [sheet ? `sheet "${sheet}"` : null, encoding ? `encoding ${encoding === 'gb18030' ? 'GBK' : 'UTF-8'}` : null, `header on row ${headerRow}`].filter(Boolean).join(', '),
    counts: (r: ImportReport) => `${r.rows} rows: ${r.counts.create} new, ${r.counts.update} updated, ${r.counts.unchanged} unchanged, ${r.counts.error} in error`,
    dryRun: 'Dry run: checked, nothing written.',
    committed: 'Written.',
    blocked: 'Rows are in error and all-or-nothing was asked: nothing written.',
    nothing: 'Nothing written.',
    row: (n: number) => `row ${n}`,
    more: (m: number) => `… ${m} more`,
    // The error workbook keeps the Chinese suffix the app gives it, so both find the same file.
    errorFile: (path: string) => `rows in error written to ${path}`,
    errorSuffix: '-错误行',
  },
};

/** --map COLUMN=HEADER pairs applied to the auto/remembered mapping; COLUMN is a key or a template header. */
async function applyMap(
  client: Client,
  register: ImportRegisterName,
  headers: string[],
  mapping: ImportMapping,
  pairs: string[],
  locale: Locale,
): Promise<ImportMapping> {
  if (pairs.length === 0) return mapping;
  const info = (await client.call('imports.registers', { locale })).find((r) => r.name === register)!;
  const result = { ...mapping };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--map takes COLUMN=HEADER, not ${pair}`);
    const name = pair.slice(0, eq).trim();
    const header = pair.slice(eq + 1).trim();
    const column = info.columns.find((c) => c.key === name || c.header === name);
    if (!column) throw new UsageError(`--map: ${register} has no column ${name} (one of ${info.columns.map((c) => c.key).join(', ')})`);
    if (header === '') {
      result[column.key] = null;
      continue;
    }
    const index = headers.findIndex((h) => h === header);
    if (index < 0) throw new UsageError(`--map: the file has no column headed ${header} (its headers: ${headers.join(', ')})`);
    result[column.key] = index;
  }
  return result;
}

/** Polls the job, printing the phase and percentage on stderr when they change. */
async function waitForImport(client: Client, job: JobStatus<ImportReport>, locale: Locale): Promise<ImportReport> {
  const words = WORDS[locale];
  let status: JobStatus = job;
  let shown = '';
  for (;;) {
    if (status.total > 0) {
      const line = `${words.phase[status.phase] ?? status.phase} ${Math.floor((100 * status.done) / status.total)}%`;
      // Whole tens only: a log stays short, a terminal still sees it move.
      const step = `${status.phase} ${Math.floor((10 * status.done) / status.total)}`;
      if (step !== shown) console.error(line);
      shown = step;
    }
    if (status.state !== 'running') break;
    await new Promise((done) => setTimeout(done, 50));
    status = await client.call('jobs.status', { id: job.id });
  }
  if (status.state !== 'done' || !status.result) {
    const error = status.error;
    throw new RefusedError(error ? formatMessage(error.code, error.field, error.params, locale) : status.state);
  }
  return status.result as ImportReport;
}

/** One printed line per problem: 第 12 行 [身份证号] 校验位错误… (44530219...) */
export function issueLine(issue: ImportReport['issues'][number], locale: Locale): string {
  const words = WORDS[locale];
  return [words.row(issue.row), issue.column ? `[${issue.column}]` : null, issue.message, issue.value !== null && issue.value !== '' ? `(${issue.value})` : null]
    .filter(Boolean)
    .join(' ');
}

/** Runs the command; the exit status: 1 when any row is in error, else 0. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'all-or-nothing': { type: 'boolean', default: false },
      sheet: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      locale: { type: 'string' },
    },
  });
  if (positionals.length !== 2) throw new UsageError('import takes REGISTER FILE');
  const register = registerName(positionals[0]!);
  const path = resolve(positionals[1]!);
  if (values.locale !== undefined && values.locale !== 'en' && values.locale !== 'zh-CN') throw new UsageError('--locale must be en or zh-CN');
  if (values['dry-run'] && values['all-or-nothing']) throw new UsageError('--all-or-nothing goes with an import, not --dry-run');
  const locale: Locale = (values.locale as Locale | undefined) ?? envLocale;
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    bytes = readFileSync(path);
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  const words = WORDS[locale];
  let status = 0;

  await withUser(values, async (client) => {
    const info = await client.call('imports.open', {
      register,
      fileName: basename(path),
      contentBase64: bytes.toString('base64'),
      ...(values.sheet ? { sheet: values.sheet } : {}),
    });
    const mapping = await applyMap(client, register, info.headers, info.mapping, values.map ?? [], locale);
    const title = (await client.call('imports.registers', { locale })).find((r) => r.name === register)?.title ?? register;
    console.log(words.file(title, info.fileName, words.where(info.sheet, info.encoding, info.headerRow)));

    const job = values['dry-run']
      ? await client.call('imports.preview', { token: info.token, mapping, locale })
      : await client.call('imports.commit', { token: info.token, mapping, allOrNothing: values['all-or-nothing'] ?? false, locale });
    const report = await waitForImport(client, job, locale);

    console.log(words.counts(report));
    console.log(values['dry-run'] ? words.dryRun : report.committed ? words.committed : report.counts.error > 0 ? words.blocked : words.nothing);
    for (const issue of report.issues.slice(0, MAX_PRINTED_ISSUES)) console.log(issueLine(issue, locale));
    const more = report.issues.length - MAX_PRINTED_ISSUES;
    if (more > 0 || report.issuesTruncated) console.log(words.more(Math.max(more, 0)) + (report.issuesTruncated ? '+' : ''));

    if (report.counts.error > 0) {
      const workbook = await client.call('imports.errorRows', { token: info.token, locale });
      const out = join(dirname(path), `${basename(path, extname(path))}${words.errorSuffix}.xlsx`);
      writeFileAtomic(out, Buffer.from(workbook.contentBase64, 'base64'));
      console.log(words.errorFile(out));
      status = 1;
    }
  });
  return status;
}

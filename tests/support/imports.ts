import ExcelJS from 'exceljs';
import type { ImportFileInfo, ImportMapping, ImportRegisterName, ImportReport } from '../../main/contract/areas/imports';
import type { JobStatus } from '../../main/contract/areas/jobs';
import { JobFailed, waitForJob } from './bundles';
import type { TestClient } from './office';

export interface XlsxOptions {
  /** The worksheet's name (default 'Sheet1'). */
  sheet?: string;
  /** Rows written above the header row (a title line, as offices' 台账 often have). */
  above?: unknown[][];
  /**
   * 0-based columns formatted as text ('@'), as a careful clerk formats the 身份证号 column.
   * Values are written as given either way: a string stays a string cell.
   */
  textColumns?: number[];
}

/** A real .xlsx workbook (exceljs) with `headers` on one row and `rows` under it; null/undefined cells stay empty. */
export async function writeXlsx(headers: string[], rows: unknown[][], opts: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(opts.sheet ?? 'Sheet1');
  for (const line of opts.above ?? []) ws.addRow(line);
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row.map((v) => (v === undefined ? null : v)));
  for (const c of opts.textColumns ?? []) ws.getColumn(c + 1).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV text (cells quoted when needed) with CRLF line ends, as Excel saves it (GBK bytes: gbkBytes). */
export function csvText(headers: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

let gbkTable: Map<string, number[]> | undefined;

/**
 * Text as GBK bytes, as Excel on a Chinese Windows saves "CSV (逗号分隔)". Node has no GBK encoder,
 * so the table is built by decoding every two-byte GBK sequence once.
 */
export function gbkBytes(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const char = decoder.decode(new Uint8Array([lead, trail]));
          if (!gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
        } catch {
          // not a GBK character
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`not in GBK: ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

export interface ImportOptions {
  /** Overrides of the auto/remembered mapping (column key → 0-based file column, or null). */
  mapping?: ImportMapping;
  /** Commit only: write nothing if any row is in error (default false: the valid rows are written). */
  allOrNothing?: boolean;
  /** Run 'imports.preview' instead of 'imports.commit'. */
  preview?: boolean;
  locale?: 'zh-CN' | 'en';
  sheet?: string;
}

export interface ImportRun {
  info: ImportFileInfo;
  report: ImportReport;
  status: JobStatus<ImportReport>;
}

/** Uploads a file ('imports.open'), previews or commits it, and waits for the job; throws JobFailed unless the job is done. */
export async function runImport(
  client: TestClient,
  register: ImportRegisterName,
  fileName: string,
  bytes: Buffer | Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportRun> {
  const info = await client.call('imports.open', {
    register,
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
  const mapping = { ...info.mapping, ...opts.mapping };
  const locale = opts.locale ?? 'zh-CN';
  const job = opts.preview
    ? await client.call('imports.preview', { token: info.token, mapping, locale })
    : await client.call('imports.commit', { token: info.token, mapping, allOrNothing: opts.allOrNothing ?? false, locale });
  const status = await waitForJob<ImportReport>(client, job as JobStatus<ImportReport>);
  if (status.state !== 'done' || !status.result) throw new JobFailed(status);
  return { info, report: status.result, status };
}

/** Like runImport, the report only. */
export async function importFile(
  client: TestClient,
  register: ImportRegisterName,
  fileName: string,
  bytes: Buffer | Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  return (await runImport(client, register, fileName, bytes, opts)).report;
}

/** The report's issues as `row column code` lines: short, readable assertions. */
export function issueLines(report: ImportReport): string[] {
  return report.issues.map((i) => `${i.row} ${i.column ?? '-'} ${i.code}`);
}

import { z } from 'zod';
import { request } from '../define';
import { requiredText } from '../fields';
import { IMPORT_REGISTERS, MAX_IMPORT_BYTES, type ImportRegisterName } from './import-enums';
import type { JobStatus } from './jobs';

export * from './import-enums';

/**
 * Spreadsheet import: the offices' existing Excel/CSV 台账 brought into the registers. The clerk
 * uploads a file (`imports.open`: headers and a sample, columns auto-matched), confirms the
 * column mapping, gets a preview (`imports.preview`, a job: every row as will-create /
 * will-update / error, nothing written), and confirms (`imports.commit`, a job: the same checks
 * again, then the valid rows in one transaction, or nothing at all when the clerk chose
 * all-or-nothing and a row is in error). One audit event names the file and its SHA-256.
 */


/** One column of a register's template, as the mapping screen lists it. */
export interface ImportColumnInfo {
  key: string;
  /** The template's header (the UI language). */
  header: string;
  required: boolean;
  /** One line for the instructions sheet and the mapping screen: format, allowed values, example. */
  note: string;
}

export interface ImportRegisterInfo {
  name: ImportRegisterName;
  title: string;
  /** How a row finds the record it updates, in words (e.g. 按身份证号匹配；无身份证号时按姓名+出生日期). */
  matchedBy: string;
  columns: ImportColumnInfo[];
}

/** Column key → index of the file's column (0-based), or null for "not in this file". */
export const importMapping = z.record(z.string().max(40), z.number().int().min(0).max(500).nullable());
export type ImportMapping = z.infer<typeof importMapping>;

/** What `imports.open` learned of an uploaded file, before anything is checked. */
export interface ImportFileInfo {
  /** Names the upload in the later requests; kept on the main side for an hour. */
  token: string;
  register: ImportRegisterName;
  fileName: string;
  size: number;
  sha256: string;
  format: 'xlsx' | 'csv';
  /** CSV only: how the bytes were decoded. */
  encoding: 'utf-8' | 'gb18030' | null;
  /** xlsx only: the worksheet read (the first one that holds a header row the register knows). */
  sheet: string | null;
  /** 1-based row number of the header row in the file. */
  headerRow: number;
  /** The file's headers, in file order (a blank header reads "列 N"). */
  headers: string[];
  /** The first data rows as text, for the mapping screen. */
  sample: string[][];
  /** Auto-matched by header name, or the mapping last used for this register when its headers fit. */
  mapping: ImportMapping;
  mappingSource: 'remembered' | 'headers';
}

/** One problem of one row. `row` is the file's own row number, so the clerk finds it in Excel. */
export interface ImportIssue {
  row: number;
  /** The file's header of the offending column; null when the problem is the row as a whole. */
  column: string | null;
  code: string;
  /** The reason, in the request's language (e.g. 身份证号：校验位错误，应为 X). */
  message: string;
  /** The cell as the file has it. */
  value: string | null;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRowPreview {
  row: number;
  action: ImportAction;
  /** Who or what the row is, e.g. 张三 445302********123X, or 河口街道综合养老服务中心. */
  label: string;
  /** For updates: the fields that change, as header names. */
  changes: string[];
}

export interface ImportReport {
  register: ImportRegisterName;
  fileName: string;
  sha256: string;
  /** Data rows read (blank rows, a totals row and the template's example row left out). */
  rows: number;
  /** The template's example row was found under the headers and left out. */
  exampleSkipped: boolean;
  counts: Record<ImportAction, number>;
  /** Every problem, in row order (at most MAX_REPORTED_ISSUES; `issuesTruncated` says when more). */
  issues: ImportIssue[];
  issuesTruncated: boolean;
  /** The first rows of each action, for the preview table. */
  preview: ImportRowPreview[];
  /** Set by a commit: whether rows were written, and whether errors blocked an all-or-nothing import. */
  committed: boolean;
  allOrNothing: boolean;
  /** A committed import: its id in the import history (to undo it). */
  importId: string | null;
  /** Milliseconds spent reading, checking and (commit) writing. */
  timings: { readMs: number; checkMs: number; writeMs: number };
}


/** A committed import, as the history lists it. */
export interface ImportRunRow {
  id: string;
  register: ImportRegisterName;
  fileName: string;
  sha256: string;
  rows: number;
  counts: { create: number; update: number; unchanged: number; error: number };
  importedAt: string;
  importedBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
  /**
   * Why it cannot be undone as a whole, when it cannot: already undone, or it wrote records that
   * keep their history as events (admissions, renovation steps: reverse those one by one).
   */
  undoBlocked: 'undone' | 'history' | null;
}

export interface ImportUndone {
  run: ImportRunRow;
  /** Rows deleted (the import had added them) and restored (it had changed them). */
  deleted: number;
  restored: number;
}

export interface ImportedWorkbook {
  fileName: string;
  contentBase64: string;
  rows: number;
}

const register = z.enum(IMPORT_REGISTERS);
const locale = z.enum(['zh-CN', 'en']).nullish();
const token = z.uuid();

export const importRequests = {
  'imports.registers': request<ImportRegisterInfo[]>()({ access: 'viewer', input: z.strictObject({ locale }) }),
  /** The register's template: headers, an instructions sheet, drop-down lists and an example row. */
  'imports.template': request<ImportedWorkbook>()({ access: 'viewer', input: z.strictObject({ register, locale }) }),
  'imports.open': request<ImportFileInfo>()({
    access: 'clerk',
    maxBytes: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4096,
    input: z.strictObject({
      register,
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
      /** xlsx: read this worksheet instead of the one found. */
      sheet: z.string().max(100).nullish(),
    }),
  }),
  /** Checks every row; writes nothing (except remembering the mapping). The job's result is the report. */
  'imports.preview': request<JobStatus<ImportReport>>()({
    access: 'clerk',
    input: z.strictObject({ token, mapping: importMapping, locale }),
  }),
  /** Checks again and writes: the valid rows in one transaction, or (allOrNothing) nothing if any row is in error. */
  'imports.commit': request<JobStatus<ImportReport>>()({
    access: 'clerk',
    input: z.strictObject({ token, mapping: importMapping, allOrNothing: z.boolean(), locale }),
  }),
  /** Committed imports, newest first. */
  'imports.history': request<ImportRunRow[]>()({
    access: 'viewer',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
  }),
  /**
   * Undoes a whole import as one audited event: the rows it added are deleted, the rows it
   * changed are restored. Refused when any of them has been changed since, or is now referred to.
   */
  'imports.undo': request<ImportUndone>()({
    access: 'clerk',
    input: z.strictObject({ id: z.uuid(), reason: requiredText(200) }),
  }),
  /** The rows in error of the last preview or commit of this upload, as .xlsx with an error column, to fix and re-import. */
  'imports.errorRows': request<ImportedWorkbook>()({ access: 'clerk', input: z.strictObject({ token, locale }) }),
};

import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ImportRegisterName } from '../../contract/areas/imports';
import type { Locale } from '../../contract/messages';
import type { RequestContext } from '../context';

/**
 * The import engine's parts and how they meet:
 *
 *   read.ts      file bytes → RawSheet (xlsx or CSV in UTF-8/GB18030; header row found)
 *   mapping.ts   file headers → ImportMapping (auto-match by header name; normalisation)
 *   cells.ts     RawCell + ColumnKind → a typed value or a CellProblem (dates, 元 → 分, labels → codes, towns)
 *   registers/*  one ImportRegister per register: its columns, and a RowChecker that turns a row's
 *                values into a planned create/update (or problems) and writes the planned rows
 *   pipeline.ts  the job: read → check every row (duplicates within the file too) → write in one
 *                transaction (commit) or roll back (preview); one audit event; the report
 *   template.ts  a register's template workbook; error-rows.ts the error rows as a workbook
 */

/** A cell as the file has it: exceljs gives numbers, dates and booleans; CSV gives text. */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number in the file (the number Excel shows at the left). */
  row: number;
  cells: RawCell[];
}

export interface RawSheet {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  sheet: string | null;
  headerRow: number;
  /** Trimmed header texts; a blank header becomes `列 N` / `Column N`. */
  headers: string[];
  /** Data rows under the header row; rows whose cells are all blank are left out. */
  rows: RawRow[];
}

/** Words in both languages: headers, notes, labels. */
export interface Words {
  'zh-CN': string;
  en: string;
}

/** How a column's cells are read. */
export type ColumnKind =
  /** Trimmed text (full-width spaces too); empty → null. `max` characters. */
  | { type: 'text'; max: number }
  /** 身份证号: text; a number cell is refused (Excel has already rounded its last digits). */
  | { type: 'idNumber' }
  /** A day: a date cell, an Excel serial, or text 2021-03-05 / 2021/3/5 / 2021.3.5 / 2021年3月5日 / 20210305 → 'YYYY-MM-DD'. */
  | { type: 'date' }
  /** A month: a date cell, or 2021-03 / 2021/3 / 2021年3月 / 202103 → 'YYYY-MM'. */
  | { type: 'month' }
  /** A whole number (text "12" or a number cell 12.0). */
  | { type: 'integer'; min: number; max: number }
  /** A number with decimals (floor area). */
  | { type: 'decimal'; min: number; max: number }
  /** Money in 元 with at most two decimals (a number cell or "1,234.50" / "¥1234.5") → integer 分. */
  | { type: 'yuan'; max: number }
  /** 是/否, 有/无, √/×, Y/N, yes/no, true/false, 1/0 → boolean. */
  | { type: 'boolean' }
  /**
   * One of a fixed list: the cell may hold the label (either language, from the renderer's
   * catalogue under `labelPrefix`, e.g. 'station.kind' → 'station.kind.canteen') or the code
   * itself. `multiple`: several, separated by 、 , ， ; ； / or spaces → string[].
   */
  | { type: 'choice'; values: readonly string[]; labelPrefix: string; multiple?: boolean }
  /** A town or street of the office's county: its name (河口街道, or without 街道/镇) or its 9-digit code → code. */
  | { type: 'town' }
  /** A village of the town in column `townColumn`: its name or its 12-digit code → code. */
  | { type: 'village'; townColumn: string }
  /** A phone number: text or a number cell → text (normalised by the register's schema). */
  | { type: 'phone' };

export interface ImportColumn {
  /** Stable key (mappings are remembered by it); e.g. 'idNumber'. */
  key: string;
  header: Words;
  /** Other headers offices use for this column (matched after normalisation), e.g. ['公民身份号码', '身份证号码']. */
  aliases?: readonly string[];
  kind: ColumnKind;
  required?: boolean;
  /** Extra instructions beyond what the kind says (units, which step a date belongs to). */
  note?: Words;
  /** The template's example row, as a clerk would type it (a label, not a code). */
  example: string | number | boolean | null;
}

/**
 * A blank cell never overwrites (DESIGN.md §5): a blank cell, like a column the file does not
 * have, reads as null, and an update keeps the record's value. To clear a value on purpose the
 * clerk writes this marker (any of CLEAR_MARKERS) in the cell: it reads as CLEAR.
 */
export const CLEAR: unique symbol = Symbol('clear');
export type Clear = typeof CLEAR;
export const CLEAR_MARKERS: readonly string[] = ['（清空）', '(清空)', '【清空】', '[清空]', '清空', '(clear)', '[clear]'];

/** A cell's value after cells.ts read it by its column's kind (CLEAR: the clerk's clear marker). */
export type CellValue = string | number | boolean | string[] | null | Clear;
export type RowValues = Record<string, CellValue>;

/** A problem found in a row. `column` is a column key (null: the row as a whole). */
export interface RowProblem {
  column: string | null;
  /** A MESSAGES code (contract/messages.ts), translated with `params`. */
  code: string;
  params?: Record<string, string | number>;
}

/** What the checker plans for one valid row. */
export interface PlannedRow<P = unknown> {
  action: 'create' | 'update' | 'unchanged';
  /**
   * Identity within the file: two rows with the same key are both refused as duplicates
   * (IMPORT_DUPLICATE_IN_FILE, naming the other row). E.g. the ID number, or station name + town.
   */
  key: string;
  /** Who or what, for the preview (mask ID numbers: maskIdNumber). */
  label: string;
  /** Column keys whose value differs from the record's (updates). */
  changes?: string[];
  /** Whatever `apply` needs (e.g. the parsed contract input and the id/version to update). */
  payload: P;
}

export type CheckResult<P = unknown> = { ok: true; plan: PlannedRow<P> } | { ok: false; problems: RowProblem[] };

/** What checking and writing know of the office and the import. */
export interface ImportEnv {
  /** Bound to the transaction the import runs in; its audit is quiet (the import is one event). */
  ctx: RequestContext;
  db: Kysely<Database>;
  county: string;
  /** The office's local date (no date may lie after it). */
  today: string;
  locale: Locale;
}

export interface CheckedRow<P = unknown> {
  row: number;
  values: RowValues;
  plan: PlannedRow<P>;
}

export interface ApplyProgress {
  /** Call after each row (or batch) written. */
  advance(by?: number): void;
  /** Await now and then (every few hundred rows): lets progress polls and cancel through. */
  breathe(): Promise<void>;
}

export interface RowChecker<P = unknown> {
  /** One row, synchronously, against what `begin` loaded. Never throws for bad data: returns problems. */
  check(values: RowValues, row: number): CheckResult<P>;
  /**
   * Writes the planned rows in file order (inside the import's transaction). A row the service
   * refuses at this point (a rule only the write can check) comes back as problems; the engine
   * turns them into errors (and rolls back everything when the clerk chose all-or-nothing).
   * Use `applyEach` (pipeline.ts) for row-by-row service calls, each in its own savepoint.
   */
  apply(rows: CheckedRow<P>[], progress: ApplyProgress): Promise<Map<number, RowProblem[]>>;
}

export interface ImportRegister<P = unknown> {
  name: ImportRegisterName;
  title: Words;
  /** How a row finds the record it updates. */
  matchedBy: Words;
  columns: readonly ImportColumn[];
  /** Loads what checking needs (existing records by their keys, lists) in one go. */
  begin(env: ImportEnv): Promise<RowChecker<P>>;
}

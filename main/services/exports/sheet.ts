/**
 * A table laid out for a spreadsheet, independent of the library that writes it: what each export
 * produces, and what xlsx.ts turns into an .xlsx workbook.
 */
export type CellKind =
  /** Plain text (names, codes, states already in words). */
  | 'text'
  /** A whole number (counts). */
  | 'integer'
  /** Money kept in fen (分): written as a number of 元 with two decimals (#,##0.00). */
  | 'fen'
  /** A rate kept in per mille (‰): written as a fraction with a percent format (0.0%). */
  | 'perMille'
  /** 'YYYY-MM-DD': written as a real date cell (yyyy-mm-dd). */
  | 'date'
  /** An ISO instant: written as a date-time cell in China time (yyyy-mm-dd hh:mm). */
  | 'dateTime'
  /** 'YYYY-MM': written as text (Excel has no month type). */
  | 'month';

export interface SheetColumn {
  key: string;
  header: string;
  kind: CellKind;
  /** Character width; a sensible default per kind when absent. */
  width?: number;
}

export type SheetRow = Record<string, string | number | null | undefined>;

export interface TableSheet {
  /** The worksheet's tab name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** Row 1: the office and what the table is, e.g. 云城区民政局 2021 年居家养老服务站点进展情况. */
  title: string;
  /** Row 2: the period, the filters applied, when it was exported and by whom. */
  subtitle: string;
  columns: SheetColumn[];
  rows: SheetRow[];
  /** The totals row (合计), written in bold under the rows; its first column holds the label. */
  total?: SheetRow;
  /** Lines under the table (the rules a figure follows, problems on a roster line). */
  notes?: string[];
}

export interface WorkbookSpec {
  /** Without extension; unsafe characters are replaced when the file is named. */
  fileName: string;
  sheets: TableSheet[];
}

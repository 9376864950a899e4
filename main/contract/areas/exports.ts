import { z } from 'zod';
import { request } from '../define';

/**
 * Every list and report table the user can take away as an Excel workbook: the export runs the
 * SAME request the page shows (same input, so the on-screen filters apply; same role check) and
 * lays its answer out as a sheet — a title row naming the office and period, typed cells
 * (numbers, dates, money in 元, rates as percentages), and the totals row where the table has one.
 */
export const EXPORTABLE_REQUESTS = [
  // report tables
  'reports.progress',
  'reports.coverage',
  'stats.month',
  'stats.completeness',
  'subsidy.statements',
  'allowance.roster',
  'residents.overview',
  'renovations.progress',
  'cityTables.progress',
  'cityTables.coverage',
  'cityTables.residents',
  'cityTables.renovations',
  // lists (every page of them, with the page's filters)
  'people.list',
  'stations.list',
  'beds.list',
  'institutions.list',
  'residents.list',
  'renovations.list',
  'cityRecords.list',
] as const;
export type ExportableRequest = (typeof EXPORTABLE_REQUESTS)[number];

/**
 * A table laid out for a spreadsheet or a printed page, independent of the library that writes
 * it: what each export produces; xlsx.ts writes it as a workbook, the print view as A4 pages.
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

/** What the print view shows: the same sheets as the Excel file, and whose they are. */
export interface PrintableWorkbook {
  office: string;
  /** The file name the Excel export would have (the print dialog's default PDF name). */
  title: string;
  sheets: TableSheet[];
}

export interface ExportedWorkbook {
  /** e.g. 云城区民政局-2021年居家养老服务站点进展情况.xlsx */
  fileName: string;
  contentBase64: string;
  /** Data rows written (without title, header and totals rows). */
  rows: number;
}

const exportInput = z.strictObject({
  request: z.enum(EXPORTABLE_REQUESTS),
  /** The input of `request`, exactly as the page sends it (checked against that request's schema). */
  input: z.unknown(),
  /** The language of titles and headers. */
  locale: z.enum(['zh-CN', 'en']).nullish(),
});

export const exportRequests = {
  'exports.xlsx': request<ExportedWorkbook>()({ access: 'viewer', input: exportInput }),
  /** The same sheets for the print view (A4, page numbers, signature line); recorded like an export. */
  'exports.print': request<PrintableWorkbook>()({ access: 'viewer', input: exportInput }),
};

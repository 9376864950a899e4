import type { SheetColumn, TableSheet } from '../../contract';
import { formatFen } from '../../money';

type CellValue = TableSheet['rows'][number][string];

/** Sheets wider than this are printed on landscape A4 (a roster's 11 columns do not fit portrait). */
export const PORTRAIT_MAX_COLUMNS = 7;

export function isLandscape(sheet: TableSheet): boolean {
  return sheet.columns.length > PORTRAIT_MAX_COLUMNS;
}

/** China keeps one offset all year (no daylight saving): the time on the office's wall clock. */
const CHINA_OFFSET_MS = 8 * 3600_000;

function chinaMinute(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A cell as read on paper, as the Excel file formats it: 元 with two decimals and thousands
 * separators, rates as percentages with one decimal, counts as plain digits (8534, as the
 * bulletin prints them), instants in China time. Strings in a figure column (a label, "—") as given.
 */
export function cellText(kind: SheetColumn['kind'], value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return kind === 'dateTime' ? chinaMinute(value) : value;
  switch (kind) {
    case 'fen':
      return formatFen(value);
    case 'perMille':
      return `${(value / 10).toFixed(1)}%`;
    default:
      return String(value);
  }
}

/** Figures are right-aligned and never wrapped, so columns of digits line up. */
export function isFigure(kind: SheetColumn['kind']): boolean {
  return kind !== 'text' && kind !== 'month';
}

export interface TotalCell {
  column: SheetColumn;
  text: string;
  span: number;
}

/**
 * The 合计 row's cells: the label in the first column spreads over the empty cells after it, so
 * "合计（12 人）" is not squeezed into a narrow 序号 column.
 */
export function totalCells(columns: SheetColumn[], total: NonNullable<TableSheet['total']>): TotalCell[] {
  const cells: TotalCell[] = [];
  columns.forEach((column, i) => {
    const text = cellText(column.kind, total[column.key]);
    const last = cells.at(-1);
    if (i > 0 && text === '' && last && cells.length === 1 && last.span === i) last.span += 1;
    else cells.push({ column, text, span: 1 });
  });
  return cells;
}

/** A CSS string literal (for `content:`), quotes and backslashes escaped. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
}

/**
 * The page footer's `content` from a translated template such as "第 {page} 页 / 共 {pages} 页":
 * the placeholders become the page counters the printer fills in.
 */
export function pageCounterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

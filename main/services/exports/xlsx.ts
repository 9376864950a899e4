import ExcelJS from 'exceljs';
import type { CellKind, SheetColumn, SheetRow, TableSheet, WorkbookSpec } from './sheet';

/**
 * WorkbookSpec → .xlsx bytes. Every figure is a typed cell (a number, a date), never text, so a
 * leader can add up a column; each sheet prints on A4 with its title and headings on every page.
 */

const TITLE_ROW = 1;
const SUBTITLE_ROW = 2;
/** Row 3 is left blank; the headings sit on row 4 and the data starts under them. */
const HEADER_ROW = 4;

const FORMATS: Partial<Record<CellKind, string>> = {
  integer: '0',
  fen: '#,##0.00',
  perMille: '0.0%',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
};

/** Character widths when a column gives none and its cells are short. */
const MIN_WIDTH: Record<CellKind, number> = { text: 8, integer: 8, fen: 12, perMille: 8, date: 12, dateTime: 17, month: 9 };
const MAX_WIDTH = 60;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8C8C8C' } };
const GRID: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** China keeps one offset all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3600_000;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a text takes: Chinese characters and full-width punctuation count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * Excel dates carry no time zone: a date is written as UTC midnight of that day (exceljs counts
 * serials from the UTC epoch), so the day reads the same on every machine.
 */
function dateCell(value: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
}

/** An instant shown as the wall-clock time in China, stored (like a date) as if it were UTC. */
function dateTimeCell(value: string): Date | string {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  const china = new Date(at + CHINA_OFFSET_MS);
  // Whole minutes: the format shows no seconds, and a rounded serial adds up cleanly.
  china.setUTCSeconds(0, 0);
  return china;
}

/** The typed value of one cell; strings in a figure column (a label in the totals row, "—") stay text. */
export function cellValue(kind: CellKind, value: SheetRow[string]): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (kind === 'date') return dateCell(value);
    if (kind === 'dateTime') return dateTimeCell(value);
    return value;
  }
  switch (kind) {
    case 'fen':
      return value / 100;
    case 'perMille':
      return value / 1000;
    case 'text':
    case 'month':
      return String(value);
    default:
      return value;
  }
}

/** What a cell shows, roughly, for sizing its column. */
function shownText(kind: CellKind, value: SheetRow[string]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return kind === 'dateTime' ? 'yyyy-mm-dd hh:mm' : value;
  if (kind === 'fen') return (value / 100).toLocaleString('en', { minimumFractionDigits: 2 });
  if (kind === 'perMille') return `${(value / 10).toFixed(1)}%`;
  return String(value);
}

function columnWidth(sheet: TableSheet, column: SheetColumn): number {
  if (column.width) return column.width;
  const rows = sheet.total ? [...sheet.rows, sheet.total] : sheet.rows;
  let widest = displayWidth(column.header);
  for (const row of rows) widest = Math.max(widest, displayWidth(shownText(column.kind, row[column.key])));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH[column.kind], widest + 2));
}

/** Tab names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function tabName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function writeRow(ws: ExcelJS.Worksheet, at: number, columns: SheetColumn[], row: SheetRow): ExcelJS.Row {
  const line = ws.getRow(at);
  columns.forEach((column, i) => {
    const cell = line.getCell(i + 1);
    cell.value = cellValue(column.kind, row[column.key]);
    const format = FORMATS[column.kind];
    if (format && (typeof cell.value === 'number' || cell.value instanceof Date)) cell.numFmt = format;
    cell.border = GRID;
    if (column.kind !== 'text' && column.kind !== 'month') cell.alignment = { horizontal: 'right' };
  });
  return line;
}

function addSheet(workbook: ExcelJS.Workbook, sheet: TableSheet, taken: Set<string>) {
  const ws = workbook.addWorksheet(tabName(sheet.name, taken));
  const width = Math.max(1, sheet.columns.length);

  ws.getCell(TITLE_ROW, 1).value = sheet.title;
  ws.getCell(TITLE_ROW, 1).font = { bold: true, size: 16 };
  ws.getCell(TITLE_ROW, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 26;
  ws.getCell(SUBTITLE_ROW, 1).value = sheet.subtitle;
  ws.getCell(SUBTITLE_ROW, 1).font = { size: 10, color: { argb: 'FF595959' } };
  ws.getCell(SUBTITLE_ROW, 1).alignment = { horizontal: 'center' };
  if (width > 1) {
    ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
    ws.mergeCells(SUBTITLE_ROW, 1, SUBTITLE_ROW, width);
  }

  const header = ws.getRow(HEADER_ROW);
  sheet.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
    cell.border = GRID;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getColumn(i + 1).width = columnWidth(sheet, column);
  });

  let at = HEADER_ROW + 1;
  for (const row of sheet.rows) writeRow(ws, at++, sheet.columns, row);
  if (sheet.total) {
    const line = writeRow(ws, at++, sheet.columns, sheet.total);
    line.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.border = { ...GRID, top: { style: 'medium' } };
    });
  }
  if (sheet.notes?.length) {
    at++;
    for (const note of sheet.notes) {
      ws.getCell(at, 1).value = note;
      ws.getCell(at, 1).font = { size: 10 };
      at++;
    }
  }

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: sheet.columns.length > 7 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C&P / &N' };
}

export async function writeWorkbook(spec: WorkbookSpec, meta: { creator: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  const taken = new Set<string>();
  for (const sheet of spec.sheets) addSheet(workbook, sheet, taken);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

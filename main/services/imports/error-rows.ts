import ExcelJS from 'exceljs';
import type { Locale } from '../../contract/messages';
import { displayWidth } from '../exports/xlsx';
import type { RawCell } from './types';

/**
 * The rows in error as a workbook to fix and import again: the file's own headers and cells as
 * read (typed: dates stay dates, ID numbers stay text), and one more column saying what is wrong.
 * That column's header matches no register column, so the fixed file imports as it is.
 */

export interface ErrorRow {
  row: number;
  cells: RawCell[];
  /** Each problem as "column：reason". */
  messages: string[];
}

const WORDS = {
  'zh-CN': { problems: '错误说明', suffix: '-错误行', sheet: '错误行', row: (n: number) => `第 ${n} 行：`, separator: '；\n' },
  en: { problems: 'Problems', suffix: '-errors', sheet: 'Errors', row: (n: number) => `Row ${n}: `, separator: ';\n' },
} as const;

const PROBLEM_WIDTH = 60;

/** Digits a spreadsheet would turn into a number (and an 18-digit ID into 4.45302E+17) if the cell were retyped. */
const DIGITS = /^\d[\d\s]*[\dXx]?$/;

function baseName(fileName: string): string {
  const name = fileName.replace(/^.*[\\/]/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The rows in error as a workbook: the file's headers, the cells as read, and an error column. */
export async function errorWorkbook(input: { fileName: string; headers: string[]; rows: ErrorRow[]; locale: Locale }): Promise<{ fileName: string; bytes: Buffer }> {
  const words = WORDS[input.locale];
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(words.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const width = Math.max(input.headers.length, ...input.rows.map((r) => r.cells.length));
  const problemCol = width + 1;

  const header = ws.getRow(1);
  for (let i = 0; i < width; i++) {
    const cell = header.getCell(i + 1);
    cell.value = input.headers[i] ?? '';
    cell.font = { bold: true };
  }
  const problemHeader = header.getCell(problemCol);
  problemHeader.value = words.problems;
  problemHeader.font = { bold: true, color: { argb: 'FFC00000' } };

  const widths = input.headers.map((h) => displayWidth(h));
  input.rows.forEach((errorRow, r) => {
    const line = ws.getRow(r + 2);
    errorRow.cells.forEach((value, i) => {
      if (value === null) return;
      const cell = line.getCell(i + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      else if (typeof value === 'string' && DIGITS.test(value)) cell.numFmt = '@';
      widths[i] = Math.max(widths[i] ?? 0, value instanceof Date ? 10 : displayWidth(String(value)));
    });
    const problems = line.getCell(problemCol);
    // 不能为空。；出生日期… reads badly: a message's own full stop gives way to the separator.
    const last = errorRow.messages.length - 1;
    const text = errorRow.messages.map((message, i) => (i < last ? message.replace(/[。.]$/, '') : message)).join(words.separator);
    problems.value = words.row(errorRow.row) + text;
    problems.font = { color: { argb: 'FFC00000' } };
    problems.alignment = { wrapText: true, vertical: 'top' };
  });

  for (let i = 0; i < width; i++) ws.getColumn(i + 1).width = Math.min(40, Math.max(8, (widths[i] ?? 0) + 2));
  ws.getColumn(problemCol).width = PROBLEM_WIDTH;

  const fileName = `${baseName(input.fileName)}${words.suffix}.xlsx`;
  return { fileName, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

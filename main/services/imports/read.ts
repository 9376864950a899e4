import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../contract/errors';
import { cellText, excelSerialToDate } from './cells';
import { parseCsv } from './csv';
import type { RawCell, RawRow, RawSheet } from './types';

/** How many cells of a candidate row name a column of the register; `example` names two of them for IMPORT_NO_HEADER. */
export type HeaderScore = ((cells: string[]) => number) & { example?: string };

export interface ReadOptions {
  /** xlsx: read this worksheet (IMPORT_SHEET_NOT_FOUND when absent); otherwise the first with a header row. */
  sheet?: string | null;
  /** How many cells of a candidate row name a column of the register (mapping.ts headerScore). */
  headerScore: HeaderScore;
  /** Stop after the header row and this many data rows (the open step's sample). */
  limitRows?: number;
  /** Refuse (IMPORT_TOO_MANY_ROWS) a file with more data rows than this. */
  maxRows?: number;
  /** Called at least every 1 000 rows with the data rows read so far (and when done). */
  onProgress?(rowsRead: number): void;
  /** Checked now and then; throw from it to stop reading (a cancelled job). */
  checkCancelled?(): void;
}

/** Offices put a title (and a subtitle, a date line …) above the headers; ours put them on row 4. */
export const HEADER_SEARCH_ROWS = 20;
const PROGRESS_EVERY = 1000;
const MIN_HEADER_SCORE = 2;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The old binary .xls (OLE compound file): Excel can save it as .xlsx, we cannot read it. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** .xlsx (exceljs streaming) or .csv (UTF-8 / GB18030 detected) → RawSheet. */
export async function readSpreadsheet(bytes: Buffer, fileName: string, options: ReadOptions): Promise<RawSheet> {
  const extension = extensionOf(fileName);
  if (extension !== 'xlsx' && extension !== 'csv') throw new AppError('IMPORT_FILE_TYPE');
  if (startsWith(bytes, OLE_MAGIC)) throw new AppError('IMPORT_FILE_TYPE'); // an .xls renamed
  // Content decides between the two: an .xlsx saved under a .csv name still reads.
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes, options);
  if (extension === 'xlsx') throw new AppError('IMPORT_FILE_UNREADABLE', undefined, { reason: 'not an xlsx (zip) file' });
  return readCsvFile(bytes, options);
}

/**
 * Finds the header row among the first rows, then collects the data rows under it: blank rows and
 * a closing 合计 row (with the notes under it) left out, the counts and cancel checked as it goes.
 */
class SheetCollector {
  private readonly candidates: RawRow[] = [];
  private header: { row: number; headers: string[] } | null = null;
  readonly rows: RawRow[] = [];
  /** A totals row and the note rows under it: dropped if the sheet ends there, kept if data follows. */
  private pending: RawRow[] = [];
  private count = 0;
  private seen = 0;

  constructor(private readonly options: ReadOptions) {}

  get headerRow() {
    return this.header;
  }

  /** True when the caller may stop reading (limitRows reached). */
  add(row: RawRow): boolean {
    if (isBlank(row.cells)) return false;
    if (!this.header) {
      this.candidates.push(row);
      if (this.candidates.length >= HEADER_SEARCH_ROWS) this.pickHeader();
      return this.limitReached();
    }
    this.addData(row);
    return this.limitReached();
  }

  /** Called when the sheet ends; false when it has no header row. */
  finish(): boolean {
    if (!this.header) this.pickHeader();
    if (!this.header) return false;
    this.options.onProgress?.(this.rows.length);
    return true;
  }

  private pickHeader() {
    let best: RawRow | null = null;
    let bestScore = MIN_HEADER_SCORE - 1;
    for (const row of this.candidates) {
      const score = this.options.headerScore(row.cells.map(cellText));
      if (score > bestScore) [best, bestScore] = [row, score];
    }
    if (!best) {
      this.candidates.length = 0;
      return;
    }
    const headers = trimTrailingBlanks(best.cells).map((cell, i) => cellText(cell) || `列 ${i + 1}`);
    this.header = { row: best.row, headers };
    const rest = this.candidates.filter((row) => row.row > best.row);
    this.candidates.length = 0;
    for (const row of rest) if (!this.limitReached()) this.addData(row);
  }

  private addData(row: RawRow) {
    if (isTotalsRow(row.cells)) {
      this.pending.push(row);
      return;
    }
    // Under a totals row, one-cell rows are its notes (our exports write 适用标准 … there).
    if (this.pending.length && filledCount(row.cells) <= 1) {
      this.pending.push(row);
      return;
    }
    for (const held of this.pending) this.keep(held);
    this.pending = [];
    this.keep(row);
  }

  private keep(row: RawRow) {
    this.count++;
    const max = this.options.maxRows;
    if (max === undefined || this.count <= max) this.rows.push(row);
    this.seen++;
    if (this.seen % PROGRESS_EVERY === 0) {
      this.options.onProgress?.(this.count);
      this.options.checkCancelled?.();
    }
  }

  limitReached(): boolean {
    return this.options.limitRows !== undefined && this.header !== null && this.rows.length >= this.options.limitRows;
  }

  /** The data rows, or the refusal the sheet deserves. */
  result(format: RawSheet['format'], encoding: RawSheet['encoding'], sheet: string | null): RawSheet {
    const header = this.header;
    if (!header) throw noHeader(this.options);
    const max = this.options.maxRows;
    if (max !== undefined && this.count > max) throw new AppError('IMPORT_TOO_MANY_ROWS', undefined, { count: this.count, max });
    if (this.rows.length === 0) throw new AppError('IMPORT_NO_ROWS');
    return { format, encoding, sheet, headerRow: header.row, headers: header.headers, rows: this.rows };
  }
}

function noHeader(options: ReadOptions): AppError {
  return new AppError('IMPORT_NO_HEADER', undefined, { rows: HEADER_SEARCH_ROWS, example: options.headerScore.example ?? '' });
}

function isBlankCell(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function isBlank(cells: RawCell[]): boolean {
  return cells.every(isBlankCell);
}

function filledCount(cells: RawCell[]): number {
  let n = 0;
  for (const cell of cells) if (!isBlankCell(cell)) n++;
  return n;
}

function isTotalsRow(cells: RawCell[]): boolean {
  const first = cells.find((cell) => !isBlankCell(cell));
  return typeof first === 'string' && /^\s*(合计|总计|小计)/.test(first);
}

function trimTrailingBlanks(cells: RawCell[]): RawCell[] {
  let end = cells.length;
  while (end > 0 && isBlankCell(cells[end - 1] ?? null)) end--;
  return cells.slice(0, end);
}

// ——— xlsx ———

type ExcelValue = ExcelJS.CellValue | { error: string } | { sharedString: number } | undefined;

/** An exceljs value as a RawCell: rich text → plain text, formula → its cached result, error → '#N/A'. */
export function excelCell(value: ExcelValue, numFmt: string | undefined, date1904 = false): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value) return value.richText.map((part) => part.text ?? '').join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    // The streaming reader gives a formula's number as is, even under a date format.
    if (typeof result === 'number') {
      if (Number.isNaN(result)) return '#VALUE!'; // an error result: the reader keeps no text for it
      return numFmt && isDateFormat(numFmt) ? excelSerialToDate(result, date1904) : result;
    }
    if (result && typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
    return excelCell(result as ExcelValue, numFmt, date1904);
  }
  if ('error' in value) return String(value.error);
  if ('text' in value) return excelCell((value as { text: ExcelValue }).text, numFmt, date1904); // hyperlink
  return null;
}

function isDateFormat(format: string): boolean {
  return /[ymd]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface StreamRow {
  number: number;
  eachCell(callback: (cell: { value: ExcelValue; numFmt?: string; col: number | string }, col: number) => void): void;
}

/** Buffers → text, a character split between two chunks kept whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The parts of exceljs's streaming reader that receive XML bytes (not in its typings). */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs 4.4 decodes each chunk of XML on its own, so a Chinese character that straddles two
 * chunks turns into two U+FFFD (演示 → 演��) on big files. Its XML parser takes text as it is:
 * hand it text decoded across chunk boundaries (exceljs issues #2063, #2084; unfixed in 4.4).
 */
function decodeAcrossChunks(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const internals = reader as unknown as ReaderInternals;
  const parseStrings = internals._parseSharedStrings.bind(reader);
  const parseSheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => parseStrings(Readable.from(utf8Text(entry as AsyncIterable<Buffer>)));
  internals._parseWorksheet = (iterator, sheetNo) => parseSheet(utf8Text(iterator), sheetNo);
}

async function readXlsx(bytes: Buffer, options: ReadOptions): Promise<RawSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // date cells are told from numbers by their style
    worksheets: 'emit',
  });
  decodeAcrossChunks(reader);
  let sheetsSeen = 0;
  try {
    for await (const worksheet of reader) {
      sheetsSeen++;
      const ws = worksheet as unknown as AsyncIterable<StreamRow> & { name: string; state?: string };
      if (options.sheet ? ws.name !== options.sheet : ws.state === 'hidden' || ws.state === 'veryHidden') {
        // Read it through (rows unused): exceljs deletes a buffered sheet's temporary file once
        // the next one is asked for, and a stream left unopened would then fail on its own.
        for await (const row of ws) void row;
        continue;
      }
      const collector = new SheetCollector(options);
      let stopped = false;
      for await (const row of ws) {
        const cells: RawCell[] = [];
        row.eachCell((cell, col) => {
          cells[col - 1] = excelCell(cell.value, cell.numFmt);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= null;
        if (collector.add({ row: row.number, cells })) {
          stopped = true;
          break;
        }
      }
      if (collector.finish() || stopped) return collector.result('xlsx', null, ws.name);
      if (options.sheet) throw noHeader(options);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_UNREADABLE', undefined, { reason: reasonOf(error) });
  }
  if (options.sheet) throw new AppError('IMPORT_SHEET_NOT_FOUND', undefined, { sheet: options.sheet });
  if (sheetsSeen === 0) throw new AppError('IMPORT_FILE_UNREADABLE', undefined, { reason: 'no worksheet' });
  throw noHeader(options);
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 120);
}

// ——— CSV ———

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GB18030 (a superset of GBK, what Chinese Excel writes). */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: strictUtf8.decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: gb18030.decode(bytes), encoding: 'gb18030' };
  }
}

async function readCsvFile(bytes: Buffer, options: ReadOptions): Promise<RawSheet> {
  // A text file has no NUL bytes; a binary one (a damaged download, a renamed .doc) does.
  if (bytes.subarray(0, 4096).includes(0)) throw new AppError('IMPORT_FILE_UNREADABLE', undefined, { reason: 'not a text file' });
  const { text, encoding } = decodeText(bytes);
  const collector = new SheetCollector(options);
  let n = 0;
  for (const record of parseCsv(text)) {
    const cells = record.cells.map((cell) => (cell.trim() === '' ? null : cell));
    if (collector.add({ row: record.line, cells })) break;
    // Let progress polls and a cancel through on big files.
    if (++n % PROGRESS_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  collector.finish();
  return collector.result('csv', encoding, null);
}

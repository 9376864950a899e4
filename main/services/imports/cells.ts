import { childrenOf, getDivision } from '../../../db/divisions';
import { isRealDate } from '../../contract/validators/dates';
// The pages' own catalogues: a cell may hold any label a clerk has seen on screen, in either language.
import en from '../../../renderer/src/i18n/en.json';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import type { CellValue, ColumnKind, ImportColumn, RawCell, RowProblem, RowValues } from './types';

export type CellResult = { ok: true; value: CellValue } | { ok: false; problem: RowProblem };

export interface CellReader {
  /** One cell by its column's kind; `values` holds the row's columns read so far (the town, for a village). */
  read(column: ImportColumn, cell: RawCell, values: RowValues): CellResult;
}

const CATALOGUES = { 'zh-CN': zh as Record<string, string>, en: en as Record<string, string> };

/** What the lists write in the town column of a record for the whole county (either language). */
const WHOLE_COUNTY = new Set([zh['station.wholeCounty'], en['station.wholeCounty']]);

/** A choice's label in a language (the code itself when the catalogue has none). */
export function choiceLabel(labelPrefix: string, code: string, locale: 'zh-CN' | 'en'): string {
  return CATALOGUES[locale][`${labelPrefix}.${code}`] ?? code;
}

// ——— text as a clerk sees it ———

const WIDE_FORMS = /[\uff01-\uff5e\u3000]/;

/** Full-width digits, letters and signs (what a Chinese IME types) → ASCII. */
function halfWidth(text: string): string {
  if (!WIDE_FORMS.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A number without float noise: 0.1 + 0.2 → 0.3 (Excel shows 15 significant digits). */
export function cleanNumber(n: number): number {
  return Number.isFinite(n) ? Number.parseFloat(n.toPrecision(15)) : n;
}

function numberText(n: number): string {
  const clean = cleanNumber(n);
  // Plain digits up to 21 places (String() would switch to 1e+21 form only beyond that).
  return Math.abs(clean) < 1e21 ? String(clean) : clean.toExponential();
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text, as a clerk sees it (dates as YYYY-MM-DD, numbers without float noise, booleans 是/否). */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const time = cell.toISOString().slice(11, 16);
    return time === '00:00' ? isoDay(cell) : `${isoDay(cell)} ${time}`;
  }
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return cell.trim();
}

/** How Excel's General format shows a long number (an 18-digit ID number becomes 4.45302E+17). */
function excelShows(n: number): string {
  if (Math.abs(n) < 1e11) return numberText(n);
  const [mantissa, exponent] = n.toExponential(5).split('e');
  return `${mantissa!.replace(/\.?0+$/, '')}E+${exponent!.replace('+', '').padStart(2, '0')}`;
}

// ——— dates ———

/** Excel's day number (1900 system, with its phantom 1900-02-29; or the Mac 1904 system) → UTC midnight of that day. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const epoch = days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86_400_000);
}

/** A serial as 'YYYY-MM-DD' (up to 9999-12-31, Excel's last day). */
function serialDay(serial: number): string | null {
  return serial >= 1 && serial < 2_958_466 ? isoDay(excelSerialToDate(serial)) : null;
}

function day(y: string, m: string, d: string): string | null {
  const text = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isRealDate(text) ? text : null;
}

const DAY_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** 'YYYY-MM-DD', or null when the cell is no date (a two-digit year is no date: 21/3/5 is not read as 0021). */
export function readDay(cell: RawCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDay(cell);
  if (typeof cell === 'number') {
    // 20210305 typed into a General cell is a number too.
    if (Number.isInteger(cell) && cell >= 10_000_000 && cell <= 99_991_231) return readDay(String(cell));
    return serialDay(cell);
  }
  if (typeof cell !== 'string') return null;
  const text = halfWidth(cell).replace(/\s+/g, ' ').trim();
  for (const form of DAY_FORMS) {
    const m = form.exec(text);
    if (m) return day(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

const MONTH_FORMS = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];

/** 'YYYY-MM' (a day gives its month). */
export function readMonth(cell: RawCell): string | null {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 100_000 && cell <= 999_912) return readMonth(String(cell));
  if (typeof cell === 'string') {
    const text = halfWidth(cell).replace(/\s+/g, '');
    for (const form of MONTH_FORMS) {
      const m = form.exec(text);
      if (m) {
        const month = Number(m[2]);
        return month >= 1 && month <= 12 ? `${m[1]}-${m[2]!.padStart(2, '0')}` : null;
      }
    }
  }
  return readDay(cell)?.slice(0, 7) ?? null;
}

// ——— numbers ———

/** A number cell, or text with thousands separators / spaces: the decimal text, or null. */
function decimalText(cell: RawCell, strip?: RegExp): string | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? numberText(cell) : null;
  if (typeof cell !== 'string') return null;
  let text = halfWidth(cell).replace(/[\s,]/g, '');
  if (strip) text = text.replace(strip, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? text.replace(/^\+/, '') : null;
}

/** '1234.5' → 123450 (分), exactly: no float multiplication. Null beyond two (non-zero) decimals. */
function fenOf(text: string): number | null {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  const cents = fraction.replace(/0+$/, '');
  if (cents.length > 2) return null;
  const fen = Number(whole || '0') * 100 + Number(cents.padEnd(2, '0'));
  return negative ? -fen : fen;
}

// ——— labels ———

/** Labels and codes compared without case, spaces or bracket width. */
function labelKey(text: string): string {
  return halfWidth(text)
    .replace(/\s/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const TRUE_WORDS = ['是', '有', '√', '✓', '✔', 'y', 'yes', 'true', '1', '对'];
const FALSE_WORDS = ['否', '无', '×', '✗', '✘', 'x', 'n', 'no', 'false', '0', '没有'];
const BOOLEAN_WORDS = new Map<string, boolean>([...TRUE_WORDS.map((w) => [w, true] as const), ...FALSE_WORDS.map((w) => [w, false] as const)]);

interface ChoiceIndex {
  byKey: Map<string, string>;
  allowed: string;
}

const SEPARATORS = /[、,，;；/／\n]+/;

// ——— places ———

const TOWN_SUFFIX = /(街道办事处|街道|镇|乡)$/;
/** How offices shorten 星岩社区居民委员会 / 牧羊村民委员会: 星岩社区, 星岩居委会, 牧羊村委会, 牧羊村, 牧羊 … */
const VILLAGE_SUFFIX = /(社区居民委员会|社区居委会|居民委员会|村民委员会|村委会|居委会|社区|村)$/;

function placeKey(text: string): string {
  return halfWidth(text).replace(/\s/g, '');
}

interface Places {
  towns: Map<string, string>;
  /** town code → name variant → village code */
  villages: Map<string, Map<string, string>>;
}

function indexPlaces(county: string): Places {
  const towns = new Map<string, string>();
  const villages = new Map<string, Map<string, string>>();
  for (const town of childrenOf(county)) {
    towns.set(town.code, town.code);
    towns.set(town.name, town.code);
    towns.set(town.name.replace(TOWN_SUFFIX, ''), town.code);
    if (town.name.endsWith('街道')) towns.set(`${town.name}办事处`, town.code);
    const byName = new Map<string, string>();
    for (const village of childrenOf(town.code)) {
      byName.set(village.code, village.code);
      byName.set(village.name, village.code);
      const base = village.name.replace(VILLAGE_SUFFIX, '');
      // A full name wins over another's short form (中村村民委员会 is 中村, not 中).
      if (!byName.has(base)) byName.set(base, village.code);
    }
    villages.set(town.code, byName);
  }
  return { towns, villages };
}

function lookupVillage(names: Map<string, string>, text: string): string | undefined {
  return names.get(text) ?? names.get(text.replace(VILLAGE_SUFFIX, ''));
}

// ——— the reader ———

/** Kinds whose cells repeat and cost a lookup or two: the result per distinct text is kept (up to a bound). */
const MEMO_KINDS = new Set<ColumnKind['type']>(['choice', 'boolean', 'town', 'village']);
const MEMO_LIMIT = 5000;

const ok = (value: CellValue): CellResult => ({ ok: true, value });
const problem = (column: ImportColumn, code: string, params?: Record<string, string | number>): CellResult => ({
  ok: false,
  problem: { column: column.key, code, ...(params ? { params } : {}) },
});

function isEmpty(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '') || (cell instanceof Date && Number.isNaN(cell.getTime()));
}

/**
 * A reader for the office's county: label maps and the town/village index are built once (per
 * reader and per choice list), so a cell costs a few map lookups even at 50 000 rows.
 */
export function cellReader(env: { county: string }): CellReader {
  let places: Places | undefined;
  const placesOf = () => (places ??= indexPlaces(env.county));
  const choices = new WeakMap<ColumnKind, ChoiceIndex>();

  function choiceIndex(kind: Extract<ColumnKind, { type: 'choice' }>): ChoiceIndex {
    let index = choices.get(kind);
    if (!index) {
      const byKey = new Map<string, string>();
      for (const code of kind.values) {
        for (const text of [code, choiceLabel(kind.labelPrefix, code, 'zh-CN'), choiceLabel(kind.labelPrefix, code, 'en')]) {
          const key = labelKey(text);
          if (!byKey.has(key)) byKey.set(key, code);
        }
      }
      index = { byKey, allowed: kind.values.map((code) => choiceLabel(kind.labelPrefix, code, 'zh-CN')).join('、') };
      choices.set(kind, index);
    }
    return index;
  }

  function readChoice(column: ImportColumn, kind: Extract<ColumnKind, { type: 'choice' }>, text: string): CellResult {
    const index = choiceIndex(kind);
    const unknown = (value: string) => problem(column, 'IMPORT_UNKNOWN_CHOICE', { value, allowed: index.allowed });
    const whole = index.byKey.get(labelKey(text));
    if (!kind.multiple) return whole ? ok(whole) : unknown(text);
    if (whole) return ok([whole]);
    const found = new Set<string>();
    for (const part of text.split(SEPARATORS)) {
      if (!part.trim()) continue;
      const code = index.byKey.get(labelKey(part));
      if (code) {
        found.add(code);
        continue;
      }
      // "助餐 助洁": spaces separate too, unless they belong to a label ("Meal service").
      for (const word of part.split(/[\s\u3000]+/)) {
        if (!word) continue;
        const wordCode = index.byKey.get(labelKey(word));
        if (!wordCode) return unknown(word);
        found.add(wordCode);
      }
    }
    return ok(kind.values.filter((code) => found.has(code)));
  }

  const memo = new WeakMap<ImportColumn, Map<string, CellResult>>();

  function read(column: ImportColumn, cell: RawCell, values: RowValues): CellResult {
    if (cell === null || isEmpty(cell)) return ok(null);
    // A date cell needs no text unless it is refused.
    if (cell instanceof Date && (column.kind.type === 'date' || column.kind.type === 'month')) {
      const day = isoDay(cell);
      return ok(column.kind.type === 'date' ? day : day.slice(0, 7));
    }
    const kind = column.kind;
    // Offices' columns repeat a few values (kinds, towns, 是/否): their verdicts are remembered.
    const memoKey = MEMO_KINDS.has(kind.type) && typeof cell === 'string' ? `${kind.type === 'village' ? String(values[kind.townColumn]) : ''}\u0000${cell}` : null;
    if (memoKey !== null) {
      let byText = memo.get(column);
      if (!byText) memo.set(column, (byText = new Map()));
      const known = byText.get(memoKey);
      if (known) return known;
      const result = readCell(column, cell, values);
      if (byText.size < MEMO_LIMIT) byText.set(memoKey, result);
      return result;
    }
    return readCell(column, cell, values);
  }

  function readCell(column: ImportColumn, cell: Exclude<RawCell, null>, values: RowValues): CellResult {
    const kind = column.kind;
    let shown: string | undefined;
    const text = () => (shown ??= cellText(cell));
    switch (kind.type) {
      case 'text': {
        if (text().length > kind.max) return problem(column, 'TOO_LONG', { max: kind.max });
        return ok(text());
      }
      case 'idNumber': {
        if (typeof cell === 'number') return problem(column, 'IMPORT_ID_NUMBER_AS_NUMBER', { value: excelShows(cell) });
        return ok(halfWidth(text()).replace(/\s/g, '').toUpperCase());
      }
      case 'phone': {
        if (typeof cell === 'number') return ok(Number.isInteger(cell) ? cell.toFixed(0) : text());
        return ok(halfWidth(text()).trim());
      }
      case 'date': {
        const value = readDay(cell);
        return value ? ok(value) : problem(column, 'IMPORT_NOT_A_DATE', { value: text() });
      }
      case 'month': {
        const value = readMonth(cell);
        return value ? ok(value) : problem(column, 'IMPORT_NOT_A_MONTH', { value: text() });
      }
      case 'integer':
      case 'decimal': {
        const decimal = typeof cell === 'number' ? null : decimalText(cell);
        if (typeof cell !== 'number' && decimal === null) return problem(column, 'IMPORT_NOT_A_NUMBER', { value: text() });
        const value = typeof cell === 'number' ? (Number.isInteger(cell) ? cell : cleanNumber(cell)) : Number(decimal);
        if (kind.type === 'integer' && !Number.isInteger(value)) return problem(column, 'IMPORT_NOT_WHOLE', { value: text() });
        if (value < kind.min || value > kind.max) return problem(column, 'IMPORT_OUT_OF_RANGE', { value: text(), min: kind.min, max: kind.max });
        return ok(value);
      }
      case 'yuan': {
        const decimal = typeof cell === 'number' && Number.isSafeInteger(cell) ? String(cell) : decimalText(cell, /^[¥￥]|元$/g);
        const fen = decimal === null ? null : fenOf(decimal);
        if (fen === null) return problem(column, 'IMPORT_NOT_YUAN', { value: text() });
        if (fen < 0 || fen > kind.max * 100) return problem(column, 'IMPORT_OUT_OF_RANGE', { value: text(), min: 0, max: kind.max });
        return ok(fen);
      }
      case 'boolean': {
        if (typeof cell === 'boolean') return ok(cell);
        const value = BOOLEAN_WORDS.get(labelKey(text()));
        return value === undefined ? problem(column, 'IMPORT_NOT_BOOLEAN', { value: text() }) : ok(value);
      }
      case 'choice':
        return readChoice(column, kind, text());
      case 'town': {
        // The station list writes 全县（市、区） for the county guidance centre, which has no town.
        if (WHOLE_COUNTY.has(text())) return ok(null);
        // 河口 is 河口街道, but 河口镇 is another county's town, not a short form of it.
        const code = placesOf().towns.get(placeKey(text()));
        return code ? ok(code) : problem(column, 'IMPORT_UNKNOWN_TOWN', { value: text() });
      }
      case 'village': {
        const town = values[kind.townColumn];
        if (typeof town !== 'string' || !town) return problem(column, 'IMPORT_VILLAGE_WITHOUT_TOWN');
        const code = lookupVillage(placesOf().villages.get(town) ?? new Map(), placeKey(text()));
        return code ? ok(code) : problem(column, 'IMPORT_UNKNOWN_VILLAGE', { value: text(), town: getDivision(town)?.name ?? town });
      }
    }
  }

  return { read };
}

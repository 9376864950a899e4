import ExcelJS from 'exceljs';
import { childrenOf, type Division } from '../../../db/divisions';
import type { Locale } from '../../contract/messages';
import { choiceLabel, cellText } from './cells';
import { displayWidth } from '../exports/xlsx';
import type { ColumnKind, ImportColumn, ImportRegister } from './types';

/**
 * A register's template: the data sheet (headers, one example row, text/date formats and drop-down
 * lists so Excel helps rather than mangles), the instructions sheet, and the hidden lists sheet the
 * drop-downs read from.
 */

/** Rows the drop-downs cover (a template is for filling in by hand; bigger files come from elsewhere). */
export const TEMPLATE_ROWS = 5000;

const WORDS = {
  'zh-CN': {
    template: '导入模板',
    lists: '选项',
    instructions: '填写说明',
    purpose: '本表用于把{title}导入“民政服务台账”（{office}）。',
    matched: '已有记录的匹配方式：{matchedBy}。匹配到的记录按表中内容更新，表中空白的单元格不会清除已有内容；要清除某项内容，请在该单元格填写“（清空）”。',
    rules: '带 * 的列必须填写。第 2 行是示例，导入时会跳过，可以覆盖或删除。不要改动表头；可以增删数据行。',
    column: '列名',
    required: '必填',
    note: '说明',
    yes: '是',
    no: '否',
    errorTitle: '输入有误',
    listError: '请从下拉列表中选择。',
    placeError: '请填写本县（区）的名称，可从下拉列表中选择。',
    multipleError: '可以多选，用“、”分隔。',
  },
  en: {
    template: 'import template',
    lists: 'Lists',
    instructions: 'Instructions',
    purpose: 'This sheet brings {title} into Welfare Ledger ({office}).',
    matched: 'Existing records are matched {matchedBy}. A matched record is updated from the sheet; a blank cell never clears what is recorded: to clear a value, write （清空） (or [clear]) in its cell.',
    rules: 'Columns marked * are required. Row 2 is an example and is skipped on import: overwrite or delete it. Keep the headers; add or remove data rows freely.',
    column: 'Column',
    required: 'Required',
    note: 'Notes',
    yes: 'yes',
    no: 'no',
    errorTitle: 'Not allowed',
    listError: 'Choose from the drop-down list.',
    placeError: 'Write a name of this county; the drop-down list has them.',
    multipleError: 'Several may be given, separated by 、',
  },
} as const;

const BOOLEAN_LABELS = { 'zh-CN': ['是', '否'], en: ['是', '否'] } as const;

function kindNote(kind: ColumnKind, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (kind.type) {
    case 'text':
      return zh ? `文字，最多 ${kind.max} 个字` : `text, at most ${kind.max} characters`;
    case 'idNumber':
      return zh ? '18 位身份证号，按文本填写' : '18-character ID number, entered as text';
    case 'date':
      return zh ? '日期，如 2021-03-05' : 'a date, e.g. 2021-03-05';
    case 'month':
      return zh ? '月份，如 2021-03' : 'a month, e.g. 2021-03';
    case 'integer':
      return zh ? `整数（${kind.min}–${kind.max}）` : `a whole number (${kind.min}–${kind.max})`;
    case 'decimal':
      return zh ? `数字（${kind.min}–${kind.max}）` : `a number (${kind.min}–${kind.max})`;
    case 'yuan':
      return zh ? '金额（元），最多两位小数' : 'an amount in yuan, at most two decimals';
    case 'boolean':
      return zh ? '填“是”或“否”' : '是 (yes) or 否 (no)';
    case 'choice': {
      const labels = kind.values.map((code) => choiceLabel(kind.labelPrefix, code, locale)).join(locale === 'zh-CN' ? '、' : ', ');
      if (kind.multiple) return zh ? `可选一项或多项，用“、”分隔：${labels}` : `one or more, separated by 、: ${labels}`;
      return zh ? `可选：${labels}` : `one of: ${labels}`;
    }
    case 'town':
      return zh ? '本县（区）的镇（街道）名称' : 'a town or street of this county, by name';
    case 'village':
      return zh ? '所在镇（街道）的村（社区）名称' : 'a village or community of that town, by name';
    case 'phone':
      return zh ? '电话号码，按文本填写' : 'a phone number, entered as text';
  }
}

function exampleText(column: ImportColumn): string {
  return column.example === null ? '' : cellText(column.example);
}

/** A column's instructions in one line: format, allowed values, the column's own note, example. */
export function columnNote(column: ImportColumn, locale: Locale): string {
  // A note may end in its own full stop; the sentence gets one only at its end.
  const parts = [kindNote(column.kind, locale)];
  if (column.note) parts.push(column.note[locale].replace(/[。.]$/u, ''));
  const example = exampleText(column);
  if (example) parts.push(locale === 'zh-CN' ? `示例：${example}` : `e.g. ${example}`);
  return parts.join(locale === 'zh-CN' ? '；' : '; ') + (locale === 'zh-CN' ? '。' : '.');
}

/** The template's header: the required ones carry a '*' (normaliseHeader strips it when reading back). */
export function templateHeader(column: ImportColumn, locale: Locale): string {
  return column.required ? `${column.header[locale]}*` : column.header[locale];
}

/** An example value as the cell a clerk would type: a date as a date, a boolean as 是/否. */
function exampleCell(column: ImportColumn): ExcelJS.CellValue {
  const value = column.example;
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  // A month stays text: as a date cell it would read back as its first day, not as the example.
  if (column.kind.type === 'date' && typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return value;
}

/** Short text columns (codes, names) are formatted as text too; long ones not: Excel shows ### for over 255 characters in a text cell. */
function keepsAsText(kind: ColumnKind): boolean {
  return kind.type === 'idNumber' || kind.type === 'phone' || (kind.type === 'text' && kind.max <= 64);
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Ranges of validation (exceljs has them at run time; its typings know only the per-cell form). */
function validations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

/** The hidden sheet's lists, one column each; returns the range formula of a list. */
class Lists {
  private next = 1;
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  add(title: string, items: string[]): string {
    const col = this.next++;
    this.ws.getCell(1, col).value = title;
    items.forEach((item, i) => (this.ws.getCell(i + 2, col).value = item));
    const letter = columnLetter(col);
    return `'${this.ws.name}'!$${letter}$2:$${letter}$${Math.max(2, items.length + 1)}`;
  }
}

function listFor(column: ImportColumn, county: string, locale: Locale): { items: string[]; strict: boolean } | null {
  const kind = column.kind;
  switch (kind.type) {
    case 'choice':
      return { items: kind.values.map((code) => choiceLabel(kind.labelPrefix, code, locale)), strict: !kind.multiple };
    case 'boolean':
      return { items: [...BOOLEAN_LABELS[locale]], strict: true };
    case 'town':
      return { items: childrenOf(county).map((d) => d.name), strict: false };
    case 'village':
      // The whole county's villages: a list cannot follow the town picked beside it; the import checks the pair.
      return { items: childrenOf(county).flatMap((town) => childrenOf(town.code).map((d) => d.name)), strict: false };
    default:
      return null;
  }
}

/**
 * The register's columns as this county's template shows them: an example town or village of
 * another county (the registers' examples are 云城区's) becomes this county's first town and
 * that town's first village. The pipeline recognises the example row by the same values.
 */
export function columnsFor(register: ImportRegister, county: string): readonly ImportColumn[] {
  const towns = childrenOf(county);
  if (towns.length === 0) return register.columns;
  const townOf = new Map<string, Division>();
  return register.columns.map((column) => {
    const kind = column.kind;
    if (typeof column.example !== 'string') return column;
    if (kind.type === 'town') {
      const town = towns.find((t) => t.name === column.example) ?? towns[0]!;
      townOf.set(column.key, town);
      return town.name === column.example ? column : { ...column, example: town.name };
    }
    if (kind.type === 'village') {
      const town = townOf.get(kind.townColumn);
      const villages = town ? childrenOf(town.code) : [];
      if (villages.length === 0 || villages.some((v) => v.name === column.example)) return column;
      return { ...column, example: villages[0]!.name };
    }
    return column;
  });
}

/** The register's template workbook (data sheet with headers and example row, instructions, lists). */
export async function templateWorkbook(
  register: ImportRegister,
  env: { county: string; officeName: string; locale: Locale },
): Promise<{ fileName: string; bytes: Buffer }> {
  const { locale } = env;
  const words = WORDS[locale];
  const title = register.title[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = env.officeName;
  const data = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const instructions = workbook.addWorksheet(words.instructions);
  const listSheet = workbook.addWorksheet(words.lists, { state: 'hidden' });
  const lists = new Lists(listSheet);

  const columns = columnsFor(register, env.county);
  columns.forEach((column, i) => {
    const col = i + 1;
    const header = data.getCell(1, col);
    header.value = templateHeader(column, locale);
    header.font = column.required ? { bold: true, color: { argb: 'FF9C0006' } } : { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

    const example = data.getCell(2, col);
    example.value = exampleCell(column);
    example.font = { italic: true, color: { argb: 'FF808080' } };

    const sheetColumn = data.getColumn(col);
    const kind = column.kind.type;
    // A text format keeps Excel from turning 18-digit ID numbers into 4.45302E+17 and dropping phones' leading 0.
    if (keepsAsText(column.kind)) sheetColumn.numFmt = '@';
    if (kind === 'date') sheetColumn.numFmt = 'yyyy-mm-dd';
    if (sheetColumn.numFmt) example.numFmt = sheetColumn.numFmt;
    const widest = Math.max(displayWidth(String(header.value)), displayWidth(exampleText(column)));
    sheetColumn.width = Math.min(40, Math.max(kind === 'idNumber' ? 22 : 10, widest + 4));

    const list = listFor(column, env.county, locale);
    if (list) {
      const letter = columnLetter(col);
      const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
      const multiple = column.kind.type === 'choice' && column.kind.multiple;
      validations(data).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [lists.add(column.header[locale], list.items)],
        showErrorMessage: true,
        // Town and village names have accepted short forms, and a multiple choice joins several: warn, don't block.
        errorStyle: list.strict ? 'stop' : 'warning',
        errorTitle: words.errorTitle,
        error: multiple ? words.multipleError : column.kind.type === 'town' || column.kind.type === 'village' ? words.placeError : words.listError,
      });
    }
  });
  data.getRow(1).height = 30;

  const lines = [
    register.title[locale],
    words.purpose.replace('{title}', title).replace('{office}', env.officeName),
    words.matched.replace('{matchedBy}', register.matchedBy[locale].replace(/[。.]$/u, '')),
    words.rules,
  ];
  lines.forEach((line, i) => (instructions.getCell(i + 1, 1).value = line));
  instructions.getCell(1, 1).font = { bold: true, size: 14 };
  const tableStart = lines.length + 2;
  const head = instructions.getRow(tableStart);
  head.values = [words.column, words.required, words.note];
  head.font = { bold: true };
  columns.forEach((column, i) => {
    const row = instructions.getRow(tableStart + 1 + i);
    row.values = [column.header[locale], column.required ? words.yes : words.no, columnNote(column, locale)];
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    if (column.required) row.getCell(1).font = { bold: true, color: { argb: 'FF9C0006' } };
  });
  instructions.getColumn(1).width = 24;
  instructions.getColumn(2).width = 8;
  instructions.getColumn(3).width = 80;

  const fileName = locale === 'zh-CN' ? `${title}${words.template}.xlsx` : `${title} ${words.template}.xlsx`;
  return { fileName, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

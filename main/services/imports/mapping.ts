import type { ImportMapping } from '../../contract/areas/imports';
import { AppError } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import type { HeaderScore } from './read';
import type { ImportColumn, ImportRegister } from './types';

/**
 * Header text → comparable form: offices write 身份证号 as "身份证号 *", "身 份 证 号",
 * "身份证号\n（必填）" …, so spaces of every width, line breaks and asterisks go, full-width
 * brackets become half-width, and letters are lower-cased.
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** Every normalised name a column answers to: its header in both languages and its aliases. */
function namesOf(column: ImportColumn): Set<string> {
  return new Set([column.header['zh-CN'], column.header.en, ...(column.aliases ?? [])].map(normaliseHeader));
}

/** How many of `cells` name a column of the register (header, either language, or alias). */
export function headerScorer(register: ImportRegister): HeaderScore {
  const known = new Set<string>();
  for (const column of register.columns) for (const name of namesOf(column)) known.add(name);
  const score: HeaderScore = (cells) => {
    let n = 0;
    for (const cell of cells) if (cell && known.has(normaliseHeader(cell))) n++;
    return n;
  };
  const shown = register.columns.filter((c) => c.required);
  score.example = (shown.length >= 2 ? shown : register.columns)
    .slice(0, 2)
    .map((c) => c.header['zh-CN'])
    .join('、');
  return score;
}

/** Each column key → the first file column not yet taken whose header matches it, or null. */
export function autoMapping(register: ImportRegister, headers: string[]): ImportMapping {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ImportMapping = {};
  for (const column of register.columns) {
    const names = namesOf(column);
    const index = normalised.findIndex((header, i) => !taken.has(i) && names.has(header));
    mapping[column.key] = index < 0 ? null : index;
    if (index >= 0) taken.add(index);
  }
  return mapping;
}

/**
 * Refuses a mapping that points past the file's columns, maps one file column twice, or leaves a
 * required column unmapped (AppError IMPORT_COLUMN_*, headers in `locale`). Returns the mapping
 * with every register column present (absent keys → null; keys no column has are dropped).
 */
export function checkMapping(register: ImportRegister, headers: string[], mapping: ImportMapping, locale: Locale): ImportMapping {
  const full: ImportMapping = {};
  const owner = new Map<number, ImportColumn>();
  for (const column of register.columns) {
    const index = mapping[column.key] ?? null;
    const name = column.header[locale];
    if (index !== null) {
      if (index >= headers.length) throw new AppError('IMPORT_COLUMN_OUT_OF_RANGE', undefined, { column: name });
      const first = owner.get(index);
      if (first) throw new AppError('IMPORT_COLUMN_MAPPED_TWICE', undefined, { index: index + 1, first: first.header[locale], second: name });
      owner.set(index, column);
    }
    full[column.key] = index;
  }
  const missing = register.columns.find((c) => c.required && full[c.key] === null);
  if (missing) throw new AppError('IMPORT_COLUMN_NOT_MAPPED', undefined, { column: missing.header[locale] });
  return full;
}

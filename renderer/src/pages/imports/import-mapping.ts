import type { ImportColumnInfo, ImportFileInfo, ImportMapping } from './import-types';

/** Excel's name of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const SAMPLE_CHARS = 24;

/** The first non-blank sample value of a file column, shortened for a drop-down line. */
export function sampleOf(file: ImportFileInfo, index: number): string | null {
  for (const row of file.sample) {
    const value = row[index]?.trim();
    if (value) return value.length > SAMPLE_CHARS ? `${value.slice(0, SAMPLE_CHARS)}…` : value;
  }
  return null;
}

/** Every register column with a value: the file's column index, or null ("not in this file"). */
export function completeMapping(columns: readonly ImportColumnInfo[], mapping: ImportMapping): ImportMapping {
  const full: ImportMapping = {};
  for (const column of columns) {
    const index = mapping[column.key];
    full[column.key] = typeof index === 'number' ? index : null;
  }
  return full;
}

/** Required register columns that have no file column yet: the check cannot start until they do. */
export function unmappedRequired(columns: readonly ImportColumnInfo[], mapping: ImportMapping): ImportColumnInfo[] {
  return columns.filter((c) => c.required && typeof mapping[c.key] !== 'number');
}

/** File columns chosen for more than one register column: index → the register headers. */
export function mappedTwice(columns: readonly ImportColumnInfo[], mapping: ImportMapping): Map<number, string[]> {
  const byIndex = new Map<number, string[]>();
  for (const column of columns) {
    const index = mapping[column.key];
    if (typeof index !== 'number') continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), column.header]);
  }
  return new Map([...byIndex].filter(([, headers]) => headers.length > 1));
}

/** A stable text of a mapping, to tell whether the preview on screen was made with the current one. */
export function mappingKey(mapping: ImportMapping): string {
  return JSON.stringify(Object.entries(mapping).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

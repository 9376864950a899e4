import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../contract/errors';

export type SearchMode =
  | { kind: 'all' }
  | { kind: 'idTail'; reversed: string }
  | { kind: 'pinyin'; letters: string }
  | { kind: 'name'; text: string };

/**
 * What a search box means: latin letters → pinyin, anything else → part of the name; with `idTail`
 * (registers of people), 4+ digits → the last digits of an ID number.
 */
export function searchMode(query: string | undefined, { idTail = true }: { idTail?: boolean } = {}): SearchMode {
  const q = (query ?? '').trim();
  if (!q) return { kind: 'all' };
  if (idTail && /^\d{3,17}[\dXx]?$/.test(q) && q.length >= 4) return { kind: 'idTail', reversed: [...q.toUpperCase()].reverse().join('') };
  if (/^[A-Za-z]+$/.test(q)) return { kind: 'pinyin', letters: q.toLowerCase() };
  return { kind: 'name', text: q };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The condition for a pinyin or name search on a table with `name`, `name_pinyin` and `name_initials`
 * (qualified by `alias` when given); null for the modes it does not handle.
 */
export function nameSearch(mode: SearchMode, alias?: string): RawBuilder<SqlBool> | null {
  const column = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  if (mode.kind === 'pinyin') {
    const prefix = `${mode.letters}%`;
    return sql<SqlBool>`(${column('name_initials')} LIKE ${prefix} OR ${column('name_pinyin')} LIKE ${prefix})`;
  }
  if (mode.kind === 'name') return sql<SqlBool>`${column('name')} LIKE ${`%${escapeLike(mode.text)}%`} ESCAPE '\\'`;
  return null;
}

/** A keyset position: the sort key and id of the last row shown. */
export type Cursor = [sortKey: string, id: string];

export function encodeCursor([sortKey, id]: Cursor): string {
  return JSON.stringify([sortKey, id]);
}

/** The position a client passed back; anything else is refused on `field`. */
export function decodeCursor(cursor: string | null | undefined, field = 'after'): Cursor | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(cursor);
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // fall through to the coded error
  }
  throw new AppError('INVALID_INPUT', field);
}

/** Rows after the cursor in (sortColumn, idColumn) order. */
export function afterCursor([sortKey, id]: Cursor, sortColumn: string, idColumn = 'id'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(sortColumn)}, ${sql.ref(idColumn)}) > (${sortKey}, ${id})`;
}

/** Cuts a page fetched with `limit + 1` rows to `limit`, with the cursor of the next page or null on the last. */
export function keysetPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
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
 * `column` starts with `prefix`, as a range the column's (BINARY) index can serve: LIKE is
 * case-insensitive, so SQLite never uses such an index for `LIKE 'p%'`. Searched columns hold
 * lowercase pinyin or digits, and the prefix is never empty.
 */
export function startsWith(column: string, prefix: string): RawBuilder<SqlBool> {
  const last = prefix.codePointAt(prefix.length - 1)!;
  const upper = prefix.slice(0, -1) + String.fromCodePoint(last + 1);
  return sql<SqlBool>`(${sql.ref(column)} >= ${prefix} AND ${sql.ref(column)} < ${upper})`;
}

/**
 * The FTS5 query for "the name contains these characters": a phrase of the typed characters, each
 * a token as in person_name_fts (migration 0007). Only letters and digits are kept (the tokenizer
 * drops everything else, and FTS syntax must not leak in); null when nothing is left.
 */
export function nameFtsPhrase(text: string): string | null {
  const chars = [...text].filter((c) => /[\p{L}\p{N}\p{Co}]/u.test(c));
  return chars.length ? `"${chars.join(' ')}"` : null;
}

/** How many people a name search finds, counted in the name index alone (one row per person). */
export async function nameMatchCount(db: Kysely<Database>, text: string): Promise<number> {
  const phrase = nameFtsPhrase(text);
  if (!phrase) return 0;
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM person_name_fts WHERE person_name_fts MATCH ${phrase}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The condition for a pinyin or name search on a table with `name`, `name_pinyin` and `name_initials`
 * (qualified by `alias` when given); null for the modes it does not handle. The name part is
 * LIKE '%x%', fine for the small registers (stations, institutions); people use personSearch.
 */
export function nameSearch(mode: SearchMode, alias?: string): RawBuilder<SqlBool> | null {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  if (mode.kind === 'pinyin') return pinyinSearch(mode.letters, column);
  if (mode.kind === 'name') return sql<SqlBool>`${sql.ref(column('name'))} LIKE ${`%${escapeLike(mode.text)}%`} ESCAPE '\\'`;
  return null;
}

function pinyinSearch(letters: string, column: (name: string) => string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${startsWith(column('name_initials'), letters)} OR ${startsWith(column('name_pinyin'), letters)})`;
}

/**
 * The condition for a search of the person table (aliased `alias` when given): the last digits of
 * the ID number, pinyin initials or full pinyin, or any part of the name through person_name_fts;
 * null when there is no query.
 */
export function personSearch(mode: SearchMode, alias?: string, { walkInOrder = false }: { walkInOrder?: boolean } = {}): RawBuilder<SqlBool> | null {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  switch (mode.kind) {
    case 'all':
      return null;
    case 'idTail':
      return startsWith(column('id_number_reversed'), mode.reversed);
    case 'pinyin':
      return pinyinSearch(mode.letters, column);
    case 'name': {
      const phrase = nameFtsPhrase(mode.text);
      if (!phrase) return sql<SqlBool>`0`;
      // `+rowid` (walkInOrder): the matches only filter a walk of the list's sort index instead of
      // driving the query, which is quicker when they are many (a common surname): see listPeople.
      const rowid = walkInOrder ? sql`+${sql.ref(column('rowid'))}` : sql.ref(column('rowid'));
      return sql<SqlBool>`${rowid} IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ${phrase})`;
    }
  }
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

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ImportRunTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { ImportRegisterName, ImportRunRow } from '../../contract/areas/imports';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { chinaMinute } from '../exports/sheets-reports';
import { capturedTables, HISTORY_TABLES, quote, rowJson, type TableShape } from './capture';

/**
 * The import history, and undoing one import as a whole: every row it added is deleted, every
 * row it changed or deleted is put back as it was, in one transaction and one audit event. Only
 * while nobody has changed those rows since (each row must still be exactly as the import left
 * it), and only when nothing written since refers to them; and never for imports that recorded
 * history (admissions, renovation steps), which is reversed by events, not erased.
 */

async function blockedByHistory(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('import_change').select('import_id').distinct().where('import_id', 'in', ids).where('tbl', 'in', [...HISTORY_TABLES]).execute();
  return new Set(rows.map((r) => r.import_id));
}

function toRow(r: Selectable<ImportRunTable>, history: boolean): ImportRunRow {
  return {
    id: r.id,
    register: r.register as ImportRegisterName,
    fileName: r.file_name,
    sha256: r.file_sha256,
    rows: r.rows,
    counts: { create: r.created, update: r.updated, unchanged: r.unchanged, error: r.errors },
    importedAt: r.imported_at,
    importedBy: r.imported_by_name,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by_name,
    undoReason: r.undo_reason,
    undoBlocked: r.undone_at ? 'undone' : history ? 'history' : null,
  };
}

export async function importHistory(ctx: RequestContext, input: Parsed<'imports.history'>): Promise<Output<'imports.history'>> {
  const db = ctx.database();
  const runs = await db.selectFrom('import_run').selectAll().orderBy('imported_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
  const history = await blockedByHistory(db, runs.map((r) => r.id));
  return runs.map((r) => toRow(r, history.has(r.id)));
}

/** `t."a" = json_extract(k.pk, '$[0]') AND …`: the row of table alias `t` named by the key of `k`. */
function keyMatch(table: TableShape, t: string, k: string): string {
  return table.primaryKey.map((c, i) => `${t}.${quote(c)} = json_extract(${k}.pk, '$[${i}]')`).join(' AND ');
}

/** A row changed since the import, in words: its name (or id) and its table. */
async function describeChanged(db: Kysely<Database>, table: TableShape): Promise<{ record: string; table: string } | null> {
  const found = await sql<{ pk: string; expected: string | null; now: string | null }>`
    SELECT k.pk AS pk, last.after AS expected,
      (SELECT ${sql.raw(rowJson(table, 't'))} FROM ${sql.raw(quote(table.name))} AS t WHERE ${sql.raw(keyMatch(table, 't', 'k'))}) AS now
    FROM temp.undo_key AS k JOIN import_change AS last ON last.seq = k.last_seq
    WHERE k.tbl = ${table.name} AND now IS NOT last.after
    LIMIT 1`.execute(db);
  const row = found.rows[0];
  if (!row) return null;
  const fields = JSON.parse(row.now ?? row.expected ?? '{}') as Record<string, unknown>;
  const record = typeof fields.name === 'string' ? fields.name : (JSON.parse(row.pk) as unknown[]).join(' ');
  return { record, table: table.name };
}

/** Puts one table's rows back as they were before the import (foreign keys are checked at commit). */
async function restoreTable(db: Kysely<Database>, table: TableShape): Promise<{ deleted: number; restored: number }> {
  const name = quote(table.name);
  const key = table.primaryKey.map((c) => quote(c)).join(', ');
  const keyValues = table.primaryKey.map((_, i) => `json_extract(k.pk, '$[${i}]')`).join(', ');
  const firsts = `FROM temp.undo_key AS k JOIN import_change AS first ON first.seq = k.first_seq WHERE k.tbl = '${table.name}'`;
  const value = (c: string) => `json_extract(first.before, '$."${c}"')`;
  const deleted = await sql.raw(`DELETE FROM ${name} WHERE (${key}) IN (SELECT ${keyValues} ${firsts} AND first.op = 'insert')`).execute(db);
  const updated = await sql
    .raw(
      `UPDATE ${name} AS t SET ${table.columns.map((c) => `${quote(c)} = ${value(c)}`).join(', ')}
       FROM (SELECT k.pk AS pk, first.before AS before ${firsts} AND first.op <> 'insert') AS first
       WHERE ${keyMatch(table, 't', 'first')}`,
    )
    .execute(db);
  const inserted = await sql
    .raw(
      `INSERT INTO ${name} (${table.columns.map(quote).join(', ')})
       SELECT ${table.columns.map(value).join(', ')} ${firsts} AND first.op <> 'insert'
         AND NOT EXISTS (SELECT 1 FROM ${name} AS t WHERE ${keyMatch(table, 't', 'k')})`,
    )
    .execute(db);
  return { deleted: Number(deleted.numAffectedRows ?? 0), restored: Number(updated.numAffectedRows ?? 0) + Number(inserted.numAffectedRows ?? 0) };
}

export async function undoImport(ctx: RequestContext, input: Parsed<'imports.undo'>): Promise<Output<'imports.undo'>> {
  const db = ctx.database();
  ctx.countyCode();
  const run = await db.selectFrom('import_run').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!run) throw new AppError('NOT_FOUND', 'id');
  if (run.undone_at) throw new AppError('IMPORT_ALREADY_UNDONE', undefined, { when: chinaMinute(run.undone_at) });
  if ((await blockedByHistory(db, [run.id])).size > 0) throw new AppError('IMPORT_UNDO_HISTORY');

  // Each row the import touched: its first change (what it was before) and its last (what the import left).
  await sql`DROP TABLE IF EXISTS temp.undo_key`.execute(db);
  await sql`CREATE TEMP TABLE undo_key AS
      SELECT tbl, pk, min(seq) AS first_seq, max(seq) AS last_seq FROM import_change WHERE import_id = ${run.id} GROUP BY tbl, pk`.execute(db);
  const touched = new Set((await sql<{ tbl: string }>`SELECT DISTINCT tbl FROM temp.undo_key`.execute(db)).rows.map((r) => r.tbl));
  const tables = (await capturedTables(db)).filter((t) => touched.has(t.name));

  for (const table of tables) {
    const changed = await describeChanged(db, table);
    if (changed) throw new AppError('IMPORT_UNDO_CHANGED', undefined, changed);
  }
  // Within this transaction the order of the tables does not matter; what refers to what is checked once, at the end.
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  let deleted = 0;
  let restored = 0;
  for (const table of tables) {
    const counts = await restoreTable(db, table);
    deleted += counts.deleted;
    restored += counts.restored;
  }
  const violations = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_check LIMIT 1`.execute(db);
  if (violations.rows.length > 0) throw new AppError('IMPORT_UNDO_REFERENCED');
  await sql`DROP TABLE temp.undo_key`.execute(db);

  const actor = ctx.actor();
  const at = isoNow(ctx.clock);
  await db.updateTable('import_run').set({ undone_at: at, undone_by_name: actor.displayName, undo_reason: input.reason }).where('id', '=', run.id).execute();
  await recordAudit(ctx, {
    action: 'undo',
    entity: 'spreadsheet',
    entityId: run.id,
    summary: run.file_name,
    after: { register: run.register, fileName: run.file_name, sha256: run.file_sha256, importedAt: run.imported_at, deleted, restored, reason: input.reason },
  });
  const after = await db.selectFrom('import_run').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
  return { run: toRow(after, false), deleted, restored };
}

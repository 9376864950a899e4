import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

/**
 * What an import wrote, row by row, so that it can be undone as a whole. While the import's
 * records are written, temporary triggers (on this connection only, inside the import's
 * transaction) log every insert, update and delete of the registers' tables into import_change,
 * with the row before and after as JSON. Services need not know: whatever they write is caught.
 */

/** Tables an import never writes or whose rows are not the registers' (the trail, keys, bundles, the log itself). */
const NOT_CAPTURED = new Set([
  'audit_entry',
  'import_change',
  'import_run',
  'import_mapping',
  'office',
  'staff',
  'signing_key',
  'city_key',
  'bundle_export',
  'city_identity',
  'county_key',
  'bundle_import',
  'bundle_record',
]);

/** Tables whose rows are history (events, steps): never deleted, so an import that wrote them is not undone as a whole. */
export const HISTORY_TABLES: readonly string[] = ['resident_event', 'renovation_step'];

export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
}

/** An SQL identifier in double quotes. */
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The registers' tables with their columns and primary keys, from the schema itself. */
export async function capturedTables(db: Kysely<Database>): Promise<TableShape[]> {
  // Ordinary tables only: a virtual table (the name index, migration 0007) and its shadow tables
  // are kept by person's own triggers, and a virtual table cannot have triggers.
  const tables = await sql<{ name: string }>`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const shapes: TableShape[] = [];
  for (const { name } of tables.rows) {
    if (NOT_CAPTURED.has(name)) continue;
    const info = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${name})`.execute(db);
    const primaryKey = info.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    shapes.push({ name, columns: info.rows.map((c) => c.name), primaryKey: primaryKey.length ? primaryKey : ['rowid'] });
  }
  return shapes;
}

/** `json_object('a', X."a", …)` of a row. */
export function rowJson(table: TableShape, alias: string): string {
  return `json_object(${table.columns.map((c) => `'${c}', ${alias}.${quote(c)}`).join(', ')})`;
}

const keyJson = (table: TableShape, alias: string) => `json_array(${table.primaryKey.map((c) => `${alias}.${quote(c)}`).join(', ')})`;

/**
 * Starts logging the writes of import `importId` (call inside its transaction); the returned
 * function stops it. The triggers are TEMP: no other connection ever sees them.
 */
export async function startCapture(db: Kysely<Database>, importId: string): Promise<() => Promise<void>> {
  const tables = await capturedTables(db);
  await sql`CREATE TEMP TABLE IF NOT EXISTS import_capture (id TEXT NOT NULL)`.execute(db);
  await sql`DELETE FROM temp.import_capture`.execute(db);
  await sql`INSERT INTO temp.import_capture (id) VALUES (${importId})`.execute(db);
  const triggers: string[] = [];
  const log = (table: TableShape, op: string, key: string, before: string, after: string) =>
    `INSERT INTO main.import_change (import_id, tbl, pk, op, before, after) VALUES ((SELECT id FROM temp.import_capture), '${table.name}', ${key}, '${op}', ${before}, ${after});`;
  for (const table of tables) {
    const name = `import_capture_${table.name}`;
    const on = `main.${quote(table.name)}`;
    const statements = [
      `CREATE TEMP TRIGGER ${quote(`${name}_insert`)} AFTER INSERT ON ${on} BEGIN ${log(table, 'insert', keyJson(table, 'NEW'), 'NULL', rowJson(table, 'NEW'))} END`,
      `CREATE TEMP TRIGGER ${quote(`${name}_update`)} AFTER UPDATE ON ${on} BEGIN ${log(table, 'update', keyJson(table, 'OLD'), rowJson(table, 'OLD'), rowJson(table, 'NEW'))} END`,
      `CREATE TEMP TRIGGER ${quote(`${name}_delete`)} AFTER DELETE ON ${on} BEGIN ${log(table, 'delete', keyJson(table, 'OLD'), rowJson(table, 'OLD'), 'NULL')} END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
    triggers.push(`${name}_insert`, `${name}_update`, `${name}_delete`);
  }
  return async () => {
    for (const trigger of triggers) await sql.raw(`DROP TRIGGER IF EXISTS temp.${quote(trigger)}`).execute(db);
    await sql`DELETE FROM temp.import_capture`.execute(db);
  };
}

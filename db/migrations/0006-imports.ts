import type { Migration } from './types';

/**
 * Spreadsheet import: the column mapping last used for each register, so the next file with the
 * same headers needs no mapping again; each committed import (its file, counts, and whether it
 * was undone); and every row it inserted, updated or deleted, with the row before and after, so
 * the whole import can be undone as one audited event while nobody has changed those rows since.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_mapping (
        register TEXT PRIMARY KEY,
        -- JSON array: the file's headers when the mapping was confirmed.
        headers TEXT NOT NULL,
        -- JSON object: column key → index of the file's column, or null.
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff (id)
      ) STRICT;

      CREATE TABLE import_run (
        id TEXT PRIMARY KEY,
        register TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT REFERENCES staff (id),
        imported_by_name TEXT NOT NULL,
        undone_at TEXT,
        undone_by_name TEXT,
        undo_reason TEXT
      ) STRICT;
      CREATE INDEX import_run_at ON import_run (imported_at);

      -- Written by temporary triggers while an import writes (services/imports/capture.ts).
      CREATE TABLE import_change (
        seq INTEGER PRIMARY KEY,
        import_id TEXT NOT NULL REFERENCES import_run (id),
        tbl TEXT NOT NULL,
        -- JSON array of the primary key's values.
        pk TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        -- JSON objects of the whole row (null for the side that does not exist).
        before TEXT,
        after TEXT
      ) STRICT;
      CREATE INDEX import_change_import ON import_change (import_id);
    `);
  },
};

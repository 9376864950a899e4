import type { Migration } from './types';

/**
 * Spreadsheet import: the column mapping last used for each register, so the next file with the
 * same headers needs no mapping again. (Imports themselves are audit events; the records they
 * write are ordinary records.)
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
    `);
  },
};

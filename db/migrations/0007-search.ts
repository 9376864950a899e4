import type { Migration } from './types';

/**
 * Longest name the index spells out. The contract allows 50 characters; the margin covers names
 * written by other tools. Characters past it are not searchable by "contains".
 */
export const NAME_FTS_MAX_CHARS = 100;

const POSITIONS = JSON.stringify(Array.from({ length: NAME_FTS_MAX_CHARS }, (_, i) => i));

/**
 * The name of `row` as space-separated characters ("张 三 丰"): each character is one FTS token, so
 * a phrase query of typed characters is a "contains" search. Pure SQL (no application function),
 * so every connection and tool that writes person rows keeps the index right.
 */
const spacedName = (row: string) =>
  `(SELECT group_concat(substr(${row}.name, value + 1, 1), ' ' ORDER BY value) FROM json_each('${POSITIONS}') WHERE value < length(${row}.name))`;

/**
 * Search at county scale (issue 9). A "contains" name search with LIKE '%x%' cannot use an index
 * and walked the whole person table for a rare name; it is served by a contentless FTS5 index of
 * the name's characters keyed by person's rowid, kept by triggers. The other indexes let each
 * list's filters and sort order be read from an index instead of sorting the table.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE person_name_fts USING fts5(chars, content = '', contentless_delete = 1, tokenize = 'unicode61');

      CREATE TRIGGER person_name_fts_insert AFTER INSERT ON person BEGIN
        INSERT INTO person_name_fts (rowid, chars) VALUES (NEW.rowid, ${spacedName('NEW')});
      END;
      CREATE TRIGGER person_name_fts_update AFTER UPDATE OF name ON person BEGIN
        DELETE FROM person_name_fts WHERE rowid = OLD.rowid;
        INSERT INTO person_name_fts (rowid, chars) VALUES (NEW.rowid, ${spacedName('NEW')});
      END;
      CREATE TRIGGER person_name_fts_delete AFTER DELETE ON person BEGIN
        DELETE FROM person_name_fts WHERE rowid = OLD.rowid;
      END;

      -- Renovation cases listed in case-number order within a state, a town or a plan year.
      CREATE INDEX renovation_case_state_number ON renovation_case (state, case_number);
      DROP INDEX renovation_case_town;
      CREATE INDEX renovation_case_town ON renovation_case (town_code, case_number);
      CREATE INDEX renovation_case_year_number ON renovation_case (plan_year, case_number);
      -- Cases stuck in a state: open ones by the date they entered it (the list's condition, verbatim).
      CREATE INDEX renovation_case_open_since ON renovation_case (state_date)
        WHERE state NOT IN ('satisfaction', 'rejected', 'withdrawn');

      -- The audit trail of one kind of record, newest first.
      CREATE INDEX audit_entity_seq ON audit_entry (entity, seq);
    `);
    // The people already there, spelt out here (as the triggers do, one character per code point):
    // several times faster than the SQL expression for a county's 200 000 names.
    const insert = db.prepare('INSERT INTO person_name_fts (rowid, chars) VALUES (?, ?)');
    const batch = db.prepare('SELECT rowid, name FROM person WHERE rowid > ? ORDER BY rowid LIMIT 10000').raw();
    for (let last = -Infinity, rows: [number, string][]; (rows = batch.all(last) as [number, string][]).length; last = rows.at(-1)![0]) {
      for (const [rowid, name] of rows) insert.run(rowid, [...name].slice(0, NAME_FTS_MAX_CHARS).join(' '));
    }
  },
};

import type { Migration } from './types';

/**
 * Reports at county scale, second pass (issue 9). A bundle's preview and export decide who the
 * period may name: the people born in the last nineteen years (person_birth: a range of a few
 * hundred entries instead of a scan of every person row) and the cases applied for by the period
 * end with their applicants (renovation_case_applied: read from the index alone).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'period-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX person_birth ON person (birth_date, id);
      CREATE INDEX renovation_case_applied ON renovation_case (applied_on, id);
    `);
  },
};

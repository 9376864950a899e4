import type { Migration } from './types';

/**
 * Reports at county scale (issue 9). The renovation progress report counts a plan year's standing
 * steps in SQL (renovations/standing-steps.ts); this index holds every column it reads, so the
 * tens of thousands of steps of a large county's year are read from the index alone instead of
 * one table row each.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'report-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX renovation_step_counted ON renovation_step (case_id, step, step_date, seq, amount_fen, id);
    `);
  },
};

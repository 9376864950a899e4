import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../contract/errors';
import { issueToError } from '../schema-issues';
import { CLEAR, type ApplyProgress, type CellValue, type CheckedRow, type ImportEnv, type RowProblem } from './types';

/**
 * What registers share: a contract schema's verdict on a row as problems of its columns, and
 * row-by-row writing through the services, each row in its own savepoint so a row the service
 * refuses leaves no trace and the others still go in.
 */

/**
 * The value an update writes: a blank cell (null) keeps the record's value, the clear marker
 * clears it, anything else replaces it. On create, pass `existing` = null.
 */
export function given<T>(value: CellValue | undefined, existing: T | null): T | CellValue | null {
  if (value === null || value === undefined) return existing;
  if (value === CLEAR) return null;
  return value;
}

/** Maps a field path of the contract input (e.g. 'station.lifecycle.accepted') to a column key, or null. */
export type FieldToColumn = (field: string) => string | null;

/** Every issue of a failed schema parse as a row problem (the same codes and words as the forms). */
export function schemaProblems(error: z.ZodError, payload: unknown, toColumn: FieldToColumn): RowProblem[] {
  return error.issues.map((issue) => {
    const appError = issueToError(issue, payload);
    return { column: appError.field ? toColumn(appError.field) : null, code: appError.code, params: appError.params };
  });
}

/** A refusal thrown by a service as a row problem. */
export function refusalProblem(error: AppError, toColumn?: FieldToColumn): RowProblem {
  return { column: error.field && toColumn ? toColumn(error.field) : null, code: error.code, params: error.params };
}

/** Writes rows one by one with `write`; a row the service refuses (AppError) is undone and reported. */
export async function applyEach<P>(
  env: ImportEnv,
  rows: CheckedRow<P>[],
  progress: ApplyProgress,
  write: (row: CheckedRow<P>) => Promise<void>,
  toColumn?: FieldToColumn,
): Promise<Map<number, RowProblem[]>> {
  const failures = new Map<number, RowProblem[]>();
  for (const row of rows) {
    await sql`SAVEPOINT import_row`.execute(env.db);
    try {
      await write(row);
      await sql`RELEASE import_row`.execute(env.db);
    } catch (error) {
      await sql`ROLLBACK TO import_row`.execute(env.db);
      await sql`RELEASE import_row`.execute(env.db);
      // A cancelled job stops (its transaction rolls back); only a refusal of this row is the row's problem.
      if (!(error instanceof AppError) || error.code === 'JOB_CANCELLED') throw error;
      failures.set(row.row, [refusalProblem(error, toColumn)]);
    }
    progress.advance();
    await progress.breathe();
  }
  return failures;
}

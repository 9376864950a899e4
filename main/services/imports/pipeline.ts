import type {
  ImportAction,
  ImportIssue,
  ImportMapping,
  ImportReport,
  ImportRowPreview,
} from '../../contract/areas/imports';
import { MAX_REPORTED_ISSUES } from '../../contract/areas/imports';
import { formatMessage } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import { recordAudit } from '../audit/audit';
import { isoNow, today } from '../clock';
import { uuidv7 } from '../records';
import { startCapture } from './capture';
import type { Insertable } from 'kysely';
import type { ImportRunTable } from '../../../db/schema';
import { makeContext, type RequestContext } from '../context';
import type { JobProgress } from '../jobs';
import type { Upload } from '../uploads';
import { cellReader, cellText } from './cells';
import type { ErrorRow } from './error-rows';
import { checkMapping, headerScorer } from './mapping';
import { readSpreadsheet } from './read';
import { columnsFor } from './template';
import { maskIdNumber } from '../../contract/validators/id-number';
import { CLEAR, CLEAR_MARKERS } from './types';
import type { CheckedRow, ImportEnv, ImportRegister, PlannedRow, RawCell, RawRow, RawSheet, RowChecker, RowProblem, RowValues } from './types';

/**
 * The import job. Reading happens outside any transaction; checking and writing happen in ONE
 * write transaction, so what was checked is what is written (no other write can slip in
 * between). A preview runs the very same writes and rolls them back: what the preview promises is
 * what the commit does, service rules included. The job yields to the event loop every few
 * dozen milliseconds so its progress bar and cancel button stay live.
 */

/** More rows than this is not one import (split the file). */
export const MAX_IMPORT_ROWS = 200_000;
/** Rows of each action the preview shows. */
const PREVIEW_PER_ACTION = 200;
/** Error rows kept for the error workbook. */
const MAX_ERROR_ROWS = 50_000;
/** How long the job may hold the event loop before it lets polls through. */
const BREATHE_MS = 40;

export interface ImportRun {
  register: ImportRegister;
  upload: Upload;
  mapping: ImportMapping;
  mode: 'preview' | 'commit';
  allOrNothing: boolean;
  locale: Locale;
  sheet: string | null;
}

/** What a run leaves behind besides its report: the rows in error, for the error workbook. */
export interface ImportOutcome {
  report: ImportReport;
  headers: string[];
  errorRows: ErrorRow[];
}

class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('import rolled back');
  }
}

/** Lets queued requests (progress polls, cancel) through, at most every BREATHE_MS; stops a cancelled job. */
function breather(progress: JobProgress) {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < BREATHE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
    progress.throwIfCancelled();
  };
}

/** The template's example row: every mapped cell equal to the column's example. */
function isExampleRow(register: ImportRegister, county: string, mapping: ImportMapping, cells: RawCell[]): boolean {
  let compared = 0;
  for (const column of columnsFor(register, county)) {
    const index = mapping[column.key];
    if (index === null || index === undefined) continue;
    const example = column.example === null ? '' : cellText(column.example);
    if (cellText(cells[index] ?? null) !== example) return false;
    if (example !== '') compared += 1;
  }
  return compared >= 2;
}

interface RowOutcome {
  raw: RawRow;
  values: RowValues;
  problems: RowProblem[];
  plan: PlannedRow | null;
}

interface CheckedRows {
  outcomes: RowOutcome[];
  exampleSkipped: boolean;
}

export async function runImport(ctx: RequestContext, run: ImportRun, progress: JobProgress): Promise<ImportOutcome> {
  const started = performance.now();
  const breathe = breather(progress);
  progress.phase('reading');
  let readSoFar = 0;
  const sheet = await readSpreadsheet(run.upload.bytes, run.upload.fileName, {
    sheet: run.sheet,
    headerScore: headerScorer(run.register),
    maxRows: MAX_IMPORT_ROWS,
    onProgress(rows) {
      progress.advance(rows - readSoFar);
      readSoFar = rows;
    },
    checkCancelled: () => progress.throwIfCancelled(),
  });
  const mapping = checkMapping(run.register, sheet.headers, run.mapping, run.locale);
  const readMs = performance.now() - started;
  const importId = uuidv7();

  try {
    return await ctx.host.write(async (db) => {
      const env: ImportEnv = {
        ctx: { ...makeContext(ctx.session, ctx.clock, ctx.office, db, ctx.host), quietAudit: true },
        db,
        county: ctx.countyCode(),
        today: today(ctx.clock),
        locale: run.locale,
      };
      const checkStarted = performance.now();
      const checker = await run.register.begin(env);
      const rows = await checkRows(run, sheet, mapping, checker, env, progress, breathe);
      const checkMs = performance.now() - checkStarted;

      const errorsBefore = rows.outcomes.filter((r) => r.problems.length > 0).length;
      const blocked = run.mode === 'commit' && run.allOrNothing && errorsBefore > 0;
      let writeMs = 0;
      if (!blocked) {
        const writeStarted = performance.now();
        const planned: CheckedRow[] = [];
        for (const r of rows.outcomes) {
          if (r.plan && r.plan.action !== 'unchanged' && r.problems.length === 0) planned.push({ row: r.raw.row, values: r.values, plan: r.plan });
        }
        progress.phase('writing', planned.length);
        // A commit logs every row it writes, so that the import can be undone as a whole (capture.ts).
        let stopCapture: (() => Promise<void>) | null = null;
        if (run.mode === 'commit') {
          await db.insertInto('import_run').values(runRecord(ctx, run, importId)).execute();
          stopCapture = await startCapture(db, importId);
        }
        const refused = await checker.apply(planned, { advance: (by = 1) => progress.advance(by), breathe });
        await stopCapture?.();
        for (const r of rows.outcomes) {
          const problems = refused.get(r.raw.row);
          if (problems) r.problems.push(...problems);
        }
        writeMs = performance.now() - writeStarted;
      }
      const errors = rows.outcomes.filter((r) => r.problems.length > 0).length;
      const committed = run.mode === 'commit' && !blocked && !(run.allOrNothing && errors > 0);
      const outcome = summarise(run, sheet, mapping, rows, committed, { readMs, checkMs, writeMs });
      if (!committed) throw new Rollback(outcome);
      const { counts, rows: rowCount } = outcome.report;
      await db
        .updateTable('import_run')
        .set({ rows: rowCount, created: counts.create, updated: counts.update, unchanged: counts.unchanged, errors: counts.error })
        .where('id', '=', importId)
        .execute();
      outcome.report.importId = importId;
      await recordAudit(ctx, {
        action: 'import',
        entity: 'spreadsheet',
        entityId: importId,
        summary: `${run.register.title[run.locale]}：${run.upload.fileName}`,
        after: {
          register: run.register.name,
          fileName: run.upload.fileName,
          sha256: run.upload.sha256,
          size: run.upload.bytes.length,
          sheet: sheet.sheet,
          rows: outcome.report.rows,
          created: outcome.report.counts.create,
          updated: outcome.report.counts.update,
          unchanged: outcome.report.counts.unchanged,
          errors: outcome.report.counts.error,
          allOrNothing: run.allOrNothing,
        },
      }, db);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}

/** The import history's line, written before the rows so their change log can refer to it; counts filled in at the end. */
function runRecord(ctx: RequestContext, run: ImportRun, id: string): Insertable<ImportRunTable> {
  const actor = ctx.actor();
  return {
    id,
    register: run.register.name,
    file_name: run.upload.fileName,
    file_sha256: run.upload.sha256,
    file_size: run.upload.bytes.length,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
    imported_at: isoNow(ctx.clock),
    imported_by: actor.id,
    imported_by_name: actor.displayName,
    undone_at: null,
    undone_by_name: null,
    undo_reason: null,
  };
}

async function checkRows(
  run: ImportRun,
  sheet: RawSheet,
  mapping: ImportMapping,
  checker: RowChecker,
  env: ImportEnv,
  progress: JobProgress,
  breathe: () => Promise<void>,
): Promise<CheckedRows> {
  const reader = cellReader({ county: env.county });
  const columns = run.register.columns;
  const outcomes: RowOutcome[] = [];
  let exampleSkipped = false;
  progress.phase('checking', sheet.rows.length);
  for (const raw of sheet.rows) {
    progress.advance();
    await breathe();
    if (!exampleSkipped && outcomes.length === 0 && isExampleRow(run.register, env.county, mapping, raw.cells)) {
      exampleSkipped = true;
      continue;
    }
    const values: RowValues = {};
    const problems: RowProblem[] = [];
    for (const column of columns) {
      // A village is read within its town: when the town cell is wrong, that is the one problem to report.
      if (column.kind.type === 'village' && problems.some((p) => p.column === (column.kind as { townColumn: string }).townColumn)) {
        values[column.key] = null;
        continue;
      }
      const index = mapping[column.key];
      const cell = index === null || index === undefined ? null : (raw.cells[index] ?? null);
      if (typeof cell === 'string' && CLEAR_MARKERS.includes(cell.trim())) {
        values[column.key] = CLEAR;
        if (column.required) problems.push({ column: column.key, code: 'REQUIRED' });
        continue;
      }
      const read = reader.read(column, cell, values);
      if (!read.ok) {
        problems.push(read.problem);
        values[column.key] = null;
        continue;
      }
      values[column.key] = read.value;
      if (column.required && (read.value === null || (Array.isArray(read.value) && read.value.length === 0))) {
        problems.push({ column: column.key, code: 'REQUIRED' });
      }
    }
    let plan: PlannedRow | null = null;
    if (problems.length === 0) {
      const checked = checker.check(values, raw.row);
      if (checked.ok) plan = checked.plan;
      else problems.push(...checked.problems);
    }
    outcomes.push({ raw, values, problems, plan });
  }
  markDuplicates(outcomes);
  return { outcomes, exampleSkipped };
}

/** Two rows for the same record: both refused, each naming the other (the clerk decides which is right). */
function markDuplicates(outcomes: RowOutcome[]) {
  const byKey = new Map<string, RowOutcome[]>();
  for (const outcome of outcomes) {
    if (!outcome.plan) continue;
    const same = byKey.get(outcome.plan.key);
    if (same) same.push(outcome);
    else byKey.set(outcome.plan.key, [outcome]);
  }
  for (const same of byKey.values()) {
    if (same.length < 2) continue;
    for (const outcome of same) {
      const other = same.find((o) => o !== outcome)!;
      outcome.problems.push({
        column: null,
        code: 'IMPORT_DUPLICATE_IN_FILE',
        params: { otherRow: other.raw.row, key: outcome.plan!.label || outcome.plan!.key },
      });
    }
  }
}

/** The header a problem is shown under: the file's own header of the mapped column, else the template's. */
function columnHeader(run: ImportRun, sheet: RawSheet, mapping: ImportMapping, key: string | null): string | null {
  if (key === null) return null;
  const index = mapping[key];
  if (index !== null && index !== undefined && sheet.headers[index]) return sheet.headers[index]!;
  const column = run.register.columns.find((c) => c.key === key);
  return column ? column.header[run.locale] : key;
}

function summarise(
  run: ImportRun,
  sheet: RawSheet,
  mapping: ImportMapping,
  rows: CheckedRows,
  committed: boolean,
  timings: ImportReport['timings'],
): ImportOutcome {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  const issues: ImportIssue[] = [];
  const preview: ImportRowPreview[] = [];
  const shown: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  const errorRows: ErrorRow[] = [];
  let issuesTruncated = false;
  const rowWord = run.locale === 'en' ? (n: number) => `Row ${n}` : (n: number) => `第 ${n} 行`;
  for (const outcome of rows.outcomes) {
    const action: ImportAction = outcome.problems.length > 0 ? 'error' : outcome.plan!.action;
    counts[action] += 1;
    if (shown[action] < PREVIEW_PER_ACTION) {
      shown[action] += 1;
      preview.push({
        row: outcome.raw.row,
        action,
        label: outcome.plan?.label ?? rowLabel(run, outcome),
        changes: (outcome.plan?.changes ?? []).map((key) => columnHeader(run, sheet, mapping, key) ?? key),
      });
    }
    if (action !== 'error') continue;
    const messages: string[] = [];
    for (const problem of outcome.problems) {
      const column = columnHeader(run, sheet, mapping, problem.column);
      const index = problem.column === null ? undefined : mapping[problem.column];
      const cell = index === null || index === undefined ? null : (outcome.raw.cells[index] ?? null);
      const message = formatMessage(problem.code, undefined, problem.params, run.locale);
      messages.push(column ? `${column}${run.locale === 'en' ? ': ' : '：'}${message}` : message);
      if (issues.length < MAX_REPORTED_ISSUES) {
        issues.push({ row: outcome.raw.row, column, code: problem.code, message, value: cell === null ? null : cellText(cell) });
      } else issuesTruncated = true;
    }
    if (errorRows.length < MAX_ERROR_ROWS) {
      errorRows.push({ row: outcome.raw.row, cells: outcome.raw.cells, messages: messages.map((m) => `${rowWord(outcome.raw.row)}${run.locale === 'en' ? ': ' : '：'}${m}`) });
    }
  }
  preview.sort((a, b) => a.row - b.row);
  return {
    report: {
      register: run.register.name,
      fileName: run.upload.fileName,
      sha256: run.upload.sha256,
      rows: rows.outcomes.length,
      exampleSkipped: rows.exampleSkipped,
      counts,
      issues,
      issuesTruncated,
      preview,
      committed,
      allOrNothing: run.allOrNothing,
      importId: null,
      timings: { readMs: Math.round(timings.readMs), checkMs: Math.round(timings.checkMs), writeMs: Math.round(timings.writeMs) },
    },
    headers: sheet.headers,
    errorRows,
  };
}

/** A row in error has no plan: name it by the first two mapped cells (usually the name and the ID). */
function rowLabel(run: ImportRun, outcome: RowOutcome): string {
  const parts: string[] = [];
  for (const column of run.register.columns) {
    const value = outcome.values[column.key];
    if (typeof value === 'string' && value) parts.push(column.kind.type === 'idNumber' ? maskIdNumber(value) : value);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { CaseState, ProgressCounts, StepKind } from '../../contract/areas/renovations';
import { stateAfter } from './derive';

/**
 * A plan year's standing steps counted in SQL. A large county has thousands of cases a year and
 * dozens of steps each; reading every step into JS to replay it cost most of the progress report.
 * The rules are those of `effectiveSteps`: a step stands unless it is a correction or a correction
 * of the same case reverses it, and the order is (step date, seq). With `asOf`, only steps (and
 * corrections) dated by that day exist, and only cases applied for by then.
 */

export type CountedKey = Exclude<keyof ProgressCounts, 'subsidyPaidFen'>;

/** Which column a standing step counts in (each at most once per case: the first such step). */
export const COLUMN: Partial<Record<StepKind, CountedKey>> = {
  applied: 'applied',
  assessed: 'assessed',
  works_started: 'worksStarted',
  accepted: 'accepted',
  paid: 'paid',
  rejected: 'closed',
  withdrawn: 'closed',
};

/** Steps of a case of the year (and with `asOf`, applied for by then), dated by `asOf`. */
function yearSteps(year: number, asOf: string | null) {
  const by = asOf === null ? sql`` : sql`AND c.applied_on <= ${asOf} AND s.step_date <= ${asOf}`;
  return sql`renovation_case c JOIN renovation_step s ON s.case_id = c.id WHERE c.plan_year = ${year} ${by}`;
}

/** The step is not reversed by a correction of its case (one dated by `asOf`, when given). */
function stands(asOf: string | null) {
  const by = asOf === null ? sql`` : sql`AND k.step_date <= ${asOf}`;
  return sql`NOT EXISTS (SELECT 1 FROM renovation_step k WHERE k.corrects_step_id = s.id AND k.case_id = s.case_id ${by})`;
}

/**
 * A step's place in `effectiveSteps` order (step date, then seq) as one integer, so min()/max()
 * can pick a case's first or latest step: YYYYMMDD × 10^10 + seq (seq < 10^10; fits in 63 bits).
 */
const ORDER_KEY = sql`CAST(replace(s.step_date, '-', '') AS INTEGER) * 10000000000 + s.seq`;

export interface FirstStepCount {
  townCode: string;
  column: CountedKey;
  /** The first such step's month (YYYY-MM), within the year. */
  month: string;
  count: number;
  /** Its amounts (the paid column's subsidy). */
  amountFen: number;
}

/**
 * Per town, column and month of the year: how many cases' first standing step of that column fell
 * then. A case's first step of a column dated outside the year is not counted (nor a later one).
 */
export async function firstStepCounts(db: Kysely<Database>, year: number, asOf: string | null): Promise<FirstStepCount[]> {
  const columns = Object.entries(COLUMN);
  const column = sql`CASE s.step ${sql.join(columns.map(([step, key]) => sql`WHEN ${step} THEN ${key}`), sql` `)} END`;
  // One pass: min() over the (step date, seq) order key picks each case's first step of a column,
  // and SQLite takes the bare columns (date, amount) from that row; a window sorted every step.
  const { rows } = await sql<{ town_code: string; col: CountedKey; month: string; n: number; fen: number | null }>`
    WITH firsts AS (
      SELECT c.town_code, ${column} AS col, s.step_date, s.amount_fen, min(${ORDER_KEY}) AS first_key
      FROM ${yearSteps(year, asOf)}
        AND s.step IN (${sql.join(columns.map(([step]) => step))}) AND ${stands(asOf)}
      GROUP BY s.case_id, col
    )
    SELECT town_code, col, substr(step_date, 1, 7) AS month, count(*) AS n, sum(amount_fen) AS fen
    FROM firsts WHERE substr(step_date, 1, 4) = ${String(year)}
    GROUP BY town_code, col, month`.execute(db);
  return rows.map((r) => ({ townCode: r.town_code, column: r.col, month: r.month, count: r.n, amountFen: r.fen ?? 0 }));
}

/** Every standing payment of the year's cases, whatever its date. */
export async function paidFen(db: Kysely<Database>, year: number, asOf: string | null): Promise<number> {
  const { rows } = await sql<{ fen: number | null }>`
    SELECT sum(s.amount_fen) AS fen FROM ${yearSteps(year, asOf)} AND s.step = 'paid' AND ${stands(asOf)}`.execute(db);
  return rows[0]?.fen ?? 0;
}

/** Each case's state on `asOf`: that of its latest standing step then (as `derive` replays it). */
export async function statesOn(db: Kysely<Database>, year: number, asOf: string): Promise<Map<string, { state: CaseState; stateDate: string }>> {
  // max() of the order key: each case's latest standing step, its bare columns from that row.
  const { rows } = await sql<{ case_id: string; step: StepKind; step_date: string }>`
    SELECT s.case_id, s.step, s.step_date, max(${ORDER_KEY}) AS last_key
    FROM ${yearSteps(year, asOf)} AND s.step <> 'correction' AND ${stands(asOf)}
    GROUP BY s.case_id`.execute(db);
  return new Map(rows.map((r) => [r.case_id, { state: stateAfter(r.step as Exclude<StepKind, 'correction'>), stateDate: r.step_date }]));
}

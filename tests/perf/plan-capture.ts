import BetterSqlite3 from 'better-sqlite3';

/** One statement a request ran, with the parameters it ran with. */
export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

type Run = (this: BetterSqlite3.Statement, ...params: unknown[]) => unknown;

/**
 * Records every statement run on any better-sqlite3 connection of this process while `capture`'s
 * callback runs: the statement class is shared by all connections, so the core's own connection
 * (which the test cannot reach) is seen without changing it.
 */
export function statementRecorder() {
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'all' | 'get' | 'iterate' | 'run', Run>;
  probe.close();
  let sink: CapturedStatement[] | null = null;
  const originals = (['all', 'get', 'iterate', 'run'] as const).map((method) => [method, proto[method]] as const);
  for (const [method, original] of originals) {
    proto[method] = function (this: BetterSqlite3.Statement, ...params: unknown[]) {
      sink?.push({ sql: this.source, params: params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params });
      return original.apply(this, params);
    };
  }
  return {
    async capture(run: () => Promise<unknown>): Promise<CapturedStatement[]> {
      const statements: CapturedStatement[] = [];
      sink = statements;
      try {
        await run();
      } finally {
        sink = null;
      }
      return statements;
    },
    restore() {
      for (const [method, original] of originals) proto[method] = original;
    },
  };
}

/** The plan of a SELECT, one line per step ("SCAN person USING INDEX person_pinyin"). */
export function queryPlan(db: BetterSqlite3.Database, statement: CapturedStatement): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.params as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/**
 * Tables that grow with the county's years of work (tens to hundreds of thousands of rows). Stays in
 * the homes (resident, residence_period) are bounded by the homes' beds: a few thousand.
 */
export const BIG_TABLES = new Set([
  'person',
  'audit_entry',
  'renovation_case',
  'renovation_case_person',
  'renovation_plan_line',
  'renovation_step',
  'station_month_stat',
  'resident_event',
  'family_bed',
]);

export interface PlanProblem {
  /** 'scan': every row of a big table read without an index; 'walk': a big table read whole in an index's order; 'sort': matches sorted in a temp b-tree. */
  kind: 'scan' | 'walk' | 'sort';
  line: string;
}

/**
 * What in a plan costs in proportion to a big table: a full SCAN, an index walked from end to end
 * (harmless only when nothing is filtered and the page LIMIT stops it early), or a sort of all the
 * statement's rows in a temp b-tree. A statement touching no big table has no problems.
 */
export function planProblems(sql: string, plan: string[]): PlanProblem[] {
  // Plans name a table by its alias: "person" as "p" → p.
  const tableOf = new Map([...sql.matchAll(/"(\w+)" as "(\w+)"/gi)].map((m) => [m[2]!, m[1]!]));
  const big = (name: string) => BIG_TABLES.has(tableOf.get(name) ?? name);
  const touched = plan.map((line) => /^(?:SCAN|SEARCH) (\w+)/.exec(line)?.[1]).filter((t): t is string => !!t);
  if (!touched.some(big)) return [];
  const problems: PlanProblem[] = [];
  for (const line of plan) {
    const scan = /^SCAN (\w+)( USING (?:COVERING )?INDEX .*)?$/.exec(line);
    if (scan && big(scan[1]!)) problems.push({ kind: scan[2] ? 'walk' : 'scan', line });
    // "LAST TERM OF" / "RIGHT PART OF" ORDER BY sorts only rows that tie on the index's leading key.
    if (/^USE TEMP B-TREE FOR ORDER BY/.test(line)) problems.push({ kind: 'sort', line });
  }
  return problems;
}

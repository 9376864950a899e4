import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, RequestName } from '../../main/contract';
import { createTestOffice, type TestOffice } from '../support/office';
import { planProblems, queryPlan, statementRecorder, type CapturedStatement, type PlanProblem } from './plan-capture';

/**
 * Every list and search request, run through the dispatcher on a demo office, must read its big
 * tables through indexes: no full SCAN, no index walked end to end under a filter, no temp b-tree
 * sort, except where the allow-list below says why. Plans come from EXPLAIN QUERY PLAN of the very
 * statements the requests ran; with no ANALYZE statistics they are the plans a large county gets.
 */

interface Scenario {
  label: string;
  request: RequestName;
  input: Record<string, unknown>;
  /** Nothing narrows the rows: walking the sort index is the plan (the page LIMIT stops it), and the total counts every row. */
  unfiltered?: boolean;
}

interface Allowed {
  label: RegExp;
  kind: PlanProblem['kind'];
  line?: RegExp;
  reason: string;
}

const ALLOWED: Allowed[] = [
  {
    label: /name "/,
    kind: 'sort',
    reason: 'a name search reads its matches from person_name_fts by rowid and sorts them: few rows, by design',
  },
  {
    label: /pinyin "|ID tail "/,
    kind: 'sort',
    reason: 'a pinyin or ID-tail search reads its matches from index ranges and sorts them: a typed prefix matches few rows',
  },
  {
    label: /^beds\.list by station/,
    kind: 'sort',
    reason: 'one station’s beds (a few hundred at most), read by family_bed_station and sorted by the person’s pinyin',
  },
  {
    label: /^renovations\.list stuck/,
    kind: 'sort',
    reason: 'stuck cases are read by renovation_case_open_since and sorted by number: open cases past the limit are few',
  },
  {
    label: /^audit\.list by days/,
    kind: 'sort',
    reason: 'the entries of the chosen days, read by audit_at and sorted newest first (the trail of a few days)',
  },
  {
    label: /^residents\.list/,
    kind: 'sort',
    reason: 'stays in the homes are bounded by their beds (≤ 60 homes, a few thousand stays): sorted by the person’s pinyin',
  },
];

let office: TestOffice;
const recorder = statementRecorder();
/** Scenario label → the statements it ran. */
const runs = new Map<string, CapturedStatement[]>();

async function scenarios(): Promise<Scenario[]> {
  const c = office.admin;
  const people = (await c.call('people.list', { limit: 500 })).rows;
  const someone = people.find((p) => p.idNumber && p.name.length >= 3)!;
  const given = [...someone.name].slice(-2).join('');
  const tail = someone.idNumber!.slice(-4);
  const station = (await c.call('stations.list', {})).rows[0]!;
  const institution = (await c.call('institutions.list', {}))[0]!;
  const aCase = (await c.call('renovations.list', {})).rows[0]!;
  const audit = (await c.call('audit.list', {})).rows[0]!;
  const searches = (prefix: string, request: RequestName): Scenario[] => [
    { label: `${prefix} name "${given}"`, request, input: { query: given } },
    { label: `${prefix} pinyin "zs"`, request, input: { query: 'zs' } },
    { label: `${prefix} ID tail "${tail}"`, request, input: { query: tail } },
  ];
  return [
    { label: 'people.list all', request: 'people.list', input: {}, unfiltered: true },
    ...searches('people.list', 'people.list'),
    { label: 'beds.list all', request: 'beds.list', input: {}, unfiltered: true },
    { label: 'beds.list by station', request: 'beds.list', input: { stationId: station.id } },
    { label: 'beds.list active', request: 'beds.list', input: { status: 'active' }, unfiltered: true },
    ...searches('beds.list', 'beds.list'),
    { label: 'residents.list current', request: 'residents.list', input: {}, unfiltered: true },
    { label: 'residents.list all', request: 'residents.list', input: { scope: 'all' }, unfiltered: true },
    { label: 'residents.list exited', request: 'residents.list', input: { scope: 'exited' }, unfiltered: true },
    { label: 'residents.list by institution', request: 'residents.list', input: { institutionId: institution.id } },
    ...searches('residents.list', 'residents.list'),
    { label: 'renovations.list all', request: 'renovations.list', input: {}, unfiltered: true },
    { label: 'renovations.list by state', request: 'renovations.list', input: { state: aCase.state } },
    { label: 'renovations.list by town', request: 'renovations.list', input: { townCode: aCase.townCode } },
    { label: 'renovations.list by year', request: 'renovations.list', input: { planYear: aCase.planYear } },
    { label: 'renovations.list case number', request: 'renovations.list', input: { query: aCase.caseNumber.slice(0, 6) } },
    ...searches('renovations.list', 'renovations.list'),
    { label: 'renovations.list stuck', request: 'renovations.list', input: { stuckOnly: true } },
    { label: 'audit.list all', request: 'audit.list', input: {}, unfiltered: true },
    { label: 'audit.list by days', request: 'audit.list', input: { from: '2026-11-01', to: '2026-11-30' } },
    { label: 'audit.list by actor', request: 'audit.list', input: { actorId: audit.actorId } },
    { label: 'audit.list by entity', request: 'audit.list', input: { entity: audit.entity } },
    { label: 'audit.list by record', request: 'audit.list', input: { entity: audit.entity, entityId: audit.entityId } },
  ];
}

/** Runs a scenario's first page and, when there is one, the page after its cursor. */
async function runScenario(s: Scenario): Promise<void> {
  const small = { ...s.input, limit: 2 };
  let next: unknown = null;
  runs.set(
    s.label,
    await recorder.capture(async () => {
      const page = (await office.admin.call(s.request, small as Input<typeof s.request>)) as { nextCursor?: unknown };
      next = page.nextCursor ?? null;
    }),
  );
  if (next === null) return;
  const key = s.request === 'audit.list' ? 'beforeSeq' : 'after';
  runs.set(`${s.label} (after cursor)`, await recorder.capture(() => office.admin.call(s.request, { ...small, [key]: next } as Input<typeof s.request>)));
}

/** Each unexplained problem, as "label: plan line (SQL)". */
function unexplained(db: BetterSqlite3.Database, unfiltered: Set<string>): string[] {
  const found: string[] = [];
  for (const [label, statements] of runs) {
    for (const statement of statements) {
      if (!/^\s*select/i.test(statement.sql)) continue;
      const plan = queryPlan(db, statement);
      if (process.env.PLANS_DUMP) console.log(`${label}\n  ${statement.sql}\n  ${plan.join('\n  ')}`);
      for (const problem of planProblems(statement.sql, plan)) {
        // Nothing to narrow: counting reads every row, and a page walks the sort order until full.
        if (problem.kind !== 'sort' && unfiltered.has(label.replace(' (after cursor)', ''))) continue;
        if (ALLOWED.some((a) => a.kind === problem.kind && a.label.test(label) && (!a.line || a.line.test(problem.line)))) continue;
        found.push(`${label}: ${problem.line}\n    ${statement.sql}`);
      }
    }
  }
  return found;
}

describe('query plans of the lists at county scale', () => {
  let all: Scenario[];
  beforeAll(async () => {
    office = await createTestOffice();
    await office.admin.call('demo.fill', {});
    all = await scenarios();
    for (const s of all) await runScenario(s);
  }, 120_000);
  afterAll(() => {
    recorder.restore();
    office?.close();
  });

  it('captures statements of every scenario, and a page after a cursor for most', () => {
    for (const s of all) expect(runs.get(s.label)?.length, s.label).toBeGreaterThan(0);
    expect([...runs.keys()].filter((k) => k.endsWith('(after cursor)')).length).toBeGreaterThan(all.length / 2);
  });

  it('reads big tables through indexes (or says why not)', () => {
    const db = new BetterSqlite3(office.dbPath, { readonly: true });
    try {
      expect(unexplained(db, new Set(all.filter((s) => s.unfiltered).map((s) => s.label)))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('notices when an index the lists need is missing', async () => {
    // A copy of the office without the index of renovation cases by state.
    const copy = `${office.dbPath}.without-index`;
    const original = new BetterSqlite3(office.dbPath, { readonly: true });
    await original.backup(copy);
    original.close();
    const db = new BetterSqlite3(copy);
    try {
      db.exec('DROP INDEX renovation_case_state_number');
      const found = unexplained(db, new Set(all.filter((s) => s.unfiltered).map((s) => s.label)));
      expect(found.some((f) => f.startsWith('renovations.list by state:'))).toBe(true);
    } finally {
      db.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { parseIdNumber } from '../../main/contract/validators/id-number';
import { createLedgerCore, type LedgerCore } from '../../main/services/ledger-core';
import { deriveCase } from '../../main/services/renovations/case-store';
import { replayStay } from '../../main/services/residents/stay-store';
import { TestClient } from '../../tests/support/office';
import { generateLargeCounty, LARGE_ADMIN, type LargeCountySummary } from './generate';

const SCALE = 0.01;
const dirs: string[] = [];

async function generate(seed: number): Promise<LargeCountySummary> {
  const dir = mkdtempSync(join(tmpdir(), 'large-county-'));
  dirs.push(dir);
  return generateLargeCounty({ dataDir: dir, seed, scale: SCALE });
}

/** Columns that name the installation or the administrator: made by setup with fresh random ids on every run. */
const PER_RUN = new Set(['updated_by', 'updated_installation', 'created_by', 'created_installation', 'installation_id', 'actor_id', 'submitted_by']);

function tableHash(path: string, tables: string[]): string {
  const opened = openDatabase(path, { readonly: true });
  const hash = createHash('sha256');
  try {
    // The audit trail's copies of records name them too: replaced by placeholders.
    const staffId = opened.sqlite.prepare('SELECT id FROM staff').pluck().get() as string;
    const installationId = opened.sqlite.prepare('SELECT installation_id FROM office').pluck().get() as string;
    for (const table of tables) {
      // The setup's own entries (before the generated records) carry random ids.
      const where = table === 'audit_entry' ? "WHERE at >= '2016-12-01'" : '';
      for (const row of opened.sqlite.prepare(`SELECT * FROM ${table} ${where} ORDER BY rowid`).all() as Record<string, unknown>[]) {
        const text = JSON.stringify(Object.entries(row).filter(([k]) => !PER_RUN.has(k)));
        hash.update(text.replaceAll(staffId, 'STAFF').replaceAll(installationId, 'INSTALLATION'));
      }
    }
  } finally {
    opened.close();
  }
  return hash.digest('hex');
}

const HASHED = ['person', 'station', 'station_month_stat', 'family_bed', 'institution_bed', 'resident', 'resident_event', 'residence_period', 'renovation_case', 'renovation_step', 'renovation_plan_line', 'audit_entry'];

describe('the large-county generator (scale 0.01)', () => {
  let first: LargeCountySummary;
  let database: OpenedDatabase;
  let core: LedgerCore;
  let client: TestClient;
  let firstHash: string;

  beforeAll(async () => {
    first = await generate(7);
    // Before the app opens it: logging in adds to the audit trail.
    firstHash = tableHash(first.databasePath, HASHED);
    database = openDatabase(first.databasePath, { readonly: true });
    core = createLedgerCore({ dataDir: join(first.databasePath, '..'), log: () => {}, clock: { now: () => new Date('2026-11-20T03:00:00Z') } });
    client = new TestClient(core);
    await client.login(LARGE_ADMIN.username, LARGE_ADMIN.password);
  }, 60_000);

  afterAll(() => {
    core?.close();
    database?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('makes the promised counts, scaled', () => {
    const r = first.rows;
    expect(r.person).toBe(2_000);
    expect(r.station).toBe(4);
    expect(r.family_bed).toBe(200);
    expect(r.institution).toBe(1);
    expect(r.resident).toBe(80);
    expect(r.renovation_case).toBeGreaterThan(380);
    expect(r.renovation_case).toBeLessThanOrEqual(400);
    expect(r.renovation_plan_line).toBeGreaterThan(2_700);
    expect(r.renovation_plan_line).toBeLessThan(3_300);
    expect(r.audit_entry).toBeGreaterThanOrEqual(20_000);
    expect(r.stat_month).toBe(120);
    // Every month but the latest is submitted.
    expect(database.sqlite.prepare('SELECT count(*) FROM stat_month WHERE submitted_at IS NULL').pluck().get()).toBe(1);
  });

  it('leaves a sound database: integrity and foreign keys clean', () => {
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(database.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives everyone a valid, unique ID number agreeing with their birth date and sex', () => {
    const people = database.sqlite.prepare('SELECT id_number, birth_date, sex FROM person').all() as { id_number: string; birth_date: string; sex: string }[];
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length);
    for (const p of people) {
      const parsed = parseIdNumber(p.id_number, '2026-11-20');
      expect(parsed.ok, p.id_number).toBe(true);
      if (parsed.ok) expect([parsed.birthDate, parsed.sex]).toEqual([p.birth_date, p.sex]);
    }
  });

  it('never puts two stays in one bed, nor one person in two stays, on the same day', () => {
    const clashes = (on: string) =>
      database.sqlite
        .prepare(
          `SELECT count(*) FROM residence_period a JOIN residence_period b ON a.${on} = b.${on} AND a.resident_id < b.resident_id
           WHERE a.from_date < coalesce(b.to_date, '9999-12-31') AND b.from_date < coalesce(a.to_date, '9999-12-31')`,
        )
        .pluck()
        .get();
    expect(clashes('bed_id')).toBe(0);
    expect(clashes('person_id')).toBe(0);
  });

  it('stores for each stay what the service replays from its events, and residents.get agrees', async () => {
    const stays = database.sqlite.prepare('SELECT * FROM resident ORDER BY id').all() as Record<string, unknown>[];
    expect(new Set(stays.map((s) => s.status))).toEqual(new Set(['present', 'exited', ...(stays.some((s) => s.status === 'leave') ? ['leave'] : [])]));
    for (const stay of stays.slice(0, 30)) {
      const replayed = await replayStay(database.db, stay.id as string);
      const s = replayed.state;
      expect([stay.status, stay.admitted_on, stay.exited_on, stay.exit_reason, stay.bed_id, stay.leave_since]).toEqual([s.status, s.admittedOn, s.exitedOn, s.exitReason, s.bedId, s.leaveSince]);
      const periods = database.sqlite.prepare('SELECT bed_id, from_date, to_date, on_leave FROM residence_period WHERE resident_id = ? ORDER BY from_date').all(stay.id);
      expect(periods).toEqual(replayed.periods.map((p) => ({ bed_id: p.bedId, from_date: p.from, to_date: p.to, on_leave: p.onLeave ? 1 : 0 })));
      const shown = await client.call('residents.get', { id: stay.id as string });
      expect([shown.status, shown.admittedOn, shown.exitedOn]).toEqual([s.status, s.admittedOn, s.exitedOn]);
    }
  });

  it('stores for each case the state the service derives from its steps, in every state', async () => {
    const cases = database.sqlite.prepare('SELECT id, state, state_date, applied_on FROM renovation_case ORDER BY id').all() as { id: string; state: string; state_date: string; applied_on: string }[];
    expect(new Set(cases.map((c) => c.state)).size).toBeGreaterThanOrEqual(10);
    for (const c of cases.filter((_, i) => i % 10 === 0)) {
      const d = await deriveCase(database.db, c.id);
      expect([c.state, c.state_date, c.applied_on]).toEqual([d.state, d.stateDate, d.appliedOn]);
    }
    const sample = await client.call('renovations.get', { id: cases[0]!.id });
    expect(sample.state).toBe(cases[0]!.state);
  });

  it('answers the list and report requests with the stored totals', async () => {
    const count = (sql: string) => Number(database.sqlite.prepare(sql).pluck().get());
    expect((await client.call('people.list', { limit: 50 })).total).toBe(2_000);
    expect((await client.call('stations.list', {} as never)).total).toBe(4);
    expect((await client.call('residents.list', { scope: 'all', limit: 50 })).total).toBe(80);
    expect((await client.call('residents.list', { limit: 50 })).total).toBe(count("SELECT count(*) FROM resident WHERE status IN ('present', 'leave')"));
    expect((await client.call('renovations.list', { limit: 50 })).total).toBe(first.rows.renovation_case);
    const progress = await client.call('renovations.progress', { year: 2025 });
    expect(progress.total.cases).toBe(count('SELECT count(*) FROM renovation_case WHERE plan_year = 2025'));
    await client.call('reports.dashboard', { year: 2026 });
  });

  it('makes the same rows from the same seed, and others from another', async () => {
    const again = await generate(7);
    const other = await generate(8);
    expect(tableHash(again.databasePath, HASHED)).toBe(firstHash);
    expect(tableHash(other.databasePath, HASHED)).not.toBe(firstHash);
  }, 60_000);
});

import { openDatabase } from '../../db/open';
import { derive, stepFromRow } from '../../main/services/renovations/derive';
import type { ActionLine } from './protocol';

/**
 * What the harness knows after a kill: the actions reported committed (all runs so far), the one
 * begun but not reported (it may have committed or not), and the value each statistics cell must
 * hold. Each verification settles the in-flight action from what the database shows.
 */
export class CrashModel {
  readonly committed: ActionLine[] = [];
  /** `station:month` → home visits the cell must hold. */
  readonly cells = new Map<string, number>();
}

/** A problem found in the database after a kill; the harness collects them per kill. */
export type Finding = string;

const splitStat = (key: string) => {
  const [stationId, month, value] = key.split(':');
  return { cell: `${stationId}:${month}`, stationId: stationId!, month: month!, value: Number(value) };
};

/**
 * Opens the database as the app would after a crash and checks it: integrity, foreign keys, every
 * committed action present, and no torn action anywhere (an admission without its event,
 * assessment, period or audit entry; a case whose state is not what its steps say; an import whose
 * people differ from its run row; a statistics cell without the audit entry of its value).
 */
export function verifyAfterKill(dbPath: string, model: CrashModel, lines: ActionLine[]): Finding[] {
  const found: Finding[] = [];
  const committedNow = lines.filter((l) => l.phase === 'committed');
  const done = new Set(committedNow.map((l) => l.n));
  const inFlight = lines.filter((l) => l.phase === 'begin' && !done.has(l.n));
  const handle = openDatabase(dbPath);
  try {
    const sqlite = handle.sqlite;
    const all = <T>(text: string, ...params: unknown[]) => sqlite.prepare(text).all(...params) as T[];
    const integrity = all<{ integrity_check: string }>('PRAGMA integrity_check').map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') found.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    const orphans = all<{ table: string }>('PRAGMA foreign_key_check');
    if (orphans.length > 0) found.push(`foreign_key_check: ${orphans.length} rows, first in ${orphans[0]!.table}`);

    model.committed.push(...committedNow);
    for (const line of committedNow.filter((l) => l.kind === 'stat')) {
      const s = splitStat(line.key);
      model.cells.set(s.cell, s.value);
    }
    // Committed actions are present.
    const personHas = (idNumber: string, join: string) =>
      all(`SELECT 1 FROM person p ${join} WHERE p.id_number = ? LIMIT 1`, idNumber).length > 0;
    for (const line of model.committed) {
      const missing = (what: string) => found.push(`committed ${line.kind} ${line.key} (action ${line.n}): ${what}`);
      if (line.kind === 'admit' && !personHas(line.key, 'JOIN resident r ON r.person_id = p.id')) missing('no resident');
      if (line.kind === 'case' && !personHas(line.key, 'JOIN renovation_case_person c ON c.person_id = p.id')) missing('no case');
      if (line.kind === 'step') {
        const [caseId, step] = line.key.split(':');
        if (all('SELECT 1 FROM renovation_step WHERE case_id = ? AND step = ?', caseId, step).length === 0) missing('no step');
      }
      if (line.kind === 'import' && all('SELECT 1 FROM import_run WHERE file_sha256 = ? AND created = 3', line.key).length === 0) missing('no import run');
    }
    // Statistics cells hold the last committed value, or the in-flight save's.
    const cellValue = (stationId: string, month: string) =>
      all<{ home_visits: number }>('SELECT home_visits FROM station_month_stat WHERE station_id = ? AND month = ?', stationId, month)[0]?.home_visits;
    const pending = inFlight.filter((l) => l.kind === 'stat').map((l) => splitStat(l.key));
    for (const p of pending) {
      const value = cellValue(p.stationId, p.month);
      if (value === p.value) model.cells.set(p.cell, p.value);
    }
    for (const [cell, expected] of model.cells) {
      const [stationId, month] = cell.split(':') as [string, string];
      const value = cellValue(stationId, month);
      if (value !== expected) found.push(`statistics ${cell}: ${value} where ${expected} was committed`);
      const audits = all<{ after_json: string }>(
        "SELECT after_json FROM audit_entry WHERE entity = 'stat-month' AND entity_id = ? AND after_json LIKE ? ORDER BY seq DESC LIMIT 1",
        month,
        `%${stationId}%`,
      );
      const audited = audits[0] ? (JSON.parse(audits[0].after_json) as { stationId: string; services: { visiting?: { home: number } } }[]) : [];
      if (audited.find((a) => a.stationId === stationId)?.services.visiting?.home !== value) found.push(`statistics ${cell}: value ${value} without its audit entry`);
    }
    found.push(...tornRecords(all));
  } finally {
    handle.close();
  }
  return found;
}

/** Whole-database checks for half-written actions of the writer (names 崩测/崩改/崩导 are its people). */
function tornRecords(all: <T>(text: string, ...params: unknown[]) => T[]): Finding[] {
  const found: Finding[] = [];
  const count = (text: string) => all<{ n: number }>(text)[0]!.n;
  const admissionsTorn = count(`
    SELECT count(*) AS n FROM person p WHERE p.name LIKE '崩测%' AND NOT EXISTS (
      SELECT 1 FROM resident r
      JOIN resident_event e ON e.resident_id = r.id AND e.kind = 'admit'
      JOIN ability_assessment a ON a.event_id = e.id
      JOIN residence_period m ON m.resident_id = r.id
      JOIN audit_entry u ON u.entity = 'resident' AND u.entity_id = r.id AND u.action = 'admit'
      WHERE r.person_id = p.id)`);
  if (admissionsTorn > 0) found.push(`${admissionsTorn} admitted people without their stay, admit event, assessment, period or audit entry`);

  const steps = all<{ id: string; seq: number; step: string; step_date: string; corrects_step_id: string | null; case_id: string }>(
    'SELECT id, seq, step, step_date, corrects_step_id, case_id FROM renovation_step ORDER BY seq',
  );
  const byCase = new Map<string, typeof steps>();
  for (const s of steps) {
    const list = byCase.get(s.case_id);
    if (list) list.push(s);
    else byCase.set(s.case_id, [s]);
  }
  for (const c of all<{ id: string; state: string; state_date: string; version: number; people: number; audits: number }>(`
    SELECT c.id, c.state, c.state_date, c.version,
      (SELECT count(*) FROM renovation_case_person p WHERE p.case_id = c.id) AS people,
      (SELECT count(*) FROM audit_entry u WHERE u.entity = 'renovation-case' AND u.entity_id = c.id) AS audits
    FROM renovation_case c`)) {
    const own = byCase.get(c.id) ?? [];
    let derived: { state: string; stateDate: string } | null = null;
    try {
      derived = derive(own.map((s) => stepFromRow(s as Parameters<typeof stepFromRow>[0])));
    } catch {
      derived = null;
    }
    if (!derived || derived.state !== c.state || derived.stateDate !== c.state_date) found.push(`renovation case ${c.id}: state ${c.state} but its steps say ${derived?.state ?? 'nothing'}`);
    if (c.people === 0) found.push(`renovation case ${c.id}: no applicant`);
    if (c.audits > 0 && c.audits < own.length) found.push(`renovation case ${c.id}: ${own.length} steps but ${c.audits} audit entries`);
  }

  for (const run of all<{ id: string; created: number; inserted: number; present: number; audited: number }>(`
    SELECT r.id, r.created,
      (SELECT count(*) FROM import_change c WHERE c.import_id = r.id AND c.tbl = 'person' AND c.op = 'insert') AS inserted,
      (SELECT count(*) FROM import_change c JOIN person p ON p.id = json_extract(c.pk, '$[0]') WHERE c.import_id = r.id AND c.tbl = 'person' AND c.op = 'insert') AS present,
      (SELECT count(*) FROM audit_entry u WHERE u.entity = 'spreadsheet' AND u.entity_id = r.id) AS audited
    FROM import_run r WHERE r.undone_at IS NULL`)) {
    if (run.inserted !== run.created || run.present !== run.created || run.audited === 0) {
      found.push(`import ${run.id}: says ${run.created} people, ${run.inserted} recorded, ${run.present} present, ${run.audited} audit entries`);
    }
  }
  const strays = count(`
    SELECT count(*) AS n FROM person p WHERE p.name LIKE '崩导%' AND NOT EXISTS (
      SELECT 1 FROM import_change c JOIN import_run r ON r.id = c.import_id
      WHERE c.tbl = 'person' AND c.op = 'insert' AND json_extract(c.pk, '$[0]') = p.id)`);
  if (strays > 0) found.push(`${strays} imported people without their import run`);
  return found;
}

import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { verifyAfterKill } from './check';
import { describeFigures, runCrashHarness } from './harness';

/**
 * Issue 8 point 2 at the suite's size: CRASH_KILLS (default 30) SIGKILLs of a writer doing real
 * requests; `npm run test:crash` runs 200. After every kill the database must pass integrity_check
 * and hold every action the writer reported committed, with no half action anywhere.
 */
describe('crash safety', () => {
  const kills = Number(process.env.CRASH_KILLS ?? 30);
  it(`survives ${kills} kills at random moments with every committed action present and none torn`, { timeout: 15 * 60_000 }, async () => {
    const figures = await runCrashHarness({ kills, seed: process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : undefined, keepDatabase: true });
    try {
      console.log(describeFigures(figures));
      expect(figures.failures).toEqual([]);
      // The run did real work: every kind of action committed and was checked (the closing kill sees to it).
      expect(figures.committedVerified).toBeGreaterThanOrEqual(8);
      for (const kind of ['admit', 'stat', 'case', 'step', 'import']) expect(figures.model.committed.some((a) => a.kind === kind)).toBe(true);

      // The checks can fail: tear one action of each kind by hand and each is reported.
      const torn = openDatabase(figures.dbPath);
      torn.sqlite.pragma('foreign_keys = OFF');
      const admitted = figures.model.committed.find((a) => a.kind === 'admit')!.key;
      torn.sqlite
        .prepare("DELETE FROM residence_period WHERE resident_id IN (SELECT r.id FROM resident r JOIN person p ON p.id = r.person_id WHERE p.id_number = ?)")
        .run(admitted);
      torn.sqlite.prepare("DELETE FROM import_change WHERE seq = (SELECT max(seq) FROM import_change WHERE tbl = 'person')").run();
      const [cell] = figures.model.cells;
      const [stationId, month] = cell![0].split(':');
      torn.sqlite.prepare('UPDATE station_month_stat SET home_visits = home_visits + 1 WHERE station_id = ? AND month = ?').run(stationId, month);
      torn.sqlite.prepare("UPDATE renovation_case SET state = 'paid' WHERE id = (SELECT case_id FROM renovation_step WHERE step = 'town_reviewed' ORDER BY seq DESC LIMIT 1)").run();
      torn.close();
      const findings = verifyAfterKill(figures.dbPath, figures.model, []).join('\n');
      expect(findings).toMatch(/admitted people without their stay, admit event/);
      expect(findings).toMatch(/import .*: says 3 people, 2 recorded/);
      expect(findings).toMatch(new RegExp(`statistics ${cell![0]}: \\d+ where ${cell![1]} was committed`));
      expect(findings).toMatch(/renovation case .*: state paid but its steps say/);
    } finally {
      rmSync(figures.dir, { recursive: true, force: true });
    }
  });
});

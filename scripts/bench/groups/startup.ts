/**
 * startup: what the app does before its first screen, on the large county — a fresh
 * createLedgerCore and setup.status (open the database, check migrations, start quick_check on a
 * worker thread, scan for stale temp files). Each repetition is a new core in this process (the OS
 * file cache stays warm, as after the app's own first start). Goal: ≤ 1 s.
 * Then the first write (auth.login records the login): it commits only once the background
 * quick_check has passed, so its time from the start is what a clerk who logs in at once waits.
 */
import { existsSync, statSync } from 'node:fs';
import { Client } from '../client';
import { databasePathOf, LARGE_ADMIN, type LargeCountyRef } from '../large-data';
import { timingRow, type GroupResult } from '../result';
import { peakRssMb, repeatFor, stats } from '../stats';
import { createLedgerCore } from '../../../main/services/ledger-core';

const GOAL_MS = 1000;

export async function runStartup(ref: LargeCountyRef): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const samples: number[] = [];
  const firstWrite: number[] = [];
  let state = '';
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const client = new Client(createLedgerCore({ dataDir: ref.dataDir, log: (e) => console.error(e) }));
    const status = await client.call('setup.status', {});
    samples.push(performance.now() - start);
    state = JSON.stringify(status).slice(0, 80);
    await client.call('auth.login', { username: LARGE_ADMIN.username, password: LARGE_ADMIN.password });
    firstWrite.push(performance.now() - start);
    client.core.close();
  }
  const databasePath = databasePathOf(ref.dataDir);
  const bytes = statSync(databasePath).size + (existsSync(`${databasePath}-wal`) ? statSync(`${databasePath}-wal`).size : 0);
  const row = timingRow('createLedgerCore + setup.status (open, migrations, start the background quick_check, temp scan)', stats(samples), GOAL_MS, 'p95');
  return {
    group: 'startup',
    repeat,
    peakRssMb: peakRssMb(),
    about: `database ${(bytes / 1e6).toFixed(1)} MB (${databasePath})`,
    rows: [
      row,
      timingRow('first write from start (auth.login: waits for the background quick_check)', stats(firstWrite), null),
      { name: 'database file size', median: null, p95: null, target: null, met: null, note: `${(bytes / 1e6).toFixed(1)} MB`, data: { bytes } }],
    extra: { databaseBytes: bytes, status: state },
  };
}

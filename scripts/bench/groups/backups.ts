/**
 * backups: the largest demo county (罗定市, demo.fill) in a fresh office: back up now to a folder,
 * inspect that backup (every SHA-256 and integrity_check), restore it (inspect, keep the current
 * database, swap, reopen) — all through the core, as the page does. No goals: figures to watch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ADMIN, freshOffice } from '../client';
import { round, type GroupResult } from '../result';
import { peakRssMb, repeatFor, stats } from '../stats';

/** The largest demo county (罗定市): a backup to a folder, its inspection, and a restore (all through the core, as the page does). */
export async function runBackups(): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-backups-'));
  try {
    const client = await freshOffice(join(root, 'office'), 'county', '445381', '罗定市民政局');
    await client.call('demo.fill', {});
    const once = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    const backupMs: number[] = [];
    const inspectMs: number[] = [];
    const restoreMs: number[] = [];
    let size = 0;
    for (let i = 0; i < repeat; i++) {
      let info: { path: string; size: number } | null = null;
      backupMs.push(
        await once(async () => {
          info = await client.job(await client.call('backups.create', { folder: join(root, `usb-${i}`) }));
        }),
      );
      const path = info!.path;
      size = info!.size;
      inspectMs.push(await once(() => client.call('backups.inspect', { path })));
      restoreMs.push(await once(() => client.call('backups.restore', { path })));
      await client.login(BENCH_ADMIN);
    }
    client.core.close();
    const row = (name: string, samples: number[]) => ({ name, median: round(stats(samples).median), p95: round(stats(samples).p95), target: null, met: null });
    return { group: 'backups', repeat, peakRssMb: peakRssMb(), about: `罗定市 demo data, backup ${(size / 1e6).toFixed(2)} MB`, extra: { size }, rows: [row('backup now (database + attachments)', backupMs), row('inspect (hashes + integrity_check)', inspectMs), row('restore (inspect, keep current, swap, reopen)', restoreMs)] };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOffice } from '../support/office';
import { CRASH_HOME } from './protocol';

/**
 * The database the writer starts from: 云城区 filled with the demo data (stations operating this
 * year, homes, people) and one home without a bed register. Made once per run through the real
 * requests, then copied into a folder of its own (checkpointed by the close), so the demo fill is
 * paid once however many kills follow.
 */
export async function prepareCrashOffice(): Promise<{ dir: string; dbPath: string }> {
  const office = await createTestOffice('445302');
  await office.admin.call('demo.fill', {});
  await office.admin.call('institutions.create', {
    institution: { name: CRASH_HOME, type: 'nursing_home', totalBeds: 10_000, nursingBeds: 0, medicalRoom: false, medicalStaff: 0, oneStopSettlement: false },
  });
  office.core.close();
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-crash-'));
  const dbPath = join(dir, 'office.sqlite');
  copyFileSync(office.dbPath, dbPath);
  rmSync(office.dir, { recursive: true, force: true });
  return { dir, dbPath };
}

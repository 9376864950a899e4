import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedgerCore } from '../../main/services/ledger-core';
import { ADMIN, manualClock, TestClient } from './office';

/** A city-mode office (云浮市 4453) with its admin logged in: it keeps no county registers. */
export async function createCityOffice(): Promise<{ admin: TestClient; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-city-'));
  const core = createLedgerCore({ dataDir: dir, clock: manualClock(), log: () => undefined });
  const admin = new TestClient(core);
  await admin.call('setup.create', { mode: 'city', divisionCode: '4453', officeName: '云浮市民政局', databasePath: join(dir, 'city.sqlite'), admin: ADMIN });
  await admin.login(ADMIN.username, ADMIN.password);
  return {
    admin,
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

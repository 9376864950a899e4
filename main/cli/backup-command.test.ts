import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/cli';
import { ADMIN, createTestOffice, TestClient } from '../../tests/support/office';
import { createLedgerCore } from '../services/ledger-core';

/** `welfare-ledger backup` and `restore` in-process against a small county office. */

let dir: string;
let db: string;
const savedPassword = process.env.WELFARE_LEDGER_PASSWORD;

beforeAll(async () => {
  const office = await createTestOffice('445302');
  await office.admin.call('people.create', { person: { name: '备份前', sex: 'F', birthDate: '1940-02-03' } });
  office.core.close();
  ({ dir, dbPath: db } = office);
  process.env.WELFARE_LEDGER_PASSWORD = ADMIN.password;
});
afterAll(() => {
  if (savedPassword === undefined) delete process.env.WELFARE_LEDGER_PASSWORD;
  else process.env.WELFARE_LEDGER_PASSWORD = savedPassword;
  rmSync(dir, { recursive: true, force: true });
});

async function peopleNames(): Promise<string[]> {
  const core = createLedgerCore({ dataDir: dir, databasePath: db, log: () => undefined });
  try {
    const client = new TestClient(core);
    await client.login(ADMIN.username, ADMIN.password);
    return (await client.call('people.list', {})).rows.map((r) => r.name).sort();
  } finally {
    core.close();
  }
}

describe('welfare-ledger backup / restore', () => {
  it('backs up to a folder and restores from it, keeping the current data', async () => {
    const out = join(dir, 'usb');
    const made = await runCli(['backup', '--db', db, '--user', 'admin', '--out', out]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const [name] = readdirSync(out);
    expect(made.stdout).toContain(join(out, name!));

    const core = createLedgerCore({ dataDir: dir, databasePath: db, log: () => undefined });
    const client = new TestClient(core);
    await client.login(ADMIN.username, ADMIN.password);
    await client.call('people.create', { person: { name: '备份后', sex: 'M', birthDate: '1941-02-03' } });
    core.close();
    expect(await peopleNames()).toEqual(['备份前', '备份后'].sort());

    const restored = await runCli(['restore', '--db', db, '--user', 'admin', '--from', join(out, name!)]);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`restored ${name}`);
    expect(await peopleNames()).toEqual(['备份前']);
    expect(readdirSync(join(dir, 'backups')).some((n) => n.endsWith('-before-restore'))).toBe(true);
  });

  it('refuses a folder that is not a backup, and a missing option', async () => {
    const refused = await runCli(['restore', '--db', db, '--user', 'admin', '--from', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('manifest.json');
    expect((await runCli(['backup', '--db', db, '--user', 'admin'])).status).toBe(2);
    expect(await peopleNames()).toEqual(['备份前']);
  });
});

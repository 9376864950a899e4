import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Input, Output, RequestName } from '../main/contract';
import { startTestHost, type TestHost } from '../tests/host/test-host';

export const ADMIN = { username: 'admin', displayName: '李管理', password: 'correct horse 1' };

/** A test host with its own empty data folder, per test. */
export const test = base.extend<{ host: TestHost; dataDir: string }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startTestHost({ dataDir });
    await use(host);
    await host.close();
  },
});

export { expect };

/** Calls the contract as a separate client (not the page's session): for arranging data. */
export async function arrange(host: TestHost) {
  const session = host.core.newSession();
  async function call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
    const result = await host.core.dispatch(session, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as Output<K>;
  }
  return { call };
}

/** Sets up 云城区民政局 through the contract and returns a logged-in arranging client. */
export async function setUpOffice(host: TestHost, dataDir: string) {
  const client = await arrange(host);
  await client.call('setup.create', {
    mode: 'county',
    divisionCode: '445302',
    officeName: '云城区民政局',
    databasePath: join(dataDir, 'welfare-ledger.sqlite'),
    admin: { ...ADMIN, passwordConfirm: ADMIN.password },
  });
  const login = await client.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (login.status !== 'ok') throw new Error('arranging login failed');
  return client;
}

const SHOTS = join(__dirname, '..', 'test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/<name>.png (a CI artifact). */
/** The whole page, or (fullPage false) what the window shows: long pages under the app's fixed header. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Locator, Page } from '@playwright/test';
import { startTestHost, type TestHost } from '../tests/host/test-host';
import { ADMIN, arrange, screenshot } from './fixtures';

/** The city office (云浮市民政局, city mode) on a second test host with its own data folder. */
export async function startCityHost(): Promise<{ host: TestHost; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-e2e-city-'));
  const host = await startTestHost({ dataDir: dir });
  const client = await arrange(host);
  await client.call('setup.create', {
    mode: 'city',
    divisionCode: '4453',
    officeName: '云浮市民政局',
    databasePath: join(dir, 'welfare-ledger.sqlite'),
    admin: { ...ADMIN, passwordConfirm: ADMIN.password },
  });
  return {
    host,
    dir,
    async close() {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second browser window with its own cookies: both test hosts listen on 127.0.0.1 and cookies
 * do not tell ports apart, so the city's session must not share the county's cookie jar.
 */
export async function secondWindow(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  return context.newPage();
}

/** Clicks `button` and keeps what it downloads under `dir` with its suggested name; returns the path. */
export async function saveDownload(page: Page, button: Locator, dir: string): Promise<{ path: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, download };
}

/** A copy of a file with one byte flipped in its middle: what a tampered (or corrupted) bundle looks like. */
export function flippedCopy(path: string, copyPath: string): string {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(copyPath, bytes);
  return copyPath;
}

/** Picks files through the file chooser a button opens. */
export async function chooseFiles(page: Page, button: Locator, files: string[]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(files);
}

/** The texts of a table row's cells (header cell included), in order. */
export async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s*\n\s*/g, ' ').trim());
}

/** The eight digit groups a fingerprint view shows, as one line (what is read out on the phone). */
export async function shownDigits(scope: Locator): Promise<string> {
  const text = await scope.getByTestId('fingerprint-digits').first().innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** A screenshot from the top of the page, the mouse out of the way. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1, 1);
  await screenshot(page, name);
}

import { expect, type Locator, type Page } from '@playwright/test';
import type { Input, LedgerError, RequestName } from '../main/contract';
import { creditCodeCheckCharacter } from '../main/contract/validators/credit-code';
import { localDate } from '../main/contract/validators/dates';
import type { TestHost } from '../tests/host/test-host';
import { ADMIN } from './fixtures';

/** Logs in through the login page and waits for the app shell. */
export async function logIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Opens a page from the navigation bar. */
export async function openPage(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

/** Picks an option of a Mantine Select found by its label (inside `scope`). */
export async function pick(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The main side's refusal of a request made as the administrator (a separate session). */
export async function refusal<K extends RequestName>(host: TestHost, name: K, input: Input<K>): Promise<LedgerError> {
  const session = host.core.newSession();
  const login = await host.core.dispatch(session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error('admin login failed');
  const result = await host.core.dispatch(session, name, input);
  if (result.ok) throw new Error(`${name} was accepted, a refusal was expected`);
  return result.error;
}

/** A valid GB 32100 code from 17 characters, and the same with a wrong check character. */
export function creditCodes(first17: string): { valid: string; wrong: string; expected: string } {
  const expected = creditCodeCheckCharacter(first17)!;
  const wrongChar = expected === '0' ? '1' : '0';
  return { valid: first17 + expected, wrong: first17 + wrongChar, expected };
}

/** Months relative to the office's today (China Standard Time). */
export function monthShift(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastMonth(): string {
  return monthShift(localDate().slice(0, 7), -1);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "1234567.8" style: 分 → "1,234,567.80" as the pages show money. */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  return `${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100).padStart(2, '0')}`;
}

/** A station input with every optional field empty, for arranging. */
export function stationInput(patch: Partial<Input<'stations.create'>['station']>): Input<'stations.create'>['station'] {
  return {
    name: '未命名站点',
    kind: 'village_station',
    townCode: '445302001',
    lifecycle: { planned: null, construction: null, completed: null, accepted: null, operating: null, suspended: null, closed: null },
    services: [],
    oneStopSettlement: false,
    ...patch,
  };
}

import type { Locator, Page } from '@playwright/test';
import { idFor } from '../tests/support/id-numbers';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';
import { logIn } from './stations-helpers';

const PEOPLE = 3000;
/** Far more than a window shows (≈ 20 rows) plus the overscan, far fewer than the rows read. */
const MAX_BODY_ROWS = 100;

/** The rows of the people table that stand for a person (not the spacers around them). */
function personRows(page: Page): Locator {
  return page.getByRole('table', { name: '人员信息' }).locator('tbody tr:not(.virtual-spacer)');
}

async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('list-shown').textContent()) ?? '';
  const match = /已显示 (\d+) \/ 共 (\d+) 条/.exec(text);
  if (!match) throw new Error(`unexpected count text: ${text}`);
  return Number(match[1]);
}

test('a long register scrolls with few rows in the page, reads further pages on its own, and opens a person far down', async ({ page, host, dataDir }) => {
  test.setTimeout(180_000);
  const office = await setUpOffice(host, dataDir);
  for (let n = 0; n < PEOPLE; n++) {
    const birth = `19${String(30 + (n % 60)).padStart(2, '0')}-03-14`;
    await office.call('people.create', { person: { name: `列表${String(n).padStart(4, '0')}`, idNumber: idFor(birth, Math.floor(n / 60)) } });
  }
  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  const rows = personRows(page);
  const box = page.getByTestId('virtual-list');
  const nameHeader = page.getByRole('table', { name: '人员信息' }).getByRole('columnheader', { name: '姓名' });
  await expect(page.getByTestId('people-total')).toContainText(`共 ${PEOPLE} 人`);
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('list-shown')).toHaveText(`已显示 50 / 共 ${PEOPLE} 条`);
  await expect(page.getByRole('button', { name: '加载更多' })).toBeVisible();

  // Scrolling to the end reads the next page on its own, again and again, until all are read;
  // the page never holds more than a window's worth of rows, and the header stays in view.
  let shown = await shownCount(page);
  while (shown < PEOPLE) {
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => shownCount(page), { timeout: 10_000 }).toBeGreaterThan(shown);
    shown = await shownCount(page);
    expect(await rows.count()).toBeLessThanOrEqual(MAX_BODY_ROWS);
    const boxTop = (await box.boundingBox())!.y;
    const headerTop = (await nameHeader.boundingBox())!.y;
    expect(Math.abs(headerTop - boxTop)).toBeLessThan(2);
  }
  await expect(page.getByTestId('list-shown')).toHaveText(`已显示 ${PEOPLE} / 共 ${PEOPLE} 条`);
  await expect(page.getByRole('button', { name: '加载更多' })).toHaveCount(0);

  // At the very end: the last rows are shown (still only a window's worth), and one opens its person.
  await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows.last()).toHaveAttribute('data-index', String(PEOPLE - 1));
  expect(await rows.count()).toBeLessThanOrEqual(MAX_BODY_ROWS);
  await expect(nameHeader).toBeInViewport();
  await screenshot(page, 'people-list-scrolled', { fullPage: false });

  const target = rows.nth((await rows.count()) - 3);
  const name = (await target.getByRole('cell').first().textContent())?.trim() ?? '';
  expect(name).toMatch(/^列表\d{4}$/);
  await target.getByRole('cell').nth(2).click();
  const form = page.getByRole('dialog');
  await expect(form.getByLabel('姓名')).toHaveValue(name);
});

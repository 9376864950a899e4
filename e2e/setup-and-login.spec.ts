import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('first start: the wizard creates the office and its administrator, refusing bad input', async ({ page, host, dataDir }) => {
  await page.goto(host.url);
  await expect(page.getByText('初始设置').first()).toBeVisible();
  await page.getByLabel('县级民政局').check();
  await screenshot(page, 'wizard-1-mode');
  await page.getByTestId('wizard-next').click();

  await expect(page.getByLabel('地级市', { exact: true })).toHaveValue('云浮市');
  await pick(page, '区县', '云城区');
  await screenshot(page, 'wizard-2-division');
  await page.getByTestId('wizard-next').click();

  await expect(page.getByLabel('机构名称')).toHaveValue('云城区民政局');
  // A database path where a file already exists is refused by the main side.
  const existing = join(dataDir, 'existing.sqlite');
  writeFileSync(existing, 'someone else’s data');
  await page.getByLabel('数据库位置').fill(existing);
  await screenshot(page, 'wizard-3-office');
  await page.getByTestId('wizard-next').click();

  await page.getByLabel('姓名', { exact: true }).fill(ADMIN.displayName);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('short');
  await page.getByTestId('wizard-create').click();
  await expect(page.getByText('至少需要 8 个字符')).toBeVisible();

  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password + 'x');
  await page.getByTestId('wizard-create').click();
  await expect(page.getByText('两次输入的密码不一致').first()).toBeVisible();

  await page.getByLabel('确认密码').fill(ADMIN.password);
  await screenshot(page, 'wizard-4-admin');
  await page.getByTestId('wizard-create').click();
  // The main side refuses the existing file and the wizard goes back to the step that holds it.
  await expect(page.getByText('该位置已有文件')).toBeVisible();
  await expect(page.getByLabel('数据库位置')).toBeVisible();
  await page.getByLabel('数据库位置').fill(join(dataDir, 'yuncheng.sqlite'));
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-create').click();

  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toHaveValue(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('云城区民政局').first()).toBeVisible();
  await expect(page.getByRole('link', { name: '人员信息' }).or(page.getByRole('button', { name: '人员信息' })).first()).toBeVisible();
});

test('login: wrong passwords count down, the fifth locks the account', async ({ page, host, dataDir }) => {
  await setUpOffice(host, dataDir);
  await page.goto(host.url);
  await page.getByLabel('用户名').fill(ADMIN.username);
  for (const left of [4, 3, 2, 1]) {
    await page.getByLabel('密码', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText(`还可尝试 ${left} 次`)).toBeVisible();
  }
  await page.getByLabel('密码', { exact: true }).fill('wrong password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('账户已锁定')).toBeVisible();
  await screenshot(page, 'login-locked');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('账户已锁定')).toBeVisible();
  host.advanceClock(6);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('云城区民政局').first()).toBeVisible();
});

test('the session locks after 15 idle minutes and says why', async ({ page, host, dataDir }) => {
  await setUpOffice(host, dataDir);
  await page.goto(host.url);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByPlaceholder('姓名、拼音首字母或身份证号后四位')).toBeVisible();
  host.advanceClock(16);
  await page.getByPlaceholder('姓名、拼音首字母或身份证号后四位').fill('zs');
  await expect(page.getByText('已因长时间未操作而锁定')).toBeVisible();
  await screenshot(page, 'login-idle-lock');
});

test('the language switch turns the whole UI, including main-side errors, into English', async ({ page, host, dataDir }) => {
  await setUpOffice(host, dataDir);
  await page.goto(host.url);
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('People').first()).toBeVisible();
  await screenshot(page, 'people-english');
  await page.getByRole('button', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Current password').fill('not my password');
  await dialog.getByLabel('New password', { exact: true }).fill('brand-new-pass-1');
  await dialog.getByLabel(/again/i).fill('brand-new-pass-1');
  await dialog.getByRole('button', { name: /save/i }).click();
  await expect(dialog.getByText('the password is wrong')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByText('人员信息').first()).toBeVisible();
});

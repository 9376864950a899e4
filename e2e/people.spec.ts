import type { Page } from '@playwright/test';
import { idFor } from '../tests/support/id-numbers';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';

async function logIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

test('a clerk registers people, is stopped by a wrong check digit and a duplicate, and finds them again', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('staff.create', { username: 'clerk', displayName: '王科员', role: 'clerk', password: 'clerk-pass-1', passwordConfirm: 'clerk-pass-1' });
  await logIn(page, host.url, 'clerk', 'clerk-pass-1');
  const zhang = idFor('1948-05-06', 231);

  await page.getByRole('button', { name: '新增人员' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill('张三');
  // A wrong check character is caught as it is typed, and refused by the main side too.
  const wrong = zhang.slice(0, 17) + (zhang[17] === '1' ? '2' : '1');
  await form.getByLabel('身份证号', { exact: true }).fill(wrong);
  await expect(form.getByText('校验位不正确').first()).toBeVisible();
  await screenshot(page, 'person-form-invalid-id');
  await form.getByLabel('身份证号', { exact: true }).fill(zhang);
  await expect(form.getByLabel('出生日期')).toHaveValue('1948-05-06');
  await form.getByLabel('联系电话').fill('13800001234');
  await form.getByLabel('户籍地（乡镇/街道）').click();
  await page.getByRole('option', { name: '云城街道' }).click();
  await form.getByLabel('详细地址').fill('云城街道城中路 1 号');
  await screenshot(page, 'person-form');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存“张三”的信息。').or(page.getByRole('cell', { name: '张三', exact: true })).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // The same number again is refused, naming who already has it; the form keeps what was typed.
  await page.getByRole('button', { name: '新增人员' }).click();
  await form.getByLabel('姓名').fill('张叁');
  await form.getByLabel('身份证号', { exact: true }).fill(zhang);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('该身份证号已登记为“张三”')).toBeVisible();
  await expect(form.getByLabel('姓名')).toHaveValue('张叁');
  await screenshot(page, 'person-form-duplicate');
  await page.keyboard.press('Escape');

  await office.call('people.create', { person: { name: '李四', idNumber: idFor('1939-01-02', 112) } });
  await office.call('people.create', { person: { name: '赵小明', idNumber: null, sex: 'M', birthDate: '2016-09-01' } });
  await page.reload();
  const search = page.getByPlaceholder('姓名、拼音首字母或身份证号后四位');
  await expect(page.getByTestId('people-total')).toContainText('共 3 人');
  await expect(page.getByText('无身份证号').first()).toBeVisible();
  // Clerks see masked numbers in the list.
  await expect(page.getByRole('cell', { name: `445302********${zhang.slice(-4)}` })).toBeVisible();
  await screenshot(page, 'people');

  await search.fill('zs');
  await expect(page.getByTestId('people-total')).toContainText('共 1 人');
  await expect(page.getByRole('cell', { name: '张三', exact: true })).toBeVisible();
  await search.fill(zhang.slice(-4));
  await expect(page.getByRole('cell', { name: '张三', exact: true })).toBeVisible();
  await search.fill('李');
  await expect(page.getByRole('cell', { name: '李四', exact: true })).toBeVisible();
  await expect(page.getByTestId('people-total')).toContainText('共 1 人');
});

test('a viewer reads masked records and cannot add people, manage staff or read the audit trail', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const id = idFor('1950-01-01', 555);
  await office.call('people.create', { person: { name: '陈五', idNumber: id } });
  await office.call('staff.create', { username: 'viewer', displayName: '只读员', role: 'viewer', password: 'viewer-pass-1', passwordConfirm: 'viewer-pass-1' });
  await logIn(page, host.url, 'viewer', 'viewer-pass-1');
  await expect(page.getByRole('cell', { name: `445302********${id.slice(-4)}` })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增人员' })).toHaveCount(0);
  await expect(page.getByText('工作人员', { exact: true })).toHaveCount(0);
  await expect(page.getByText('审计日志', { exact: true })).toHaveCount(0);
  await page.getByRole('cell', { name: '陈五', exact: true }).click();
  await expect(page.getByText('您的角色只能查看，不能修改。')).toBeVisible();
  await expect(page.getByRole('dialog').getByLabel('身份证号', { exact: true })).toHaveValue(`445302********${id.slice(-4)}`);
  // Even going to the admin pages by address is refused by the main side.
  await page.goto(`${host.url}/#/audit`);
  await expect(page.getByText('您的角色无权进行此操作').or(page.getByPlaceholder('姓名、拼音首字母或身份证号后四位')).first()).toBeVisible();
  await expect(page.getByRole('table', { name: '审计日志' })).toHaveCount(0);
});

test('an admin creates a clerk account and reads who changed what in the audit trail', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const { person } = await office.call('people.create', { person: { name: '周六' } });
  await office.call('people.update', { id: person.id, version: 1, person: { name: '周六', notes: '独居老人' } });
  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  await page.getByText('工作人员', { exact: true }).click();
  await page.getByRole('button', { name: '新增工作人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('wangkeyuan');
  await dialog.getByLabel('姓名').fill('王科员');
  await dialog.getByLabel('密码', { exact: true }).fill('clerk-pass-1');
  await dialog.getByLabel('确认密码').fill('clerk-pass-1');
  await dialog.getByRole('button', { name: '创建账户' }).click();
  await expect(page.getByRole('cell', { name: 'wangkeyuan' })).toBeVisible();
  await screenshot(page, 'staff');

  await page.getByText('审计日志', { exact: true }).click();
  await expect(page.getByRole('cell', { name: '周六' }).first()).toBeVisible();
  await page.getByRole('row').filter({ hasText: '周六' }).filter({ hasText: '修改' }).getByRole('button', { name: '详情' }).click();
  await expect(page.getByText('独居老人')).toBeVisible();
  await screenshot(page, 'audit');
});

test('a long list: 加载更多 appends the next page, a search starts again from the first, a row opens its record', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  for (let i = 0; i < 57; i++) {
    await office.call('people.create', { person: { name: `测试${String(i).padStart(2, '0')}`, idNumber: null, sex: 'M', birthDate: '1950-01-01' } });
  }
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('people-total')).toContainText('共 57 人');
  // The table keeps only the rows in view in the page: what was read shows in the count under it.
  const rows = page.getByRole('table').locator('tbody tr:not(.virtual-spacer)');
  const shown = page.getByTestId('list-shown');
  await expect(shown).toHaveText('已显示 50 / 共 57 条');
  await page.getByRole('button', { name: '加载更多' }).click();
  await expect(shown).toHaveText('已显示 57 / 共 57 条');
  await expect(page.getByRole('button', { name: '加载更多' })).toHaveCount(0);
  await page.getByLabel('查找').fill('测试05');
  await expect(page.getByTestId('people-total')).toContainText('共 1 人');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('查找').fill('无此人');
  await expect(rows).toHaveText(['没有符合条件的人员。']);
  await page.getByLabel('查找').fill('');
  await expect(shown).toHaveText('已显示 50 / 共 57 条');
  await page.getByRole('button', { name: '测试00' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

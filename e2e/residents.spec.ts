import type { Locator, Page } from '@playwright/test';
import { localDate } from '../main/contract/validators/dates';
import { idFor } from '../tests/support/id-numbers';
import { expect, screenshot, setUpOffice, test } from './fixtures';
import { logIn, openPage, pick } from './stations-helpers';
import { addStaff, admit, arrangeInstitution } from './welfare-homes-helpers';

/** The office's today (China Standard Time) shifted by whole days. */
function daysAgo(n: number): string {
  const [y, m, d] = localDate().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

/** A screenshot from the top; a taller window when a drawer's whole content should show. */
async function shot(page: Page, name: string, height?: number) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const scroller of document.querySelectorAll('.mantine-Drawer-content')) scroller.scrollTop = 0;
  });
  if (!height) return screenshot(page, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1280, height });
  await screenshot(page, name);
  if (size) await page.setViewportSize(size);
}

/** The drawer of the residents page (办理入院 or a resident's record). */
function drawer(page: Page, title: '办理入院' | '在院人员档案'): Locator {
  return page.getByRole('dialog', { name: title });
}

/** The residents list (not the rows of a drawer's tables). */
function listRow(page: Page, text: string): Locator {
  return page.getByRole('table', { name: '在院人员' }).getByRole('row').filter({ hasText: text });
}

/** Chooses 在院 / 已离院 / 全部. */
async function scope(page: Page, name: '在院' | '已离院' | '全部') {
  await page.getByRole('radiogroup', { name: '范围' }).getByText(name, { exact: true }).click();
}

/** Opens one of the resident drawer's action forms and returns its modal. */
async function action(page: Page, name: string): Promise<Locator> {
  await drawer(page, '在院人员档案').getByTestId('resident-actions').getByRole('button', { name, exact: true }).click();
  const modal = page.getByRole('dialog', { name: new RegExp(`^${name} · `) });
  await expect(modal).toBeVisible();
  return modal;
}

test('a clerk admits a new person, moves, sends on leave, takes back, records the exit, reads the list as on a day, and reverses the exit', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const clerk = await addStaff(office, 'clerk');
  const home = await arrangeInstitution(office, { name: '云城区敬老院', totalBeds: 10 }, { '101': ['1', '2'], '102': ['1'] });
  await logIn(page, host.url, clerk.username, clerk.password);
  await openPage(page, '在院人员');
  await expect(page.getByTestId('residents-total')).toContainText('共 0 人');

  const [admitted, moved, left, back, exited] = [40, 30, 20, 15, 5].map(daysAgo) as [string, string, string, string, string];
  await page.getByRole('button', { name: '办理入院' }).click();
  const form = drawer(page, '办理入院');
  await form.getByText('登记新人员', { exact: true }).click();
  await form.getByLabel('姓名').fill('黄伯');
  // A 30-year-old cannot be admitted as 特困老年人 without a stated exception: refused on 供养类别.
  await form.getByLabel('身份证号', { exact: true }).fill(idFor('1995-06-01', 311));
  await pick(page, form, '供养机构', '云城区敬老院');
  await form.getByLabel('入院日期').fill(admitted);
  await pick(page, form, '床位', '101-1');
  await pick(page, form, '供养类别', '特困老年人');
  await form.getByLabel('洗澡').check();
  await form.getByLabel('室内行走').check();
  await expect(form.getByTestId('derived-level')).toContainText('部分丧失');
  await expect(form.getByTestId('derived-level')).toContainText('2 项不能独立完成');
  await form.getByLabel('评估人').fill('陈评估');
  await form.getByRole('button', { name: '办理入院' }).click();
  await expect(form.getByText('特困老年人需年满 60 周岁')).toBeVisible();
  await expect(form.getByLabel('供养类别', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('姓名')).toHaveValue('黄伯');

  // The right number (born 1947): everything else typed is still there.
  await form.getByLabel('身份证号', { exact: true }).fill(idFor('1947-02-03', 313));
  await expect(form.getByText('号码有效：男，1947-02-03 出生。')).toBeVisible();
  await expect(form.getByText('特困老年人需年满 60 周岁')).toHaveCount(0);
  await form.getByLabel('监护人/紧急联系人').fill('黄小明');
  await form.getByLabel('关系').fill('侄子');
  await form.getByLabel('联系人电话').fill('13800002222');
  await shot(page, 'resident-admit', 1900);
  await form.getByRole('button', { name: '办理入院' }).click();
  await expect(page.getByText('已为“黄伯”办理入院。')).toBeVisible();
  const row = listRow(page, '黄伯');
  await expect(row).toContainText('101-1');
  await expect(row).toContainText('部分丧失');
  await expect(row).toContainText('在院');
  await expect(page.getByTestId('residents-total')).toContainText('共 1 人');

  // Move to 101-2, hospital leave and return, then the exit (death).
  await row.getByRole('button', { name: '黄伯' }).click();
  const record = drawer(page, '在院人员档案');
  await expect(record.getByTestId('resident-name')).toHaveText('黄伯');
  let modal = await action(page, '调换床位/机构');
  await modal.getByLabel('调换日期').fill(moved);
  await pick(page, modal, '调入床位', '101-2');
  await modal.getByLabel('调换原因').fill('便于护理');
  await shot(page, 'resident-event-form');
  await modal.getByRole('button', { name: '调换床位/机构' }).click();
  await expect(record.getByText('已保存：调换床位/机构。')).toBeVisible();
  await expect(record.getByTestId('resident-summary')).toContainText('云城区敬老院 · 101-2');

  modal = await action(page, '暂时离院');
  await modal.getByLabel('离院日期').fill(left);
  await expect(modal.getByLabel('离院类型')).toHaveValue('住院');
  await modal.getByRole('button', { name: '暂时离院' }).click();
  await expect(record.getByTestId('resident-status')).toHaveText('暂离');

  modal = await action(page, '返院');
  await modal.getByLabel('返院日期').fill(back);
  await modal.getByRole('button', { name: '返院' }).click();
  await expect(record.getByTestId('resident-status')).toHaveText('在院');

  modal = await action(page, '离院');
  await modal.getByLabel('离院日期').fill(exited);
  await pick(page, modal, '离院原因', '死亡');
  await modal.getByRole('button', { name: '离院', exact: true }).click();
  await expect(record.getByTestId('resident-status')).toHaveText('已离院');
  await expect(record.getByTestId('event-title')).toHaveText([
    `${admitted} 入院 → 云城区敬老院 · 101-1`,
    `${moved} 调换床位/机构 → 云城区敬老院 · 101-2`,
    `${left} 暂时离院（住院）`,
    `${back} 返院`,
    `${exited} 离院（死亡）`,
  ]);
  await record.getByRole('button', { name: '关闭' }).last().click();

  // Today nobody is in residence; on a day in the first weeks, 黄伯 was, in 101-1.
  await expect(page.getByTestId('residents-total')).toContainText('共 0 人');
  await page.getByLabel('查询日期').fill(daysAgo(35));
  await expect(page.getByTestId('residents-total')).toContainText(`共 1 人（${daysAgo(35)}）`);
  await expect(listRow(page, '黄伯')).toContainText('101-1');
  await page.getByRole('button', { name: '今天' }).click();
  await scope(page, '已离院');
  const gone = listRow(page, '黄伯');
  await expect(gone).toContainText('已离院');
  await expect(gone).toContainText(exited);

  // The exit was a mistake: reverse it, with a reason and a confirmation; both stay in the timeline.
  await gone.getByRole('button', { name: '黄伯' }).click();
  modal = await action(page, '冲销最近一条记录');
  await expect(modal.getByTestId('reverse-target')).toHaveText(`${exited} 离院（死亡）`);
  await modal.getByRole('button', { name: '冲销…' }).click();
  await expect(modal.getByText('原因：不能为空。')).toBeVisible();
  await modal.getByLabel('冲销原因').fill('误登记：本人仍在院');
  await modal.getByRole('button', { name: '冲销…' }).click();
  await expect(modal.getByText(`确定冲销“${exited} 离院（死亡）”吗？`)).toBeVisible();
  await modal.getByRole('button', { name: '确认冲销' }).click();
  await expect(record.getByTestId('resident-status')).toHaveText('在院');
  const titles = record.getByTestId('event-title');
  await expect(titles).toHaveCount(6);
  await expect(titles.nth(4)).toHaveText(`${exited} 离院（死亡）`);
  await expect(titles.nth(4)).toHaveCSS('text-decoration-line', 'line-through');
  await expect(titles.nth(5)).toHaveText(`${localDate()} 冲销`);
  await expect(record.getByText('原因：误登记：本人仍在院')).toBeVisible();
  await expect(record.getByRole('button', { name: `${exited} 离院（死亡）` })).toBeVisible();
  await expect(record.getByRole('button', { name: `${localDate()} 的冲销记录` })).toBeVisible();
  await shot(page, 'resident-timeline', 1500);

  await record.getByRole('tab', { name: '能力评估' }).click();
  await expect(record.getByRole('table', { name: '能力评估' })).toContainText('室内行走、洗澡');
  await record.getByRole('button', { name: '关闭' }).last().click();

  // More residents: one not reassessed for over a year, and a child (whose name a clerk may see).
  await admit(office, {
    institutionId: home.institution.id,
    bedId: home.beds.get('102-1')!.id,
    name: '梁婆',
    idNumber: idFor('1940-01-09', 402),
    admittedOn: daysAgo(425),
    category: 'tekun_elderly',
    failedTasks: ['bathe', 'walk', 'dress', 'toilet'],
  });
  const children = await arrangeInstitution(office, { name: '云城区儿童福利院', type: 'welfare_home', totalBeds: 30 });
  await admit(office, { institutionId: children.institution.id, name: '林小雨', idNumber: idFor('2014-04-01', 524), admittedOn: daysAgo(200), category: 'orphan' });
  await page.reload();
  await scope(page, '在院');
  await expect(listRow(page, '黄伯')).toContainText('101-2');
  await expect(listRow(page, '梁婆')).toContainText('逾期未评估');
  await expect(listRow(page, '林小雨')).toContainText('孤儿');
  await expect(page.getByTestId('residents-total')).toContainText('共 3 人');
  await shot(page, 'residents');
  // Search by pinyin initials.
  await page.getByLabel('查找').fill('lp');
  await expect(page.getByTestId('residents-total')).toContainText('共 1 人');
  await expect(listRow(page, '梁婆')).toBeVisible();
});

test('the overview shows occupancy with a total row and flags that open the resident', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const clerk = await addStaff(office, 'clerk');
  const home = await arrangeInstitution(office, { name: '云城区敬老院', totalBeds: 4, nursingBeds: 1 }, { '101': ['1', '2'] });
  const centre = await arrangeInstitution(office, { name: '云城区社会福利服务中心', type: 'welfare_centre', totalBeds: 6 });
  // Admitted (and rated) 14 months ago: the reassessment is overdue.
  await admit(office, {
    institutionId: home.institution.id,
    bedId: home.beds.get('101-1')!.id,
    name: '梁婆',
    idNumber: idFor('1940-01-09', 401),
    admittedOn: daysAgo(425),
    category: 'tekun_elderly',
    failedTasks: ['bathe', 'walk', 'dress', 'toilet'],
  });
  await admit(office, {
    institutionId: home.institution.id,
    bedId: home.beds.get('101-2')!.id,
    name: '何伯',
    idNumber: idFor('1944-05-05', 402),
    admittedOn: daysAgo(20),
    category: 'tekun_elderly',
  });
  await admit(office, {
    institutionId: centre.institution.id,
    name: '罗叔',
    idNumber: idFor('1975-03-03', 403),
    admittedOn: daysAgo(10),
    category: 'tekun_disabled',
    failedTasks: ['walk'],
  });
  await logIn(page, host.url, clerk.username, clerk.password);
  await openPage(page, '院舍概况');

  const occupancy = page.getByTestId('occupancy-table');
  await expect(occupancy.getByRole('row').filter({ hasText: '云城区敬老院' })).toContainText('50%');
  await expect(occupancy.getByRole('row').filter({ hasText: '云城区社会福利服务中心' })).toContainText('16.7%');
  await expect(page.getByTestId('occupancy-total')).toHaveText(/合计\s*10\s*1\s*3\s*0\s*30%/);
  const byCategory = page.getByTestId('category-table');
  await expect(byCategory.getByRole('row').filter({ hasText: '特困老年人' })).toHaveText(/特困老年人\s*1\s*0\s*1\s*0\s*2/);
  await expect(byCategory.getByRole('row').filter({ hasText: '特困残疾人' })).toHaveText(/特困残疾人\s*0\s*1\s*0\s*0\s*1/);
  const flag = page.getByTestId('flags-table').getByRole('row').filter({ hasText: '梁婆' });
  await expect(flag).toContainText('逾期未评估');
  await expect(flag).toContainText(`最近评估 ${daysAgo(425)}`);
  await shot(page, 'homes-overview');

  // A month's end: last month shows only those admitted by then.
  await page.getByRole('button', { name: '‹ 上个月' }).click();
  await expect(page.getByLabel('查询日期')).not.toHaveValue(localDate());
  await page.getByLabel('查询日期').fill(daysAgo(15));
  await expect(page.getByTestId('occupancy-total')).toHaveText(/合计\s*10\s*1\s*2\s*0\s*20%/);

  await flag.getByRole('link', { name: '梁婆' }).click();
  await expect(page.getByRole('heading', { name: '在院人员', exact: true })).toBeVisible();
  await expect(drawer(page, '在院人员档案').getByTestId('resident-name')).toHaveText('梁婆');
  await expect(drawer(page, '在院人员档案').getByTestId('resident-summary')).toContainText('云城区敬老院 · 101-1');
});

test("a viewer sees a child's name masked and cannot open the child's record, nor admit anyone", async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const viewer = await addStaff(office, 'viewer');
  const home = await arrangeInstitution(office, { name: '云城区儿童福利院', type: 'welfare_home', totalBeds: 10 });
  await admit(office, { institutionId: home.institution.id, name: '林小雨', idNumber: idFor('2015-04-01', 521), admittedOn: daysAgo(100), category: 'orphan' });
  await admit(office, { institutionId: home.institution.id, name: '陈伯', idNumber: idFor('1945-04-01', 522), admittedOn: daysAgo(100), category: 'tekun_elderly' });
  await logIn(page, host.url, viewer.username, viewer.password);
  await openPage(page, '在院人员');
  await expect(page.getByTestId('residents-total')).toContainText('共 2 人');
  await expect(page.getByRole('button', { name: '办理入院' })).toHaveCount(0);

  const child = listRow(page, '孤儿');
  await expect(child.getByTestId('masked-name')).toHaveText('林**');
  await expect(page.getByText('林小雨')).toHaveCount(0);
  await expect(child).toContainText('儿童档案');
  await child.getByTestId('masked-name').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // An adult's record opens read-only: no action buttons.
  await listRow(page, '陈伯').getByRole('button', { name: '陈伯' }).click();
  await expect(drawer(page, '在院人员档案').getByTestId('resident-name')).toHaveText('陈伯');
  await expect(drawer(page, '在院人员档案').getByTestId('resident-actions')).toHaveCount(0);
});

test('a registered person is admitted from the registry; an unknown birth date is saved with a warning; a reassessment changes the level', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const clerk = await addStaff(office, 'clerk');
  await arrangeInstitution(office, { name: '思劳镇敬老院', totalBeds: 8 });
  await office.call('people.create', { person: { name: '无名氏', sex: 'M' } });
  await logIn(page, host.url, clerk.username, clerk.password);
  await openPage(page, '在院人员');

  await page.getByRole('button', { name: '办理入院' }).click();
  const form = drawer(page, '办理入院');
  await form.getByLabel('人员', { exact: true }).fill('wms');
  await page.getByRole('option', { name: '无名氏' }).click();
  await pick(page, form, '供养机构', '思劳镇敬老院');
  // No bed register: nothing to choose.
  await expect(form.getByText('该机构未登记床位，无需选择。')).toBeVisible();
  await pick(page, form, '供养类别', '特困老年人');
  await form.getByLabel('评估人').fill('陈评估');
  await form.getByRole('button', { name: '办理入院' }).click();

  // Accepted, and the drawer shows the new record with what to check.
  const record = drawer(page, '在院人员档案');
  await expect(record.getByText('已保存，但请核对以下内容：')).toBeVisible();
  await expect(record.getByText('出生日期不详，无法核对年龄与类别。')).toBeVisible();
  await expect(record.getByTestId('resident-name')).toHaveText('无名氏');

  const modal = await action(page, '能力评估');
  await modal.getByLabel('吃饭').check();
  await modal.getByLabel('穿衣').check();
  await modal.getByLabel('上下床').check();
  await modal.getByLabel('如厕').check();
  await expect(modal.getByTestId('derived-level')).toContainText('完全丧失');
  await modal.getByLabel('评估人').fill('李医生');
  await modal.getByRole('button', { name: '保存评估' }).click();
  await expect(record.getByText('已保存：能力评估。')).toBeVisible();
  await expect(record.getByTestId('event-title').last()).toHaveText(`${localDate()} 能力评估：完全丧失`);
  await record.getByRole('tab', { name: '修改记录' }).click();
  // The record's audit history: the admission and the reassessment.
  await expect(record.getByRole('table', { name: '修改记录' }).getByRole('button', { name: '详情' })).toHaveCount(2);
  await record.getByRole('button', { name: '关闭' }).last().click();
  await expect(listRow(page, '无名氏')).toContainText('完全丧失');
});

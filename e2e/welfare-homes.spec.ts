import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { localDate } from '../main/contract/validators/dates';
import { idFor } from '../tests/support/id-numbers';
import { expect, screenshot, setUpOffice, test, ADMIN } from './fixtures';
import { creditCodes, daysInMonth, lastMonth, logIn, monthShift, openPage, pick, yuan } from './stations-helpers';
import { addStaff, addStandard, admit, arrangeInstitution, proRata, type Office } from './welfare-homes-helpers';

/** A screenshot from the top of the page; `height` makes the window taller so a whole drawer shows. */
async function shot(page: Page, name: string, height?: number) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1, 1);
  if (!height) return screenshot(page, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1280, height });
  await screenshot(page, name);
  if (size) await page.setViewportSize(size);
}

/** "1500.00": 元 as the CSV writes them (two decimals, no grouping). */
function plainYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

test('an institution: nursing beds checked against the total as typed, refusals on their field, beds added by room', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const clerk = await addStaff(office, 'clerk');
  await logIn(page, host.url, clerk.username, clerk.password);
  await openPage(page, '供养机构');
  await expect(page.getByTestId('institutions-total')).toHaveText('共 0 个');

  await page.getByRole('button', { name: '新增机构' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('机构名称').fill('云城区腰古镇敬老院');
  await pick(page, form, '机构类型', '敬老院');
  await pick(page, form, '乡镇/街道', '腰古镇');
  await form.getByLabel('地址').fill('腰古镇腰古圩东街 12 号');
  await form.getByLabel('运营单位').fill('云城区腰古镇人民政府');

  // Nursing beds are part of the total: more than the total is flagged at once, on that field.
  await form.getByLabel('总床位').fill('30');
  await form.getByLabel('护理型床位', { exact: true }).fill('40');
  await expect(form.getByText('不能多于总床位（30）')).toBeVisible();
  await expect(form.getByLabel('护理型床位', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('护理型床位', { exact: true })).toBeFocused();
  await form.getByLabel('护理型床位', { exact: true }).fill('12');
  await expect(form.getByText('不能多于总床位')).toHaveCount(0);

  // The credit code is checked as typed, like the station form's.
  const codes = creditCodes('12445302MB2C3D4E5');
  await form.getByLabel('统一社会信用代码').fill(codes.wrong);
  await expect(form.getByText(`校验位不正确（按 GB 32100 应为 ${codes.expected}）`)).toBeVisible();
  await form.getByLabel('统一社会信用代码').fill(codes.valid);
  await expect(form.getByText('校验位正确')).toBeVisible();

  await form.getByLabel('设有医务室').check({ force: true });
  await form.getByLabel('医护人员').fill('2');
  await form.getByLabel('登记证号/备案号').fill('粤云民养备 2019-003');
  await form.getByLabel('登记日期').fill('2019-05-20');
  await form.getByLabel('登记机关').fill('云浮市云城区民政局');
  await shot(page, 'institution-form', 1500);
  await form.getByRole('button', { name: '保存' }).click();

  // Saved: the drawer moves on to the new institution's bed register.
  await expect(form.getByText('已保存机构“云城区腰古镇敬老院”。下一步')).toBeVisible();
  await expect(form.getByRole('tab', { name: '床位登记' })).toHaveAttribute('aria-selected', 'true');
  await expect(form.getByText('还没有登记床位。请在下方按房间添加床位。')).toBeVisible();

  const add = form.getByRole('form', { name: '添加床位' });
  await add.getByLabel('房间').fill('101');
  await add.getByLabel('床号').fill('1-6');
  await expect(add.getByText('将添加 6 张：1、2、3、4、5、6')).toBeVisible();
  await add.getByRole('button', { name: '添加床位' }).click();
  await expect(add.getByText('已在 101 房添加 6 张床位。')).toBeVisible();
  await add.getByLabel('房间').fill('102');
  await add.getByLabel('床号').fill('1，2、3');
  await add.getByLabel('这些床位都是护理型床位').check();
  await add.getByRole('button', { name: '添加床位' }).click();
  await expect(add.getByText('已在 102 房添加 3 张床位。')).toBeVisible();
  await expect(form.getByRole('button', { name: '101 房 6 号床' })).toContainText('空床');
  await expect(form.getByRole('button', { name: '102 房 2 号床' })).toContainText('护理');
  await expect(form.getByTestId('bed-register-summary')).toHaveText(
    '已登记 9 张床位（护理型 3 张），今日在用 0 张、空床 9 张；机构总床位 30 张。',
  );

  // A range the clerk mistyped is caught before saving; a bed already registered is refused on the field.
  await add.getByLabel('房间').fill('101');
  await add.getByLabel('床号').fill('9-7');
  await expect(add.getByText('无法识别范围“9-7”')).toBeVisible();
  await add.getByLabel('床号').fill('6-7');
  await add.getByRole('button', { name: '添加床位' }).click();
  await expect(add.getByText('101 房已有 6 号床。')).toBeVisible();
  await expect(add.getByLabel('床号')).toHaveAttribute('aria-invalid', 'true');

  // Retiring a bed: it leaves the register's count and shows again on demand.
  await form.getByRole('button', { name: '102 房 3 号床' }).click();
  const bedModal = page.getByRole('dialog', { name: '修改床位' });
  await bedModal.getByLabel('停用日期').fill(localDate());
  await bedModal.getByRole('button', { name: '保存' }).click();
  await expect(bedModal).toBeHidden();
  await expect(form.getByTestId('bed-register-summary')).toContainText('已登记 8 张床位（护理型 2 张）');
  await expect(form.getByRole('button', { name: '102 房 3 号床' })).toHaveCount(0);
  await form.getByLabel('显示已停用的床位（1 张）').check({ force: true });
  await expect(form.getByRole('button', { name: '102 房 3 号床' })).toContainText('停用');
  await form.getByRole('button', { name: '关闭' }).first().click();

  const row = page.getByRole('row').filter({ hasText: '云城区腰古镇敬老院' });
  await expect(row).toContainText('敬老院');
  await expect(row).toContainText('腰古镇');
  await expect(row).toContainText('30 / 12');
  await expect(row.getByRole('button', { name: '查看“云城区腰古镇敬老院”的床位登记' })).toHaveText('8');

  // The same name again is refused by the main side, on the name field.
  await page.getByRole('button', { name: '新增机构' }).click();
  await form.getByLabel('机构名称').fill('云城区腰古镇敬老院');
  await pick(page, form, '机构类型', '敬老院');
  await form.getByLabel('总床位').fill('10');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('已有名为“云城区腰古镇敬老院”的机构')).toBeVisible();
  await expect(form.getByLabel('机构名称')).toBeFocused();
});

/** 云城区福利院 with four residents in room 101, the standard of the month before `month`, as the administrator. */
async function arrangeHome(office: Office, month: string) {
  const { institution, beds } = await arrangeInstitution(
    office,
    { name: '云城区福利院', type: 'welfare_home', totalBeds: 40, nursingBeds: 10, townCode: '445302001' },
    { '101': ['1', '2', '3', '4'], '102': ['1', '2'] },
  );
  // The county's standard from the month before; 完全丧失 (集中) and all 分散 care are not set.
  await addStandard(
    office,
    `${monthShift(month, -1)}-01`,
    {
      basicLivingFen: 120000,
      careSelfCareConcentratedFen: 30000,
      carePartialConcentratedFen: 60000,
      orphanConcentratedFen: 233500,
      orphanDispersedFen: 189100,
    },
    '云城区特困人员供养标准',
  );
  const earlier = `${monthShift(month, -2)}-10`;
  const bed = (key: string) => beds.get(key)!.id;
  const people = {
    li: { name: '李伯', idNumber: idFor('1948-02-03', 11) },
    huang: { name: '黄婆', idNumber: idFor('1950-06-07', 22) },
    chen: { name: '陈小明', idNumber: idFor('2015-03-04', 33) },
    zhou: { name: '周公', idNumber: idFor('1955-09-09', 45) },
  };
  await admit(office, { ...people.li, institutionId: institution.id, bedId: bed('101-1'), admittedOn: earlier, category: 'tekun_elderly' });
  // Admitted on the 20th of the month: a part month.
  await admit(office, {
    ...people.huang,
    institutionId: institution.id,
    bedId: bed('101-2'),
    admittedOn: `${month}-20`,
    category: 'tekun_elderly',
    failedTasks: ['bathe', 'dress'],
  });
  await admit(office, { ...people.chen, institutionId: institution.id, bedId: bed('101-3'), admittedOn: earlier, category: 'orphan' });
  await admit(office, {
    ...people.zhou,
    institutionId: institution.id,
    bedId: bed('101-4'),
    admittedOn: earlier,
    category: 'tekun_disabled',
    failedTasks: ['eat', 'dress', 'transfer', 'toilet', 'bathe'],
  });
  return { institution, people };
}

test('allowances: the administrator adds a version; the roster pays a part month and a mid-month change pro rata, and exports', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const month = lastMonth();
  const dim = daysInMonth(month);
  const { people } = await arrangeHome(office, month);

  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '供养机构');
  const homeRow = page.getByRole('row').filter({ hasText: '云城区福利院' });
  await expect(homeRow).toContainText('福利院');
  await expect(homeRow).toContainText('40 / 10');
  await expect(homeRow).toContainText('10%');
  await shot(page, 'institutions');

  // The register shows who holds each bed today.
  await homeRow.getByRole('button', { name: '查看“云城区福利院”的床位登记' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('bed-register-summary')).toHaveText(
    '已登记 6 张床位（护理型 0 张），今日在用 4 张、空床 2 张；机构总床位 40 张。',
  );
  await expect(drawer.getByRole('button', { name: '101 房 2 号床' })).toContainText('黄婆');
  await expect(drawer.getByRole('button', { name: '102 房 1 号床' })).toContainText('空床');
  await shot(page, 'bed-register');
  await drawer.getByRole('button', { name: '关闭' }).first().click();

  await openPage(page, '津贴标准与花名册');
  const standards = page.getByRole('table', { name: '津贴标准', exact: true });
  await expect(standards.getByRole('row').filter({ hasText: '2025-07-01' })).toContainText('2,335.00');
  await expect(standards.getByRole('row').filter({ hasText: '2025-07-01' })).toContainText('未设置');

  // The new version starts from the newest one: only what changes is typed.
  const add = page.getByRole('form', { name: '新增一版津贴标准' });
  await expect(add.getByLabel('基本生活标准')).toHaveValue('1200.00');
  await expect(add.getByLabel('照料护理·完全丧失·集中')).toHaveValue('');
  await add.getByLabel('生效日期').fill(`${month}-16`);
  await add.getByLabel('基本生活标准').fill('1500');
  await expect(add.getByText('即 1,500.00 元')).toBeVisible();
  await add.getByLabel('说明', { exact: true }).fill('提高基本生活标准');
  await add.getByRole('button', { name: '添加标准' }).click();
  await expect(page.getByText(`已添加 ${month}-16 起执行的津贴标准。`)).toBeVisible();
  const newest = standards.getByRole('row').nth(2);
  await expect(newest).toContainText(`${month}-16`);
  await expect(newest).toContainText('1,500.00');
  await expect(newest).toContainText('提高基本生活标准');
  await expect(newest).toContainText(ADMIN.displayName);
  await shot(page, 'allowance-standards');

  // The roster: the rule, by hand. Days 1–15 under the old standard, 16– under the new one.
  const basicFullMonth = proRata([...Array(15).fill(120000), ...Array(dim - 15).fill(150000)], dim);
  const partDays = dim - 19;
  const lines = {
    li: { days: dim, basic: basicFullMonth, care: 30000, orphan: 0 },
    huang: { days: partDays, basic: proRata(Array(partDays).fill(150000), dim), care: proRata(Array(partDays).fill(60000), dim), orphan: 0 },
    chen: { days: dim, basic: 0, care: 0, orphan: 233500 },
    zhou: { days: dim, basic: basicFullMonth, care: 0, orphan: 0 },
  };
  const total = (l: { basic: number; care: number; orphan: number }) => l.basic + l.care + l.orphan;
  const sums = { days: 0, basic: 0, care: 0, orphan: 0, total: 0 };
  for (const l of Object.values(lines)) {
    sums.days += l.days;
    sums.basic += l.basic;
    sums.care += l.care;
    sums.orphan += l.orphan;
    sums.total += total(l);
  }

  await page.getByRole('tab', { name: '津贴花名册' }).click();
  await expect(page.getByTestId('roster-title')).toHaveText(`云城区福利院 ${month} 津贴花名册`);
  await expect(page.getByTestId('roster-line')).toHaveCount(4);
  const line = (name: string) => page.getByTestId('roster-line').filter({ hasText: name }).getByRole('cell');
  const huang = line('黄婆');
  await expect(huang.nth(2)).toHaveText(people.huang.idNumber);
  await expect(huang.nth(5)).toHaveText(String(partDays));
  await expect(huang.nth(6)).toHaveText('部分丧失');
  await expect(huang.nth(7)).toHaveText(yuan(lines.huang.basic));
  await expect(huang.nth(8)).toHaveText(yuan(lines.huang.care));
  await expect(huang.nth(10)).toHaveText(yuan(total(lines.huang)));
  await expect(line('李伯').nth(7)).toHaveText(yuan(basicFullMonth));
  await expect(line('陈小明').nth(9)).toHaveText('2,335.00');
  // 完全丧失 care is not set in either version: counted 0, and said so on the line.
  await expect(line('周公').nth(1)).toContainText('2 项需核对');
  await expect(page.getByText(`⚠ ${monthShift(month, -1)}-01 起的标准未设置“照料护理·完全丧失·集中”，该部分按 0 计。`)).toBeVisible();
  await expect(page.getByText(`⚠ ${month}-16 起的标准未设置“照料护理·完全丧失·集中”，该部分按 0 计。`)).toBeVisible();

  await expect(page.getByTestId('roster-totals')).toContainText('合计（4 人）');
  await expect(page.getByTestId('roster-total-days')).toHaveText(String(sums.days));
  await expect(page.getByTestId('roster-total-basic')).toHaveText(yuan(sums.basic));
  await expect(page.getByTestId('roster-total-care')).toHaveText(yuan(sums.care));
  await expect(page.getByTestId('roster-total-orphan')).toHaveText(yuan(sums.orphan));
  await expect(page.getByTestId('roster-total')).toHaveText(yuan(sums.total));
  // Both versions in force during the month are listed under the roster.
  const used = page.getByRole('table', { name: '本月适用的津贴标准（元/人·月）' });
  await expect(used.getByRole('row')).toHaveCount(4);
  await shot(page, 'allowance-roster');

  // Printing the page (Ctrl+P): the print layout leaves out the app's navigation and the controls, and keeps the roster.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('button', { name: '导出 CSV' })).toBeHidden();
  await expect(page.getByTestId('roster-total')).toBeVisible();
  await shot(page, 'allowance-roster-print');
  await page.emulateMedia({ media: 'screen' });

  // CSV for Excel: BOM, a header line, ID numbers kept as text, 元 with two decimals.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`津贴花名册-云城区福利院-${month}.csv`);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8').slice(1).split('\r\n');
  expect(csv[0]).toBe(`单位：云城区民政局,机构：云城区福利院,月份：${month},当月天数：${dim}`);
  expect(csv[1]).toBe('序号,姓名,身份证号,供养类别,供养方式,天数,自理能力,基本生活费（元）,照料护理费（元）,孤儿养育费（元）,合计（元）,提示');
  const huangCsv = csv.find((l) => l.includes('黄婆'))!;
  expect(huangCsv).toContain(`,="${people.huang.idNumber}",特困老年人,集中供养,${partDays},部分丧失,`);
  expect(huangCsv).toContain(`,${plainYuan(lines.huang.basic)},${plainYuan(lines.huang.care)},0.00,${plainYuan(total(lines.huang))},`);
  expect(csv.find((l) => l.includes('周公'))).toContain('未设置“照料护理·完全丧失·集中”');
  expect(csv.at(-2)).toBe(
    `合计,4 人,,,,${sums.days},,${plainYuan(sums.basic)},${plainYuan(sums.care)},${plainYuan(sums.orphan)},${plainYuan(sums.total)},`,
  );
});

test('a viewer reads institutions, the bed register and the roster, with no way to change them and children masked', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const month = lastMonth();
  await arrangeHome(office, month);
  const viewer = await addStaff(office, 'viewer');
  await logIn(page, host.url, viewer.username, viewer.password);

  await openPage(page, '供养机构');
  await expect(page.getByRole('button', { name: '新增机构' })).toHaveCount(0);
  await page.getByRole('button', { name: '云城区福利院', exact: true }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('供养机构信息')).toBeVisible();
  await expect(drawer.getByLabel('机构名称')).toHaveAttribute('readonly');
  await expect(drawer.getByRole('button', { name: '保存' })).toHaveCount(0);
  await drawer.getByRole('tab', { name: '床位登记' }).click();
  await expect(drawer.getByTestId('bed-register-summary')).toContainText('今日在用 4 张、空床 2 张');
  await expect(drawer.getByRole('form', { name: '添加床位' })).toHaveCount(0);
  // Tiles are not buttons for a viewer, and a child's name shows as surname and stars.
  await expect(drawer.getByRole('button', { name: '101 房 1 号床' })).toHaveCount(0);
  await expect(drawer.getByText('陈**')).toBeVisible();
  await expect(drawer.getByText('陈小明')).toHaveCount(0);
  await drawer.getByRole('button', { name: '关闭' }).first().click();

  await openPage(page, '津贴标准与花名册');
  await expect(page.getByRole('table', { name: '津贴标准', exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: '新增一版津贴标准' })).toHaveCount(0);
  await page.getByRole('tab', { name: '津贴花名册' }).click();
  await expect(page.getByTestId('roster-line')).toHaveCount(4);
  await expect(page.getByTestId('roster-line').filter({ hasText: '陈**' })).toHaveCount(1);
  await expect(page.getByText('陈小明')).toHaveCount(0);
});

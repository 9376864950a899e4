import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';
import { localDate } from '../main/contract/validators/dates';
import { idFor } from '../tests/support/id-numbers';
import { creditCodes, daysInMonth, lastMonth, logIn, monthShift, openPage, pick, refusal, stationInput, yuan } from './stations-helpers';

const CLERK = { username: 'clerk', displayName: '王科员', password: 'clerk-pass-1' };

/** A screenshot from the top of the page (the app header is fixed: a scrolled page would show it mid-way). */
async function shot(page: Page, name: string, height?: number) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1, 1); // no chart tooltip left open under the pointer
  if (!height) return screenshot(page, name);
  // A drawer is as tall as the window: a taller window shows the whole form.
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1280, height });
  await screenshot(page, name);
  if (size) await page.setViewportSize(size);
}

test('the station form: lifecycle order and credit code checked as typed, refusals on their field, then the history', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('staff.create', { ...CLERK, role: 'clerk', passwordConfirm: CLERK.password });
  await logIn(page, host.url, CLERK.username, CLERK.password);
  await openPage(page, '服务站点');
  await expect(page.getByTestId('stations-total')).toHaveText('共 0 个');

  await page.getByRole('button', { name: '新增站点' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('名称', { exact: true }).fill('腰古镇综合养老服务中心');
  await pick(page, form, '类型', '乡镇综合养老服务中心');
  // A town centre can only be placed in a town: streets are not offered.
  await form.getByLabel('乡镇/街道', { exact: true }).click();
  await expect(page.getByRole('option', { name: '云城街道' })).toHaveCount(0);
  await page.getByRole('option', { name: '腰古镇', exact: true }).click();
  await form.getByLabel('地址').fill('腰古镇腰古圩新街 8 号');
  await form.getByLabel('任务年度').fill('2021');
  await form.getByLabel('建设资金（元）').fill('1200000');
  await expect(form.getByText('即 1,200,000.00 元')).toBeVisible();

  // Lifecycle: 验收 before 建成 is flagged at once, on 验收.
  await form.getByLabel('列入计划', { exact: true }).fill('2021-03-01');
  await form.getByLabel('开工建设', { exact: true }).fill('2021-05-10');
  await form.getByLabel('建成', { exact: true }).fill('2021-09-30');
  await form.getByLabel('验收', { exact: true }).fill('2021-09-01');
  await expect(form.getByText('不能早于上一步（2021-09-30）')).toBeVisible();
  await expect(form.getByLabel('验收', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // The credit code: a wrong check character names the expected one as it is typed.
  const codes = creditCodes('91445302MA4UABCDE'.slice(0, 17));
  await pick(page, form, '运营方式', '委托第三方运营');
  await form.getByLabel('运营机构').fill('云浮市颐康养老服务有限公司');
  await form.getByLabel('统一社会信用代码').fill(codes.wrong);
  await expect(form.getByText(`校验位不正确（按 GB 32100 应为 ${codes.expected}）`)).toBeVisible();

  // Saving is refused while the form shows problems; the keyboard goes to the first one.
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('验收', { exact: true })).toBeFocused();
  await form.getByLabel('验收', { exact: true }).fill('2021-10-15');
  await expect(form.getByText('不能早于上一步（')).toHaveCount(0);
  await form.getByLabel('投入运营', { exact: true }).fill('2021-11-01');
  await form.getByLabel('统一社会信用代码').fill(codes.valid.toLowerCase());
  await expect(form.getByText('校验位正确')).toBeVisible();

  await form.getByLabel('建筑面积').fill('650.5');
  await form.getByLabel('床位', { exact: true }).fill('20');
  await form.getByLabel('工作人员').fill('6');
  await form.getByLabel('助餐').check();
  await form.getByLabel('日间照料').check();
  await form.getByLabel('康复').check();
  await form.getByLabel('合作机构', { exact: true }).fill('云城区腰古镇卫生院');
  await pick(page, form, '合作机构类型', '乡镇卫生院');
  await form.getByLabel('协议开始日期').fill('2021-11-01');
  await form.getByLabel('协议结束日期').fill('2021-10-01');
  await expect(form.getByText('协议结束日期不能早于开始日期')).toBeVisible();
  await form.getByLabel('协议结束日期').fill('2028-10-31');
  await form.getByLabel('医保一站式结算').check({ force: true });
  await shot(page, 'station-form', 1900);
  await form.getByRole('button', { name: '保存' }).click();

  await expect(page.getByText('已保存站点“腰古镇综合养老服务中心”。')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '腰古镇综合养老服务中心' });
  await expect(row).toContainText('运营中 · 2021-11-01');
  await expect(row).toContainText('乡镇综合养老服务中心');
  await expect(row).toContainText('云浮市颐康养老服务有限公司');
  await expect(page.getByTestId('stations-total')).toHaveText('共 1 个');

  // The main side's refusals land on their field: the same name in the same town …
  await page.getByRole('button', { name: '新增站点' }).click();
  await form.getByLabel('名称', { exact: true }).fill('腰古镇综合养老服务中心');
  await pick(page, form, '类型', '乡镇综合养老服务中心');
  await pick(page, form, '乡镇/街道', '腰古镇');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('同一乡镇已有名为“腰古镇综合养老服务中心”的站点')).toBeVisible();
  await expect(form.getByLabel('名称', { exact: true })).toBeFocused();
  await form.getByRole('button', { name: '取消' }).click();

  // … and a wrong credit code that bypasses the form is refused by the main side on its field too.
  const refused = await refusal(host, 'stations.create', {
    station: stationInput({ name: '另一站', kind: 'village_station', townCode: '445302102', operatorCreditCode: codes.wrong }),
  });
  expect(refused).toMatchObject({ code: 'CREDIT_CODE_CHECK', field: 'station.operatorCreditCode', params: { expected: codes.expected } });
  const order = await refusal(host, 'stations.create', {
    station: stationInput({ name: '另一站', lifecycle: { ...stationInput({}).lifecycle, completed: '2021-09-30', accepted: '2021-09-01' } }),
  });
  expect(order).toMatchObject({ code: 'LIFECYCLE_ORDER', field: 'station.lifecycle.accepted' });

  await office.call('stations.create', {
    station: stationInput({ name: '城中社区居家养老服务站', townCode: '445302001', lifecycle: { ...stationInput({}).lifecycle, planned: '2024-02-01' } }),
  });
  await page.reload();
  await expect(page.getByTestId('stations-total')).toHaveText('共 2 个');
  await shot(page, 'stations');
  // Filters: by kind and by search (pinyin initials).
  await pick(page, page, '类型', '乡镇综合养老服务中心');
  await expect(page.getByTestId('stations-total')).toHaveText('共 1 个');
  await page.getByRole('button', { name: '清除条件' }).click();
  await page.getByPlaceholder('名称或拼音首字母').fill('czsq');
  await expect(page.getByTestId('stations-total')).toHaveText('共 1 个');
  await expect(page.getByRole('row').filter({ hasText: '城中社区居家养老服务站' })).toContainText('列入计划 · 2024-02-01');
  await page.getByPlaceholder('名称或拼音首字母').fill('');

  // Edit: more beds; the history shows who changed what.
  await page.getByRole('button', { name: '腰古镇综合养老服务中心' }).click();
  await expect(form.getByLabel('床位', { exact: true })).toHaveValue('20');
  await expect(form.getByLabel('统一社会信用代码')).toHaveValue(codes.valid);
  await form.getByLabel('床位', { exact: true }).fill('30');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存站点“腰古镇综合养老服务中心”。')).toBeVisible();
  await page.getByRole('button', { name: '腰古镇综合养老服务中心' }).click();
  await form.getByRole('tab', { name: '修改记录' }).click();
  const history = form.getByRole('table', { name: '修改记录' });
  // Newest first: the update (its diff open), then the creation.
  await expect(history.locator(':scope > tbody > tr > td:nth-child(3)')).toHaveText(['修改', '新增']);
  await expect(history).toContainText(CLERK.displayName);
  const diff = form.getByRole('table', { name: '修改前后对比' });
  await expect(diff.getByRole('row').filter({ hasText: '床位' })).toContainText('20');
  await expect(diff.getByRole('row').filter({ hasText: '床位' })).toContainText('30');
  await shot(page, 'station-history');
});

test('the statistics grid: typed with the keyboard, saved, refused on its cell, submitted, completeness', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('staff.create', { ...CLERK, role: 'clerk', passwordConfirm: CLERK.password });
  const month = lastMonth();
  const none = stationInput({}).lifecycle;
  await office.call('stations.create', {
    station: stationInput({ name: '城中社区居家养老服务站', townCode: '445302001', lifecycle: { ...none, operating: '2020-01-01' } }),
  });
  const b = await office.call('stations.create', {
    station: stationInput({ name: '水东村居家养老服务站', townCode: '445302102', lifecycle: { ...none, operating: '2020-06-01' } }),
  });
  const c = await office.call('stations.create', {
    station: stationInput({ name: '前锋镇综合养老服务中心', kind: 'town_centre', townCode: '445302105', lifecycle: { ...none, planned: '2024-01-01' } }),
  });
  const d = await office.call('stations.create', {
    station: stationInput({ name: '南盛村居家养老服务站', townCode: '445302106', lifecycle: { ...none, operating: '2020-01-01' } }),
  });

  await logIn(page, host.url, CLERK.username, CLERK.password);
  await openPage(page, '服务统计');
  await expect(page.getByLabel('月份')).toHaveValue(month);
  const grid = page.getByTestId('stats-grid');
  await expect(grid).toBeVisible();

  // The planned station is greyed, its cells cannot be typed in.
  await expect(grid.getByRole('row').filter({ hasText: c.name })).toContainText('未运营');
  await expect(page.getByLabel(`${c.name} 助餐 上门`)).toBeDisabled();

  // Rows in the grid's order: Enter goes down to the next operating row, skipping greyed ones.
  const names = (await grid.locator('tbody th').allTextContents()).map((n) => n.replace('未运营', ''));
  const operating = names.filter((n) => n !== c.name && n !== d.name);
  const [first, second] = operating as [string, string];

  const cell = (station: string, label: string) => page.getByLabel(`${station} ${label}`, { exact: true });
  await cell(first, '助餐 上门').click();
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await expect(cell(first, '助餐 站点')).toBeFocused();
  await page.keyboard.type('3a0'); // only digits get in
  await expect(cell(first, '助餐 站点')).toHaveValue('30');
  await page.keyboard.press('Enter');
  await expect(cell(second, '助餐 站点')).toBeFocused();
  await page.keyboard.type('25');
  await page.keyboard.press('Shift+Tab');
  await expect(cell(second, '助餐 上门')).toBeFocused();
  await page.keyboard.type('8');
  await page.keyboard.press('Shift+Enter');
  await expect(cell(first, '助餐 上门')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(second, '助餐 上门')).toBeFocused();
  await cell(first, '助餐人次').fill('420');
  await cell(second, '巡访关爱 上门').fill('16');
  await expect(cell(first, '助餐 上门')).toHaveAttribute('data-dirty', 'true');
  await expect(page.getByTestId('total-meals.home')).toHaveText('20');
  await expect(page.getByTestId('total-meals')).toHaveText('420');
  await grid.evaluate((table) => table.parentElement?.scrollTo(0, 0));
  await shot(page, 'stats-grid');

  // Leaving the page with unsaved figures asks first; declining keeps them.
  const question = new Promise<string>((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.message());
    void dialog.dismiss();
  }));
  await page.getByText('服务站点', { exact: true }).click();
  expect(await question).toContain('尚未保存');
  await expect(cell(first, '助餐人次')).toHaveValue('420');

  await page.getByRole('button', { name: '保存（2 个站点）' }).click();
  await expect(page.getByText('已保存 2 个站点的数字。')).toBeVisible();
  await expect(cell(first, '助餐 上门')).not.toHaveAttribute('data-dirty', 'true');

  await page.reload();
  await expect(cell(first, '助餐 上门')).toHaveValue('12');
  await expect(cell(first, '助餐 站点')).toHaveValue('30');
  await expect(cell(second, '助餐 站点')).toHaveValue('25');
  await expect(cell(second, '巡访关爱 上门')).toHaveValue('16');
  await expect(cell(first, '助餐人次')).toHaveValue('420');

  // The main side refuses figures for a station not operating that month, naming the cell.
  const notOperating = await refusal(host, 'stats.save', { month, rows: [{ stationId: c.id, meals: 5, services: {} }] });
  expect(notOperating).toMatchObject({ code: 'STATION_NOT_OPERATING', field: 'rows.0.meals', params: { station: c.name, month } });

  // A station closed while the grid was open: the refusal lands on its cell, focused, nothing typed is lost.
  await cell(d.name, '助浴 上门').fill('7');
  await cell(b.name, '助洁 站点').fill('4');
  const closedOn = `${monthShift(month, -1)}-15`;
  await office.call('stations.update', {
    id: d.id,
    version: d.version,
    station: stationInput({ name: d.name, townCode: '445302106', lifecycle: { ...none, operating: '2020-01-01', closed: closedOn } }),
  });
  await page.getByRole('button', { name: '保存（2 个站点）' }).click();
  await expect(page.getByTestId('stats-grid-error')).toContainText(`“${d.name}”在 ${month} 未运营，不能填报服务数字。`);
  await expect(cell(d.name, '助浴 上门')).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(d.name, '助浴 上门')).toBeFocused();
  await expect(cell(b.name, '助洁 站点')).toHaveValue('4');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('stats-grid-error')).toHaveCount(0);
  await page.getByRole('button', { name: '保存（1 个站点）' }).click();
  await expect(page.getByText('已保存 1 个站点的数字。')).toBeVisible();

  // Submitting locks the month.
  await page.getByRole('button', { name: '上报本月' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '上报本月' }).click();
  await expect(page.getByTestId('stats-submitted')).toContainText(`由 ${CLERK.displayName} 上报`);
  await expect(page.getByTestId('stats-submitted')).toContainText('已于');
  await expect(cell(first, '助餐 上门')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);

  await page.getByRole('tab', { name: '报送情况' }).click();
  const months = page.getByTestId('completeness-months');
  await expect(months.getByRole('row').filter({ hasText: month })).toContainText('2 / 2');
  await expect(page.getByTestId('completeness-stations').getByRole('row').filter({ hasText: first })).toBeVisible();
  await shot(page, 'stats-completeness');
});

test('the subsidy statement: a full month and a pro-rata month, then issued', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const month = lastMonth();
  const days = daysInMonth(month);
  const operator = '云浮市颐康养老服务有限公司';
  const none = stationInput({}).lifecycle;
  const station = await office.call('stations.create', {
    station: stationInput({
      name: '腰古镇综合养老服务中心',
      kind: 'town_centre',
      townCode: '445302102',
      lifecycle: { ...none, operating: '2020-01-01' },
      operatingMode: 'commissioned',
      operatorName: operator,
    }),
  });
  const zhang = (await office.call('people.create', { person: { name: '张阿婆' } })).person;
  const li = (await office.call('people.create', { person: { name: '李伯' } })).person;
  await office.call('beds.create', { bed: { personId: zhang.id, stationId: station.id, installDate: '2024-05-06', devices: ['infrared', 'emergency_button'] } });
  await office.call('beds.create', { bed: { personId: li.id, stationId: station.id, installDate: `${month}-16`, devices: ['camera', 'other'], devicesOther: '智能药盒' } });

  const wangId = idFor('1945-03-02', 123);
  await office.call('people.create', { person: { name: '王婶', idNumber: wangId } });
  await office.call('staff.create', { ...CLERK, role: 'clerk', passwordConfirm: CLERK.password });

  // A clerk registers a bed: the person and the station are searched as typed (pinyin initials).
  await logIn(page, host.url, CLERK.username, CLERK.password);
  await openPage(page, '家庭养老床位');
  await expect(page.getByTestId('beds-total')).toHaveText('共 2 张');
  await expect(page.getByRole('row').filter({ hasText: '李伯' })).toContainText('智能药盒');
  await page.getByRole('button', { name: '新增床位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('服务对象').fill('ws');
  await expect(page.getByRole('option', { name: '王婶' })).toContainText(`445302********${wangId.slice(-4)}`);
  await page.getByRole('option', { name: '王婶' }).click();
  await expect(form.getByText('1945-03-02 出生')).toBeVisible();
  await form.getByLabel('责任站点').fill('ygz');
  await page.getByRole('option', { name: '腰古镇综合养老服务中心' }).click();
  const today = localDate();
  await form.getByLabel('安装日期').fill(today);
  await form.getByLabel('红外探测器').check();
  await form.getByLabel('紧急呼叫按钮').check();
  await form.getByLabel('其他', { exact: true }).check();
  await form.getByLabel('其他设备').fill('燃气报警器');
  await form.getByLabel('撤床日期').fill('2020-01-01');
  await expect(form.getByText('不能早于安装日期')).toBeVisible();
  await form.getByLabel('撤床日期').fill('');
  await shot(page, 'bed-form');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存“王婶”的家庭养老床位。')).toBeVisible();
  await expect(page.getByTestId('beds-total')).toHaveText('共 3 张');
  await expect(page.getByRole('row').filter({ hasText: '王婶' })).toContainText('使用中');

  // One active bed per person: the main side's refusal shows on 服务对象.
  await page.getByRole('button', { name: '新增床位' }).click();
  await form.getByLabel('服务对象').fill('张阿婆');
  await page.getByRole('option', { name: '张阿婆' }).click();
  await form.getByLabel('责任站点').fill('腰古');
  await page.getByRole('option', { name: '腰古镇综合养老服务中心' }).click();
  await form.getByLabel('安装日期').fill(today);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('“张阿婆”已有一张使用中的家庭养老床位（腰古镇综合养老服务中心）')).toBeVisible();
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();
  await shot(page, 'family-beds');
  await page.getByRole('button', { name: '退出登录' }).click();

  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  await openPage(page, '补贴结算');
  await expect(page.getByLabel('月份')).toHaveValue(month);
  await expect(page.getByText('运营补贴按当月在用天数折算：补贴标准 × 在用天数 ÷ 当月天数，四舍五入到分；建床补贴在安装当月一次性发放；适用当月 1 日有效的补贴标准。')).toBeVisible();
  const card = page.getByTestId('subsidy-statement').filter({ hasText: operator });
  await expect(card).toContainText('草稿');
  await expect(card).toContainText('建床补贴 3,000.00 元/张，运营补贴 300.00 元/张·月');

  // By hand: 300.00 元 × active days ÷ days of the month, rounded to the fen.
  const activeDays = days - 15;
  const proRataFen = Math.floor((2 * 30000 * activeDays + days) / (2 * days));
  const zhangRow = card.getByRole('row').filter({ hasText: '张阿婆' });
  await expect(zhangRow.getByRole('cell')).toHaveText(['张阿婆', '2024-05-06', '', '0.00', String(days), '300.00']);
  const liRow = card.getByRole('row').filter({ hasText: '李伯' });
  await expect(liRow.getByRole('cell')).toHaveText(['李伯', `${month}-16`, '', '3,000.00', String(activeDays), yuan(proRataFen)]);
  await expect(card.getByTestId('subsidy-total-build')).toHaveText('3,000.00');
  await expect(card.getByTestId('subsidy-total-operating')).toHaveText(yuan(30000 + proRataFen));
  await expect(card.getByTestId('subsidy-total')).toHaveText(`应付合计：${yuan(300000 + 30000 + proRataFen)} 元`);

  await page.getByRole('button', { name: '出具结算单' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '出具结算单' }).click();
  await expect(card).toContainText('已出具');
  await expect(card).toContainText(`由 ${ADMIN.displayName} 出具`);
  await expect(page.getByRole('button', { name: '出具结算单' })).toHaveCount(0);
  await shot(page, 'subsidy-statement');

  // The rate table: the preset standard; an administrator can add the next one.
  await page.getByRole('tab', { name: '补贴标准' }).click();
  await expect(page.getByRole('table', { name: '补贴标准' })).toContainText('3,000.00');
  await page.getByLabel('生效日期').fill('2027-01-01');
  await page.getByLabel('建床补贴（元/张）').fill('3500');
  await page.getByLabel('运营补贴（元/张·月）').fill('320.5');
  await page.getByRole('button', { name: '添加标准' }).click();
  await expect(page.getByText('已添加 2027-01-01 起执行的补贴标准。')).toBeVisible();
  await expect(page.getByRole('table', { name: '补贴标准' })).toContainText('320.50');
});

test('the dashboard: demo data on an empty office, the 2021 progress row and the charts', async ({ page, host, dataDir }) => {
  await setUpOffice(host, dataDir);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '统计报表');
  await page.getByRole('button', { name: '填入演示数据' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '填入演示数据' }).click();
  await expect(page.getByText('已填入演示数据')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: '填入演示数据' })).toHaveCount(0);

  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: '2021', exact: true }).click();
  const row = page.getByTestId('progress-row');
  await expect(row.getByRole('cell')).toHaveText(['云城区', '13', '13', '100%', '75', '8534']);
  await expect(page.getByRole('table', { name: '2021 年居家养老服务站点进展情况' }).getByRole('columnheader')).toHaveText([
    '县（市、区）',
    '建设任务',
    '已建成',
    '完成率',
    '家床安装户数',
    '开展上门服务人次',
  ]);
  await expect(page.getByTestId('chart-monthly').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-funnel').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('coverage-group').first()).toContainText('已覆盖');

  // A target for the year shows under the county's row.
  await page.getByLabel('站点建设任务').fill('13');
  await page.getByLabel('家庭养老床位', { exact: true }).fill('80');
  await page.getByLabel('上门服务人次').fill('9000');
  await page.getByRole('button', { name: '保存任务' }).click();
  await expect(page.getByTestId('target-row')).toContainText('2021 年度任务');
  await expect(page.getByTestId('target-row')).toContainText('9000');
  await shot(page, 'dashboard');
});

test('the setup wizard can ask for demo data: filled when the administrator first logs in', async ({ page, host, dataDir }) => {
  await page.goto(host.url);
  await page.getByLabel('县级民政局').check();
  await page.getByTestId('wizard-next').click();
  await pick(page, page, '区县', '云城区');
  await page.getByTestId('wizard-next').click();
  await page.getByLabel('数据库位置').fill(join(dataDir, 'demo.sqlite'));
  await page.getByTestId('wizard-next').click();
  await page.getByLabel('姓名', { exact: true }).fill(ADMIN.displayName);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  const demo = page.getByLabel('填入演示数据（虚构的人员与站点，仅供试用和培训）');
  await expect(demo).not.toBeChecked();
  await demo.check();
  await page.getByTestId('wizard-create').click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('已填入演示数据')).toBeVisible({ timeout: 30_000 });
  await openPage(page, '服务站点');
  await expect(page.getByTestId('stations-total')).not.toHaveText('共 0 个');
});

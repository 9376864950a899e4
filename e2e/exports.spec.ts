import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';
import { lastMonth, logIn, openPage, pick } from './stations-helpers';

/** Clicks 导出 Excel inside `scope` and opens the file the browser received, as Excel would. */
async function exportFrom(page: Page, scope: ReturnType<Page['locator']> | Page): Promise<{ download: Download; sheet: ExcelJS.Worksheet; workbook: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: '导出 Excel' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return { download, workbook, sheet: workbook.worksheets[0]! };
}

/** Row `r`'s values from column 1 to `width` (empty cells null). */
function values(sheet: ExcelJS.Worksheet, r: number, width = sheet.getRow(4).cellCount): unknown[] {
  const row = sheet.getRow(r);
  return Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null);
}

/** The YYYY-MM-DD a date cell shows (dates are written as UTC midnight of the day). */
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

test('the people list, the 2021 progress report and a home’s allowance roster come out as typed workbooks', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('demo.fill', {});
  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  // (1) The people list, searched: every matching person (not only the first page), with the search in the subtitle.
  await openPage(page, '人员信息');
  const expected = await office.call('people.list', { query: '演示陈', limit: 500 });
  expect(expected.total).toBeGreaterThan(1);
  await page.getByPlaceholder('姓名、拼音首字母或身份证号后四位').fill('演示陈');
  await expect(page.getByTestId('people-total')).toContainText(`共 ${expected.total} 人`);
  await page.mouse.move(1, 1);
  await screenshot(page, 'export-people');
  const people = await exportFrom(page, page);
  expect(people.download.suggestedFilename()).toBe('云城区民政局-人员信息.xlsx');
  let ws = people.sheet;
  expect(ws.getCell('A1').value).toBe('云城区民政局 人员信息');
  expect(String(ws.getCell('A2').value)).toMatch(/^筛选：搜索“演示陈”。导出时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 导出人 李管理$/);
  expect(values(ws, 4)).toEqual(['姓名', '身份证号', '性别', '出生日期', '联系电话', '户籍地', '更新时间']);
  const names = Array.from({ length: expected.total }, (_, i) => ws.getCell(5 + i, 1).value);
  expect(names).toEqual(expected.rows.map((r) => r.name));
  expect(ws.getCell(5 + expected.total, 1).value ?? null).toBeNull();
  const first = expected.rows[0]!;
  // An administrator's list shows whole ID numbers; the file holds what the list holds, as text.
  expect(ws.getCell('B5').value).toBe(first.idNumber);
  expect(ws.getCell('D5').value).toBeInstanceOf(Date);
  expect(day(ws.getCell('D5').value)).toBe(first.birthDate);
  expect(ws.getCell('D5').numFmt).toBe('yyyy-mm-dd');
  expect(ws.getCell('G5').value).toBeInstanceOf(Date);

  // (2) The 2021 progress report: the bulletin's row of 云城区, figures as numbers, the rate as a percentage.
  await openPage(page, '统计报表');
  await pick(page, page, '年度', '2021');
  const progressPanel = page.locator('.mantine-Paper-root').filter({ hasText: '2021 年居家养老服务站点进展情况' });
  await expect(progressPanel.getByRole('button', { name: '导出 Excel' })).toBeVisible();
  const progress = await exportFrom(page, progressPanel);
  expect(progress.download.suggestedFilename()).toBe('云城区民政局-2021 年居家养老服务站点进展情况.xlsx');
  ws = progress.sheet;
  expect(ws.getCell('A1').value).toBe('云城区民政局 2021 年居家养老服务站点进展情况');
  expect(String(ws.getCell('A2').value)).toMatch(/^2021 年 · 导出时间 .+ · 导出人 李管理$/);
  expect(values(ws, 4)).toEqual(['县（市、区）', '建设任务', '已建成', '完成率', '家床安装户数', '开展上门服务人次']);
  // The bulletin's 2021 figures for 云城区 (the demo reproduces them).
  expect(values(ws, 5)).toEqual(['云城区', 13, 13, 1, 75, 8534]);
  expect(ws.getCell('D5').numFmt).toBe('0.0%');
  expect(ws.getCell('B5').numFmt).toBe('0');

  // (3) A welfare home's allowance roster for last month: one line per resident and the 合计 row.
  await openPage(page, '津贴标准与花名册');
  await page.getByRole('tab', { name: '津贴花名册' }).click();
  // The page opens on the first open home of the list.
  const institutions = await office.call('institutions.list', { includeClosed: true });
  const home = institutions.find((i) => !i.closedOn)!;
  await expect(page.getByLabel('供养机构', { exact: true })).toHaveValue(home.name);
  const month = lastMonth();
  const roster = await office.call('allowance.roster', { institutionId: home.id, month });
  expect(roster.lines.length).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  const exported = await exportFrom(page, page);
  const [y, m] = month.split('-');
  const title = `${home.name} ${y} 年 ${Number(m)} 月 津贴花名册`;
  expect(exported.download.suggestedFilename()).toBe(`云城区民政局-${title}.xlsx`);
  ws = exported.sheet;
  expect(ws.getCell('A1').value).toBe(`云城区民政局 ${title}`);
  expect(values(ws, 4)).toEqual([
    '序号',
    '姓名',
    '身份证号',
    '供养类别',
    '供养方式',
    '天数',
    '自理能力',
    '基本生活费（元）',
    '照料护理费（元）',
    '孤儿养育费（元）',
    '合计（元）',
  ]);
  const line = roster.lines[0]!;
  expect(values(ws, 5).slice(0, 3)).toEqual([1, line.name, line.idNumber]);
  expect(ws.getCell('F5').value).toBe(line.days);
  // Money in 元 as a number with two decimals, not text.
  expect(ws.getCell('K5').value).toBe(line.totalFen / 100);
  expect(ws.getCell('K5').numFmt).toBe('#,##0.00');
  const totals = 5 + roster.lines.length;
  expect(ws.getCell(totals, 1).value).toBe(`合计（${roster.totals.residents} 人）`);
  expect(ws.getCell(totals, 6).value).toBe(roster.totals.days);
  expect(ws.getCell(totals, 11).value).toBe(roster.totals.totalFen / 100);
  expect(ws.getCell(totals, 11).font?.bold).toBe(true);
  // The total adds up the lines, as a leader would check it with SUM().
  let sum = 0;
  for (let r = 5; r < totals; r++) sum += ws.getCell(r, 11).value as number;
  expect(Math.round(sum * 100)).toBe(roster.totals.totalFen);
});

test('the month sheet (saved figures only), the subsidy statements and the homes overview export from their pages', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('demo.fill', {});
  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  await openPage(page, '服务统计');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  await page.mouse.move(1, 1);
  await screenshot(page, 'export-stats');
  const stats = await exportFrom(page, page);
  // Unsaved figures would be missing from the file: the export waits until they are saved or discarded.
  await page.getByTestId('stats-grid').locator('input:not([disabled])').first().fill('4321');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeDisabled();
  await expect(page.getByText('导出的是已保存的数字：请先保存或放弃修改，再导出 Excel。')).toBeVisible();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  const [y, m] = lastMonth().split('-');
  expect(stats.sheet.getCell('A1').value).toBe(`云城区民政局 ${y} 年 ${Number(m)} 月 服务统计表`);

  await openPage(page, '补贴结算');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  await page.mouse.move(1, 1);
  const subsidy = await exportFrom(page, page);
  expect(subsidy.workbook.worksheets.length).toBe(2);

  await openPage(page, '院舍概况');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  await page.mouse.move(1, 1);
  await screenshot(page, 'export-homes');
  const homes = await exportFrom(page, page);
  expect(String(homes.sheet.getCell('A1').value)).toContain('供养机构入住情况');
});

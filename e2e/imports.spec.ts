import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { idFor } from '../tests/support/id-numbers';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';
import { logIn, openPage } from './stations-helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Clicks a button and opens the workbook the browser received. */
async function downloadWorkbook(page: Page, button: ReturnType<Page['getByRole']>): Promise<{ download: Download; workbook: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return { download, workbook };
}

/** Row `r`'s cells as text, from column 1 to the last filled one. */
function rowTexts(sheet: ExcelJS.Worksheet, r: number): string[] {
  const row = sheet.getRow(r);
  return Array.from({ length: row.cellCount }, (_, c) => (row.getCell(c + 1).value === null ? '' : String(row.getCell(c + 1).value)));
}

/** Hands a file to the page's 选择文件 button, as if picked in the file dialog. */
async function pickFile(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: XLSX, buffer });
  await expect(page.getByTestId('import-file-info')).toContainText(name);
}

async function checkAndWait(page: Page) {
  await page.getByRole('button', { name: /^(检查|重新检查)$/ }).click();
  await expect(page.getByTestId('import-counts')).toBeVisible({ timeout: 30_000 });
}

test('people come in from an office’s spreadsheet: template, preview with errors, commit, error rows fixed and imported again', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '导入数据');

  // (1) The people template: the register's columns as headers (required ones starred), and an instructions sheet.
  await expect(page.getByLabel('导入到')).toHaveValue('人员信息');
  await expect(page.getByTestId('import-matched-by')).toContainText('身份证号');
  const registers = await office.call('imports.registers', { locale: 'zh-CN' });
  const people = registers.find((r) => r.name === 'people')!;
  const template = await downloadWorkbook(page, page.getByRole('button', { name: '下载模板' }));
  expect(template.download.suggestedFilename()).toBe('人员信息导入模板.xlsx');
  const data = template.workbook.worksheets[0]!;
  const headers = rowTexts(data, 1);
  expect(headers).toEqual(people.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  expect(headers.slice(0, 2)).toEqual(['姓名*', '身份证号']);
  expect(headers).toContain('户籍镇（街道）');
  const instructions = template.workbook.getWorksheet('填写说明');
  expect(instructions).toBeDefined();
  const instructionText = instructions!.getSheetValues().flat().map(String).join('\n');
  for (const column of people.columns) expect(instructionText).toContain(column.header);
  expect(instructionText).toContain('文本格式');

  // (2) The office's own sheet: its own headers (公民身份号码, 镇（街道）), three good rows and two bad ones.
  const good = [
    ['陈秀英', idFor('1950-03-12', 101), '13902345678', '河口街道', '城北路 12 号'],
    ['黄伯', idFor('1942-07-01', 113), '', '腰古镇', ''],
    ['李婆婆', idFor('1938-11-20', 124), '0766-8812345', '河口街道', '城南路 3 号'],
  ];
  const rightId = idFor('1947-02-02', 135);
  const wrongId = rightId.slice(0, 17) + (rightId[17] === '1' ? '2' : '1');
  const bad = [
    ['周伯', wrongId, '', '河口街道', ''],
    ['吴婆', idFor('1944-04-04', 146), '', '不存在镇', ''],
  ];
  const sheetFile = new ExcelJS.Workbook();
  const ws = sheetFile.addWorksheet('花名册');
  ws.addRow(['姓名', '公民身份号码', '联系电话', '镇（街道）', '详细地址']);
  ws.getColumn(2).numFmt = '@';
  for (const row of [...good.slice(0, 2), ...bad, good[2]!]) ws.addRow(row);
  await pickFile(page, '人员台账.xlsx', Buffer.from(await sheetFile.xlsx.writeBuffer()));
  await expect(page.getByTestId('import-file-info')).toContainText('工作表“花名册”，表头在第 1 行，共 5 列');
  // The mapping is pre-filled by header name, and shows the file's column with a sample.
  await expect(page.getByTestId('mapping-source')).toContainText('已按列名自动对应');
  await expect(page.getByLabel('身份证号', { exact: true })).toHaveValue(`B 列：公民身份号码 — 例：${good[0]![1]}`);
  await expect(page.getByLabel('户籍镇（街道）', { exact: true })).toHaveValue(/^D 列：镇（街道）/);

  // (3) The preview: 3 to add, 2 in error, each error with its row, the file's column and the reason.
  await checkAndWait(page);
  await expect(page.getByTestId('count-create')).toHaveText('新增 3');
  await expect(page.getByTestId('count-error')).toHaveText('错误 2');
  const idIssue = page.locator('[data-testid="issue-row"][data-row="4"]');
  await expect(idIssue).toContainText('公民身份号码');
  await expect(idIssue).toContainText('校验位不正确');
  await expect(idIssue).toContainText(wrongId);
  const townIssue = page.locator('[data-testid="issue-row"][data-row="5"]');
  await expect(townIssue).toContainText('镇（街道）');
  await expect(townIssue).toContainText('不存在镇');
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  // Nothing is written by a preview.
  expect((await office.call('people.list', {})).total).toBe(0);
  await page.mouse.move(1, 1);
  await screenshot(page, 'import-preview');
  // For the README: the report as the window shows it, the mapping's last lines above it.
  await page.getByTestId('issue-row').first().scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 250);
  await screenshot(page, 'import-check', { fullPage: false });

  // (4) Commit the valid rows: the three are in the people list.
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('import-result')).toContainText('已导入 3 条新增、0 条更新；2 行有错误未导入。', { timeout: 30_000 });
  await page.mouse.move(1, 1);
  await screenshot(page, 'import-result');

  // (5) The rows in error come back as a workbook: fixed in "Excel", imported again.
  const errors = await downloadWorkbook(page, page.getByTestId('import-result').getByRole('button', { name: '下载错误行' }));
  const errorSheet = errors.workbook.worksheets[0]!;
  const errorHeaders = rowTexts(errorSheet, 1);
  expect(errorHeaders.slice(0, 5)).toEqual(['姓名', '公民身份号码', '联系电话', '镇（街道）', '详细地址']);
  expect(errorSheet.getCell(2, 1).value).toBe('周伯');
  expect(errorSheet.getCell(3, 1).value).toBe('吴婆');
  expect(errorSheet.getRow(4).cellCount).toBe(0);
  expect(rowTexts(errorSheet, 2).join(' ')).toContain('校验位不正确');
  errorSheet.getCell(2, 2).value = rightId;
  errorSheet.getCell(3, 4).value = '腰古镇';

  await page.getByRole('link', { name: '查看人员信息' }).click();
  await expect(page.getByRole('heading', { name: '人员信息', exact: true })).toBeVisible();
  await expect(page.getByTestId('people-total')).toContainText('共 3 人');
  for (const [name] of good) await expect(page.getByRole('cell', { name: name!, exact: true })).toBeVisible();

  await openPage(page, '导入数据');
  await pickFile(page, errors.download.suggestedFilename(), Buffer.from(await errors.workbook.xlsx.writeBuffer()));
  await checkAndWait(page);
  await expect(page.getByTestId('count-create')).toHaveText('新增 2');
  await expect(page.getByTestId('count-error')).toHaveText('错误 0');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('import-result')).toContainText('已导入 2 条新增、0 条更新。', { timeout: 30_000 });

  await openPage(page, '人员信息');
  await expect(page.getByTestId('people-total')).toContainText('共 5 人');
  for (const name of ['周伯', '吴婆']) await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();

  // The first file again: its three good rows are already there and change nothing; nothing to import.
  await openPage(page, '导入数据');
  await pickFile(page, '人员台账.xlsx', Buffer.from(await sheetFile.xlsx.writeBuffer()));
  await checkAndWait(page);
  await expect(page.getByTestId('count-unchanged')).toHaveText('未变 3');
  await expect(page.getByTestId('count-create')).toHaveText('新增 0');
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await expect(page.getByText('没有需要新增或更新的行。')).toBeVisible();
});

test('a required column missing from the file is flagged before checking; a viewer has no import page', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '导入数据');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Sheet1');
  ws.addRow(['身份证号', '联系电话', '详细地址']);
  ws.addRow([idFor('1950-01-01', 201), '13900000000', '城北路 1 号']);
  await pickFile(page, '缺姓名.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
  await expect(page.getByTestId('mapping-missing')).toContainText('姓名');
  await expect(page.getByRole('button', { name: '检查', exact: true })).toBeDisabled();
  await screenshot(page, 'import-mapping-missing');
  // In English the page and the register's columns follow; the file stays as picked.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import data', exact: true })).toBeVisible();
  await expect(page.getByTestId('mapping-missing')).toContainText('Name');
  await screenshot(page, 'import-mapping-en');
  await page.getByText('中文', { exact: true }).click();
  // Choosing the column by hand lets the check go on.
  await page.getByLabel('姓名', { exact: true }).click();
  await page.getByRole('option', { name: /^C 列：详细地址/ }).click();
  await expect(page.getByTestId('mapping-missing')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '检查', exact: true })).toBeEnabled();

  await office.call('staff.create', { username: 'viewer', displayName: '只读员', role: 'viewer', password: 'viewer-pass-1', passwordConfirm: 'viewer-pass-1' });
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, host.url, 'viewer', 'viewer-pass-1');
  await expect(page.getByRole('navigation').getByRole('link', { name: '人员信息', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: '导入数据', exact: true })).toHaveCount(0);
});

test('an import is listed in the history and undone as a whole with a reason: its people are gone again', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '导入数据');
  await expect(page.getByRole('region', { name: '导入记录' })).toContainText('还没有导入过数据。');

  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', '户籍镇（街道）']);
  ws.getColumn(2).numFmt = '@';
  ws.addRow(['陈秀英', idFor('1950-03-12', 301), '河口街道']);
  ws.addRow(['黄伯', idFor('1942-07-01', 313), '腰古镇']);
  ws.addRow(['李婆婆', idFor('1938-11-20', 324), '河口街道']);
  await pickFile(page, '三人名单.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
  await checkAndWait(page);
  await expect(page.getByTestId('count-create')).toHaveText('新增 3');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('import-result')).toContainText('已导入 3 条新增、0 条更新。', { timeout: 30_000 });
  expect((await office.call('people.list', {})).total).toBe(3);
  await expect(page.getByTestId('import-result').getByRole('button', { name: '撤销这次导入' })).toBeVisible();

  // The history lists it on top: register, file, counts, who.
  const history = page.getByRole('region', { name: '导入记录' });
  const run = history.getByTestId('import-run');
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('人员信息');
  await expect(run).toContainText('三人名单.xlsx');
  await expect(run.getByTestId('run-create')).toHaveText('3');
  await expect(run.getByTestId('run-error')).toHaveText('0');
  await expect(run).toContainText(ADMIN.displayName);

  // 撤销: the confirmation says what will happen, and a reason is required.
  await run.getByRole('button', { name: '撤销', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '撤销导入' });
  await expect(dialog.getByTestId('undo-what')).toContainText('将删除这次导入新增的 3 条记录，恢复它更新的 0 条记录的原内容');
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog).toContainText('撤销原因');
  await expect(dialog.getByText('不能为空', { exact: false })).toBeVisible();
  expect((await office.call('people.list', {})).total).toBe(3);
  await dialog.getByLabel('撤销原因').fill('导错了文件，应导入腰古镇的名单');
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(history.getByTestId('undo-notice')).toHaveText('已撤销：删除 3 条，恢复 0 条。');
  await expect(run).toHaveAttribute('data-undone', 'true');
  await expect(run.getByTestId('run-undone')).toContainText('已撤销');
  await expect(run.getByTestId('run-undone')).toContainText(`${ADMIN.displayName} 于`);
  await expect(run.getByTestId('run-undone')).toContainText('原因：导错了文件，应导入腰古镇的名单');
  await expect(run.getByRole('button', { name: '撤销', exact: true })).toHaveCount(0);
  // The result panel above no longer offers the undo.
  await expect(page.getByTestId('result-undone')).toHaveText('这次导入已撤销。');
  await expect(page.getByTestId('import-result').getByRole('button', { name: '撤销这次导入' })).toHaveCount(0);
  await page.mouse.move(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'import-history');

  await openPage(page, '人员信息');
  await expect(page.getByTestId('people-total')).toContainText('共 0 人');
  await expect(page.getByText('还没有登记任何人员。')).toBeVisible();
});

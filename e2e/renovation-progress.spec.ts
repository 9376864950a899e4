import type { Locator, Page } from '@playwright/test';
import { localDate } from '../main/contract/validators/dates';
import { expect, screenshot, setUpOffice, test, ADMIN } from './fixtures';
import { arrangeCase, SILAO, walkCase, YAOGU, type CaseWalk } from './renovations-helpers';
import { logIn, openPage, pick } from './stations-helpers';
import { addStaff, type Office } from './welfare-homes-helpers';

/** Last year: every date of it is in the past, so each quarter can be given cases. */
const YEAR = Number(localDate().slice(0, 4)) - 1;
const d = (monthDay: string) => `${YEAR}-${monthDay}`;

/** Whole days from `date` to the office's today. */
function daysSince(date: string): number {
  return Math.round((Date.parse(`${localDate()}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** The texts of a table row's cells (header cell included), in order; a badge after a name is set off by one space. */
async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s*\n\s*/g, ' ').trim());
}

/** A screenshot from the top of the page, the mouse out of the way. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1, 1);
  await screenshot(page, name);
}

async function openTab(page: Page, name: '改造项目目录' | '每户补助上限' | '年度目标') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('an administrator keeps the item catalogue, the cap per household and the yearly targets', async ({ page, host, dataDir }) => {
  await setUpOffice(host, dataDir);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '改造项目与标准');

  // The national list is there, grouped by category; basic items are marked and subsidised.
  const catalogue = page.getByRole('table', { name: '改造项目目录' });
  await expect(page.getByTestId('items-total')).toHaveText('共 28 项，其中已停用 0 项');
  await expect(catalogue.getByRole('columnheader', { name: '老年用品配置' })).toBeVisible();
  const antiSlip = catalogue.getByRole('row').filter({ hasText: '地面防滑处理' });
  await expect(antiSlip).toContainText('基础项目');
  await expect(antiSlip).toContainText('补助');
  await expect(catalogue.getByRole('row').filter({ hasText: '轮椅/助行器' })).toContainText('自付');

  // A local item: subsidised, with a reference price in 元.
  await page.getByRole('button', { name: '新增本地项目' }).click();
  const add = page.getByRole('dialog', { name: '新增本地项目' });
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add.getByText('项目名称：不能为空。')).toBeVisible();
  await add.getByLabel('项目名称').fill('紧急呼叫装置');
  await pick(page, add, '项目类别', '老年用品配置');
  await add.getByLabel('单位').fill('套');
  await add.getByLabel('参考单价').fill('380');
  await expect(add.getByText('即 380.00 元')).toBeVisible();
  await expect(add.getByLabel('列入补助范围')).toBeChecked();
  await add.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已新增项目“紧急呼叫装置”（编号 L01）。')).toBeVisible();
  const local = catalogue.getByRole('row').filter({ hasText: '紧急呼叫装置' });
  await expect.poll(async () => (await cells(local)).slice(0, 6)).toEqual(['L01', '紧急呼叫装置 本地项目', '补助', '套', '380.00', '启用']);

  // The same name again is refused on the name field.
  await page.getByRole('button', { name: '新增本地项目' }).click();
  await add.getByLabel('项目名称').fill('紧急呼叫装置');
  await pick(page, add, '项目类别', '老年用品配置');
  await add.getByLabel('单位').fill('个');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add.getByText('已有名为“紧急呼叫装置”的项目。')).toBeVisible();
  await expect(add.getByLabel('项目名称')).toHaveAttribute('aria-invalid', 'true');
  await add.getByRole('button', { name: '取消' }).click();

  // A basic item cannot be made household-paid: the switch is locked on.
  await antiSlip.getByRole('button', { name: '修改“地面防滑处理”' }).click();
  const edit = page.getByRole('dialog', { name: '修改项目“地面防滑处理”' });
  await expect(edit.getByText('国家基础项目始终列入补助，不能改为自付。')).toBeVisible();
  const locked = edit.getByLabel('列入补助范围');
  await expect(locked).toBeChecked();
  await expect(locked).toBeDisabled();
  await locked.click({ force: true });
  await expect(locked).toBeChecked();
  await edit.getByLabel('参考单价').fill('120.5');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存项目“地面防滑处理”。')).toBeVisible();
  await expect.poll(async () => (await cells(antiSlip)).slice(0, 6)).toEqual(['N01', '地面防滑处理 基础项目', '补助', '处', '120.50', '启用']);

  // Deactivating asks first; the item stays listed, struck through, and can come back.
  const doorbell = catalogue.getByRole('row').filter({ hasText: '可视门铃安装' });
  await doorbell.getByRole('button', { name: '停用“可视门铃安装”' }).click();
  await page.getByRole('dialog', { name: '停用“可视门铃安装”？' }).getByRole('button', { name: '停用' }).click();
  await expect(page.getByText('已停用“可视门铃安装”。')).toBeVisible();
  await expect(doorbell).toContainText('已停用');
  await expect(page.getByTestId('items-total')).toHaveText('共 29 项，其中已停用 1 项');
  await shot(page, 'renovation-items');
  await doorbell.getByRole('button', { name: '重新启用“可视门铃安装”' }).click();
  await expect(page.getByText('已重新启用“可视门铃安装”。')).toBeVisible();
  await expect(page.getByTestId('items-total')).toHaveText('共 29 项，其中已停用 0 项');

  // Caps: one per first year, confirmed before saving (a cap is never edited), newest first.
  await openTab(page, '每户补助上限');
  await expect(page.getByText('尚未设置每户补助上限；设置前，改造方案不能签订。')).toBeVisible();
  const capForm = page.getByRole('form', { name: '新增补助上限' });
  await capForm.getByLabel('起始年度').fill(String(YEAR));
  await capForm.getByLabel('每户补助上限').fill('3000');
  await capForm.getByLabel('说明').fill('云民〔' + YEAR + '〕12号');
  await capForm.getByRole('button', { name: '保存上限' }).click();
  const confirm = page.getByRole('dialog', { name: '保存补助上限？' });
  await expect(confirm).toContainText(`将设置 ${YEAR} 年起每户补助上限为 3,000.00 元。`);
  await confirm.getByRole('button', { name: '保存上限' }).click();
  await expect(page.getByText(`已设置 ${YEAR} 年起每户补助上限 3,000.00 元。`)).toBeVisible();

  await capForm.getByLabel('起始年度').fill(String(YEAR + 1));
  await capForm.getByLabel('每户补助上限').fill('3,500');
  await capForm.getByRole('button', { name: '保存上限' }).click();
  await page.getByRole('dialog', { name: '保存补助上限？' }).getByRole('button', { name: '保存上限' }).click();
  await expect(page.getByText(`已设置 ${YEAR + 1} 年起每户补助上限 3,500.00 元。`)).toBeVisible();
  const capRows = page.getByRole('table', { name: '每户补助上限' }).getByTestId('cap-row');
  await expect(capRows).toHaveCount(2);
  await expect.poll(async () => (await cells(capRows.nth(0))).slice(0, 3)).toEqual([String(YEAR + 1), '3,500.00', `${YEAR + 1} 年起`]);
  await expect.poll(async () => (await cells(capRows.nth(1))).slice(0, 3)).toEqual([String(YEAR), '3,000.00', `${YEAR} 年`]);
  await expect(capRows.nth(1)).toContainText(`云民〔${YEAR}〕12号`);
  await expect(capRows.nth(1)).toContainText(ADMIN.displayName);
  await shot(page, 'renovation-caps');

  // A year that already has a cap is caught on the field.
  await capForm.getByLabel('起始年度').fill(String(YEAR));
  await capForm.getByLabel('每户补助上限').fill('4000');
  await capForm.getByRole('button', { name: '保存上限' }).click();
  await expect(capForm.getByText(`起始年度：${YEAR} 年起已有一条补助上限。`)).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Targets: four quarters' households and the budget in 元; the year's total is shown as typed.
  await openTab(page, '年度目标');
  await expect(page.getByText('尚未设置年度目标。')).toBeVisible();
  const targetForm = page.getByRole('form', { name: '设置年度目标' });
  await targetForm.getByLabel('年度', { exact: true }).fill(String(YEAR));
  for (const [quarter, n] of [['一季度', '20'], ['二季度', '35'], ['三季度', '30'], ['四季度', '15']] as const) {
    await targetForm.getByLabel(quarter).fill(n);
  }
  await targetForm.getByLabel('年度预算').fill('300000');
  await expect(page.getByTestId('target-year-total')).toHaveText('全年目标 100 户 · 预算 300,000.00 元');
  await targetForm.getByRole('button', { name: '保存目标' }).click();
  await expect(page.getByText(`已保存 ${YEAR} 年的年度目标。`)).toBeVisible();
  const targetRow = page.getByTestId('target-row').filter({ hasText: String(YEAR) });
  await expect.poll(async () => (await cells(targetRow)).slice(0, 7)).toEqual([String(YEAR), '20', '35', '30', '15', '100', '300,000.00']);

  // Typing a year that has targets brings its figures back: saving replaces them.
  await targetForm.getByLabel('年度', { exact: true }).fill(String(YEAR + 1));
  await expect(targetForm.getByLabel('一季度')).toHaveValue('');
  await targetForm.getByLabel('年度', { exact: true }).fill(String(YEAR));
  await expect(targetForm.getByLabel('二季度')).toHaveValue('35');
  await expect(targetForm.getByText(`${YEAR} 年已设置目标，保存将替换原有数字。`)).toBeVisible();
  await targetForm.getByLabel('四季度').fill('25');
  await targetForm.getByRole('button', { name: '保存目标' }).click();
  await expect.poll(async () => (await cells(targetRow)).slice(0, 7)).toEqual([String(YEAR), '20', '35', '30', '25', '110', '300,000.00']);
  await shot(page, 'renovation-targets');

  // Every change is in the audit trail, under the renovation entities.
  await openPage(page, '审计日志');
  await expect(page.getByRole('cell', { name: '改造项目', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '改造补助上限', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '改造年度目标', exact: true }).first()).toBeVisible();
});

/**
 * Five households of last year's plan: two renovated and paid in different quarters, one withdrawn,
 * one stuck since August after the town's review, one that moved on today.
 */
async function arrangeYear(office: Office) {
  await office.call('renovationCaps.create', { fromYear: YEAR, capFen: 300_000, note: null });
  await office.call('renovationTargets.set', { year: YEAR, quarters: [2, 2, 1, 1], budgetFen: 1_000_000 });
  const walks: { name: string; town: string; steps: CaseWalk & { applied: string } }[] = [
    {
      name: '陈阿婆',
      town: YAOGU,
      steps: {
        applied: d('02-10'),
        town_reviewed: d('02-20'),
        county_reviewed: d('03-01'),
        publicised: d('03-10'),
        assessed: d('03-20'),
        plan_signed: d('04-01'),
        works_started: d('04-10'),
        works_completed: d('04-25'),
        accepted: d('05-10'),
        paid: [d('05-20'), 150_000],
        satisfaction: d('06-01'),
      },
    },
    {
      name: '黄伯',
      town: YAOGU,
      steps: {
        applied: d('03-05'),
        town_reviewed: d('03-15'),
        county_reviewed: d('03-25'),
        publicised: d('04-05'),
        assessed: d('04-15'),
        plan_signed: d('06-01'),
        works_started: d('07-01'),
        works_completed: d('07-20'),
        accepted: d('08-01'),
        paid: [d('10-10'), 200_000],
        satisfaction: d('10-20'),
      },
    },
    { name: '林阿公', town: YAOGU, steps: { applied: d('05-05'), withdrawn: d('05-20') } },
    { name: '梁阿婆', town: SILAO, steps: { applied: d('07-15'), town_reviewed: d('08-01') } },
    { name: '何伯', town: SILAO, steps: { applied: d('11-03'), town_reviewed: localDate() } },
  ];
  const cases = [];
  for (const [i, w] of walks.entries()) {
    const created = await arrangeCase(office, { names: [w.name], townCode: w.town, planYear: YEAR, appliedOn: w.steps.applied, seq: 40 + i });
    cases.push(await walkCase(office, created.id, w.steps));
  }
  return cases;
}

test('the progress view: quarters against the targets, subsidy against the budget, towns, stuck cases; a viewer only reads', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const viewer = await addStaff(office, 'viewer');
  const [, , , stuck] = await arrangeYear(office);

  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '改造进度');
  await pick(page, page, '计划年度', String(YEAR));

  // By quarter: each step counted in the quarter of its date; accepted households against the targets so far.
  const quarters = page.getByTestId('quarter-table');
  await expect.poll(() => cells(quarters.getByTestId('quarter-1'))).toEqual(['一季度', '2', '2', '1', '0', '0', '0', '0', '0.00', '0 / 2（0%）']);
  await expect.poll(() => cells(quarters.getByTestId('quarter-2'))).toEqual(['二季度', '2', '1', '1', '1', '1', '1', '1', '1,500.00', '1 / 4（25%）']);
  await expect.poll(() => cells(quarters.getByTestId('quarter-3'))).toEqual(['三季度', '1', '1', '0', '1', '1', '0', '0', '0.00', '2 / 5（40%）']);
  await expect.poll(() => cells(quarters.getByTestId('quarter-4'))).toEqual(['四季度', '1', '1', '0', '0', '0', '1', '0', '2,000.00', '2 / 6（33.3%）']);
  await expect.poll(() => cells(quarters.getByTestId('quarter-total'))).toEqual(['全年合计', '6', '5', '2', '2', '2', '2', '1', '3,500.00', '2 / 6（33.3%）']);

  // Money against the budget, with the share paid.
  await expect(page.getByTestId('spent')).toHaveText('3,500.00 元');
  await expect(page.getByTestId('budget-line')).toHaveText('预算 10,000.00 元，已发放 35%，尚余 6,500.00 元');
  await expect(page.getByTestId('headline-households')).toContainText('2 / 6 户');

  // By town: the year's cases and how many are still open.
  const towns = page.getByTestId('town-table');
  await expect.poll(() => cells(towns.getByTestId('town-row').filter({ hasText: '腰古镇' }))).toEqual(['腰古镇', '3', '0', '3', '2', '2', '2', '2', '1', '3,500.00']);
  await expect.poll(() => cells(towns.getByTestId('town-row').filter({ hasText: '思劳镇' }))).toEqual(['思劳镇', '2', '2', '2', '0', '0', '0', '0', '0', '0.00']);
  await expect.poll(() => cells(towns.getByTestId('town-total'))).toEqual(['合计', '5', '2', '5', '2', '2', '2', '2', '1', '3,500.00']);

  // Stuck: only the case left at the town's review since August (the other open case moved on today).
  await expect(page.getByTestId('stuck-count')).toHaveText('共 1 件');
  const stuckRow = page.getByTestId('stuck-row');
  await expect(stuckRow).toHaveCount(1);
  await expect
    .poll(() => cells(stuckRow))
    .toEqual([stuck!.caseNumber, '梁阿婆', '思劳镇', '乡镇已审核', d('08-01'), `${daysSince(d('08-01'))} 天`]);
  await shot(page, 'renovation-progress');

  // The case number opens the case on the cases page.
  await stuckRow.getByRole('link', { name: `打开案件 ${stuck!.caseNumber}（梁阿婆）` }).click();
  await expect(page.getByRole('heading', { name: '适老化改造', exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/renovations/${stuck!.id}$`));
  await expect(page.getByRole('dialog')).toContainText(stuck!.caseNumber);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A viewer reads the catalogue, caps, targets and progress, with nothing to change.
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, host.url, viewer.username, viewer.password);
  await openPage(page, '改造项目与标准');
  await expect(page.getByRole('table', { name: '改造项目目录' }).getByRole('row').filter({ hasText: '防走失装置' })).toContainText('基础项目');
  await expect(page.getByRole('button', { name: '新增本地项目' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: '操作' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^修改“/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(停用|重新启用)“/ })).toHaveCount(0);
  await openTab(page, '每户补助上限');
  await expect(page.getByTestId('cap-row')).toHaveCount(1);
  await expect(page.getByRole('form', { name: '新增补助上限' })).toHaveCount(0);
  await openTab(page, '年度目标');
  await expect(page.getByTestId('target-row')).toHaveCount(1);
  await expect(page.getByRole('form', { name: '设置年度目标' })).toHaveCount(0);
  await openPage(page, '改造进度');
  await pick(page, page, '计划年度', String(YEAR));
  await expect(page.getByTestId('stuck-row')).toHaveCount(1);
  await expect(page.getByTestId('budget-line')).toHaveText('预算 10,000.00 元，已发放 35%，尚余 6,500.00 元');
});

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { localDate } from '../main/contract/validators/dates';
import { expect, screenshot, setUpOffice, test } from './fixtures';
import { SILAO, YAOGU, arrangeCase, arrangePeople, attachPhoto, pngFixture, setCap, walkCase } from './renovations-helpers';
import { logIn, openPage, pick } from './stations-helpers';
import { addStaff } from './welfare-homes-helpers';

const YEAR = Number(localDate().slice(0, 4));

/** The office's today (China Standard Time) shifted back by whole days. */
function daysAgo(n: number): string {
  const [y, m, d] = localDate().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

/** A screenshot from the top; a taller window when a drawer's whole content should show. */
async function shot(page: Page, name: string, height?: number) {
  await page.mouse.move(1, 1);
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const scroller of document.querySelectorAll('.mantine-Drawer-content, .mantine-Drawer-body')) scroller.scrollTop = 0;
  });
  if (!height) return screenshot(page, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1280, height });
  await screenshot(page, name);
  if (size) await page.setViewportSize(size);
}

function drawer(page: Page, title: '新建改造申请' | '适老化改造案件'): Locator {
  return page.getByRole('dialog', { name: title });
}

/** Opens one of the case's action forms (登记乡镇审核, 更正最近一步 …) and returns its modal. */
async function action(page: Page, name: string): Promise<Locator> {
  await drawer(page, '适老化改造案件').getByTestId('case-actions').getByRole('button', { name, exact: true }).click();
  const modal = page.getByRole('dialog', { name: new RegExp(`^${name} · `) });
  await expect(modal).toBeVisible();
  return modal;
}

/** Records a plain step (date, responsible) through its form. */
async function recordStep(page: Page, name: string, date: string, responsible: string) {
  const modal = await action(page, name);
  await modal.getByLabel('办理日期').fill(date);
  await modal.getByLabel('负责人').fill(responsible);
  await modal.getByRole('button', { name, exact: true }).click();
  await expect(modal).toBeHidden();
}

/** Picks a person in the household's people picker (found by name; the option also shows the ID number). */
async function addPerson(page: Page, form: Locator, name: string) {
  await form.getByLabel('家庭成员', { exact: true }).fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await expect(form.getByTestId('household-people')).toContainText(name);
}

/** Chooses the catalogue item of plan line n (1-based) by typing part of its name. */
async function chooseItem(page: Page, plan: Locator, n: number, name: string) {
  await plan.getByLabel(`第 ${n} 项的改造项目`).fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).first().click();
}

async function upload(page: Page, files: Locator, tag: '改造前' | '改造后', line: string | null, fileName: string, colour: [number, number, number]) {
  const form = files.getByTestId('upload-form');
  await pick(page, form, '类型', tag);
  if (line) await pick(page, form, '对应方案项目', line);
  await form.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: pngFixture(320, 240, colour) });
  await expect(form.getByTestId('chosen-file')).toContainText(fileName);
  await form.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText(`已上传：${fileName}`)).toBeVisible();
}

test('a clerk runs a household from application to satisfaction: duplicate check, workflow, plan against the cap, photos, acceptance, correction', async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(240_000);
  const office = await setUpOffice(host, dataDir);
  const clerk = await addStaff(office, 'clerk');
  await setCap(office, YEAR - 1, 300_000);
  const [zhangPo, zhangGong] = await arrangePeople(office, ['张阿婆', '张阿公'], 1);
  // 张阿婆 applied last year already; that case is still open.
  const earlier = await arrangeCase(office, { personIds: [zhangPo!.id], planYear: YEAR - 1, appliedOn: daysAgo(200) });
  // Other households of the year, for the list: one stuck at the town's review, one under works, one rejected.
  const stuck = await arrangeCase(office, { names: ['李阿婆'], townCode: SILAO, planYear: YEAR, appliedOn: daysAgo(60), seq: 5 });
  await walkCase(office, stuck.id, { town_reviewed: daysAgo(50) });
  const works = await arrangeCase(office, { names: ['陈伯'], planYear: YEAR, appliedOn: daysAgo(90), seq: 6, category: 'dibao' });
  await walkCase(office, works.id, {
    town_reviewed: daysAgo(85),
    county_reviewed: daysAgo(80),
    publicised: daysAgo(70),
    assessed: daysAgo(60),
    plan_signed: daysAgo(50),
    works_started: daysAgo(20),
  });
  const rejected = await arrangeCase(office, { names: ['梁阿公'], townCode: SILAO, planYear: YEAR, appliedOn: daysAgo(40), seq: 7, category: 'dibao_edge' });
  await walkCase(office, rejected.id, { rejected: daysAgo(30) });

  await logIn(page, host.url, clerk.username, clerk.password);
  await openPage(page, '适老化改造');
  await expect(page.getByTestId('renovations-total')).toHaveText('共 4 户');

  // The application: two people of the household; 张阿婆 already has a case, so a reason is asked for.
  await page.getByRole('button', { name: '新建改造申请' }).click();
  const form = drawer(page, '新建改造申请');
  await addPerson(page, form, '张阿婆');
  await addPerson(page, form, '张阿公');
  await expect(form.getByTestId('household-people').getByText('申请人', { exact: true })).toHaveCount(1);
  await pick(page, form, '困难类型', '分散供养特困');
  await form.getByLabel('高龄').check();
  await form.getByLabel('失能').check();
  await pick(page, form, '乡镇（街道）', '腰古镇');
  await pick(page, form, '村（社区）', '水东村民委员会');
  await form.getByLabel('住址').fill('水东村三组 12 号');
  await form.getByLabel('联系电话').fill('13800001111');
  await form.getByLabel('申请日期').fill(daysAgo(40));
  await expect(form.getByLabel('受理人')).toHaveValue(clerk.displayName);
  await form.getByRole('button', { name: '受理申请' }).click();
  const refusal = `“张阿婆”已有改造案件 ${earlier.caseNumber}（申请）；确需再次申请的，请填写重复申请原因。`;
  await expect(form.getByText(refusal)).toBeVisible();
  await expect(form.getByLabel('家庭成员', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('household-people')).toContainText('张阿公');
  await form.getByLabel('重复申请原因').fill('原申请因住院中断，今年新增失能情况，重新申请');
  await shot(page, 'renovation-create', 1200);
  await form.getByRole('button', { name: '受理申请' }).click();

  const kase = drawer(page, '适老化改造案件');
  await expect(kase.getByTestId('case-applicant')).toHaveText('张阿婆');
  await expect(kase.getByText(`该户已有改造案件 ${earlier.caseNumber}，已按所填原因继续受理。`)).toBeVisible();
  await expect(kase.getByTestId('case-state')).toHaveText('已申请');
  await expect(kase.getByTestId('case-summary')).toContainText('张阿公');
  await expect(kase.getByTestId('case-summary')).toContainText('腰古镇 · 水东村民委员会 · 水东村三组 12 号');
  await expect(kase.getByTestId('case-duplicate-reason')).toHaveText('原申请因住院中断，今年新增失能情况，重新申请');
  const caseNumber = (await kase.getByTestId('case-number').innerText()).trim();
  expect(caseNumber).toMatch(new RegExp(`^${YEAR}-\\d{4}$`));

  // Review, publicity; a date before the previous step is refused on the date.
  let modal = await action(page, '登记乡镇审核');
  await modal.getByLabel('办理日期').fill(daysAgo(41));
  await modal.getByLabel('负责人').fill('腰古镇民政办 陈文');
  await modal.getByRole('button', { name: '登记乡镇审核' }).click();
  await expect(modal.getByText(`不能早于上一条记录的日期（${daysAgo(40)}）。`)).toBeVisible();
  await modal.getByLabel('办理日期').fill(daysAgo(35));
  await modal.getByRole('button', { name: '登记乡镇审核' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('乡镇已审核');
  await recordStep(page, '登记县级审核', daysAgo(30), '县民政局 王科员');
  await recordStep(page, '登记公示', daysAgo(25), '水东村委会');
  await expect(kase.getByTestId('case-state')).toHaveText('已公示');

  // The home assessment: ability and needs are required.
  modal = await action(page, '登记入户评估');
  await modal.getByLabel('办理日期').fill(daysAgo(20));
  await modal.getByLabel('负责人').fill('评估员 刘芳');
  await modal.getByRole('button', { name: '登记入户评估' }).click();
  await expect(modal.getByText('自理能力：不能为空。')).toBeVisible();
  await pick(page, modal, '自理能力', '部分丧失');
  await modal.getByLabel('改造需求').fill('卫生间无扶手，地面湿滑；行走需助行器');
  await shot(page, 'renovation-step-form');
  await modal.getByRole('button', { name: '登记入户评估' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('已入户评估');

  // The plan: a basic item, a subsidised item that takes the total over the cap, a household-paid item.
  await kase.getByRole('tab', { name: '改造方案' }).click();
  const plan = kase.getByRole('tabpanel', { name: '改造方案' });
  await plan.getByRole('button', { name: '添加项目' }).click();
  await chooseItem(page, plan, 1, '地面防滑处理');
  await plan.getByLabel('第 1 项的数量').fill('2');
  await plan.getByLabel('第 1 项的单价').fill('600');
  await expect(plan.getByLabel('第 1 项列入补助')).toBeChecked();
  await expect(plan.getByLabel('第 1 项列入补助')).toBeDisabled();
  await plan.getByRole('button', { name: '添加项目' }).click();
  await chooseItem(page, plan, 2, '如厕洗浴扶手');
  await plan.getByLabel('第 2 项的数量').fill('4');
  await plan.getByLabel('第 2 项的单价').fill('550');
  await plan.getByRole('button', { name: '添加项目' }).click();
  await chooseItem(page, plan, 3, '轮椅/助行器');
  await plan.getByLabel('第 3 项的单价').fill('680');
  await expect(plan.getByLabel('第 3 项列入补助')).not.toBeChecked();
  await expect(plan.getByLabel('第 3 项列入补助')).toBeDisabled();
  await expect(plan.getByTestId('line-amount')).toHaveText(['1,200.00', '2,200.00', '680.00']);
  const summary = plan.getByTestId('plan-summary');
  const money = async (id: string) => (await summary.getByTestId(`${id}-value`).innerText()).trim();
  await expect.poll(() => money('sum-subsidised-lines')).toBe('3,400.00 元');
  expect(await money('sum-cap')).toBe('3,000.00 元');
  expect(await money('sum-subsidy')).toBe('3,000.00 元');
  expect(await money('sum-over-cap')).toBe('400.00 元');
  expect(await money('sum-household-lines')).toBe('680.00 元');
  expect(await money('sum-household')).toBe('1,080.00 元');
  expect(await money('sum-total')).toBe('4,080.00 元');
  await expect(summary.getByTestId('sum-over-cap')).toHaveClass(/plan-over-cap/);
  await plan.getByRole('button', { name: '保存方案' }).click();
  await expect(kase.getByText('改造方案已保存。')).toBeVisible();
  await expect(plan.getByTestId('plan-dirty')).toHaveCount(0);
  await shot(page, 'renovation-plan', 1300);

  // Signed: the plan is locked.
  await recordStep(page, '登记方案签订', daysAgo(15), '县民政局 王科员');
  await expect(plan.getByTestId('plan-locked')).toContainText('方案已签订，不能再修改');
  await expect(plan.getByRole('button', { name: '添加项目' })).toHaveCount(0);
  await expect(summary.getByTestId('sum-subsidy-value')).toHaveText('3,000.00 元');
  await recordStep(page, '登记开工', daysAgo(12), '云浮安居装饰公司');
  await recordStep(page, '登记完工', daysAgo(8), '云浮安居装饰公司');

  // Photos: a "before" photo; acceptance is refused until each subsidised line has an "after" photo.
  await kase.getByRole('tab', { name: /^照片与文件/ }).click();
  const files = kase.getByRole('tabpanel', { name: /^照片与文件/ });
  await upload(page, files, '改造前', null, 'before.png', [190, 120, 90]);
  await expect(files.getByTestId('photos-before').getByTestId('photo-card')).toHaveCount(1);
  await expect(files.getByTestId('photos-before').getByRole('img', { name: 'before.png' })).toBeVisible();

  modal = await action(page, '登记验收');
  await modal.getByLabel('办理日期').fill(daysAgo(6));
  await modal.getByLabel('负责人').fill('验收组 黄工');
  await modal.getByLabel('验收单位').fill('县民政局');
  await modal.getByLabel('合格', { exact: true }).check();
  await modal.getByRole('button', { name: '登记验收' }).click();
  await expect(modal.getByText('验收合格前，每个补助项目至少需要一张完好的“改造后”照片：地面防滑处理、如厕洗浴扶手。')).toBeVisible();
  await expect(modal.getByRole('radiogroup', { name: '验收结果' })).toHaveAccessibleDescription(/地面防滑处理、如厕洗浴扶手/);
  await modal.getByRole('button', { name: '取消' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('已完工');

  await upload(page, files, '改造后', '1. 地面防滑处理', 'after-floor.png', [80, 160, 110]);
  await upload(page, files, '改造后', '2. 如厕洗浴扶手', 'after-rail.png', [90, 110, 190]);
  const after = files.getByTestId('photos-after');
  await expect(after.getByTestId('photo-card')).toHaveCount(2);
  await expect(after.getByTestId('photo-line')).toHaveText(['2. 如厕洗浴扶手', '1. 地面防滑处理']);

  // A document: too large is refused here, before sending, in the main side's words; then the invoice.
  const uploadForm = files.getByTestId('upload-form');
  await uploadForm.getByText('文件', { exact: true }).click();
  await pick(page, uploadForm, '类型', '发票');
  const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);
  const fileInput = uploadForm.locator('input[type="file"]');
  await fileInput.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf(11 * 1024 * 1024) });
  await expect(uploadForm.getByTestId('file-error')).toHaveText('文件：文件过大（最多 10 MB）。');
  await expect(uploadForm.getByRole('button', { name: '上传', exact: true })).toBeDisabled();
  await fileInput.setInputFiles({ name: '发票-安居装饰.pdf', mimeType: 'application/pdf', buffer: pdf(2000) });
  await expect(uploadForm.getByTestId('file-error')).toHaveCount(0);
  await uploadForm.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText('已上传：发票-安居装饰.pdf')).toBeVisible();
  await expect(files.getByTestId('document-row')).toHaveCount(1);
  await expect(files.getByTestId('document-row')).toContainText('发票');
  await expect(files.getByTestId('document-row')).toContainText('2 KB');
  await shot(page, 'renovation-photos', 1600);

  // The invoice was the wrong one: withdrawn with a reason, it stays listed (when asked for), struck through.
  await files.getByTestId('document-row').getByRole('button', { name: '撤回' }).click();
  const withdraw = page.getByRole('dialog', { name: '撤回“发票-安居装饰.pdf”' });
  await withdraw.getByLabel('撤回原因').fill('传错发票，应为验收后开具的发票');
  await withdraw.getByRole('button', { name: '撤回' }).click();
  await expect(page.getByText('已撤回：发票-安居装饰.pdf')).toBeVisible();
  await expect(files.getByTestId('document-row')).toHaveCount(0);
  await files.getByLabel('显示已撤回的照片和文件（1 个）').check();
  await expect(files.getByTestId('document-row')).toContainText('原因：传错发票，应为验收后开具的发票');
  await expect(files.getByTestId('document-row')).toContainText('已撤回');

  // The full-size photo opens from its thumbnail.
  await after.getByRole('button', { name: '查看 after-floor.png' }).click();
  const viewer = page.getByRole('dialog', { name: 'after-floor.png' });
  await expect(viewer.getByRole('img', { name: 'after-floor.png' })).toBeVisible();
  await expect(viewer).toContainText('1. 地面防滑处理');
  await viewer.getByRole('button', { name: '关闭' }).click();

  // A failed acceptance sends the case back to works; completed again, then accepted.
  modal = await action(page, '登记验收');
  await modal.getByLabel('办理日期').fill(daysAgo(6));
  await modal.getByLabel('负责人').fill('验收组 黄工');
  await modal.getByLabel('验收单位').fill('县民政局');
  await modal.getByLabel('不合格', { exact: true }).check();
  await expect(modal.getByText('验收不合格：案件退回“施工中”')).toBeVisible();
  await modal.getByLabel('意见').fill('扶手安装高度不符合要求，需整改');
  await modal.getByRole('button', { name: '登记验收' }).click();
  await expect(modal).toBeHidden();
  await expect(kase.getByTestId('case-state')).toHaveText('施工中');
  await recordStep(page, '登记完工', daysAgo(4), '云浮安居装饰公司');
  modal = await action(page, '登记验收');
  await modal.getByLabel('办理日期').fill(daysAgo(3));
  await modal.getByLabel('负责人').fill('验收组 黄工');
  await modal.getByLabel('验收单位').fill('县民政局');
  await modal.getByLabel('合格', { exact: true }).check();
  await modal.getByRole('button', { name: '登记验收' }).click();
  await expect(modal).toBeHidden();
  await expect(kase.getByTestId('case-state')).toHaveText('验收合格');

  // Payment: the plan's subsidy is offered; more is refused on the amount.
  modal = await action(page, '登记补助发放');
  await expect(modal.getByLabel('发放金额（元）')).toHaveValue('3000.00');
  await modal.getByLabel('发放金额（元）').fill('3200');
  await modal.getByLabel('办理日期').fill(daysAgo(2));
  await modal.getByLabel('负责人').fill('县民政局财务 周会计');
  await modal.getByLabel('凭证号').fill('云民财〔2025〕031');
  await modal.getByRole('button', { name: '登记补助发放' }).click();
  await expect(modal.getByText('不能超过改造方案的补助金额（3000.00 元）。')).toBeVisible();
  await modal.getByLabel('发放金额（元）').fill('3000');
  await modal.getByRole('button', { name: '登记补助发放' }).click();
  await expect(modal).toBeHidden();
  await expect(kase.getByTestId('case-state')).toHaveText('补助已发放');

  modal = await action(page, '登记满意度回访');
  await modal.getByLabel('办理日期').fill(daysAgo(1));
  await modal.getByLabel('负责人').fill('水东村委会');
  await modal.getByText('5 分', { exact: true }).click();
  await modal.getByRole('button', { name: '登记满意度回访' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('已回访');
  await expect(kase.getByTestId('case-actions').getByRole('button', { name: '登记满意度回访' })).toHaveCount(0);

  // The visit was recorded with the wrong score: correct it (reason and confirmation), then record it again.
  modal = await action(page, '更正最近一步');
  await expect(modal.getByTestId('correct-target')).toHaveText(`${daysAgo(1)} 满意度回访`);
  await modal.getByRole('button', { name: '更正…' }).click();
  await expect(modal.getByText('原因：不能为空。')).toBeVisible();
  await modal.getByLabel('更正原因').fill('评分误记，回访记录为 4 分');
  await modal.getByRole('button', { name: '更正…' }).click();
  await expect(modal.getByText(`确定更正“${daysAgo(1)} 满意度回访”吗？`)).toBeVisible();
  await modal.getByRole('button', { name: '确认更正' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('补助已发放');
  modal = await action(page, '登记满意度回访');
  await modal.getByLabel('办理日期').fill(daysAgo(1));
  await modal.getByLabel('负责人').fill('水东村委会');
  await modal.getByText('4 分', { exact: true }).click();
  await modal.getByLabel('意见').fill('扶手很实用，希望增加夜灯');
  await modal.getByRole('button', { name: '登记满意度回访' }).click();
  await expect(kase.getByTestId('case-state')).toHaveText('已回访');

  // The timeline: every step in the order recorded; the corrected one struck through and linked.
  await kase.getByRole('tab', { name: '办理步骤' }).click();
  const titles = kase.getByTestId('step-title');
  await expect(titles).toHaveText([
    `${daysAgo(40)} 申请`,
    `${daysAgo(35)} 乡镇审核`,
    `${daysAgo(30)} 县级审核`,
    `${daysAgo(25)} 公示`,
    `${daysAgo(20)} 入户评估`,
    `${daysAgo(15)} 方案签订`,
    `${daysAgo(12)} 开工`,
    `${daysAgo(8)} 完工`,
    `${daysAgo(6)} 验收不合格`,
    `${daysAgo(4)} 完工`,
    `${daysAgo(3)} 验收合格`,
    `${daysAgo(2)} 补助发放`,
    `${daysAgo(1)} 满意度回访`,
    `${localDate()} 更正`,
    `${daysAgo(1)} 满意度回访`,
  ]);
  await expect(titles.nth(12)).toHaveCSS('text-decoration-line', 'line-through');
  await expect(titles.nth(14)).not.toHaveCSS('text-decoration-line', 'line-through');
  await expect(kase.getByText('原因：评分误记，回访记录为 4 分')).toBeVisible();
  await expect(kase.getByText('意见：扶手安装高度不符合要求，需整改')).toBeVisible();
  await expect(kase.getByText('自理能力：部分丧失')).toBeVisible();
  await expect(kase.getByText('发放 3,000.00 元，凭证号 云民财〔2025〕031')).toBeVisible();
  await expect(kase.getByText('满意度：4 分（满分 5 分）')).toBeVisible();
  await expect(kase.getByRole('button', { name: `${daysAgo(1)} 满意度回访` })).toBeVisible();
  await shot(page, 'renovation-case', 2400);

  // The history names each change.
  await kase.getByRole('tab', { name: '修改记录' }).click();
  const history = kase.getByRole('table', { name: '修改记录' });
  for (const what of ['新增', '乡镇审核', '保存改造方案', '上传照片/文件', '撤回照片/文件', '验收不合格', '更正']) {
    await expect(history.getByRole('cell', { name: what, exact: true }).first()).toBeVisible();
  }
  await kase.getByRole('button', { name: '关闭' }).last().click();

  // The list: the new case finished, marked as a second case, with its subsidy; the stuck one flagged.
  await expect(page.getByTestId('renovations-total')).toHaveText('共 5 户');
  const row = page.getByRole('table', { name: '适老化改造' }).getByRole('row').filter({ hasText: caseNumber });
  await expect(row).toContainText('张阿婆');
  await expect(row).toContainText('等 1 人');
  await expect(row).toContainText('已回访');
  await expect(row).toContainText('3,000.00');
  await expect(row.getByTestId('duplicate-marker')).toBeVisible();
  const stuckRow = page.getByRole('table', { name: '适老化改造' }).getByRole('row').filter({ hasText: '李阿婆' });
  await expect(stuckRow.getByTestId('stuck-flag')).toBeVisible();
  await expect(stuckRow).toContainText('50 天');
  await shot(page, 'renovations');

  void zhangGong;
});

test('the list filters by stuck, state and search; a viewer reads a case without any way to change it', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  const viewer = await addStaff(office, 'viewer');
  await setCap(office, YEAR, 300_000);
  const stuck = await arrangeCase(office, { names: ['李阿婆'], townCode: SILAO, planYear: YEAR, appliedOn: daysAgo(60), seq: 11 });
  await walkCase(office, stuck.id, { town_reviewed: daysAgo(45) });
  const done = await arrangeCase(office, { names: ['何伯'], townCode: YAOGU, planYear: YEAR, appliedOn: daysAgo(90), seq: 12 });
  const paid = await walkCase(office, done.id, {
    town_reviewed: daysAgo(85),
    county_reviewed: daysAgo(80),
    publicised: daysAgo(75),
    assessed: daysAgo(70),
    plan_signed: daysAgo(60),
    works_started: daysAgo(50),
    works_completed: daysAgo(40),
    accepted: daysAgo(35),
    paid: [daysAgo(30), 250_000],
  });
  // Since stored, the "before" photo's file went missing and the "after" photo's file was changed.
  const before = (await attachPhoto(office, done.id, 'before', null, [200, 90, 60])).case.attachments.find((a) => a.tag === 'before')!;
  const afterPhoto = paid.attachments.find((a) => a.tag === 'after')!;
  const stored = (sha: string) => join(dataDir, 'welfare-ledger-files', 'sha256', sha.slice(0, 2), sha);
  rmSync(stored(before.sha256));
  writeFileSync(stored(afterPhoto.sha256), 'not the photo any more');

  await logIn(page, host.url, viewer.username, viewer.password);
  await openPage(page, '适老化改造');
  await expect(page.getByRole('button', { name: '新建改造申请' })).toHaveCount(0);
  await expect(page.getByTestId('renovations-total')).toHaveText('共 2 户');

  // Only the stuck: the case at the town's review for 45 days (the paid one is 30 days in its state, not over).
  await page.getByLabel('只看停滞超过 30 天').check();
  await expect(page.getByTestId('renovations-total')).toHaveText('共 1 户');
  const table = page.getByRole('table', { name: '适老化改造' });
  await expect(table.getByRole('row').filter({ hasText: '李阿婆' })).toContainText('45 天');
  await page.getByLabel('只看停滞超过 30 天').uncheck();
  await pick(page, page, '办理状态', '补助已发放');
  await expect(page.getByTestId('renovations-total')).toHaveText('共 1 户');
  await expect(table.getByRole('row').filter({ hasText: '何伯' })).toContainText('3,000.00');
  await page.getByRole('button', { name: '清除条件' }).click();
  await page.getByLabel('查找').fill(paid.caseNumber);
  await expect(page.getByTestId('renovations-total')).toHaveText('共 1 户');

  // The case opens read-only: no actions, the plan without an editor, no upload.
  await table.getByRole('button', { name: paid.caseNumber }).click();
  const kase = drawer(page, '适老化改造案件');
  await expect(kase.getByTestId('case-state')).toHaveText('补助已发放');
  await expect(kase.getByTestId('case-actions')).toHaveCount(0);
  await kase.getByRole('tab', { name: '改造方案' }).click();
  await expect(kase.getByTestId('plan-locked')).toBeVisible();
  await expect(kase.getByRole('button', { name: '保存方案' })).toHaveCount(0);
  await kase.getByRole('tab', { name: /^照片与文件/ }).click();
  await expect(kase.getByTestId('upload-form')).toHaveCount(0);
  await expect(kase.getByRole('button', { name: '撤回' })).toHaveCount(0);

  // Files checked against their SHA-256 when the case opens: missing and altered are shown in red.
  await expect(kase.getByTestId('files-damaged')).toContainText('2 个文件');
  await expect(kase.getByTestId('photos-before').getByTestId('file-state')).toHaveText('文件缺失');
  await expect(kase.getByTestId('photos-after').getByTestId('file-state')).toHaveText('文件被改动');
  await kase.getByTestId('photos-after').getByRole('button', { name: `查看 ${afterPhoto.fileName}` }).click();
  const full = page.getByRole('dialog', { name: afterPhoto.fileName });
  await expect(full.getByText('文件内容与上传时记录的 SHA-256 不符')).toBeVisible();
  await expect(full.getByRole('img', { name: afterPhoto.fileName })).toHaveCount(0);
});

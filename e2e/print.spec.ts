import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatFen } from '../renderer/src/money';
import { ADMIN, expect, setUpOffice, test } from './fixtures';
import { lastMonth, logIn, openPage, pick } from './stations-helpers';

const RESULTS = join(__dirname, '..', 'test-results');
const SHOTS = join(RESULTS, 'screenshots');

/** poppler-utils reads the PDFs back (CI installs it); without it only the on-screen checks run. */
const POPPLER = spawnSync('pdftotext', ['-v']).error === undefined && spawnSync('pdfinfo', ['-v']).error === undefined;

/** The page as the print dialog would save it: A4 pages as the print view's CSS asks for them. */
async function savePdf(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

interface PdfFacts {
  pages: number;
  /** Points, as pdfinfo gives them (A4 portrait: 595 × 842). */
  width: number;
  height: number;
  /** Each page's text, spaces removed (pdftotext spaces CJK text unevenly). */
  pageTexts: string[];
}

function readPdf(path: string): PdfFacts {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
  const pageTexts = Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
  );
  return { pages, width: Math.round(Number(size[1])), height: Math.round(Number(size[2])), pageTexts };
}

/** Page 1 as a picture, for people to look at (test-results/screenshots/<name>-1.png). */
function renderFirstPage(pdf: string, name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(SHOTS, `${name}-1`)]);
  return join(SHOTS, `${name}-1.png`);
}

const nospace = (text: string) => text.replace(/\s+/g, '');

test('the 2021 progress report and a home’s allowance roster print on A4 with page numbers and a signature line', async ({ page, host, dataDir }) => {
  if (!POPPLER) test.info().annotations.push({ type: 'skipped part', description: 'pdftotext/pdfinfo missing (apt-get install poppler-utils): the PDFs are not read back' });
  const office = await setUpOffice(host, dataDir);
  await office.call('demo.fill', {});
  // The print dialog would block the test: it is replaced by a flag the test reads.
  await page.addInitScript(() => {
    window.print = () => {
      (window as unknown as { __printed: number }).__printed = ((window as unknown as { __printed?: number }).__printed ?? 0) + 1;
    };
  });
  const printed = () => page.evaluate(() => (window as unknown as { __printed?: number }).__printed ?? 0);
  await logIn(page, host.url, ADMIN.username, ADMIN.password);

  // (1) The 2021 progress report, from its panel on 统计报表.
  await openPage(page, '统计报表');
  await pick(page, page, '年度', '2021');
  const progressPanel = page.locator('.mantine-Paper-root').filter({ hasText: '2021 年居家养老服务站点进展情况' });
  await progressPanel.getByRole('button', { name: '打印 / PDF' }).click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toHaveCount(1);
  await expect(sheet.getByRole('heading', { name: '云城区民政局 2021 年居家养老服务站点进展情况' })).toBeVisible();
  // The app underneath is out of the way; the dialog opened once, by itself.
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect.poll(printed).toBe(1);
  expect(await page.title()).toBe('云城区民政局-2021 年居家养老服务站点进展情况');
  // Typed values read as on paper: the bulletin's figures, the rate as a percentage.
  const row = sheet.getByRole('row').filter({ hasText: '云城区' }).first();
  await expect(row.getByRole('cell')).toHaveText(['云城区', '13', '13', '100.0%', '75', '8534']);
  await expect(sheet).toContainText('制表人：');

  const progressPdf = await savePdf(page, 'print-progress');
  if (POPPLER) {
    const pdf = readPdf(progressPdf);
    // Six columns: portrait A4.
    expect([pdf.width, pdf.height]).toEqual([595, 842]);
    const all = pdf.pageTexts.join('');
    expect(all).toContain('云城区民政局');
    expect(all).toContain(nospace('2021 年居家养老服务站点进展情况'));
    expect(all).toContain(nospace('云城区 13 13 100.0% 75 8534'));
    expect(all).toContain('制表人：');
    expect(all).toContain('审核人：');
    pdf.pageTexts.forEach((text, i) => expect(text).toContain(`第${i + 1}页/共${pdf.pages}页`));
    renderFirstPage(progressPdf, 'print-progress');
  }

  // 返回: the page as it was left (the year still 2021).
  await page.getByRole('button', { name: '返回' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByLabel('年度', { exact: true })).toHaveValue('2021');
  expect(await page.title()).toBe('民政服务台账');

  // (2) A welfare home's allowance roster for last month: 11 columns, so landscape.
  await openPage(page, '津贴标准与花名册');
  await page.getByRole('tab', { name: '津贴花名册' }).click();
  const institutions = await office.call('institutions.list', { includeClosed: true });
  const home = institutions.find((i) => !i.closedOn)!;
  await expect(page.getByLabel('供养机构', { exact: true })).toHaveValue(home.name);
  const month = lastMonth();
  const roster = await office.call('allowance.roster', { institutionId: home.id, month });
  expect(roster.lines.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: '打印 / PDF' }).click();
  const [y, m] = month.split('-');
  const title = `云城区民政局 ${home.name} ${y} 年 ${Number(m)} 月 津贴花名册`;
  await expect(sheet.getByRole('heading', { name: title })).toBeVisible();
  await expect.poll(printed).toBe(2);
  const line = roster.lines[0]!;
  const first = sheet.getByRole('row').filter({ hasText: line.idNumber! });
  await expect(first.getByRole('cell').last()).toHaveText(formatFen(line.totalFen));
  // The 合计 row: bold, its label across the empty columns after it, the money in 元.
  const total = sheet.locator('tr.print-total');
  await expect(total.getByRole('cell').first()).toHaveText(`合计（${roster.totals.residents} 人）`);
  await expect(total.getByRole('cell').last()).toHaveText(formatFen(roster.totals.totalFen));
  expect(await total.getByRole('cell').first().evaluate((td) => Number(getComputedStyle(td).fontWeight))).toBeGreaterThanOrEqual(700);

  const rosterPdf = await savePdf(page, 'print-roster');
  if (POPPLER) {
    const pdf = readPdf(rosterPdf);
    expect([pdf.width, pdf.height]).toEqual([842, 595]);
    const all = pdf.pageTexts.join('');
    expect(all).toContain(nospace(title));
    expect(all).toContain(line.idNumber!);
    expect(all).toContain(nospace(`合计（${roster.totals.residents} 人）`));
    expect(all).toContain(formatFen(roster.totals.totalFen));
    expect(all).toContain('制表人：');
    // Every page: its number; every page the lines run on: the header row above them.
    pdf.pageTexts.forEach((text, i) => {
      expect(text).toContain(`第${i + 1}页/共${pdf.pages}页`);
      if (roster.lines.some((l) => text.includes(l.idNumber!))) expect(text).toContain('基本生活费（元）');
    });
    // The signature line comes last, after the 合计 row.
    expect(all.indexOf('制表人：')).toBeGreaterThan(all.indexOf(nospace(`合计（${roster.totals.residents} 人）`)));
    // Page 1 as an image in test-results/screenshots/ (docs/screenshots/print-roster.png is a copy of it).
    renderFirstPage(rosterPdf, 'print-roster');
  }
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByRole('tab', { name: '津贴花名册' })).toHaveAttribute('aria-selected', 'true');
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { arrange, expect, setUpOffice, test, ADMIN } from './fixtures';
import { createKeyedCounty, standaloneCityKey } from '../tests/support/bundles';
import { cells, chooseFiles, flippedCopy, saveDownload, secondWindow, shot, shownDigits, startCityHost } from './bundles-helpers';
import { logIn, openPage, pick } from './stations-helpers';
import { addStaff } from './welfare-homes-helpers';

test('a county signs and sends its 2021 bundle; the city checks the key by phone, imports it and sees the progress table', async ({ page, host, dataDir, browser }) => {
  test.setTimeout(240_000);
  const files = mkdtempSync(join(tmpdir(), 'welfare-ledger-e2e-files-'));
  const city = await startCityHost();
  const cityPage = await secondWindow(browser);
  try {
    const county = await setUpOffice(host, dataDir);
    await county.call('demo.fill', {});

    // The city makes its key pair once and exports its public key file for the counties.
    await logIn(cityPage, city.host.url, ADMIN.username, ADMIN.password);
    await expect(cityPage.getByRole('heading', { name: '全市汇总', exact: true })).toBeVisible();
    await expect(cityPage.getByRole('navigation').getByRole('link', { name: '人员信息' })).toHaveCount(0);
    await expect(cityPage.getByTestId('no-periods')).toContainText('还没有导入任何县区的报送包');
    await openPage(cityPage, '密钥');
    await expect(cityPage.getByTestId('weak-keystore')).toContainText('这台电脑没有系统密钥库');
    await cityPage.getByRole('button', { name: '生成本市密钥' }).click();
    await expect(cityPage.getByText('已生成本市密钥。')).toBeVisible();
    const cityDigits = await shownDigits(cityPage.getByTestId('city-identity'));
    expect(cityDigits).toMatch(/^(\d{5} ){7}\d{5}$/);
    const cityKeyFile = (await saveDownload(cityPage, cityPage.getByRole('button', { name: '导出本市公钥文件' }), files)).path;
    expect(cityKeyFile).toMatch(/4453-city-key\.json$/);

    // The county makes its signing key, then imports the city's key after checking the fingerprint by phone.
    await logIn(page, host.url, ADMIN.username, ADMIN.password);
    await openPage(page, '密钥');
    await expect(page.getByTestId('no-signing-key')).toContainText('本单位还没有签名密钥');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    await expect(page.getByText('已生成签名密钥。')).toBeVisible();
    const countyDigits = await shownDigits(page.getByTestId('signing-key'));
    expect(countyDigits).toMatch(/^(\d{5} ){7}\d{5}$/);
    await page.getByRole('button', { name: '导入市民政局公钥' }).click();
    await chooseFiles(page, page.getByRole('button', { name: '选择密钥文件…' }), [cityKeyFile]);
    const check = page.getByTestId('key-file-check');
    await expect(check).toContainText('云浮市（4453）');
    await expect(check).toContainText('云浮市民政局');
    expect(await shownDigits(check)).toBe(cityDigits);
    const confirmCity = check.getByRole('button', { name: '确认导入' });
    await expect(confirmCity).toBeDisabled();
    await check.getByLabel('我已与云浮市民政局电话核对以上指纹，完全一致').check();
    await confirmCity.click();
    await expect(page.getByText('已导入云浮市民政局的公钥。')).toBeVisible();
    expect(await shownDigits(page.getByTestId('city-key'))).toBe(cityDigits);
    await shot(page, 'keys-county');
    const countyKeyFile = (await saveDownload(page, page.getByRole('button', { name: '导出公钥文件' }), files)).path;

    // The 2021 bundle: preview (registers and the report row), then made with a progress bar.
    await openPage(page, '报送包');
    await pick(page, page, '年份', '2021 年');
    await page.getByRole('button', { name: '预览', exact: true }).click();
    const preview = page.getByTestId('bundle-preview');
    await expect(preview.getByRole('heading', { name: '2021 年报送包预览' })).toBeVisible();
    await expect.poll(() => cells(preview.getByTestId('preview-progress-row'))).toEqual(['云城区', '13', '13', '100%', '75', '8534']);
    await expect(preview.getByTestId('preview-counts').getByRole('row', { name: /服务站点/ })).toBeVisible();
    await expect(preview).toContainText('将使用序号 1');
    await expect(preview).toContainText('报送包将加密给：云浮市民政局');
    await shot(page, 'bundle-preview');
    await preview.getByRole('button', { name: '生成报送包' }).click();
    const result = page.getByTestId('export-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('export-file-name')).toHaveText('445302-2021-000001.wlb');
    await expect(page.getByTestId('export-sequence')).toHaveText('1');
    await shot(page, 'bundle-export');
    const { path: bundleFile } = await saveDownload(page, result.getByRole('button', { name: '保存到U盘/下载' }), files);
    expect(bundleFile.endsWith('445302-2021-000001.wlb')).toBe(true);
    expect(readFileSync(bundleFile).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));

    // The history lists it; previewed again, the period now takes a correction, which needs a reason.
    const historyRow = page.getByTestId('history-row').filter({ hasText: '445302-2021-000001.wlb' });
    await expect(historyRow).toContainText('正常');
    await expect(historyRow).toContainText(ADMIN.displayName);
    await page.getByRole('button', { name: '预览', exact: true }).click();
    await expect(preview.getByTestId('already-sent')).toContainText('序号 1（正常）');
    await preview.getByRole('button', { name: '更正报送' }).click();
    await expect(preview.getByText('请填写更正原因。')).toBeVisible();
    await expect(page.getByTestId('history-row')).toHaveCount(1);
    await preview.getByLabel('更正原因').fill('补录 12 月服务统计');
    await preview.getByRole('button', { name: '更正报送' }).click();
    await expect(page.getByTestId('export-file-name')).toHaveText('445302-2021-000002.wlb', { timeout: 60_000 });
    await expect(result).toContainText('报送包已生成（更正）');
    const { path: correctionFile } = await saveDownload(page, result.getByRole('button', { name: '保存到U盘/下载' }), files);
    const correctionRow = page.getByTestId('history-row').filter({ hasText: '445302-2021-000002.wlb' });
    await expect(correctionRow).toContainText('更正');
    await expect(correctionRow).toContainText('补录 12 月服务统计');

    // The city enrolls the county's key once the fingerprint read out on the phone matches.
    await openPage(cityPage, '县区密钥');
    const yuncheng = cityPage.getByTestId('county-card').filter({ has: cityPage.getByRole('heading', { name: '云城区' }) });
    await expect(yuncheng.getByTestId('no-key')).toBeVisible();
    await cityPage.getByRole('button', { name: '登记公钥' }).click();
    const enroll = cityPage.getByRole('dialog', { name: '登记县区公钥' });
    await chooseFiles(cityPage, enroll.getByRole('button', { name: '选择密钥文件…' }), [countyKeyFile]);
    await expect(enroll).toContainText('云城区（445302）');
    expect(await shownDigits(enroll)).toBe(countyDigits);
    await enroll.getByLabel('我已与云城区民政局电话核对以上指纹，完全一致').check();
    await enroll.getByRole('button', { name: '确认登记' }).click();
    await expect(cityPage.getByText('已登记云城区的公钥。')).toBeVisible();
    await expect(yuncheng.getByText('有效', { exact: true }).first()).toBeVisible();
    expect(await shownDigits(yuncheng)).toBe(countyDigits);
    await shot(cityPage, 'city-keys');

    // A copy with one byte flipped is refused with the reason; nothing is imported.
    await openPage(cityPage, '导入报送包');
    const tampered = flippedCopy(bundleFile, join(files, '445302-2021-000001-改动.wlb'));
    await chooseFiles(cityPage, cityPage.getByRole('button', { name: '选择报送包文件…' }), [tampered]);
    const tamperedRow = cityPage.getByTestId('import-row').filter({ hasText: '445302-2021-000001-改动.wlb' });
    await expect(tamperedRow.getByTestId('outcome-badge')).toHaveText('已拒绝', { timeout: 30_000 });
    await expect(tamperedRow.getByTestId('outcome-reason')).toContainText(/已损坏|被改动|已拒绝/);
    await expect(cityPage.getByTestId('import-totals')).toHaveText('已接收 0 个，已导入过 0 个，已拒绝 1 个');
    await expect(cityPage.getByTestId('imported-row')).toHaveCount(0);

    // The real file is accepted; the same file again is recognised as already imported.
    await chooseFiles(cityPage, cityPage.getByRole('button', { name: '选择报送包文件…' }), [bundleFile]);
    const acceptedRow = cityPage.getByTestId('import-row').filter({ hasText: '445302-2021-000001.wlb' });
    await expect(acceptedRow.getByTestId('outcome-badge')).toHaveText('已接收', { timeout: 30_000 });
    await expect.poll(async () => (await cells(acceptedRow)).slice(0, 5)).toEqual(['445302-2021-000001.wlb', '云城区', '2021 年', '1', '已接收']);
    await expect(cityPage.getByTestId('imported-row')).toHaveCount(1);
    await expect(cityPage.getByTestId('imported-row').first()).toContainText('当前');
    await chooseFiles(cityPage, cityPage.getByRole('button', { name: '选择报送包文件…' }), [bundleFile, tampered]);
    await expect(cityPage.getByTestId('import-totals')).toHaveText('已接收 0 个，已导入过 1 个，已拒绝 1 个', { timeout: 30_000 });
    await expect(acceptedRow.getByTestId('outcome-badge')).toHaveText('已导入过（相同）');
    await shot(cityPage, 'city-import');

    // The city's progress table: 云城区 from sequence 1, the other counties not reported, and 合计.
    await openPage(cityPage, '全市汇总');
    const table = cityPage.getByTestId('city-progress-table');
    const row = table.getByTestId('city-row').filter({ hasText: '云城区' });
    await expect.poll(() => cells(row)).toEqual(['云城区', '13', '13', '100%', '75', '8534', '序号 1']);
    await expect.poll(() => cells(table.getByTestId('city-total'))).toEqual(['合计', '13', '13', '100%', '75', '8534', '1 / 5 个县区已报送']);
    for (const other of ['云安区', '罗定市', '新兴县', '郁南县']) {
      await expect(table.getByTestId('city-row').filter({ hasText: other })).toContainText('未报送');
    }
    await shot(cityPage, 'city-progress');
    const csv = readFileSync((await saveDownload(cityPage, cityPage.getByRole('button', { name: '导出 CSV（Excel 可打开）' }), files)).path, 'utf8');
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      '县（市、区）,建设任务,已建成,完成率,家床安装户数,开展上门服务人次,数据来源',
      '云城区,13,13,100%,75,8534,序号 1（445302-2021-000001.wlb）',
      '云安区,,,,,,未报送',
    ]);

    // The figures' source opens as the county's registers, read from the bundle; town codes read as names.
    await row.getByRole('button', { name: '查看云城区的台账' }).click();
    const drawer = cityPage.getByRole('dialog', { name: '云城区 · 2021 年' });
    await expect(drawer.getByTestId('drill-source')).toContainText('445302-2021-000001.wlb');
    await expect(drawer.getByRole('tab', { name: /服务站点（\d+）/ })).toHaveAttribute('aria-selected', 'true');
    await expect(drawer.getByTestId('drill-row').first()).toBeVisible();
    await drawer.getByLabel('查找').fill('思劳镇');
    await expect(drawer.getByTestId('drill-row').first()).toContainText('思劳镇');
    await shot(cityPage, 'city-drill-down');
    await cityPage.keyboard.press('Escape');

    // The correction replaces sequence 1's figures; sequence 1 stays listed as corrected.
    await openPage(cityPage, '导入报送包');
    // (A whole folder this time, as copied from the USB stick: what is not a bundle is skipped.)
    const folder = join(files, 'U盘');
    mkdirSync(folder);
    copyFileSync(correctionFile, join(folder, basename(correctionFile)));
    writeFileSync(join(folder, '说明.txt'), '2021 年更正');
    await cityPage.getByTestId('folder-input').setInputFiles(folder);
    await expect(cityPage.getByText('已跳过 1 个不是报送包（.wlb）的文件。')).toBeVisible();
    await expect(cityPage.getByTestId('import-totals')).toHaveText('已接收 1 个，已导入过 0 个，已拒绝 0 个', { timeout: 30_000 });
    await expect(cityPage.getByTestId('imported-row').filter({ hasText: '445302-2021-000002.wlb' })).toContainText('当前');
    await expect(cityPage.getByTestId('imported-row').filter({ hasText: '445302-2021-000002.wlb' })).toContainText('补录 12 月服务统计');
    await expect(cityPage.getByTestId('imported-row').filter({ hasText: '445302-2021-000001.wlb' })).toContainText('已被更正（序号 2）');
    await openPage(cityPage, '全市汇总');
    await expect.poll(() => cells(table.getByTestId('city-row').filter({ hasText: '云城区' }))).toEqual(['云城区', '13', '13', '100%', '75', '8534', '序号 2 更正']);
  } finally {
    await cityPage.context().close();
    await city.close();
    rmSync(files, { recursive: true, force: true });
  }
});

test('a lost file is re-exported under a new sequence; periods are picked by quarter; a viewer only reads keys and history', async ({ page, host, dataDir }) => {
  test.setTimeout(120_000);
  const county = await setUpOffice(host, dataDir);
  await county.call('demo.fill', {});
  await county.call('keys.create', {});
  const city = await standaloneCityKey();
  await county.call('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: city.digits });
  let job = await county.call('bundles.export', { period: '2021', correction: null });
  while (job.state === 'running') {
    // A timer, not just a promise: the job runs on the event loop this test shares with the host.
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = (await county.call('jobs.status', { id: job.id })) as typeof job;
  }
  expect(job.state).toBe('done');
  const viewer = await addStaff(county, 'viewer');

  // The USB stick with sequence 1 was lost: the same content again, under sequence 2.
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '报送包');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.getByRole('button', { name: '重新导出序号 1' }).click();
  const confirm = page.getByRole('dialog', { name: '重新导出序号 1？' });
  await expect(confirm).toContainText('将以序号 1 的相同内容生成一个新序号的报送包');
  await confirm.getByRole('button', { name: '重新导出' }).click();
  await expect(page.getByTestId('export-file-name')).toHaveText('445302-2021-000002.wlb', { timeout: 60_000 });
  await expect(page.getByTestId('export-result')).toContainText('报送包已生成（重新导出）');
  const again = page.getByTestId('history-row').filter({ hasText: '445302-2021-000002.wlb' });
  await expect(again).toContainText('重新导出');
  await expect(again).toContainText('即序号 1 的内容');
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-sequence', '2');
  await shot(page, 'bundle-history');

  // A quarter: kind, then year, then the quarter; the preview names it and its dates.
  await page.getByText('按季度', { exact: true }).click();
  await pick(page, page, '年份', '2021 年');
  await pick(page, page, '季度', '第三季度');
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = page.getByTestId('bundle-preview');
  await expect(preview.getByRole('heading', { name: '2021 年第三季度报送包预览' })).toBeVisible();
  await expect(preview).toContainText('2021-07-01 至 2021-09-30');
  await expect(preview).toContainText('将使用序号 3');
  await expect(preview.getByRole('button', { name: '生成报送包' })).toBeEnabled();

  // A viewer sees the fingerprints and the history, and can change or export nothing.
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, host.url, viewer.username, viewer.password);
  await openPage(page, '密钥');
  await expect(page.getByTestId('signing-key').getByTestId('fingerprint-digits')).toBeVisible();
  expect(await shownDigits(page.getByTestId('signing-key'))).toMatch(/^(\d{5} ){7}\d{5}$/);
  expect(await shownDigits(page.getByTestId('city-key'))).toBe(city.digits);
  for (const name of ['导出公钥文件', '更换密钥', '导入新的市民政局公钥', '生成签名密钥']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await openPage(page, '报送包');
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByRole('heading', { name: '生成报送包' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(下载|重新导出)序号/ })).toHaveCount(0);
});

test('the city takes in a county’s key rotation, signed by both keys, and revokes a key with a reason', async ({ page, host, dataDir }) => {
  test.setTimeout(120_000);
  // This test's host is the city; the county is an office of its own on the Node side.
  const city = await arrange(host);
  await city.call('setup.create', {
    mode: 'city',
    divisionCode: '4453',
    officeName: '云浮市民政局',
    databasePath: join(dataDir, 'welfare-ledger.sqlite'),
    admin: { ...ADMIN, passwordConfirm: ADMIN.password },
  });
  await city.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const status = await city.call('keys.create', {});
  const cityKeyFile = await city.call('keys.publicFile', {});
  const county = await createKeyedCounty('445302', { city: { keyFile: cityKeyFile, digits: status.cityIdentity!.fingerprint.digits } });
  const files = mkdtempSync(join(tmpdir(), 'welfare-ledger-e2e-files-'));
  try {
    await city.call('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: county.digits });
    const { rotationFile, status: rotated } = await county.admin.call('keys.rotate', {});
    const newDigits = rotated.signing!.fingerprint.digits;
    const rotationPath = join(files, rotationFile.fileName);
    writeFileSync(rotationPath, rotationFile.content);

    await logIn(page, host.url, ADMIN.username, ADMIN.password);
    await openPage(page, '县区密钥');
    const card = page.getByTestId('county-card').filter({ has: page.getByRole('heading', { name: '云城区' }) });
    expect(await shownDigits(card)).toBe(county.digits);

    // The rotation statement shows the old and the new key; no phone check is asked (both keys signed it).
    await page.getByRole('button', { name: '导入更换声明' }).click();
    const dialog = page.getByRole('dialog', { name: '导入密钥更换声明' });
    await chooseFiles(page, dialog.getByRole('button', { name: '选择密钥文件…' }), [rotationPath]);
    expect(await shownDigits(dialog.getByTestId('fingerprint-old'))).toBe(county.digits);
    expect(await shownDigits(dialog.getByTestId('fingerprint-new'))).toBe(newDigits);
    await dialog.getByRole('button', { name: '确认更换' }).click();
    await expect(page.getByText('已更换云城区的密钥。')).toBeVisible();
    expect(await shownDigits(card)).toBe(newDigits);
    await expect(card.getByTestId('key-history-row').filter({ hasText: county.digits })).toContainText('已更换');

    // Revoking asks for the reason, then once more; the key history keeps it with the reason.
    await card.getByRole('button', { name: '吊销' }).click();
    const revoke = page.getByRole('dialog', { name: '吊销云城区的密钥' });
    await revoke.getByRole('button', { name: '吊销' }).click();
    await expect(revoke.getByText('请填写吊销原因。')).toBeVisible();
    await revoke.getByLabel('吊销原因').fill('县区电脑丢失');
    await revoke.getByRole('button', { name: '吊销' }).click();
    await expect(revoke.getByRole('alert')).toContainText('确定吊销云城区的密钥？此操作不能撤销。');
    await revoke.getByRole('button', { name: '确定吊销' }).click();
    await expect(page.getByText('已吊销云城区的密钥。')).toBeVisible();
    await expect(card.getByTestId('no-key')).toBeVisible();
    await expect(card.getByTestId('key-history-row').filter({ hasText: newDigits })).toContainText('县区电脑丢失');
    await expect(card.getByRole('button', { name: '吊销' })).toHaveCount(0);
  } finally {
    county.close();
    rmSync(files, { recursive: true, force: true });
  }
});

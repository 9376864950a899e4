import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHost } from '../tests/host/test-host';
import { ADMIN, expect, screenshot, setUpOffice, test } from './fixtures';
import { logIn, openPage } from './stations-helpers';

test('an admin backs up to a chosen folder, restores it after a change, and is sent back to the login page', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('people.create', { person: { name: '张三', idNumber: null, sex: 'M', birthDate: '1948-05-06' } });
  await office.call('staff.create', { username: 'clerk', displayName: '王科员', role: 'clerk', password: 'clerk-pass-1', passwordConfirm: 'clerk-pass-1' });
  const usb = join(dataDir, 'U盘');
  mkdirSync(usb);

  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await openPage(page, '备份与恢复');
  await expect(page.getByText('保留最近 14 天每天一份、最近 12 个月每月一份。')).toBeVisible();
  await expect(page.getByTestId('backups-last')).toHaveText('还没有自动备份');

  // To the "USB stick": the result names the backup folder made there.
  await page.getByLabel('备份到文件夹').fill(usb);
  await page.getByRole('button', { name: '立即备份' }).click();
  const result = page.getByTestId('backup-result');
  await expect(result).toContainText('备份完成');
  await expect(result).toContainText(/welfare-ledger-445302-\d{8}-\d{4}.*-manual/);
  const usbBackup = (await result.getByText(usb).textContent())!.trim();

  // With no folder it goes to the automatic backups folder and is listed there as 手动.
  await page.getByLabel('备份到文件夹').fill('');
  await page.getByRole('button', { name: '立即备份' }).click();
  const list = page.getByRole('table', { name: '已有的备份' });
  await expect(list.getByRole('row').filter({ hasText: '手动' })).toHaveCount(1);

  // Something changes after the backup.
  await office.call('people.create', { person: { name: '王五', idNumber: null, sex: 'F', birthDate: '1950-02-03' } });

  // The USB backup, typed in: checked before anything is changed.
  const restore = page.getByRole('region', { name: '从备份恢复' });
  await restore.getByLabel('备份文件夹', { exact: true }).fill(usbBackup);
  await restore.getByRole('button', { name: '检查', exact: true }).click();
  const check = page.getByTestId('backup-check');
  await expect(check).toContainText('云城区民政局');
  await expect(check).toContainText('完好');
  await expect(check).toContainText('本单位的备份');
  // The whole page in one window (a full-page shot would paint the fixed header halfway down).
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await screenshot(page, 'backups', { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A folder that is not a backup is refused with the reason, and 恢复 is not offered.
  await restore.getByLabel('备份文件夹', { exact: true }).fill(usb);
  await restore.getByRole('button', { name: '检查', exact: true }).click();
  await expect(restore.getByRole('alert')).toContainText('不是本程序的备份');
  await expect(restore.getByRole('button', { name: '恢复', exact: true })).toHaveCount(0);

  await restore.getByLabel('备份文件夹', { exact: true }).fill(usbBackup);
  await restore.getByRole('button', { name: '检查', exact: true }).click();
  await expect(check).toContainText('本单位的备份');
  await restore.getByRole('button', { name: '恢复', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('当前数据库会先另存为“恢复前”备份；恢复后所有人需要重新登录。');
  await dialog.getByRole('button', { name: '恢复', exact: true }).click();

  // Everyone is logged out; the restored database has 张三 but not 王五.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await logIn(page, host.url, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('people-total')).toContainText('共 1 人');
  await expect(page.getByRole('cell', { name: '张三', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '王五', exact: true })).toHaveCount(0);

  // What was there before the restore is kept as a backup of its own.
  await openPage(page, '备份与恢复');
  await expect(list.getByRole('row').filter({ hasText: '恢复前' })).toHaveCount(1);
  await list.getByRole('row').filter({ hasText: '恢复前' }).getByRole('button', { name: '检查' }).click();
  await expect(check).toContainText('恢复前');
  await expect(check).toContainText('完好');
});

test('a clerk has no backups page, not even by its address', async ({ page, host, dataDir }) => {
  const office = await setUpOffice(host, dataDir);
  await office.call('staff.create', { username: 'clerk', displayName: '王科员', role: 'clerk', password: 'clerk-pass-1', passwordConfirm: 'clerk-pass-1' });
  await logIn(page, host.url, 'clerk', 'clerk-pass-1');
  await expect(page.getByRole('navigation').getByRole('link', { name: '人员信息', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: '备份与恢复' })).toHaveCount(0);
  await page.goto(`${host.url}/#/backups`);
  await expect(page.getByTestId('people-total')).toBeVisible();
  await expect(page.getByRole('heading', { name: '备份与恢复' })).toHaveCount(0);
});

test('a damaged database is not opened: the start screen says so and names the newest good backup', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-e2e-damaged-'));
  try {
    const first = await startTestHost({ dataDir: dir });
    await setUpOffice(first, dir);
    const backup = await first.core.automaticBackup('daily');
    await first.close();
    expect(backup).not.toBeNull();
    // Garbage over the file's header: SQLite no longer recognises it.
    const fd = openSync(join(dir, 'welfare-ledger.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    closeSync(fd);

    const second = await startTestHost({ dataDir: dir });
    try {
      await page.goto(second.url);
      const screen = page.getByTestId('database-damaged');
      await expect(screen).toContainText('数据库文件已损坏');
      await expect(page.getByTestId('newest-backup')).toContainText(/每日|退出时/);
      await expect(screen).toContainText(`welfare-ledger restore --db FILE.sqlite --user ADMIN --from "${backup!.path}"`);
      await expect(page.getByLabel('用户名')).toHaveCount(0);
      await screenshot(page, 'database-damaged');
      // One button restores it: the login page comes back, and the damaged file is kept beside the restored one.
      await page.getByTestId('restore-newest').click();
      await expect(page.getByLabel('用户名')).toBeVisible({ timeout: 30_000 });
      expect(readdirSync(dir).some((name) => /^welfare-ledger\.sqlite\.damaged-\d+$/.test(name))).toBe(true);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

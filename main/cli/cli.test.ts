import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLedgerCore } from '../services/ledger-core';
import { TestClient } from '../../tests/support/office';

const root = join(__dirname, '../..');

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/welfare-ledger.mjs'), ...args], {
    env: { ...process.env, LANG: 'zh_CN.UTF-8', ...env },
    input,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('welfare-ledger CLI', () => {
  it('creates an office database non-interactively and lists its people', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-cli-'));
    const db = join(dir, 'yunan.sqlite');
    const init = cli(['init', '--db', db, '--mode', 'county', '--division', '445322', '--office', '郁南县民政局', '--admin', 'admin', '--admin-name', '黄管理'], {
      WELFARE_LEDGER_PASSWORD: 'cli-password-1',
    });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('郁南县民政局');

    const core = createLedgerCore({ dataDir: dir, databasePath: db, log: () => undefined });
    const client = new TestClient(core);
    await client.login('admin', 'cli-password-1');
    await client.call('people.create', { person: { name: '测试老人', idNumber: '11010519491231002X' } });
    core.close();

    const list = cli(['people', 'list', '--db', db, '--user', 'admin'], {}, 'cli-password-1\n');
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')[0]).toBe('姓名\t身份证号\t性别\t出生日期\t电话\t户籍地');
    expect(list.stdout).toContain('测试老人\t11010519491231002X\tF\t1949-12-31');
  }, 60_000);

  it('fills a demo and prints the 2021 progress row and the coverage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-cli-'));
    const db = join(dir, 'yuncheng.sqlite');
    const env = { WELFARE_LEDGER_PASSWORD: 'cli-password-1' };
    expect(cli(['init', '--db', db, '--division', '445302', '--office', '云城区民政局', '--admin', 'admin'], env).status).toBe(0);
    const demo = cli(['demo', '--db', db, '--user', 'admin'], env);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/^demo data added: \d+ stations, \d+ people, \d+ family beds, \d+ months of statistics, 4 institutions with \d+ residents' stays, \d+ renovation cases\n$/);
    const progress = cli(['report', 'progress', '--db', db, '--user', 'admin', '--year', '2021'], env);
    expect(progress.status).toBe(0);
    expect(progress.stdout).toBe('县（市、区）\t建设任务\t已建成\t完成率\t家床安装户数\t开展上门服务人次\n云城区\t13\t13\t100%\t75\t8534\n');
    const coverage = cli(['report', 'coverage', '--db', db, '--user', 'admin'], env);
    expect(coverage.status).toBe(0);
    expect(coverage.stdout.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^街道\t4\t3\t75%\t\S+街道$/), expect.stringMatching(/^乡镇\t4\t3\t75%\t\S+镇$/)]);
    const again = cli(['demo', '--db', db, '--user', 'admin'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('只能在尚无站点、人员和供养机构的县级数据库中填入演示数据');
    expect(cli(['report', 'progress', '--db', db, '--user', 'admin', '--year', 'last'], env).status).toBe(2);
  }, 120_000);

  it('fails with one line and a non-zero status, creating nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-cli-'));
    const db = join(dir, 'bad.sqlite');
    const result = cli(['init', '--db', db, '--division', '445322', '--office', 'x', '--admin', 'admin'], { WELFARE_LEDGER_PASSWORD: 'short' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('至少需要 8 个字符');
    expect(existsSync(db)).toBe(false);
    expect(cli(['frobnicate']).status).toBe(2);
  }, 60_000);
});

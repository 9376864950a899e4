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

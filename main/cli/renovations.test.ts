import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestOffice, type TestOffice } from '../../tests/support/office';
import { advance, createCase, OTHER_TOWN } from '../../tests/support/renovations';

const root = join(__dirname, '../..');

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/welfare-ledger.mjs'), ...args], {
    env: { ...process.env, LANG: 'zh_CN.UTF-8', WELFARE_LEDGER_PASSWORD: ADMIN.password },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => {
  office.close();
});

/** Three 2026 cases of 云城区: one paid and visited, one stuck since its assessment, one withdrawn; a target. */
async function walkCases() {
  await office.admin.call('renovationCaps.create', { fromYear: 2026, capFen: 300_000, note: null });
  await office.admin.call('renovationTargets.set', { year: 2026, quarters: [2, 4, 4, 2], budgetFen: 5_000_000 });
  const a = await createCase(office, { names: ['甲阿婆'], appliedOn: '2026-02-10' });
  await advance(office, a.id, 'satisfaction', {
    dates: { assessed: '2026-04-05', works_started: '2026-05-10', accepted: '2026-07-02', paid: '2026-07-20', satisfaction: '2026-08-10' },
    lines: [
      { itemId: '01734000-0000-7000-8000-000000000001', quantity: 3, unitPriceFen: 62_550, subsidised: true, note: null },
      { itemId: '01734000-0000-7000-8000-000000000013', quantity: 1, unitPriceFen: 95_000, subsidised: false, note: null },
    ],
  });
  const b = await createCase(office, { names: ['乙阿公'], appliedOn: '2026-05-06', townCode: OTHER_TOWN, villageCode: null });
  await advance(office, b.id, 'assessed', { dates: { assessed: '2026-08-01' } });
  const c = await createCase(office, { names: ['丙阿婆'], appliedOn: '2026-03-02' });
  await office.admin.call('renovations.step', {
    id: c.id,
    version: c.version,
    step: { step: 'withdrawn', date: '2026-04-10', responsible: '李受理', note: null, reason: '已入住敬老院' },
  });
}

describe('welfare-ledger report renovations', () => {
  it('prints the plan year by quarter and by town, the budget against the subsidy paid, and the stuck cases', async () => {
    await walkCases();
    const result = cli(['report', 'renovations', '--db', office.dbPath, '--user', 'admin', '--year', '2026']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    // 3 × 625.50 = 1 876.50 subsidised, under the 3 000.00 cap: paid in full in July.
    expect(lines.slice(0, 20)).toEqual([
      '云城区  2026 年居家适老化改造进度（按各步骤日期统计）',
      '',
      '季度      目标户数  申请  评估  开工  验收  补助发放  终止  补助金额（元）',
      '第一季度         2     2     0     0     0         0     0            0.00',
      '第二季度         4     1     1     1     0         0     1            0.00',
      '第三季度         4     0     1     0     1         1     0         1876.50',
      '第四季度         2     0     0     0     0         0     0            0.00',
      '合计            12     3     2     1     1         1     1         1876.50',
      '',
      '乡镇（街道）  案件  未办结  申请  评估  开工  验收  补助发放  终止  补助金额（元）',
      '腰古镇           2       0     2     1     1     1         1     1         1876.50',
      '思劳镇           1       1     1     1     0     0         0     0            0.00',
      '合计             3       1     3     2     1     1         1     1         1876.50',
      '',
      '年度预算 50000.00 元，已发放补助 1876.50 元（3.8%），余 48123.50 元',
      '',
      '停留超过 30 天的案件（1 件）：',
      '案件编号   申请人  乡镇（街道）  当前步骤  起始日期    天数',
      expect.stringMatching(/^2026-0002  乙阿公  思劳镇        入户评估  2026-08-01 +\d+$/),
      '',
    ]);
    expect(lines).toHaveLength(20);
  }, 120_000);

  it('says when a year has no target and nothing stuck, and refuses a malformed year as a usage error', async () => {
    const empty = cli(['report', 'renovations', '--db', office.dbPath, '--user', 'admin', '--year', '2024']);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('第一季度         —     0');
    expect(empty.stdout).toContain('年度预算：未设置；已发放补助 0.00 元');
    expect(empty.stdout).toContain('没有停留超过 30 天的案件。');
    expect(cli(['report', 'renovations', '--db', office.dbPath, '--user', 'admin', '--year', '26']).status).toBe(2);
    expect(cli(['report', 'renovations', '--db', office.dbPath, '--user', 'admin']).status).toBe(2);
  }, 120_000);
});

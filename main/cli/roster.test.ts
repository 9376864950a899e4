import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idFor } from '../../tests/support/id-numbers';
import { TestClient } from '../../tests/support/office';
import { createLedgerCore } from '../services/ledger-core';
import { alignedRows, displayWidth, yuan } from './roster-table';

const root = join(__dirname, '../..');
const env = { WELFARE_LEDGER_PASSWORD: 'cli-password-1' };

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/welfare-ledger.mjs'), ...args], {
    env: { ...process.env, LANG: 'zh_CN.UTF-8', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A county database with one home, a standard from August 2025 and three stays in August. */
async function officeWithRoster(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-cli-'));
  const db = join(dir, 'yuncheng.sqlite');
  expect(cli(['init', '--db', db, '--division', '445302', '--office', '云城区民政局', '--admin', 'admin']).status).toBe(0);
  const core = createLedgerCore({ dataDir: dir, databasePath: db, log: () => undefined });
  try {
    const client = new TestClient(core);
    await client.login('admin', env.WELFARE_LEDGER_PASSWORD);
    const home = await client.call('institutions.create', {
      institution: { name: '腰古镇敬老院', type: 'nursing_home', townCode: '445302102', totalBeds: 10, nursingBeds: 0, medicalRoom: false, medicalStaff: 0, oneStopSettlement: false },
    });
    const beds = await client.call('institutionBeds.add', { institutionId: home.id, room: '101', labels: ['1', '2', '3'], nursing: false });
    await client.call('allowanceStandards.create', {
      standard: {
        effectiveFrom: '2025-08-01',
        note: null,
        basicLivingFen: 100_000,
        careSelfCareConcentratedFen: 30_000,
        carePartialConcentratedFen: null,
        careCompleteConcentratedFen: 90_000,
        careSelfCareDispersedFen: 15_000,
        carePartialDispersedFen: 20_000,
        careCompleteDispersedFen: 45_000,
        orphanConcentratedFen: 233_500,
        orphanDispersedFen: 189_100,
      },
    });
    const admit = async (name: string, birth: string, seq: number, bed: number, admittedOn: string, extra: { category?: 'orphan'; failed?: ['bathe'] } = {}) =>
      (
        await client.call('residents.admit', {
          admission: {
            person: { name, idNumber: idFor(birth, seq) },
            institutionId: home.id,
            bedId: beds[bed]!.id,
            admittedOn,
            details: { category: extra.category ?? 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false },
            assessment: { method: 'six_task', assessedOn: admittedOn, assessor: '评估员', failedTasks: extra.failed ?? [] },
          },
        })
      ).resident;
    // Admitted on the 10th, left on the 20th: 10 days of August.
    const li = await admit('李阿婆', '1945-01-01', 101, 0, '2025-08-10');
    await client.call('residents.exit', { id: li.id, version: li.version, date: '2025-08-20', exitReason: 'voluntary' });
    await admit('陈小明', '2015-05-05', 102, 1, '2025-07-01', { category: 'orphan' });
    await admit('王老汉', '1940-02-03', 103, 2, '2025-07-15', { failed: ['bathe'] });
  } finally {
    core.close();
  }
  return db;
}

describe('welfare-ledger report roster', () => {
  it('prints the month’s roster as an aligned table in 元 with totals, standards and problems', async () => {
    const db = await officeWithRoster();
    const result = cli(['report', 'roster', '--db', db, '--user', 'admin', '--institution', '腰古镇敬老院', '--month', '2025-08']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // 李阿婆 10/31 of 1 000.00 and 300.00; 王老汉's partial care is not set in the standard.
    expect(result.stdout).toBe(
      [
        '腰古镇敬老院  2025-08 津贴花名册（本月 31 天）',
        '适用标准：2025-08-01 起',
        '',
        '姓名          类别        天数  自理能力  基本生活费  照料护理费  孤儿基本生活费  合计（元）',
        '陈小明        孤儿          31  全自理          0.00        0.00         2335.00     2335.00',
        '李阿婆        特困老年人    10  全自理        322.58       96.77            0.00      419.35',
        '王老汉        特困老年人    31  部分丧失     1000.00        0.00            0.00     1000.00',
        '合计（3 人）                72               1322.58       96.77         2335.00     3754.35',
        '',
        '问题：',
        '  王老汉：2025-08-01 起的标准未设置“照料护理（部分丧失，集中）”，该部分按 0 计。',
        '',
      ].join('\n'),
    );
  }, 120_000);

  it('refuses an unknown institution or a future month with one line, and a malformed month as a usage error', async () => {
    const db = await officeWithRoster();
    const unknown = cli(['report', 'roster', '--db', db, '--user', 'admin', '--institution', '不存在的敬老院', '--month', '2025-08']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('不存在的敬老院');
    const future = cli(['report', 'roster', '--db', db, '--user', 'admin', '--institution', '腰古镇敬老院', '--month', '2999-01']);
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('月份');
    expect(cli(['report', 'roster', '--db', db, '--user', 'admin', '--institution', '腰古镇敬老院', '--month', '2025-8']).status).toBe(2);
    expect(cli(['report', 'roster', '--db', db, '--user', 'admin', '--month', '2025-08']).status).toBe(2);
  }, 120_000);

  it('formats money from whole 分 and aligns Chinese text by its width on screen', () => {
    expect([yuan(0), yuan(5), yuan(96_77), yuan(233_500), yuan(-150)]).toEqual(['0.00', '0.05', '96.77', '2335.00', '-1.50']);
    expect(displayWidth('王老汉')).toBe(6);
    expect(displayWidth('合计（3 人）')).toBe(12);
    expect(alignedRows([['姓名', '天数'], ['Li', '7'], ['王老汉', '31']], [false, true])).toEqual(['姓名    天数', 'Li         7', '王老汉    31']);
  });
});

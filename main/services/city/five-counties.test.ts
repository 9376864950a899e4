import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * End to end through the command line, as city IT would run it: the five Yunfu counties fill
 * their demo data, make their keys and export their 2021 bundle; the city makes its key pair,
 * the counties import it, the city enrolls the five keys (fingerprints as `keys show` prints
 * them), imports the folder and prints the 2021 table of the city's bulletin.
 */

const COUNTIES = [
  ['445302', '云城区'],
  ['445303', '云安区'],
  ['445321', '新兴县'],
  ['445322', '郁南县'],
  ['445381', '罗定市'],
] as const;

const ENV = { WELFARE_LEDGER_PASSWORD: 'five-counties-1', WELFARE_LEDGER_KEY_PASSPHRASE: 'a key passphrase for the test', LANG: 'zh_CN.UTF-8' };

/** The CLI's entry, imported once LANG is set (its messages' language is fixed when it loads). */
let main: (argv: string[]) => Promise<number>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `welfare-ledger …` in this process, with its output captured. */
async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.map(String).join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.map(String).join(' ')}\n`;
  });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

async function ok(...args: string[]): Promise<string> {
  const run = await cli(...args);
  expect(run.stderr, `${args.join(' ')}`).toBe('');
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

function fingerprintDigits(text: string): string {
  const digits = /\d{5}(?: \d{5}){7}/.exec(text)?.[0];
  if (!digits) throw new Error(`no fingerprint digits in: ${text}`);
  return digits;
}

describe('five counties send their 2021 bundles to the city', () => {
  let dir: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-five-'));
    for (const [name, value] of Object.entries(ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    ({ main } = await import('../../cli/index'));
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the seed’s progress table after the city imports the five bundles', async () => {
    const cityDb = join(dir, 'yunfu.sqlite');
    const user = ['--user', 'admin'];
    await ok('init', '--db', cityDb, '--mode', 'city', '--division', '4453', '--office', '云浮市民政局', '--admin', 'admin');
    await ok('keys', 'create', '--db', cityDb, ...user);
    const cityDigits = fingerprintDigits(await ok('keys', 'show', '--db', cityDb, ...user));
    const cityKey = join(dir, 'yunfu-city-key.json');
    await ok('keys', 'export-public', '--db', cityDb, ...user, '--out', cityKey);

    const inbox = join(dir, 'usb-stick');
    mkdirSync(inbox);
    for (const [code, name] of COUNTIES) {
      const db = join(dir, `${code}.sqlite`);
      await ok('init', '--db', db, '--mode', 'county', '--division', code, '--office', `${name}民政局`, '--admin', 'admin');
      await ok('demo', '--db', db, ...user);
      await ok('keys', 'create', '--db', db, ...user);
      await ok('keys', 'import-city', cityKey, '--db', db, ...user, '--fingerprint', cityDigits);
      const keyFile = join(dir, `${code}-county-key.json`);
      await ok('keys', 'export-public', '--db', db, ...user, '--out', keyFile);
      const digits = fingerprintDigits(await ok('keys', 'show', '--db', db, ...user));
      await ok('export-bundle', '--db', db, ...user, '--period', '2021', '--out', inbox);
      // The city checks the fingerprint read out over the phone and enrolls the key.
      await ok('city', 'enroll-key', keyFile, '--db', cityDb, ...user, '--fingerprint', digits);
    }
    expect(readdirSync(inbox).sort()).toEqual(COUNTIES.map(([code]) => `${code}-2021-000001.wlb`).sort());

    const imported = await ok('city', 'import', inbox, '--db', cityDb, ...user);
    expect(imported.trim().split('\n')).toHaveLength(5);
    expect(imported).not.toMatch(/拒绝|rejected/);

    expect(await ok('city', 'report', 'progress', '--period', '2021', '--db', cityDb, ...user)).toBe(
      [
        '县（市、区）\t建设任务\t已建成\t完成率\t家床安装户数\t开展上门服务人次',
        '云城区\t13\t13\t100%\t75\t8534',
        '云安区\t15\t15\t100%\t45\t6868',
        '罗定市\t29\t29\t100%\t110\t3960',
        '新兴县\t17\t17\t100%\t60\t31035',
        '郁南县\t19\t19\t100%\t45\t43863',
        '合计\t93\t93\t100%\t335\t94260',
        '',
      ].join('\n'),
    );
    expect(await ok('city', 'report', 'progress', '--period', '2021', '--csv', '--db', cityDb, ...user)).toBe(
      [
        '县（市、区）,建设任务,已建成,完成率,家床安装户数,开展上门服务人次',
        '云城区,13,13,100%,75,8534',
        '云安区,15,15,100%,45,6868',
        '罗定市,29,29,100%,110,3960',
        '新兴县,17,17,100%,60,31035',
        '郁南县,19,19,100%,45,43863',
        '合计,93,93,100%,335,94260',
        '',
      ].join('\r\n'),
    );
    // The five demos are split so that the city covers 6 of its 8 streets and 33 of its 55 towns.
    const coverage = await ok('city', 'report', 'coverage', '--period', '2021', '--csv', '--db', cityDb, ...user);
    expect(coverage.split('\r\n').at(-2)).toBe('合计,8,6,75%,55,33,60%');

    // The folder again, now also holding a copy cut short: five are already there, the cut one is damaged.
    const whole = readFileSync(join(inbox, '445321-2021-000001.wlb'));
    writeFileSync(join(inbox, '445321-2021-000002.wlb'), whole.subarray(0, whole.length - 100));
    const again = await cli('city', 'import', inbox, '--db', cityDb, ...user);
    expect(again.code).toBe(1);
    const lines = again.stdout.trim().split('\n');
    expect(lines.filter((line) => line.includes('\t已导入过（相同），未作更改\t'))).toHaveLength(5);
    expect(lines.find((line) => line.startsWith('445321-2021-000002.wlb'))).toMatch(/^445321-2021-000002\.wlb\t文件已损坏\tBUNDLE_TRUNCATED\t文件不完整/);
    expect(again.stderr).toContain('6 个报送包中有 1 个被拒绝');

    // verify-bundle needs no database: the county key files are the trust.
    const keyFiles = COUNTIES.map(([code]) => join(dir, `${code}-county-key.json`)).join(',');
    const verified = await ok('verify-bundle', join(inbox, '445302-2021-000001.wlb'), '--trust', keyFiles);
    expect(verified).toMatch(/^OK 445302 云城区 2021 序号 1（常规）\d+ 个文件 \d+ 条记录，admin 于 \S+Z 生成，SHA-256 [0-9a-f]{64}\n$/);
    const stranger = await cli('verify-bundle', join(inbox, '445302-2021-000001.wlb'), '--trust', join(dir, '445303-county-key.json'));
    expect(stranger).toMatchObject({ code: 1, stdout: '' });
    expect(stranger.stderr).toContain('签名密钥未登记');

    // A county rotates its key; the city takes the statement both keys signed, and revokes another county's key.
    const rotation = join(dir, '445302-rotation.json');
    await ok('keys', 'rotate', '--db', join(dir, '445302.sqlite'), ...user, '--out', rotation);
    expect(await ok('city', 'rotate-key', rotation, '--db', cityDb, ...user)).toMatch(/^445302 云城区 云城区民政局: \d{5}( \d{5}){7}\n$/);
    expect(await ok('city', 'revoke-key', '--county', '445303', '--reason', '电脑送修', '--db', cityDb, ...user)).toMatch(/^445303 云安区: /);
    const twice = await cli('city', 'revoke-key', '--county', '445303', '--reason', '电脑送修', '--db', cityDb, ...user);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('该密钥已更换或已吊销');
    const wrong = await cli('city', 'enroll-key', join(dir, '445303-county-key.json'), '--fingerprint', '00000 00000 00000 00000 00000 00000 00000 00000', '--db', cityDb, ...user);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('与文件中的密钥指纹不符');
    expect((await cli('city', 'report', 'sideways', '--period', '2021', '--db', cityDb, ...user)).code).toBe(2);
  }, 180_000);
});

import ExcelJS from 'exceljs';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/cli';
import { idFor } from '../../tests/support/id-numbers';
import { writeXlsx } from '../../tests/support/imports';
import { ADMIN, createTestOffice } from '../../tests/support/office';

/** `welfare-ledger import …` in-process against an empty county office. */

let dir: string;
let db: string;
const savedPassword = process.env.WELFARE_LEDGER_PASSWORD;

beforeAll(async () => {
  const office = await createTestOffice('445302');
  office.core.close();
  ({ dir, dbPath: db } = office);
  process.env.WELFARE_LEDGER_PASSWORD = ADMIN.password;
}, 60_000);
afterAll(() => {
  if (savedPassword === undefined) delete process.env.WELFARE_LEDGER_PASSWORD;
  else process.env.WELFARE_LEDGER_PASSWORD = savedPassword;
  rmSync(dir, { recursive: true, force: true });
});

const login = () => ['--db', db, '--user', 'admin'];

/** The names in the office's people list (via the CLI's own `people list`). */
async function names(): Promise<string[]> {
  const result = await runCli(['people', 'list', ...login()]);
  expect(result.status).toBe(0);
  return result.stdout.split('\n').slice(1).map((line) => line.split('\t')[0]!).sort();
}

const HEADERS = ['姓名', '身份证号', '联系电话', '户籍镇（街道）'];
const badId = (() => {
  const id = idFor('1951-02-03', 2);
  return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
})();

describe('welfare-ledger import', () => {
  it('a dry run checks and writes nothing; rows in error are listed and written beside the file; status 1', async () => {
    const path = join(dir, '台账.xlsx');
    writeFileSync(path, await writeXlsx(HEADERS, [
      ['陈伯', idFor('1950-01-01', 1), '13902345678', '河口街道'],
      ['错号', badId, null, null],
      ['外地', idFor('1953-04-05', 4), null, '不存在镇'],
    ]));
    const result = await runCli(['import', 'people', path, '--dry-run', ...login()]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('人员信息 ← 台账.xlsx（工作表“Sheet1”，表头在第 1 行）');
    expect(lines[1]).toBe('共 3 行：新增 1，更新 0，未变 0，错误 2');
    expect(lines[2]).toContain('未写入');
    expect(lines[3]).toMatch(new RegExp(`^第 3 行 \\[身份证号\\] .*校验.* \\(${badId}\\)$`));
    expect(lines[4]).toMatch(/^第 4 行 \[户籍镇（街道）\] .*不存在镇/);
    const errorFile = join(dir, '台账-错误行.xlsx');
    expect(lines[5]).toBe(`错误行已写入 ${errorFile}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(errorFile) as unknown as ArrayBuffer);
    const text = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
    expect(text).toContain('错号');
    expect(text).not.toContain('陈伯');
    // Progress goes to stderr (the last state at least), the report to stdout.
    expect(result.stderr.split('\n').at(-1)).toMatch(/^(读取|检查|写入) 100%$/);
    expect(result.stdout).not.toContain('%');
    expect(await names()).toEqual([]);
  });

  it('all-or-nothing writes nothing when a row is in error; otherwise the valid rows go in (status 1 either way)', async () => {
    const path = join(dir, 'mixed.xlsx');
    writeFileSync(path, await writeXlsx(HEADERS, [
      ['甲', idFor('1950-01-01', 11), null, null],
      ['乙', badId, null, null],
    ]));
    const blocked = await runCli(['import', '人员', path, '--all-or-nothing', ...login()]);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('未写入任何数据');
    expect(await names()).toEqual([]);

    const partial = await runCli(['import', 'people', path, ...login()]);
    expect(partial.status).toBe(1);
    expect(partial.stdout.split('\n')[2]).toBe('已写入。');
    expect(await names()).toEqual(['甲']);
  });

  it('imports a clean file (status 0), maps a column by --map, and finds nothing to do the second time', async () => {
    const path = join(dir, 'clean.xlsx');
    // 证 is no header the register knows: the clerk maps it.
    writeFileSync(path, await writeXlsx(['姓名', '证', '联系电话'], [
      ['丙', idFor('1949-09-09', 21), '13800001111'],
      ['丁', idFor('1948-08-08', 22), null],
    ]));
    const first = await runCli(['import', 'people', path, '--map', '身份证号=证', ...login()]);
    expect(first.stdout).toContain('共 2 行：新增 2，更新 0，未变 0，错误 0');
    expect(first.status).toBe(0);
    expect(existsSync(join(dir, 'clean-错误行.xlsx'))).toBe(false);
    expect(await names()).toEqual(['丁', '丙', '甲']);

    // The mapping was remembered for the register: no --map needed now; English on request.
    const again = await runCli(['import', 'people', path, '--locale', 'en', ...login()]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('2 rows: 0 new, 0 updated, 2 unchanged, 0 in error');
  });

  it('prints at most 50 error lines, then how many more', async () => {
    const path = join(dir, 'many.xlsx');
    writeFileSync(path, await writeXlsx(HEADERS, Array.from({ length: 55 }, (_, i) => [`错${i}`, badId, null, null])));
    const result = await runCli(['import', 'people', path, '--dry-run', ...login()]);
    expect(result.status).toBe(1);
    const errors = result.stdout.split('\n').filter((l) => l.startsWith('第 '));
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)).toMatch(/^第 51 行 \[身份证号\]/);
    expect(result.stdout).toContain('… 另有 5 处');
  });

  it('refuses an unknown register, a missing file and a bad --map with a usage error (status 2)', async () => {
    const path = join(dir, 'clean.xlsx');
    for (const [args, message] of [
      [['import', 'everything', path], 'unknown register: everything'],
      [['import', 'people', join(dir, 'nope.xlsx')], 'cannot read'],
      [['import', 'people', path, '--map', '身份证号=没有这列'], 'the file has no column headed 没有这列'],
      [['import', 'people', path, '--map', 'shoeSize=证'], 'people has no column shoeSize'],
      [['import', 'people'], 'import takes REGISTER FILE'],
    ] as const) {
      const result = await runCli([...args, ...login()]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});

import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/cli';
import { ADMIN, createTestOffice } from '../../tests/support/office';
import { rowValues } from '../../tests/support/xlsx';

/** `welfare-ledger export …` in-process against a demo county, the written file read back with exceljs. */

let dir: string;
let db: string;
const savedPassword = process.env.WELFARE_LEDGER_PASSWORD;

beforeAll(async () => {
  const office = await createTestOffice('445302');
  await office.admin.call('demo.fill', {});
  office.core.close();
  ({ dir, dbPath: db } = office);
  process.env.WELFARE_LEDGER_PASSWORD = ADMIN.password;
}, 60_000);
afterAll(() => {
  if (savedPassword === undefined) delete process.env.WELFARE_LEDGER_PASSWORD;
  else process.env.WELFARE_LEDGER_PASSWORD = savedPassword;
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return workbook;
}

describe('welfare-ledger export', () => {
  it('writes the progress table for a year and says where and how many rows', async () => {
    const path = join(dir, 'progress.xlsx');
    const result = await runCli(['export', 'progress', '--year', '2021', '--out', path, '--db', db, '--user', 'admin']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`wrote ${path}: 1 row`);
    const ws = (await open(path)).worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('2021');
    expect(rowValues(ws, 5)[0]).toEqual(['云城区', 13, 13, 1, 75, 8534]);
    // Written atomically: no temporary file left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('finds a roster’s institution by name, and names the file itself when --out is a folder', async () => {
    const folder = join(dir, 'out');
    mkdirSync(folder);
    const result = await runCli(['export', 'roster', '--institution', '南盛镇敬老院（演示）', '--month', '2025-07', '--out', folder, '--db', db, '--user', 'admin']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [file] = readdirSync(folder);
    expect(file).toMatch(/^云城区民政局-.*南盛镇敬老院（演示）.*\.xlsx$/);
    expect(result.stdout).toMatch(/: \d+ rows$/);
    const rows = Number(/: (\d+) rows$/.exec(result.stdout)![1]);
    expect(rows).toBeGreaterThan(0);
    const ws = (await open(join(folder, file!))).worksheets[0]!;
    expect(rowValues(ws, 5)[0]![0]).toBe(1);
  });

  it('refuses an unknown table, a missing or stray option with a usage error (status 2), writing nothing', async () => {
    const path = join(dir, 'never.xlsx');
    const base = ['--out', path, '--db', db, '--user', 'admin'];
    for (const args of [['export', 'everything', ...base], ['export', 'progress', ...base], ['export', 'coverage', '--year', '2021', ...base], ['export', 'progress', '--year', 'last', ...base]]) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^welfare-ledger: (unknown table: everything|--year is required|export coverage does not take --year|--year must be a year)/);
    }
    expect(existsSync(path)).toBe(false);
  });

  it('passes on a refusal of the request (status 1) with its reason', async () => {
    const path = join(dir, 'city.xlsx');
    const result = await runCli(['export', 'city-progress', '--period', '2021', '--out', path, '--db', db, '--user', 'admin']);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(path)).toBe(false);
  });
});

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../contract/areas/imports';
import { AppError } from '../../contract/errors';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import type { RequestContext } from '../context';
import type { JobStatus } from '../jobs';
import { runImport, type ImportOutcome } from './pipeline';
import { applyEach } from './row-helpers';
import type { ImportEnv, ImportRegister } from './types';

/**
 * The job's own rules, with a register made for the test: each row names a key and a number,
 * and is written as a row of import_mapping (a real table, so a rollback shows).
 */
function testRegister(options: { refuse?: string; slowMs?: number } = {}): ImportRegister<{ key: string; n: number }> {
  return {
    name: 'people',
    title: { 'zh-CN': '测试', en: 'Test' },
    matchedBy: { 'zh-CN': '按编号', en: 'by key' },
    columns: [
      { key: 'key', header: { 'zh-CN': '编号', en: 'Key' }, kind: { type: 'text', max: 20 }, required: true, example: 'K-示例' },
      { key: 'n', header: { 'zh-CN': '数量', en: 'Count' }, kind: { type: 'integer', min: 0, max: 100 }, example: 7 },
    ],
    async begin(env: ImportEnv) {
      const existing = new Set((await env.db.selectFrom('import_mapping').select('register').execute()).map((r) => r.register));
      return {
        check(values) {
          const key = String(values.key);
          const n = Number(values.n ?? 0);
          if (n === 13) return { ok: false, problems: [{ column: 'n', code: 'TOO_LARGE', params: { max: 12 } }] };
          return { ok: true, plan: { action: existing.has(key) ? 'update' : 'create', key, label: key, payload: { key, n } } };
        },
        apply(rows, progress) {
          return applyEach(env, rows, progress, async ({ plan }) => {
            if (options.slowMs) {
              await new Promise((resolve) => setTimeout(resolve, options.slowMs));
              await progress.breathe();
            }
            if (plan.payload.key === options.refuse) throw new AppError('NOT_FOUND', 'key');
            await env.db
              .insertInto('import_mapping')
              .values({ register: plan.payload.key, headers: '[]', mapping: String(plan.payload.n), updated_at: 'now', updated_by: null })
              .onConflict((oc) => oc.column('register').doUpdateSet({ mapping: String(plan.payload.n) }))
              .execute();
          });
        },
      };
    },
  };
}

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(['编号', '数量']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let office: TestOffice;
let ctx: RequestContext;

beforeEach(async () => {
  office = await createTestOffice('445302');
  ctx = await office.core.serviceContext(office.admin.session, 'clerk');
});
afterEach(() => office.close());

async function run(
  bytes: Buffer,
  options: { mode?: 'preview' | 'commit'; allOrNothing?: boolean; register?: ImportRegister; cancelAfterMs?: number } = {},
): Promise<{ status: JobStatus; outcome: ImportOutcome | null }> {
  const upload = ctx.host.uploads.put(ctx.actor().id, 'test.xlsx', bytes);
  let outcome: ImportOutcome | null = null;
  const register = options.register ?? (testRegister() as ImportRegister);
  const job = ctx.host.jobs.start(ctx.actor().id, 'import-test', async (progress) => {
    outcome = await runImport(
      ctx,
      { register, upload, mapping: { key: 0, n: 1 }, mode: options.mode ?? 'commit', allOrNothing: options.allOrNothing ?? false, locale: 'zh-CN', sheet: null },
      progress,
    );
    return outcome.report;
  });
  if (options.cancelAfterMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, options.cancelAfterMs));
    // Through the request, as the screen does: it must get through while the job holds the write transaction.
    await office.admin.call('jobs.cancel', { id: job.id });
  }
  const status = await ctx.host.jobs.wait(job.id, ctx.actor().id);
  return { status, outcome };
}

const stored = async () =>
  (await office.core.serviceContext(office.admin.session, 'viewer'))
    .database()
    .selectFrom('import_mapping')
    .select(['register', 'mapping'])
    .orderBy('register')
    .execute();

const report = (status: JobStatus) => status.result as ImportReport;

describe('the import job', () => {
  it('previews every row and writes nothing', async () => {
    const { status } = await run(await xlsx([['A', 1], ['B', 13], ['C', null]]), { mode: 'preview' });
    expect(status.state).toBe('done');
    expect(report(status)).toMatchObject({ rows: 3, counts: { create: 2, update: 0, unchanged: 0, error: 1 }, committed: false });
    expect(report(status).issues).toEqual([{ row: 3, column: '数量', code: 'TOO_LARGE', message: '不能大于 12。', value: '13' }]);
    expect(await stored()).toEqual([]);
  });

  it('commits the valid rows in one go and records one audit event naming the file and its SHA-256', async () => {
    const bytes = await xlsx([['A', 1], ['B', 13], ['C', 3]]);
    const { status, outcome } = await run(bytes);
    expect(report(status)).toMatchObject({ counts: { create: 2, error: 1 }, committed: true });
    expect(await stored()).toEqual([{ register: 'A', mapping: '1' }, { register: 'C', mapping: '3' }]);
    expect(outcome!.errorRows).toEqual([{ row: 3, cells: ['B', 13], messages: ['第 3 行：数量：不能大于 12。'] }]);
    const audit = await office.admin.call('audit.list', { limit: 5 });
    const imports = audit.rows.filter((r) => r.action === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]!.after).toMatchObject({ fileName: 'test.xlsx', sha256: report(status).sha256, created: 2, errors: 1 });
    expect(report(status).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('all or nothing: one bad row and nothing is written', async () => {
    const { status } = await run(await xlsx([['A', 1], ['B', 13]]), { allOrNothing: true });
    expect(report(status)).toMatchObject({ counts: { create: 1, error: 1 }, committed: false, allOrNothing: true });
    expect(await stored()).toEqual([]);
  });

  it('refuses both rows of a record given twice, each naming the other', async () => {
    const { status } = await run(await xlsx([['A', 1], ['B', 2], ['A', 3]]));
    const issues = report(status).issues;
    expect(issues.map((i) => [i.row, i.code, i.message])).toEqual([
      [2, 'IMPORT_DUPLICATE_IN_FILE', '与第 4 行重复（A），同一文件中只能出现一次。'],
      [4, 'IMPORT_DUPLICATE_IN_FILE', '与第 2 行重复（A），同一文件中只能出现一次。'],
    ]);
    expect(await stored()).toEqual([{ register: 'B', mapping: '2' }]);
  });

  it('an empty required cell is an error of its column', async () => {
    const { status } = await run(await xlsx([[null, 5], ['B', 2]]));
    expect(report(status).issues).toEqual([{ row: 2, column: '编号', code: 'REQUIRED', message: '不能为空。', value: null }]);
  });

  it('skips the template example row', async () => {
    const { status } = await run(await xlsx([['K-示例', 7], ['B', 2]]));
    expect(report(status)).toMatchObject({ rows: 1, exampleSkipped: true, counts: { create: 1 } });
  });

  it('a row the service refuses on writing becomes an error; the others still go in', async () => {
    const { status } = await run(await xlsx([['A', 1], ['B', 2], ['C', 3]]), { register: testRegister({ refuse: 'B' }) as ImportRegister });
    expect(report(status).counts).toMatchObject({ create: 2, error: 1 });
    expect(report(status).issues[0]).toMatchObject({ row: 3, column: null, code: 'NOT_FOUND' });
    expect(await stored()).toEqual([{ register: 'A', mapping: '1' }, { register: 'C', mapping: '3' }]);
  });

  it('a second import of the same rows updates', async () => {
    await run(await xlsx([['A', 1]]));
    const { status } = await run(await xlsx([['A', 5], ['B', 2]]));
    expect(report(status).counts).toMatchObject({ create: 1, update: 1 });
    expect(await stored()).toEqual([{ register: 'A', mapping: '5' }, { register: 'B', mapping: '2' }]);
  });

  it('cancelling while it writes changes nothing', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`R${i}`, i % 10]);
    const { status } = await run(await xlsx(rows), { register: testRegister({ slowMs: 45 }) as ImportRegister, cancelAfterMs: 300 });
    expect(status.state).toBe('cancelled');
    expect(await stored()).toEqual([]);
  });
});

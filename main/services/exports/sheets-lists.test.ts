import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input, Output, RequestName } from '../../contract';
import type { OfficeInfo } from '../../contract/areas/setup';
import { createTestOffice, type TestClient, type TestOffice } from '../../../tests/support/office';
import { idFor } from '../../../tests/support/id-numbers';
import type { ExportContext, RunRequest } from './exports';
import { LIST_SHEETS, MAX_EXPORT_ROWS } from './sheets-lists';
import type { SheetRow, TableSheet } from './sheet';

/**
 * The list layouts, fed by the real list requests of a real office (role checks and masking
 * included): every page, the page's filters, words for codes, typed columns.
 */

let office: TestOffice;
let info: OfficeInfo;

beforeEach(async () => {
  office = await createTestOffice();
  info = (await office.admin.call('setup.status', {})).office!;
});
afterEach(() => office.close());

/** Runs a list maker the way the engine does, with `client`'s session behind every page it fetches. */
async function layout(client: TestClient, request: keyof typeof LIST_SHEETS, input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const calls: unknown[] = [];
  const run = (async (name: RequestName, inner: unknown) => {
    calls.push(inner);
    return client.call(name, inner as Input<typeof name>);
  }) as RunRequest;
  const ctx = { request: null as never, locale, office: info, stamp: '导出时间 2026-11-22 10:00 · 导出人 测试' } satisfies ExportContext;
  const maker = LIST_SHEETS[request]!;
  const spec = await (maker as (c: ExportContext, i: unknown, r: RunRequest) => ReturnType<typeof maker>)(ctx, input, run);
  return { spec, sheet: spec.sheets[0]!, calls };
}

const col = (sheet: TableSheet, key: string) => sheet.columns.find((c) => c.key === key)!;
const values = (sheet: TableSheet, key: string) => sheet.rows.map((r: SheetRow) => r[key]);

describe('people.list', () => {
  it('fetches every page (more than the largest page), not only the one on screen', async () => {
    for (let i = 0; i < 503; i++) {
      await office.admin.call('people.create', { person: { name: `测试${i}`, idNumber: idFor('1950-01-01', i + 1) } });
    }
    const { sheet, calls } = await layout(office.admin, 'people.list', { limit: 50 });
    expect(sheet.rows).toHaveLength(503);
    expect(new Set(values(sheet, 'name')).size).toBe(503);
    expect(calls).toHaveLength(2);
    expect(sheet.title).toBe(`${info.name} 人员信息`);
    expect(sheet.subtitle).toContain('全部记录');
    expect(sheet.subtitle).toContain('导出人 测试');
  });

  it('applies the search and names it; a clerk gets the masked ID numbers the list shows', async () => {
    await office.admin.call('people.create', { person: { name: '张三', idNumber: idFor('1948-03-02', 8) } });
    await office.admin.call('people.create', { person: { name: '李四', idNumber: idFor('1949-05-06', 7) } });
    await office.admin.call('people.create', { person: { name: '王五' } });
    const clerk = await office.clientWithRole('clerk');
    const { sheet } = await layout(clerk, 'people.list', { query: '张' });
    expect(values(sheet, 'name')).toEqual(['张三']);
    expect(sheet.subtitle).toContain('搜索“张”');
    expect(sheet.rows[0]!.idNumber).toMatch(/^445302\*+\d{3}[\dX]$/);
    expect(sheet.rows[0]!.sex).toBe('女');
    expect(sheet.rows[0]!.birthDate).toBe('1948-03-02');
    expect(col(sheet, 'birthDate').kind).toBe('date');
    expect(col(sheet, 'updatedAt').kind).toBe('dateTime');

    const admin = await layout(office.admin, 'people.list', { query: '张' });
    expect(admin.sheet.rows[0]!.idNumber).toBe(idFor('1948-03-02', 8));
    const noNumber = await layout(office.admin, 'people.list', { query: '王' });
    expect(noNumber.sheet.rows[0]!.idNumber).toBe('无身份证号');
  });

  it('writes headers in English for an English export', async () => {
    const { sheet } = await layout(office.admin, 'people.list', {}, 'en');
    expect(sheet.columns.map((c) => c.header)).toContain('ID number');
    expect(sheet.subtitle).toContain('All records');
  });
});

describe('the demo county', () => {
  beforeEach(async () => {
    await office.admin.call('demo.fill', {});
  });

  it('stations: kinds and states in words, the filter applied and named', async () => {
    const all = await layout(office.admin, 'stations.list', {});
    const total = (await office.admin.call('stations.list', { limit: 500 })).total;
    expect(all.sheet.rows).toHaveLength(total);
    const { sheet } = await layout(office.admin, 'stations.list', { kind: 'village_station', taskYear: 2021 });
    expect(sheet.rows.length).toBeGreaterThan(0);
    expect(sheet.rows.length).toBeLessThan(total);
    expect(new Set(values(sheet, 'kind'))).toEqual(new Set(['村（居）居家养老服务站']));
    expect(new Set(values(sheet, 'taskYear'))).toEqual(new Set([2021]));
    expect(col(sheet, 'taskYear').kind).toBe('integer');
    expect(sheet.subtitle).toContain('村（居）居家养老服务站');
    expect(sheet.subtitle).toContain('2021 年任务');
    for (const state of values(sheet, 'state')) expect(state).not.toMatch(/^[a-z_]+$/);
  });

  it('family beds: statuses and devices in words, ID numbers masked for a viewer, install dates typed', async () => {
    const viewer = await office.clientWithRole('viewer');
    const { sheet } = await layout(viewer, 'beds.list', { status: 'active' });
    const listed = await viewer.call('beds.list', { status: 'active', limit: 500 });
    expect(sheet.rows).toHaveLength(listed.total);
    expect(new Set(values(sheet, 'status'))).toEqual(new Set(['使用中']));
    for (const id of values(sheet, 'idNumber')) expect(String(id)).toMatch(/\*|无身份证号/);
    expect(col(sheet, 'installDate').kind).toBe('date');
    expect(String(sheet.rows[0]!.devices)).not.toMatch(/[a-z_]{4,}/);
  });

  it('institutions: counts typed, occupancy as a rate of sums in the totals row', async () => {
    const { sheet } = await layout(office.admin, 'institutions.list', {});
    const listed = await office.admin.call('institutions.list', {});
    expect(sheet.rows).toHaveLength(listed.length);
    const beds = listed.reduce((n, r) => n + r.totalBeds, 0);
    const residents = listed.reduce((n, r) => n + r.residents, 0);
    expect(sheet.total).toMatchObject({ name: '合计', totalBeds: beds, residents, occupancy: Math.round((residents * 1000) / beds) });
    expect(col(sheet, 'occupancy').kind).toBe('perMille');
    expect(col(sheet, 'totalBeds').kind).toBe('integer');
  });

  it("residents: the date and scope named; children's names masked for a viewer as in the list", async () => {
    const viewer = await office.clientWithRole('viewer');
    const { sheet } = await layout(viewer, 'residents.list', { scope: 'all' });
    const listed = (await viewer.call('residents.list', { scope: 'all', limit: 500 })) as Output<'residents.list'>;
    expect(sheet.rows).toHaveLength(listed.total);
    expect(sheet.subtitle).toContain(`${listed.onDate} 当日`);
    expect(sheet.subtitle).toContain('全部');
    const children = listed.rows.filter((r) => r.isChild);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(values(sheet, 'name')).toContain(child.name);
    for (const child of children) expect(child.name).toMatch(/\*/);
    expect(new Set(values(sheet, 'category'))).not.toContain('orphan');
    expect(col(sheet, 'admittedOn').kind).toBe('date');
    expect(col(sheet, 'age').kind).toBe('integer');
  });

  it('renovations: money in fen with a totals row, the year filter applied', async () => {
    const { sheet } = await layout(office.admin, 'renovations.list', { planYear: 2025 });
    const listed = await office.admin.call('renovations.list', { planYear: 2025, limit: 500 });
    expect(listed.total).toBe(16);
    expect(sheet.rows).toHaveLength(16);
    expect(new Set(values(sheet, 'planYear'))).toEqual(new Set([2025]));
    expect(col(sheet, 'subsidy').kind).toBe('fen');
    expect(sheet.total).toMatchObject({ caseNumber: '合计', subsidy: listed.rows.reduce((n, r) => n + r.subsidyFen, 0) });
    expect(sheet.subtitle).toContain('2025 年计划');
  });
});

it('refuses an export of more rows than one sheet may hold, with the count in the message', async () => {
  const run = (async () => ({ rows: [], nextCursor: null, total: MAX_EXPORT_ROWS + 1 })) as unknown as RunRequest;
  const ctx = { request: null as never, locale: 'zh-CN', office: info, stamp: '' } satisfies ExportContext;
  const maker = LIST_SHEETS['people.list'] as (c: ExportContext, i: unknown, r: RunRequest) => Promise<unknown>;
  await expect(maker(ctx, {}, run)).rejects.toMatchObject({ code: 'EXPORT_TOO_MANY_ROWS', params: { count: MAX_EXPORT_ROWS + 1, max: MAX_EXPORT_ROWS } });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../contract';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { exportWorkbook, rowValues } from '../../../tests/support/xlsx';
import { safeFileName } from './exports';

/** The export request itself: the table's own checks, its input under "input.", the audit trail. */

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice('445302');
});
afterEach(() => office.close());

async function exportsInTrail() {
  return (await office.admin.call('audit.list', { entity: 'spreadsheet' })).rows;
}

describe('exports.xlsx', () => {
  it('records one audit entry per export, naming the table and the rows that left', async () => {
    const viewer = await office.clientWithRole('viewer', 'wang');
    await exportWorkbook(viewer, { request: 'reports.progress', input: { year: 2021 } });
    const rows = await exportsInTrail();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'export', entity: 'spreadsheet', actorName: '测试viewer', summary: '2021 年居家养老服务站点进展情况（1 行）' });
    expect(rows[0]!.after).toMatchObject({ request: 'reports.progress', input: { year: 2021 }, fileName: '云城区民政局-2021 年居家养老服务站点进展情况.xlsx', rows: 1 });
  });

  it('names a bad field of the table’s input under "input." and writes nothing to the trail', async () => {
    const tooEarly = await office.admin.refusal('exports.xlsx', { request: 'reports.progress', input: { year: 1999 } });
    expect(tooEarly).toMatchObject({ code: 'TOO_SMALL', field: 'input.year', params: { min: 2000 } });
    expect(tooEarly.message).toContain('2000');
    const missing = await office.admin.refusal('exports.xlsx', { request: 'stats.month', input: {} });
    expect(missing).toMatchObject({ code: 'REQUIRED', field: 'input.month' });
    const extra = await office.admin.refusal('exports.xlsx', { request: 'reports.coverage', input: { year: 2021 } });
    expect(extra).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'input' });
    const notATable = await office.admin.refusal('exports.xlsx', { request: 'staff.list', input: {} });
    expect(notATable).toMatchObject({ code: 'INVALID_CHOICE', field: 'request' });
    expect(await exportsInTrail()).toEqual([]);
  });

  it('refuses a role below the one the table itself needs', async () => {
    const viewer = await office.clientWithRole('viewer');
    const clerk = await office.clientWithRole('clerk');
    const def = CONTRACT['reports.progress'] as { access: string };
    // No exportable table needs more than a viewer today; one that did must not leak through the export.
    def.access = 'clerk';
    try {
      expect(await viewer.refusal('exports.xlsx', { request: 'reports.progress', input: { year: 2021 } })).toMatchObject({ code: 'FORBIDDEN' });
      expect((await clerk.call('exports.xlsx', { request: 'reports.progress', input: { year: 2021 } })).rows).toBe(1);
    } finally {
      def.access = 'viewer';
    }
    expect(await exportsInTrail()).toHaveLength(1);
  });

  it('passes on the table’s own refusals (a county table in the city office)', async () => {
    const city = await createTestOffice('4453', { mode: 'city', officeName: '云浮市民政局' });
    try {
      expect(await city.admin.refusal('exports.xlsx', { request: 'reports.progress', input: { year: 2021 } })).toMatchObject({ code: 'NOT_A_COUNTY_OFFICE' });
    } finally {
      city.close();
    }
  });

  it('exports the lists through the same request (every page, the list sheets’ layout)', async () => {
    await office.admin.call('demo.fill', {});
    const stations = await office.admin.call('stations.list', { limit: 500 });
    const { out, workbook } = await exportWorkbook(office.admin, { request: 'stations.list', input: {} });
    expect(out.rows).toBe(stations.total);
    expect(rowValues(workbook.worksheets[0]!, 5)).toHaveLength(stations.total);
    expect((await exportsInTrail())[0]!.summary).toContain(`（${stations.total} 行）`);
  }, 60_000);
});

describe('safeFileName', () => {
  it('replaces what Windows refuses in a file name', () => {
    expect(safeFileName('云城区民政局-A/B: "C" <D>|E?*')).toBe('云城区民政局-A_B_ _C_ _D__E__');
    expect(safeFileName('..hidden')).toBe('_hidden');
    expect(safeFileName('')).toBe('export');
  });
});

describe('exports.print', () => {
  it('gives the print view the same sheets as the Excel file, and records the print in the trail', async () => {
    await office.admin.call('demo.fill', {});
    const printed = await office.admin.call('exports.print', { request: 'reports.progress', input: { year: 2021 } });
    expect(printed.office).toBe('云城区民政局');
    expect(printed.title).toBe('云城区民政局-2021 年居家养老服务站点进展情况');
    const [sheet] = printed.sheets;
    expect(sheet!.columns.map((c) => c.kind)).toEqual(['text', 'integer', 'integer', 'perMille', 'integer', 'integer']);
    expect(sheet!.rows[0]).toMatchObject({ tasks: 13, built: 13, bedsInstalled: 75, homeVisits: 8534 });
    const { workbook } = await exportWorkbook(office.admin, { request: 'reports.progress', input: { year: 2021 } });
    expect(rowValues(workbook.worksheets[0]!, 5)[0]).toEqual(['云城区', 13, 13, 1, 75, 8534]);
    expect((await exportsInTrail()).map((r) => r.action).sort()).toEqual(['export', 'print']);
  });
});

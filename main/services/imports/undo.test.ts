import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../../../tests/support/id-numbers';
import { importFile, writeXlsx } from '../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';

/** Undoing a whole import: what it added goes, what it changed comes back, and only while nobody has touched it since. */

const PEOPLE = ['姓名', '身份证号', '联系电话', '户籍镇（街道）'];
const ZHANG = idFor('1948-03-02', 11);
const LI = idFor('1950-07-09', 22);
const WANG = idFor('1946-05-04', 33);

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice('445302');
});
afterEach(() => office.close());

async function people() {
  const page = await office.admin.call('people.list', { limit: 500 });
  return Promise.all(page.rows.map(async (r) => office.admin.call('people.get', { id: r.id })));
}

async function importPeople(rows: unknown[][]) {
  const report = await importFile(office.admin, 'people', '人员.xlsx', await writeXlsx(PEOPLE, rows));
  expect(report.committed).toBe(true);
  return report;
}

describe('undoing an import', () => {
  it('deletes what it added and restores what it changed, as one audited event; once only', async () => {
    const before = (await office.admin.call('people.create', { person: { name: '王五', idNumber: WANG, phone: '13900000001' } })).person;
    const report = await importPeople([
      ['张三', ZHANG, '13902345678', '河口街道'],
      ['李四', LI, null, null],
      ['王五', WANG, '13800000002', '云城街道'],
    ]);
    expect(report.counts).toMatchObject({ create: 2, update: 1 });
    const history = await office.admin.call('imports.history', {});
    expect(history).toMatchObject([{ id: report.importId, register: 'people', fileName: '人员.xlsx', sha256: report.sha256, counts: { create: 2, update: 1, unchanged: 0, error: 0 }, undoBlocked: null }]);

    const undone = await office.admin.call('imports.undo', { id: report.importId!, reason: '导错了文件' });
    expect(undone).toMatchObject({ deleted: 2, restored: 1, run: { undoneBy: ADMIN_NAME, undoReason: '导错了文件', undoBlocked: 'undone' } });
    const after = await people();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, name: '王五', phone: '13900000001', hukouDivisionCode: null, version: before.version });

    const audit = await office.admin.call('audit.list', { limit: 5 });
    expect(audit.rows[0]).toMatchObject({ action: 'undo', entity: 'spreadsheet', entityId: report.importId, summary: '人员.xlsx' });
    expect(audit.rows[0]!.after).toMatchObject({ sha256: report.sha256, deleted: 2, restored: 1, reason: '导错了文件' });

    const again = await office.admin.refusal('imports.undo', { id: report.importId!, reason: '再撤一次' });
    expect(again.code).toBe('IMPORT_ALREADY_UNDONE');
  });

  it('is refused, changing nothing, when a record of the import was edited since', async () => {
    const report = await importPeople([
      ['张三', ZHANG, '13902345678', null],
      ['李四', LI, null, null],
    ]);
    const li = (await people()).find((p) => p.name === '李四')!;
    await office.admin.call('people.update', { id: li.id, version: li.version, person: { name: '李四', idNumber: LI, phone: '13700000000' } });
    const refusal = await office.admin.refusal('imports.undo', { id: report.importId!, reason: '撤销' });
    expect(refusal).toMatchObject({ code: 'IMPORT_UNDO_CHANGED', params: { record: '李四', table: 'person' } });
    expect(refusal.message).toContain('李四');
    expect(await people()).toHaveLength(2);
    expect((await people()).find((p) => p.name === '李四')).toMatchObject({ phone: '13700000000', version: 2 });
    expect((await office.admin.call('imports.history', {}))[0]!.undoneAt).toBeNull();
  });

  it('is refused when later records refer to what it added', async () => {
    const report = await importPeople([['张三', ZHANG, null, null]]);
    const zhang = (await people())[0]!;
    const station = await office.admin.call('stations.create', {
      station: { name: '星岩服务站', kind: 'village_station', townCode: '445302001', villageCode: null, lifecycle: {}, services: [], oneStopSettlement: false },
    });
    await office.admin.call('beds.create', { bed: { personId: zhang.id, stationId: station.id, installDate: '2024-05-01', devices: [] } });
    const refusal = await office.admin.refusal('imports.undo', { id: report.importId!, reason: '撤销' });
    expect(refusal.code).toBe('IMPORT_UNDO_REFERENCED');
    expect(await people()).toHaveLength(1);
  });

  it('restores rows keyed by more than one column (monthly service counts)', async () => {
    const station = await office.admin.call('stations.create', {
      station: {
        name: '星岩服务站',
        kind: 'village_station',
        townCode: '445302001',
        villageCode: null,
        lifecycle: { operating: '2024-01-02' },
        services: ['meals'],
        oneStopSettlement: false,
      },
    });
    await office.admin.call('stats.save', { month: '2024-03', rows: [{ stationId: station.id, meals: 10, services: {} }] });
    const file = await writeXlsx(['月份', '站点名称', '助餐人次'], [
      ['2024-03', '星岩服务站', 25],
      ['2024-04', '星岩服务站', 30],
    ]);
    const report = await importFile(office.admin, 'station_month_stats', '统计.xlsx', file);
    expect(report.counts).toMatchObject({ create: 1, update: 1 });
    await office.admin.call('imports.undo', { id: report.importId!, reason: '重新统计' });
    expect((await office.admin.call('stats.month', { month: '2024-03' })).rows[0]).toMatchObject({ meals: 10 });
    expect((await office.admin.call('stats.month', { month: '2024-04' })).rows[0]).toMatchObject({ meals: null });
  });

  it('a preview, or an all-or-nothing import that wrote nothing, leaves no history', async () => {
    await importFile(office.admin, 'people', 'a.xlsx', await writeXlsx(PEOPLE, [['张三', ZHANG, null, null]]), { preview: true });
    await importFile(office.admin, 'people', 'b.xlsx', await writeXlsx(PEOPLE, [['张三', ZHANG, null, null], ['李四', '445302195007092299', null, null]]), {
      allOrNothing: true,
    });
    expect(await office.admin.call('imports.history', {})).toEqual([]);
  });
});

const ADMIN_NAME = '李管理';

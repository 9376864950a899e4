import ExcelJS from 'exceljs';
import { childrenOf } from '../../../../db/divisions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../contract';
import { exportWorkbook } from '../../../../tests/support/xlsx';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';

/** 云城区: 云城街道 (a street) with 星岩社区; 腰古镇 (a town) with 腰古村. */
const YUNCHENG_STREET = '445302001';
const XINGYAN_COMMUNITY = '445302001009';
const YAOGU_TOWN = '445302102';

type StationDraft = Input<'stations.create'>['station'];

function draft(overrides: Partial<StationDraft> = {}): StationDraft {
  return {
    name: '星岩社区居家养老服务站',
    kind: 'village_station',
    townCode: YUNCHENG_STREET,
    villageCode: XINGYAN_COMMUNITY,
    lifecycle: {},
    services: [],
    oneStopSettlement: false,
    ...overrides,
  };
}

const HEADERS = ['站点名称', '类型', '所属镇（街道）', '所属村（居）', '建设资金（元）', '运营日期', '服务项目', '床位数', '一站式结算', '统一社会信用代码'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

async function allStations() {
  const page = await office.admin.call('stations.list', { limit: 500 });
  return Promise.all(page.rows.map((r) => office.admin.call('stations.get', { id: r.id })));
}

describe('stations import', () => {
  it("takes the template's own example row once it names a new station", async () => {
    const template = await office.admin.call('imports.template', { register: 'stations', locale: 'zh-CN' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v).replace(/\s*\*$/, ''));
    expect(headers.slice(0, 3)).toEqual(['站点名称', '类型', '所属镇（街道）']);

    // The example row as it stands is skipped; with its name changed it is a real row and passes.
    const skipped = await importFile(office.admin, 'stations', '模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(skipped.rows).toBe(0);
    sheet.getRow(2).getCell(1).value = '模板示例服务站';
    const report = await importFile(office.admin, 'stations', '模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(issueLines(report)).toEqual([]);
    expect(report.counts).toMatchObject({ create: 1, error: 0 });
    const [station] = await allStations();
    expect(station).toMatchObject({
      name: '模板示例服务站',
      kind: 'village_station',
      townName: '云城街道',
      villageName: '星岩社区居民委员会',
      fundingFen: 15_000_000,
      state: 'operating',
      operatingMode: 'commissioned',
      operatorCreditCode: '52445302MJL1234560',
      floorArea: 320.5,
      services: ['meals', 'cleaning', 'visiting'],
      medicalPartnerType: 'hospital',
      oneStopSettlement: false,
    });
  });

  it('creates stations from labels and names, then updates only what the file changes and leaves equal rows alone', async () => {
    const first = await writeXlsx(HEADERS, [
      ['星岩社区居家养老服务站', '村（居）居家养老服务站', '云城街道', '星岩社区', '150,000.50', '2021-10-01', '助餐、助洁', 8, '是', null],
      ['腰古镇综合养老服务中心', '乡镇综合养老服务中心', '腰古镇', null, 300000, new Date(Date.UTC(2022, 2, 1)), '日间照料', 20, '否', null],
    ]);
    const created = await importFile(office.admin, 'stations', '站点台账.xlsx', first);
    expect(issueLines(created)).toEqual([]);
    expect(created.counts).toMatchObject({ create: 2, update: 0, unchanged: 0, error: 0 });
    // The import is one audit event, not one per station.
    expect((await office.admin.call('audit.list', { entity: 'station', limit: 100 })).rows).toEqual([]);
    const byName = new Map((await allStations()).map((s) => [s.name, s]));
    expect(byName.get('星岩社区居家养老服务站')).toMatchObject({
      townCode: YUNCHENG_STREET,
      villageCode: XINGYAN_COMMUNITY,
      fundingFen: 15_000_050,
      services: ['meals', 'cleaning'],
      beds: 8,
      oneStopSettlement: true,
      version: 1,
    });
    expect(byName.get('腰古镇综合养老服务中心')).toMatchObject({ kind: 'town_centre', townCode: YAOGU_TOWN, lifecycle: expect.objectContaining({ operating: '2022-03-01' }) });

    // Same file, the beds of one station changed; a file without the funding column keeps the funding.
    const second = await writeXlsx(
      ['站点名称', '类型', '所属镇（街道）', '床位数', '服务项目'],
      [
        ['星岩社区居家养老服务站', '村（居）居家养老服务站', '云城街道', 12, '助洁 助餐'],
        ['腰古镇综合养老服务中心', '乡镇综合养老服务中心', '腰古镇', 20, '日间照料'],
      ],
    );
    const preview = await importFile(office.admin, 'stations', '站点台账2.xlsx', second, { preview: true });
    expect(preview.counts).toMatchObject({ create: 0, update: 1, unchanged: 1, error: 0 });
    expect(preview.preview.find((p) => p.action === 'update')).toMatchObject({ row: 2, label: '星岩社区居家养老服务站（云城街道）', changes: ['床位数'] });
    expect((await allStations()).find((s) => s.beds === 12)).toBeUndefined();

    const updated = await importFile(office.admin, 'stations', '站点台账2.xlsx', second);
    expect(updated.counts).toMatchObject({ update: 1, unchanged: 1 });
    const after = new Map((await allStations()).map((s) => [s.name, s]));
    expect(after.get('星岩社区居家养老服务站')).toMatchObject({ beds: 12, fundingFen: 15_000_050, oneStopSettlement: true, version: 2 });
    expect(after.get('腰古镇综合养老服务中心')).toMatchObject({ version: 1 });
  });

  it('treats the same name in another town as another station, and clears a value only on the clear marker', async () => {
    await office.admin.call('stations.create', { station: draft({ name: '长者饭堂', kind: 'canteen', villageCode: null, beds: 5, address: '星岩四路' }) });
    const file = await writeXlsx(
      ['站点名称', '类型', '所属镇（街道）', '床位数', '地址'],
      [
        ['长者饭堂', '长者饭堂/助餐点', '云城街道', null, '（清空）'],
        ['长者饭堂', '长者饭堂/助餐点', '腰古', 3, null],
      ],
    );
    const report = await importFile(office.admin, 'stations', '饭堂.xlsx', file);
    expect(report.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    const canteens = (await allStations()).filter((s) => s.name === '长者饭堂');
    expect(canteens.map((s) => [s.townCode, s.beds, s.address]).sort()).toEqual([
      [YUNCHENG_STREET, 5, null],
      [YAOGU_TOWN, 3, null],
    ]);
  });

  it('explains every bad row by its column and writes none of them', async () => {
    await office.admin.call('stations.create', { station: draft() });
    const file = await writeXlsx(HEADERS.concat(['开工日期', '医养协议开始日期', '医养协议结束日期']), [
      // 2: a village station without a town
      ['无镇服务站', '村（居）居家养老服务站', null, null, null, null, null, null, null, null, null, null, null],
      // 3: a street centre placed in a town (not a street)
      ['腰古街道中心', '街道综合养老服务中心', '腰古镇', null, null, null, null, null, null, null, null, null, null],
      // 4: operating before construction started
      ['倒序服务站', '村（居）居家养老服务站', '云城街道', null, null, '2021-01-01', null, null, null, null, '2021-06-01', null, null],
      // 5: a credit code with a wrong check character
      ['信用代码站', '村（居）居家养老服务站', '云城街道', null, null, null, null, null, null, '52445302MJL1234561', null, null, null],
      // 6: an agreement that ends before it starts
      ['协议站', '村（居）居家养老服务站', '云城街道', null, null, null, null, null, null, null, null, '2024-05-01', '2024-01-01'],
      // 7: an operating date in the future
      ['未来站', '村（居）居家养老服务站', '云城街道', null, null, '2099-01-01', null, null, null, null, null, null, null],
      // 8: an unknown kind, and 9: an unknown service
      ['类型站', '敬老院', '云城街道', null, null, null, null, null, null, null, null, null, null],
      ['服务站A', '村（居）居家养老服务站', '云城街道', null, null, null, '助餐、理发', null, null, null, null, null, null],
      // 10 and 11: the same station twice
      ['重复站', '长者饭堂/助餐点', '云城街道', null, null, null, null, null, null, null, null, null, null],
      ['重复站', '长者饭堂/助餐点', '云城街道', null, null, null, null, null, null, null, null, null, null],
    ]);
    const report = await importFile(office.admin, 'stations', '错误.xlsx', file);
    expect(report.counts).toMatchObject({ create: 0, error: 10 });
    expect(issueLines(report)).toEqual([
      '2 所属镇（街道） TOWN_REQUIRED',
      '3 所属镇（街道） TOWN_WRONG_KIND',
      '4 运营日期 LIFECYCLE_ORDER',
      '5 统一社会信用代码 CREDIT_CODE_CHECK',
      '6 医养协议结束日期 AGREEMENT_END_BEFORE_START',
      '7 运营日期 DATE_IN_FUTURE',
      '8 类型 IMPORT_UNKNOWN_CHOICE',
      '9 服务项目 IMPORT_UNKNOWN_CHOICE',
      '10 - IMPORT_DUPLICATE_IN_FILE',
      '11 - IMPORT_DUPLICATE_IN_FILE',
    ]);
    const byRow = new Map(report.issues.map((i) => [i.row, i.message]));
    expect(byRow.get(5)).toContain('校验');
    expect(byRow.get(10)).toContain('第 11 行');
    expect((await allStations()).map((s) => s.name)).toEqual(['星岩社区居家养老服务站']);
  });

  it('updates a station edited between the preview and the commit from its current version', async () => {
    const existing = await office.admin.call('stations.create', { station: draft({ name: '旧站', villageCode: null }) });
    const file = await writeXlsx(['站点名称', '类型', '所属镇（街道）', '床位数'], [
      ['旧站', '村（居）居家养老服务站', '云城街道', 9],
      ['新站', '村（居）居家养老服务站', '云城街道', 4],
    ]);
    const preview = await importFile(office.admin, 'stations', '并发.xlsx', file, { preview: true });
    expect(preview.counts).toMatchObject({ create: 1, update: 1 });
    await office.admin.call('stations.update', { id: existing.id, version: 1, station: draft({ name: '旧站', villageCode: null, beds: 1, address: '新地址' }) });
    const report = await importFile(office.admin, 'stations', '并发.xlsx', file);
    expect(report.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    expect((await allStations()).find((s) => s.name === '旧站')).toMatchObject({ beds: 9, address: '新地址', version: 3 });
  });

  async function roundTrip(withCountyCentre: boolean) {
    await office.admin.call('stations.create', {
      station: draft({ lifecycle: { planned: '2021-03-01', operating: '2021-10-01' }, operatingMode: 'local', operatorName: '星岩社区居委会', taskYear: 2021 }),
    });
    await office.admin.call('stations.create', {
      station: draft({ name: '腰古镇综合养老服务中心', kind: 'town_centre', townCode: YAOGU_TOWN, villageCode: null, lifecycle: { construction: '2022-05-01' } }),
    });
    if (withCountyCentre) {
      await office.admin.call('stations.create', { station: draft({ name: '云城区居家养老服务指导中心', kind: 'county_centre', townCode: null, villageCode: null }) });
    }
    const { out } = await exportWorkbook(office.admin, { request: 'stations.list', input: {} });

    const fresh = await createTestOffice();
    try {
      const report = await importFile(fresh.admin, 'stations', out.fileName, Buffer.from(out.contentBase64, 'base64'));
      expect(issueLines(report)).toEqual([]);
      expect(report.counts).toMatchObject({ create: withCountyCentre ? 3 : 2, error: 0 });
      // What the list export holds: name, kind, town, village, state and its date, task year, operating mode, operator.
      const shown = async (o: TestOffice) =>
        (await o.admin.call('stations.list', { limit: 500 })).rows.map((r) => [
          r.name,
          r.kind,
          r.townName,
          r.villageName,
          r.state,
          r.stateDate,
          r.taskYear,
          r.operatingMode,
          r.operatorName,
        ]);
      expect(await shown(fresh)).toEqual(await shown(office));
    } finally {
      fresh.close();
    }
  }

  it('brings an exported station list into a fresh office of the same county', async () => {
    await roundTrip(false);
  });

  // The list shows the county centre's town as 全县（市、区）, which the town cell reader does not
  // know yet (cells.ts): remove `.fails` once it reads that label as "no town".
  it('brings the county guidance centre back too (its town exported as 全县（市、区）)', async () => {
    await roundTrip(true);
  });
});

describe('another county’s template', () => {
  it('names that county’s own town and village in its example row, and the untouched template imports nothing', async () => {
    const luoding = await createTestOffice('445381');
    try {
      const file = await luoding.admin.call('imports.template', { register: 'stations' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const example = (column: string) => String(sheet.getRow(2).getCell(headers.indexOf(column) + 1).value);
      const town = childrenOf('445381')[0]!;
      expect(example('所属镇（街道）')).toBe(town.name);
      expect(example('所属村（居）')).toBe(childrenOf(town.code)[0]!.name);
      const report = await importFile(luoding.admin, 'stations', file.fileName, Buffer.from(file.contentBase64, 'base64'));
      expect(report).toMatchObject({ rows: 0, exampleSkipped: true, issues: [] });
    } finally {
      luoding.close();
    }
  });
});

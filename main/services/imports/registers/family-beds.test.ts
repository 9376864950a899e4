import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../contract';
import { idFor } from '../../../../tests/support/id-numbers';
import { importFile, issueLines, writeXlsx } from '../../../../tests/support/imports';
import { createTestOffice, type TestOffice } from '../../../../tests/support/office';

/** 云城区: 云城街道 (a street) with 星岩社区; 腰古镇 (a town). */
const YUNCHENG_STREET = '445302001';
const XINGYAN_COMMUNITY = '445302001009';
const YAOGU_TOWN = '445302102';

type StationDraft = Input<'stations.create'>['station'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

async function station(name: string, overrides: Partial<StationDraft> = {}) {
  return office.admin.call('stations.create', {
    station: { name, kind: 'village_station', townCode: YUNCHENG_STREET, villageCode: null, lifecycle: {}, services: [], oneStopSettlement: false, ...overrides },
  });
}

async function person(name: string, idNumber: string) {
  return (await office.admin.call('people.create', { person: { name, idNumber } })).person;
}

async function beds() {
  return (await office.admin.call('beds.list', { limit: 500 })).rows;
}

const HEADERS = ['老人姓名', '身份证号', '服务站点', '站点所属镇（街道）', '安装日期', '设备', '撤床日期', '撤床原因'];
const CHEN = idFor('1938-06-15', 2);
const LI = idFor('1941-02-03', 11);

describe('family care beds import', () => {
  it("takes the template's example row once it names a person of the register", async () => {
    await station('星岩社区居家养老服务站', { villageCode: XINGYAN_COMMUNITY });
    await person('陈桂英', '445302193806150024');
    const template = await office.admin.call('imports.template', { register: 'family_beds', locale: 'zh-CN' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(2).value)).toContain('身份证号');
    sheet.getRow(2).getCell(5).value = '2021-12-01';
    const report = await importFile(office.admin, 'family_beds', '模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(issueLines(report)).toEqual([]);
    expect(report.counts).toMatchObject({ create: 1, error: 0 });
    expect(await beds()).toMatchObject([
      { personName: '陈桂英', stationName: '星岩社区居家养老服务站', installDate: '2021-12-01', devices: ['infrared', 'gateway', 'emergency_button'], status: 'active' },
    ]);
  });

  it('creates beds for registered people, then updates a bed matched by person and install date', async () => {
    await station('星岩服务站');
    await station('腰古服务站', { townCode: YAOGU_TOWN });
    await person('陈桂英', CHEN);
    await person('李伯', LI);
    const first = await writeXlsx(
      HEADERS,
      [
        ['陈桂英', CHEN, '星岩服务站', null, '2021-11-08', '网关、紧急呼叫按钮', null, null],
        ['李伯', LI.toLowerCase(), '腰古服务站', '腰古镇', new Date(Date.UTC(2022, 0, 5)), '红外探测器', null, null],
      ],
      { textColumns: [1] },
    );
    const created = await importFile(office.admin, 'family_beds', '家床.xlsx', first);
    expect(issueLines(created)).toEqual([]);
    expect(created.counts).toMatchObject({ create: 2, error: 0 });
    expect(created.preview.map((p) => p.label)).toEqual([`陈桂英 ${CHEN.slice(0, 6)}********${CHEN.slice(-4)} 2021-11-08`, expect.stringContaining('李伯')]);

    // The same bed ended (devices in another order are no change); the other row unchanged.
    const second = await writeXlsx(HEADERS, [
      ['陈桂英', CHEN, '星岩服务站', null, '2021-11-08', '紧急呼叫按钮 网关', '2023-06-30', '入住养老机构'],
      ['李伯', LI, '腰古服务站', null, '2022-01-05', null, null, null],
    ]);
    const preview = await importFile(office.admin, 'family_beds', '家床2.xlsx', second, { preview: true });
    expect(preview.counts).toMatchObject({ create: 0, update: 1, unchanged: 1, error: 0 });
    expect(preview.preview.find((p) => p.action === 'update')?.changes).toEqual(['撤床日期', '撤床原因']);
    const updated = await importFile(office.admin, 'family_beds', '家床2.xlsx', second);
    expect(updated.counts).toMatchObject({ update: 1, unchanged: 1 });
    const byName = new Map((await beds()).map((b) => [b.personName, b]));
    expect(byName.get('陈桂英')).toMatchObject({ status: 'ended', endDate: '2023-06-30', endReason: '入住养老机构', version: 2 });
    expect(byName.get('李伯')).toMatchObject({ devices: ['infrared'], version: 1 });
  });

  it('names the column and the reason for people and stations it cannot find', async () => {
    await station('星岩服务站');
    await station('同名站');
    await station('同名站', { townCode: YAOGU_TOWN });
    await person('陈桂英', CHEN);
    const unknown = idFor('1950-01-01', 5);
    const badCheck = `${CHEN.slice(0, 17)}${CHEN[17] === '0' ? '1' : '0'}`;
    const file = await writeXlsx(HEADERS, [
      ['王五', unknown, '星岩服务站', null, '2021-11-08', null, null, null],
      ['陈贵英', CHEN, '星岩服务站', null, '2021-11-08', null, null, null],
      ['陈桂英', badCheck, '星岩服务站', null, '2021-11-08', null, null, null],
      ['陈桂英', CHEN, '无此站', null, '2021-11-08', null, null, null],
      ['陈桂英', CHEN, '同名站', null, '2021-11-08', null, null, null],
      ['陈桂英', CHEN, '星岩服务站', null, '2099-01-01', null, null, null],
      ['陈桂英', CHEN, '星岩服务站', null, '2021-11-08', '摄像头、音箱', null, null],
      ['陈桂英', CHEN, '星岩服务站', null, '2021-11-09', null, '2021-10-01', null],
      ['陈桂英', Number(CHEN.slice(0, 15)), '星岩服务站', null, '2021-11-10', null, null, null],
    ]);
    const report = await importFile(office.admin, 'family_beds', '错误.xlsx', file);
    expect(issueLines(report)).toEqual([
      '2 身份证号 IMPORT_PERSON_NOT_FOUND',
      '3 老人姓名 IMPORT_NAME_MISMATCH',
      '4 身份证号 ID_NUMBER_CHECK',
      '5 服务站点 IMPORT_STATION_NOT_FOUND',
      '6 服务站点 IMPORT_STATION_AMBIGUOUS',
      '7 安装日期 DATE_IN_FUTURE',
      '8 设备 IMPORT_UNKNOWN_CHOICE',
      '9 撤床日期 END_BEFORE_INSTALL',
      '10 身份证号 IMPORT_ID_NUMBER_AS_NUMBER',
    ]);
    const message = new Map(report.issues.map((i) => [i.row, i.message]));
    expect(message.get(3)).toBe(`身份证号 ${CHEN.slice(0, 6)}********${CHEN.slice(-4)} 在名册中登记的姓名是“陈桂英”，与本行的“陈贵英”不符。`);
    expect(message.get(2)).toContain('请先导入或登记人员');
    expect(await beds()).toEqual([]);
  });

  it("reports a bed overlapping the person's other bed — a rule the service checks when writing — and writes the rest", async () => {
    await station('星岩服务站');
    const chen = await person('陈桂英', CHEN);
    const li = await person('李伯', LI);
    const existingStation = (await office.admin.call('stations.list', { limit: 5 })).rows[0]!;
    await office.admin.call('beds.create', { bed: { personId: chen.id, stationId: existingStation.id, installDate: '2021-01-01', devices: [] } });
    const file = await writeXlsx(HEADERS, [
      ['陈桂英', CHEN, '星岩服务站', null, '2022-03-01', null, null, null],
      ['李伯', LI, '星岩服务站', null, '2022-03-01', null, '2022-08-31', '去世'],
      ['李伯', LI, '星岩服务站', null, '2022-06-01', null, null, null],
    ]);
    const preview = await importFile(office.admin, 'family_beds', '重叠.xlsx', file, { preview: true });
    expect(issueLines(preview)).toEqual(['2 身份证号 BED_ACTIVE_ELSEWHERE', '4 身份证号 BED_ACTIVE_ELSEWHERE']);
    const report = await importFile(office.admin, 'family_beds', '重叠.xlsx', file);
    expect(report).toMatchObject({ committed: true, counts: { create: 1, error: 2 } });
    expect(report.issues[0]!.message).toContain('陈桂英');
    const mine = (await beds()).filter((b) => b.personId === li.id);
    expect(mine.map((b) => [b.installDate, b.endDate])).toEqual([['2022-03-01', '2022-08-31']]);
  });
});

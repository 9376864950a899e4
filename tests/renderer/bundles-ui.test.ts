import { describe, expect, it } from 'vitest';
import { REGISTERS } from '../../main/bundles/content';
import type { CityTable, ImportedBundle, ProgressCells } from '../../main/contract';
import { MAX_UPLOAD_BYTES as CONTRACT_MAX_UPLOAD } from '../../main/contract/areas/city';
import { interpolate } from '../../renderer/src/i18n';
import en from '../../renderer/src/i18n/en.json';
import zh from '../../renderer/src/i18n/zh-CN.json';
import { KNOWN_REGISTERS, periodText, registerLabel } from '../../renderer/src/pages/bundles/bundle-labels';
import { defaultPeriod, endedParts, parsePeriodLabel, periodEnd, switchKind, switchYear, yearsWithEnded } from '../../renderer/src/pages/bundles/periods';
import { importOrder, isBundleFileName, MAX_UPLOAD_BYTES, nameParts, supersededBy } from '../../renderer/src/pages/city-import/import-files';
import { cellText } from '../../renderer/src/pages/city-tables/record-cells';
import { cityCsvFileName, cityTableCsv, columnsOf } from '../../renderer/src/pages/city-tables/table-defs';

const t = (key: string, params?: Record<string, string | number>) => interpolate((zh as Record<string, string>)[key] ?? key, params);

describe('the periods a county can send', () => {
  const today = '2026-11-22';

  it('offers only periods that have ended, and opens on the last finished year', () => {
    expect(defaultPeriod(today)).toBe('2025');
    expect(yearsWithEnded('year', today)[0]).toBe(2025);
    expect(endedParts('quarter', 2026, today)).toEqual([1, 2, 3]);
    expect(endedParts('month', 2026, today)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(yearsWithEnded('month', '2026-01-15')[0]).toBe(2025);
    expect(endedParts('month', 2026, '2026-02-01')).toEqual([1]);
  });

  it('knows where each period ends, leap years included', () => {
    expect(periodEnd('year', 2021, 0)).toBe('2021-12-31');
    expect(periodEnd('quarter', 2021, 3)).toBe('2021-09-30');
    expect(periodEnd('month', 2024, 2)).toBe('2024-02-29');
  });

  it('keeps the year when the kind changes, and the part when the year changes if it has ended', () => {
    expect(switchKind('2021', 'quarter', today)).toBe('2021-Q4');
    expect(switchKind('2021-Q4', 'month', today)).toBe('2021-12');
    expect(switchKind('2021-07', 'year', today)).toBe('2021');
    expect(switchKind('2026-Q1', 'year', today)).toBe('2025');
    expect(switchYear('2021-Q3', 2026, today)).toBe('2026-Q3');
    expect(switchYear('2021-12', 2026, today)).toBe('2026-10');
  });

  it('reads labels as the contract writes them and names them for clerks', () => {
    expect(parsePeriodLabel('2021-Q3')).toEqual({ kind: 'quarter', year: 2021, part: 3 });
    expect(parsePeriodLabel('2021-13')).toBeNull();
    expect(periodText(t, '2021')).toBe('2021 年');
    expect(periodText(t, '2021-Q3')).toBe('2021 年第三季度');
    expect(periodText(t, '2021-07')).toBe('2021 年 7 月');
  });
});

describe('register names on screen', () => {
  it('names every register a bundle carries, in both languages', () => {
    for (const name of Object.keys(REGISTERS)) {
      expect(KNOWN_REGISTERS).toContain(name);
      expect(registerLabel(t, name)).not.toBe(name);
      expect((en as Record<string, string>)[`bundle.register.${name}`]).toMatch(/^[A-Z]/);
    }
    expect(registerLabel(t, 'from_a_newer_app')).toBe('from_a_newer_app');
  });

  it('shows codes of the drill-down in words, and towns by name', () => {
    expect(cellText(t, 'stations', 'kind', 'village_station')).toBe('村（居）居家养老服务站');
    expect(cellText(t, 'stations', 'state', 'accepted')).toBe('已验收');
    expect(cellText(t, 'renovation_cases', 'state', 'accepted')).toBe('验收合格');
    expect(cellText(t, 'residents', 'category', 'orphan')).toBe('孤儿');
    expect(cellText(t, 'family_beds', 'active', true)).toBe('是');
    expect(cellText(t, 'stations', 'townCode', '445302103', new Map([['445302103', '思劳镇']]))).toBe('思劳镇');
    expect(cellText(t, 'stations', 'townCode', '445302999', new Map())).toBe('445302999');
    expect(cellText(t, 'stations', 'operatorName', null)).toBe('—');
    expect(cellText(t, 'stations', 'name', 'constructor')).toBe('constructor');
  });
});

describe('the files a city imports', () => {
  it('sends at most what the contract accepts', () => {
    expect(MAX_UPLOAD_BYTES).toBe(CONTRACT_MAX_UPLOAD);
  });

  it('imports per county by sequence, whatever the period, so a later bundle never looks like a replay', () => {
    const files = ['445302-2021-Q4-000005.wlb', '445303-2021-000002.wlb', '445302-2022-000004.wlb', 'copy.wlb', '445302-2021-000003.wlb'].map((name) => ({ name }));
    expect(importOrder(files).map((f) => f.name)).toEqual([
      '445302-2021-000003.wlb',
      '445302-2022-000004.wlb',
      '445302-2021-Q4-000005.wlb',
      '445303-2021-000002.wlb',
      'copy.wlb',
    ]);
    expect(nameParts('445302-2021-07-000012.wlb')).toEqual({ county: '445302', sequence: 12 });
    expect(isBundleFileName('A.WLB')).toBe(true);
    expect(isBundleFileName('a.wlb.txt')).toBe(false);
  });

  it('says what replaced a bundle that is no longer current: a correction, or a re-export', () => {
    const bundle = (sequence: number, purpose: ImportedBundle['purpose'], current: boolean, period = '2021') =>
      ({ countyCode: '445302', sequence, purpose, current, period: { label: period } }) as ImportedBundle;
    const corrected = [bundle(1, 'regular', false), bundle(2, 'correction', true)];
    expect(supersededBy(corrected[0]!, corrected)).toEqual({ by: 2, correction: true });
    expect(supersededBy(corrected[1]!, corrected)).toBeNull();
    const reexported = [bundle(1, 'regular', false), bundle(2, 'reexport', true), bundle(3, 'regular', true, '2022')];
    expect(supersededBy(reexported[0]!, reexported)).toEqual({ by: 2, correction: false });
  });
});

describe('the city table as CSV', () => {
  it('has the seed table’s columns, 未报送 for a silent county, the source of each row and 合计', () => {
    const cells: ProgressCells = { tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534 };
    const table: CityTable<ProgressCells> = {
      period: '2021',
      rows: [
        { countyCode: '445302', countyName: '云城区', source: { bundleId: 'b', sequence: 1, fileName: '445302-2021-000001.wlb', importedAt: '', purpose: 'regular' }, cells },
        { countyCode: '445303', countyName: '云安区', source: null, cells: null },
      ],
      total: cells,
      countiesReporting: 1,
    };
    const csv = cityTableCsv('2021 年建设进展', columnsOf('progress', t), table, {
      county: '县（市、区）',
      source: '数据来源',
      total: '合计',
      notReported: '未报送',
      sourceText: (sequence, file) => `序号 ${sequence}（${file}）`,
    });
    expect(csv.split('\r\n')).toEqual([
      '\ufeff2021 年建设进展',
      '县（市、区）,建设任务,已建成,完成率,家床安装户数,开展上门服务人次,数据来源',
      '云城区,13,13,100%,75,8534,序号 1（445302-2021-000001.wlb）',
      '云安区,,,,,,未报送',
      '合计,13,13,100%,75,8534,',
      '',
    ]);
    expect(cityCsvFileName('全市汇总', '建设进展', '2021-Q3')).toBe('全市汇总-建设进展-2021-Q3.csv');
  });
});

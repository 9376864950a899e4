import { describe, expect, it } from 'vitest';
import type { AllowanceRoster } from '../../main/contract';
import { rosterCsv, rosterFileName, type RosterCsvText } from '../../renderer/src/pages/allowances/roster-csv';
import { compareRooms, expandBedLabels } from '../../renderer/src/pages/institutions/bed-labels';

describe('bed numbers as a clerk types them', () => {
  it('expands ranges and lists, in any of the separators a Chinese keyboard gives', () => {
    expect(expandBedLabels('1-6')).toEqual({ ok: true, labels: ['1', '2', '3', '4', '5', '6'] });
    expect(expandBedLabels('1,2，3、4 5')).toEqual({ ok: true, labels: ['1', '2', '3', '4', '5'] });
    expect(expandBedLabels('１～３')).toEqual({ ok: true, labels: ['1', '2', '3'] });
    expect(expandBedLabels('1-2, 加1')).toEqual({ ok: true, labels: ['1', '2', '加1'] });
  });

  it('keeps a prefix and zero padding', () => {
    expect(expandBedLabels('A1-A3')).toEqual({ ok: true, labels: ['A1', 'A2', 'A3'] });
    expect(expandBedLabels('A1-3')).toEqual({ ok: true, labels: ['A1', 'A2', 'A3'] });
    expect(expandBedLabels('08-10')).toEqual({ ok: true, labels: ['08', '09', '10'] });
  });

  it('refuses what it cannot read or what the main side would refuse', () => {
    expect(expandBedLabels('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(expandBedLabels('9-7')).toEqual({ ok: false, problem: 'badRange', detail: '9-7' });
    expect(expandBedLabels('A1-B3')).toEqual({ ok: false, problem: 'badRange', detail: 'A1-B3' });
    expect(expandBedLabels('1-51')).toEqual({ ok: false, problem: 'tooMany' });
    expect(expandBedLabels('1-3,2')).toEqual({ ok: false, problem: 'duplicate', detail: '2' });
    expect(expandBedLabels('一二三四五六七八九十一二三四五六七八九十一')).toMatchObject({ ok: false, problem: 'tooLong' });
  });

  it('orders rooms as a building is walked', () => {
    expect(['10', '2', '1', 'A102', 'A11'].sort(compareRooms)).toEqual(['1', '2', '10', 'A11', 'A102']);
  });
});

describe('the allowance roster as CSV', () => {
  const roster: AllowanceRoster = {
    institutionId: 'i1',
    institutionName: '云城区福利院',
    month: '2026-10',
    daysInMonth: 31,
    standards: [],
    lines: [
      {
        residentId: 'r1',
        name: '李伯',
        idNumber: '44530219480203011X',
        category: 'tekun_elderly',
        supportForm: 'concentrated',
        days: 31,
        level: 'partial',
        basicLivingFen: 135484,
        careFen: 60000,
        orphanFen: 0,
        totalFen: 195484,
        problems: [{ code: 'NOT_ASSESSED', params: { days: 2 } }],
      },
      {
        residentId: 'r2',
        name: 'Smith, "Jo"',
        idNumber: null,
        category: 'orphan',
        supportForm: 'dispersed',
        days: 5,
        level: null,
        basicLivingFen: 0,
        careFen: 0,
        orphanFen: 30500,
        totalFen: 30500,
        problems: [],
      },
    ],
    totals: { residents: 2, days: 36, basicLivingFen: 135484, careFen: 60000, orphanFen: 30500, totalFen: 225984 },
  };
  const text: RosterCsvText = {
    office: '单位',
    institution: '机构',
    month: '月份',
    daysInMonth: '当月天数',
    columns: ['序号', '姓名', '身份证号', '类别', '方式', '天数', '能力', '基本', '照料', '孤儿', '合计', '提示'],
    totals: '合计',
    residents: (n) => `${n} 人`,
    category: (v) => `cat:${v}`,
    supportForm: (v) => `form:${v}`,
    level: (v) => `level:${v}`,
    problems: (line) => line.problems.map((p) => `${p.code}`),
  };

  it('opens in Excel as written: BOM, CRLF, a header line, ID numbers kept as text, 元 with two decimals', () => {
    const csv = rosterCsv(roster, '云城区民政局', text);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      '单位：云城区民政局,机构：云城区福利院,月份：2026-10,当月天数：31',
      '序号,姓名,身份证号,类别,方式,天数,能力,基本,照料,孤儿,合计,提示',
      '1,李伯,="44530219480203011X",cat:tekun_elderly,form:concentrated,31,level:partial,1354.84,600.00,0.00,1954.84,NOT_ASSESSED',
      '2,"Smith, ""Jo""",,cat:orphan,form:dispersed,5,,0.00,0.00,305.00,305.00,',
      '合计,2 人,,,,36,,1354.84,600.00,305.00,2259.84,',
      '',
    ]);
  });

  it('names the file after the institution and month, without characters Windows refuses', () => {
    expect(rosterFileName('津贴花名册', '云城区福利院', '2026-10')).toBe('津贴花名册-云城区福利院-2026-10.csv');
    expect(rosterFileName('津贴花名册', 'A/B:院', '2026-10')).toBe('津贴花名册-A_B_院-2026-10.csv');
  });
});

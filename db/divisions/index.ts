/**
 * Run-time lookup of China's administrative divisions (all provinces, cities and counties;
 * towns and villages for Guangdong). Pure TypeScript: also bundled into the Electron main process.
 */
import { DIVISION_SOURCE, DIVISIONS_TSV } from './data';

export type DivisionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string | null;
  /** for towns: 'street' when name ends with 街道, 'town' for 镇/乡, 'other' (farms, 林场, 开发区 …) */
  townKind?: 'street' | 'town' | 'other';
}

export const divisionSource: string = DIVISION_SOURCE;

const LEVEL_BY_CODE_LENGTH: Record<number, DivisionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'town', 12: 'village' };
const PARENT_CODE_LENGTHS = [9, 6, 4, 2];

/** City-level slots the statistics bureau fills with a grouping rather than a place (北京 1101 市辖区, 重庆 5002 县, 4190 …). */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

interface Index {
  byCode: Map<string, Division>;
  children: Map<string | null, Division[]>;
}

let index: Index | undefined;

function townKindOf(name: string): Division['townKind'] {
  if (/街道(办事处)?$/.test(name)) return 'street';
  if (/(镇|乡|苏木)$/.test(name)) return 'town';
  return 'other';
}

/** The nearest shorter code prefix that exists, so a missing intermediate level is skipped rather than orphaning the row. */
function parentCode(code: string, byCode: Map<string, Division>): string | null {
  for (const length of PARENT_CODE_LENGTHS) {
    if (length < code.length && byCode.has(code.slice(0, length))) return code.slice(0, length);
  }
  return null;
}

function buildIndex(): Index {
  const byCode = new Map<string, Division>();
  const children = new Map<string | null, Division[]>();
  // Lines are sorted by code, so every parent is indexed before its children and children stay in code order.
  for (const line of DIVISIONS_TSV.split('\n')) {
    const tab = line.indexOf('\t');
    const code = line.slice(0, tab);
    const name = line.slice(tab + 1);
    const level = LEVEL_BY_CODE_LENGTH[code.length];
    if (tab < 0 || !level) throw new Error(`Malformed division line: ${line}`);
    const division: Division = { code, name, level, parent: parentCode(code, byCode) };
    if (level === 'town') division.townKind = townKindOf(name);
    byCode.set(code, division);
    const siblings = children.get(division.parent);
    if (siblings) siblings.push(division);
    else children.set(division.parent, [division]);
  }
  return { byCode, children };
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

export function getDivision(code: string): Division | undefined {
  return getIndex().byCode.get(code);
}

/** null → provinces; sorted by code. */
export function childrenOf(code: string | null): Division[] {
  return [...(getIndex().children.get(code) ?? [])];
}

/** Province first … the division itself last; [] if unknown. */
export function ancestry(code: string): Division[] {
  const chain: Division[] = [];
  for (let division = getDivision(code); division; division = division.parent ? getDivision(division.parent) : undefined) {
    chain.unshift(division);
  }
  return chain;
}

/**
 * '广东省云浮市云城区云城街道'; '' if unknown. Placeholder names are left out, and so is a name repeating its
 * parent's: the package gives 东莞 4419 / 中山 4420 (also 儋州, 嘉峪关) a same-named county 441900 whose towns sit under it.
 */
export function fullName(code: string): string {
  let previous = '';
  let result = '';
  for (const { name } of ancestry(code)) {
    if (!PLACEHOLDER_NAMES.has(name) && name !== previous) result += name;
    previous = name;
  }
  return result;
}

/** Inclusive: a division is within itself. False when either code is unknown. */
export function isWithin(code: string, ancestorCode: string): boolean {
  if (!getDivision(ancestorCode)) return false;
  return ancestry(code).some((division) => division.code === ancestorCode);
}

import { checkCharacter } from '../../contract/validators/id-number';
import { creditCodeCheckCharacter } from '../../contract/validators/credit-code';
import type { DemoRandom } from './demo-random';

/**
 * The rule that keeps demo records from passing for real ones (docs/demo-data.md):
 * every person's name starts with 演示, every station's name ends with （演示）, operators start with 演示,
 * and ID numbers use sequence codes 900–999 with birth dates 1928–1958 — valid GB 11643 numbers of the
 * office's county that a clerk recognises at a glance together with the name.
 */
export const DEMO_PERSON_PREFIX = '演示';
export const DEMO_STATION_SUFFIX = '（演示）';
export const DEMO_NOTE = '演示数据（虚构）';

const SURNAMES = ['陈', '李', '黄', '梁', '林', '罗', '谭', '何', '张', '邓', '冯', '叶', '苏', '莫', '彭', '曾', '区', '麦', '潘', '吴'];
const FEMALE_NAMES = ['桂英', '秀英', '玉珍', '亚妹', '凤娇', '少芳', '金好', '带娣', '惠兰', '月娥', '瑞群', '丽珍', '二妹', '彩霞', '素芬'];
const MALE_NAMES = ['伯明', '炳坤', '志强', '国华', '树根', '亚福', '永康', '锦荣', '德明', '汉文', '耀祖', '石生', '家旺', '水生', '启明'];

const GIRL_NAMES = ['欣怡', '梓涵', '雨桐', '诗琪', '嘉欣', '晓彤', '紫琳'];
const BOY_NAMES = ['子轩', '浩然', '俊杰', '宇航', '嘉豪', '梓豪', '志鹏'];

export function demoPersonName(rng: DemoRandom, sex: 'M' | 'F', child = false): string {
  const given = child ? (sex === 'F' ? GIRL_NAMES : BOY_NAMES) : sex === 'F' ? FEMALE_NAMES : MALE_NAMES;
  return `${DEMO_PERSON_PREFIX}${rng.pick(SURNAMES)}${rng.pick(given)}`;
}

/**
 * A valid ID number of the county with a 9xx sequence code (odd for men, even for women), unique within
 * `taken`; born 1928–1958 unless another range is given (disabled adults and children in care).
 */
export function demoIdNumber(
  rng: DemoRandom,
  countyCode: string,
  sex: 'M' | 'F',
  taken: Set<string>,
  born: readonly [string, string] = ['1928-01-01', '1958-12-31'],
): string {
  for (;;) {
    const birth = rng.dateBetween(born[0], born[1]).replaceAll('-', '');
    const sequence = 900 + rng.int(0, 49) * 2 + (sex === 'M' ? 1 : 0);
    const first17 = `${countyCode}${birth}${sequence}`;
    const id = first17 + checkCharacter(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** 统一社会信用代码 with an all-zero body (主体标识码 0000000nn): valid, and plainly not a real organisation. */
export function demoCreditCode(kind: 'social' | 'company', countyCode: string, n: number): string {
  const first17 = `${kind === 'social' ? '52' : '91'}${countyCode}0000000${String(n).padStart(2, '0')}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

/** 星岩社区居民委员会 → 星岩社区, 牧羊村民委员会 → 牧羊村. */
export function shortVillageName(name: string): string {
  return name.replace(/(社区)?居民委员会$/, '社区').replace(/村民委员会$|村委会$/, '村');
}

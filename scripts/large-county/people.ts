import type { Division } from '../../db/divisions';
import { addDays } from '../../main/services/calendar';
import { countyLayout } from '../../main/services/demo/demo-county';
import { apportion, type DemoRandom } from '../../main/services/demo/demo-random';
import { shortVillageName } from '../../main/services/demo/demo-names';
import { personRecordColumns } from '../../main/services/people/people';
import { checkCharacter } from '../../main/contract/validators/id-number';
import { FIRST_DAY, LARGE_TODAY, scaled, stampOn, inBatches, type Gen } from './context';

/** Common surnames of western Guangdong, most common first (drawn with a skew, so they repeat as in life). */
const SURNAMES = [...'陈李黄梁林罗谭何张邓冯叶苏莫彭曾区麦潘吴刘杨周朱郑谢许徐钟赖严卢蔡余袁邱温范欧廖骆赵龚丘饶江'];
const FEMALE = ['桂英', '秀英', '玉珍', '亚妹', '凤娇', '少芳', '金好', '带娣', '惠兰', '月娥', '瑞群', '丽珍', '二妹', '彩霞', '素芬', '秀兰', '美玲', '淑贞', '玉梅', '桂兰', '亚娣', '银好', '金凤', '月英', '群英', '秀珍', '丽华', '少英', '玉兰', '翠英', '兰芳', '碧霞', '润好', '瑞英', '杏芳', '巧娟', '亚娇', '三妹', '四妹', '水娇'];
const MALE = ['伯明', '炳坤', '志强', '国华', '树根', '亚福', '永康', '锦荣', '德明', '汉文', '耀祖', '石生', '家旺', '水生', '启明', '国强', '建华', '伟雄', '振华', '亚九', '明德', '桂林', '永权', '日新', '金松', '观福', '文光', '庆生', '炳华', '锦泉', '德胜', '卓明', '有财', '北海', '亚生', '润林', '兆祥', '伟文', '耀光', '灶生'];
const GIRLS = ['欣怡', '梓涵', '雨桐', '诗琪', '嘉欣', '晓彤', '紫琳', '思琪', '雅婷', '佳怡'];
const BOYS = ['子轩', '浩然', '俊杰', '宇航', '嘉豪', '梓豪', '志鹏', '俊熙', '梓轩', '家乐'];

export interface GenPerson {
  index: number;
  id: string;
  name: string;
  idNumber: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  hukou: string;
  townCode: string;
  address: string;
  /** The day the person was registered: lowered by any record that needs them earlier. */
  registeredOn: string;
  child: boolean;
}

export interface PeoplePlan {
  people: GenPerson[];
  elderly: GenPerson[];
  children: GenPerson[];
  /** Towns and streets with their villages, in weight order (the county's big towns first). */
  places: { town: Division; villages: Division[]; weight: number }[];
}

/** Index into a list favouring the front: a Zipf-like skew for names and places. */
function skewed(rng: DemoRandom, length: number, power = 2): number {
  return Math.min(length - 1, Math.floor(length * rng.next() ** power));
}

function idNumber(rng: DemoRandom, county: string, sex: 'M' | 'F', birth: string, taken: Set<string>): string {
  for (;;) {
    const sequence = rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
    const first17 = `${county}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function planPeople(gen: Gen, childShare: number): PeoplePlan {
  const rng = gen.rng('people');
  const layout = countyLayout(gen.countyCode, '');
  const towns = rng.shuffled([...layout.streets, ...layout.towns]).filter((t) => (layout.villagesByTown.get(t.code) ?? []).length > 0);
  // Some towns are much bigger than others: weights fall off as 1/rank.
  const places = towns.map((town, rank) => ({ town, villages: layout.villagesByTown.get(town.code)!, weight: 1 / (rank + 1) ** 0.9 }));
  const total = scaled(gen, 200_000, 10);
  const childCount = Math.max(1, Math.round(total * childShare));
  const perTown = apportion(total, places.map((p) => p.weight));
  const townOf: number[] = perTown.flatMap((n, t) => Array<number>(n).fill(t));
  const order = rng.shuffled(townOf.map((_, i) => i));
  const taken = new Set<string>();
  const people: GenPerson[] = [];
  let children = 0;
  for (let i = 0; i < total; i++) {
    const place = places[townOf[order[i]!]!]!;
    const village = place.villages[rng.int(0, place.villages.length - 1)]!;
    const child = i % Math.max(1, Math.floor(total / childCount)) === 0 && children < childCount;
    if (child) children++;
    const sex: 'M' | 'F' = rng.chance(child ? 0.5 : 0.54) ? 'F' : 'M';
    // Elderly ages 60–100, most in their sixties and seventies; children 3–17.
    const age = child ? rng.int(3, 17) : 60 + Math.floor(40 * rng.next() ** 1.8);
    const birthDate = addDays(`${Number(LARGE_TODAY.slice(0, 4)) - age - 1}-11-21`, rng.int(0, 364));
    const given = child ? (sex === 'F' ? GIRLS : BOYS) : sex === 'F' ? FEMALE : MALE;
    const name = `${SURNAMES[skewed(rng, SURNAMES.length)]}${given[skewed(rng, given.length, 1.5)]}`;
    const phone = rng.chance(child ? 0.2 : 0.85) ? `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : null;
    people.push({
      index: i,
      id: '',
      name,
      idNumber: idNumber(rng, gen.countyCode, sex, birthDate, taken),
      sex,
      birthDate,
      phone,
      hukou: village.code,
      townCode: place.town.code,
      address: `${shortVillageName(village.name)}${rng.int(1, 300)}号`,
      registeredOn: rng.dateBetween(FIRST_DAY, LARGE_TODAY),
      child,
    });
  }
  return { people, elderly: people.filter((p) => !p.child), children: people.filter((p) => p.child), places };
}

/** Inserts people by the service's own column rules (personRecordColumns), in registration order. */
export function writePeople(gen: Gen, plan: PeoplePlan): void {
  const rng = gen.rng('people-write');
  const sorted = [...plan.people].sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.index - b.index));
  const insert = gen.db.prepare(
    `INSERT INTO person (id, name, name_pinyin, name_initials, id_number, id_number_reversed, sex, birth_date, phone, hukou_division_code, address, notes,
       version, created_at, updated_at, updated_by, updated_installation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)`,
  );
  inBatches(gen, 'people', sorted, (p) => {
    const at = stampOn(rng, p.registeredOn);
    p.id = gen.id(at);
    const c = personRecordColumns({
      name: p.name,
      idNumber: { idNumber: p.idNumber, sex: p.sex, birthDate: p.birthDate },
      phone: p.phone ?? undefined,
      hukouDivisionCode: p.hukou,
      address: p.address,
    } as Parameters<typeof personRecordColumns>[0]);
    insert.run(p.id, c.name, c.name_pinyin, c.name_initials, c.id_number, c.id_number_reversed, c.sex, c.birth_date, c.phone, c.hukou_division_code, c.address, c.notes, at, at, gen.staffId, gen.installationId);
    const { name_pinyin: _p, name_initials: _i, id_number_reversed: _r, ...view } = { id: p.id, ...c, version: 1, created_at: at, updated_at: at, updated_by: gen.staffId, updated_installation: gen.installationId };
    gen.audit.push({ at, action: 'create', entity: 'person', entityId: p.id, summary: p.name, after: JSON.stringify(view) });
  });
}

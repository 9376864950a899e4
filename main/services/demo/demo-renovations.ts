import type { z } from 'zod';
import type { householdInput, planLineInput, stepInput } from '../../contract/areas/renovations';
import type { HouseholdCategory, HouseholdCondition } from '../../contract/areas/renovation-enums';
import type { SelfCareLevel } from '../../contract/areas/welfare-enums';
import { addDays } from '../calendar';
import type { PersonDraft } from './demo-beds';
import type { CountyLayout } from './demo-county';
import { DEMO_NOTE, DEMO_PERSON_PREFIX, demoIdNumber, demoPersonName, shortVillageName } from './demo-names';
import type { DemoRandom } from './demo-random';

export type HouseholdDraft = Omit<z.input<typeof householdInput>, 'personIds'>;
export type StepDraft = z.input<typeof stepInput>;
/** A plan line by catalogue code (the writer looks the item up). */
export type LineDraft = Omit<z.input<typeof planLineInput>, 'itemId'> & { code: string };

/** What happens to a case, in order; the plan is saved just before it is signed, photos when taken. */
export type CaseAction =
  | { kind: 'step'; step: StepDraft }
  | { kind: 'plan'; lines: LineDraft[] }
  | { kind: 'photo'; tag: 'before' | 'during' | 'after'; line: number | null }
  /** Paid: the amount is the plan's subsidy, known once the plan is saved. */
  | { kind: 'pay'; date: string; responsible: string; voucherNumber: string };

export interface CasePlan {
  people: PersonDraft[];
  household: HouseholdDraft;
  appliedOn: string;
  responsible: string;
  actions: CaseAction[];
}

export interface RenovationsPlan {
  cases: CasePlan[];
  caps: { fromYear: number; capFen: number; note: string }[];
  targets: { year: number; quarters: [number, number, number, number]; budgetFen: number }[];
  localItem: { name: string; category: 'supplies'; subsidised: true; unit: string; referencePriceFen: number; active: true };
}

const CLERKS = ['演示经办人黄敏', '演示经办人陈志坚', '演示经办人梁秀兰'];
const ASSESSORS = ['演示评估员李建华', '演示评估员罗晓燕'];
const CATEGORY_WEIGHTS: [HouseholdCategory, number][] = [
  ['tekun_dispersed', 0.45],
  ['dibao', 0.3],
  ['dibao_edge', 0.15],
  ['other', 0.1],
];

/** Demo unit prices in 分 by catalogue code (plausible, fictitious). */
const PRICES: Record<string, number> = {
  N01: 18_000,
  N02: 35_000,
  N10: 28_000,
  N12: 22_000,
  N16: 15_000,
  N22: 6_000,
  N27: 38_000,
  N05: 30_000,
  N13: 120_000,
  N19: 8_000,
  N23: 45_000,
  L01: 60_000,
};
const BASIC = ['N01', 'N02', 'N10', 'N12', 'N16', 'N22', 'N27'];
const OPTIONAL = ['N05', 'N13', 'N19', 'N23'];
const NEEDS = ['卫生间地面湿滑，如厕起身困难', '门槛高差大，夜间起夜无照明', '卧床起身需扶持，有走失风险', '洗澡无处坐，行走需拐杖'];

function weighted<T>(rng: DemoRandom, items: [T, number][]): T {
  let roll = rng.next();
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items.at(-1)![0];
}

function planLines(rng: DemoRandom): LineDraft[] {
  const basic = rng.shuffled(BASIC).slice(0, rng.int(3, 6));
  const lines: LineDraft[] = basic.map((code) => ({ code, quantity: code === 'N01' ? rng.int(2, 5) : rng.int(1, 2), unitPriceFen: PRICES[code]!, subsidised: true }));
  if (rng.chance(0.3)) lines.push({ code: 'L01', quantity: 1, unitPriceFen: PRICES.L01!, subsidised: true });
  if (rng.chance(0.5)) {
    const code = rng.pick(OPTIONAL);
    lines.push({ code, quantity: 1, unitPriceFen: PRICES[code]!, subsidised: false, note: '家庭自愿选配' });
  }
  return lines;
}

/**
 * The steps of one case from its application on, each a few days after the previous one, stopping
 * after `stepsToTake` of them (or earlier if the next date would reach today); some are rejected or withdrawn early.
 */
function actions(rng: DemoRandom, appliedOn: string, today: string, stepsToTake: number): CaseAction[] {
  const out: CaseAction[] = [];
  let date = appliedOn;
  const next = (min: number, max: number) => {
    date = addDays(date, rng.int(min, max));
    return date < today;
  };
  const clerk = () => rng.pick(CLERKS);
  const simple = (step: 'town_reviewed' | 'county_reviewed' | 'publicised' | 'plan_signed' | 'works_started' | 'works_completed') => out.push({ kind: 'step', step: { step, date, responsible: clerk() } });
  const lines = planLines(rng);
  const stop = rng.chance(0.08) ? rng.int(1, 4) : null;
  const order: (() => boolean)[] = [
    () => next(3, 12) && (simple('town_reviewed'), true),
    () => next(3, 15) && (simple('county_reviewed'), true),
    () => next(2, 6) && (simple('publicised'), true),
    () => {
      if (!next(7, 12)) return false;
      const level: SelfCareLevel = rng.pick(['self_care', 'partial', 'partial', 'complete']);
      out.push({ kind: 'photo', tag: 'before', line: null });
      out.push({ kind: 'step', step: { step: 'assessed', date, responsible: rng.pick(ASSESSORS), abilityLevel: level, needs: rng.pick(NEEDS) } });
      return true;
    },
    () => {
      if (!next(3, 14)) return false;
      out.push({ kind: 'plan', lines });
      simple('plan_signed');
      return true;
    },
    () => next(5, 20) && (simple('works_started'), out.push({ kind: 'photo', tag: 'during', line: 0 }), true),
    () => next(5, 25) && (simple('works_completed'), true),
    () => {
      if (!next(3, 10)) return false;
      lines.forEach((line, i) => line.subsidised && out.push({ kind: 'photo', tag: 'after', line: i }));
      if (rng.chance(0.12)) {
        out.push({ kind: 'step', step: { step: 'acceptance', date, responsible: clerk(), acceptingBody: '演示县民政局验收组', passed: false, remarks: '扶手安装不牢固，需返工' } });
        if (!next(5, 12)) return false;
        simple('works_completed');
        if (!next(2, 6)) return false;
      }
      out.push({ kind: 'step', step: { step: 'acceptance', date, responsible: clerk(), acceptingBody: '演示县民政局验收组', passed: true } });
      return true;
    },
    () => next(10, 30) && (out.push({ kind: 'pay', date, responsible: clerk(), voucherNumber: `演示凭证${date.replaceAll('-', '')}${rng.int(10, 99)}` }), true),
    () => next(7, 30) && (out.push({ kind: 'step', step: { step: 'satisfaction', date, responsible: clerk(), score: rng.pick([4, 5, 5]), remarks: '老人满意' } }), true),
  ];
  for (let i = 0; i < order.length && i < stepsToTake; i++) {
    if (stop !== null && i === stop) {
      if (next(2, 10)) {
        const withdrawn = rng.chance(0.5);
        out.push({ kind: 'step', step: { step: withdrawn ? 'withdrawn' : 'rejected', date, responsible: clerk(), reason: withdrawn ? '本人放弃改造' : '经核查家庭经济状况不符合条件' } });
      }
      break;
    }
    if (!order[i]!()) break;
  }
  return out;
}

function householdPeople(rng: DemoRandom, layout: CountyLayout, taken: Set<string>, village: { code: string; name: string }): PersonDraft[] {
  const count = rng.chance(0.3) ? 2 : 1;
  return Array.from({ length: count }, (_, i) => {
    const sex = i === 0 ? (rng.chance(0.5) ? 'F' : 'M') : 'F';
    return {
      name: demoPersonName(rng, sex),
      idNumber: demoIdNumber(rng, layout.code, sex, taken, ['1930-01-01', '1956-12-31']),
      hukouDivisionCode: village.code,
      address: `${shortVillageName(village.name)}演示路${rng.int(1, 199)}号`,
      notes: DEMO_NOTE,
    };
  });
}

/**
 * Last year's programme (every case finished) and this year's, applied from January to last month in
 * every state, with a 3 000 元 cap per household, targets by quarter and a local emergency-call item.
 */
export function planRenovations(rng: DemoRandom, layout: CountyLayout, taken: Set<string>, today: string): RenovationsPlan {
  const year = Number(today.slice(0, 4));
  const towns = [...layout.streets, ...layout.towns];
  const cases: CasePlan[] = [];
  if (towns.length > 0) {
    for (const [planYear, count] of [
      [year - 1, 16],
      [year, 36],
    ] as const) {
      const from = `${planYear}-01-05`;
      const to = planYear < year ? `${planYear}-07-31` : addDays(today, -20);
      for (let i = 0; i < count; i++) {
        const town = rng.pick(towns);
        const villages = layout.villagesByTown.get(town.code) ?? [];
        const village = villages.length > 0 ? rng.pick(villages) : { code: town.code, name: town.name };
        const appliedOn = rng.dateBetween(from, to);
        const conditions: HouseholdCondition[] = (['advanced_age', 'disabled_care', 'disability'] as const).filter((c) => rng.chance(c === 'advanced_age' ? 0.6 : 0.3));
        // Last year's all ran to the end; this year's go on until today, except about one in five
        // that stopped somewhere along the way (the stuck list).
        const stepsToTake = planYear < year || rng.chance(0.78) ? 99 : rng.int(0, 9);
        cases.push({
          people: householdPeople(rng, layout, taken, village),
          household: {
            category: weighted(rng, CATEGORY_WEIGHTS),
            conditions,
            townCode: town.code,
            villageCode: village.code === town.code ? null : village.code,
            address: `${shortVillageName(village.name)}演示路${rng.int(1, 199)}号`,
            planYear,
            notes: DEMO_NOTE,
          },
          appliedOn,
          responsible: rng.pick(CLERKS),
          actions: actions(rng, appliedOn, today, stepsToTake),
        });
      }
    }
  }
  cases.sort((a, b) => (a.appliedOn < b.appliedOn ? -1 : a.appliedOn > b.appliedOn ? 1 : 0));
  return {
    cases,
    caps: [{ fromYear: year - 1, capFen: 300_000, note: '演示上限（每户 3 000 元）' }],
    targets: [
      { year: year - 1, quarters: [4, 6, 4, 2], budgetFen: 16 * 300_000 },
      { year, quarters: [8, 12, 10, 6], budgetFen: 36 * 300_000 },
    ],
    localItem: { name: `${DEMO_PERSON_PREFIX}紧急呼叫装置`, category: 'supplies', subsidised: true, unit: '套', referencePriceFen: PRICES.L01!, active: true },
  };
}

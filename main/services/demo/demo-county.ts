import { childrenOf, type Division } from '../../../db/divisions';

/** What a county's demo must reproduce: its 2021 row of the city's table and its centre coverage. */
export interface CountyFigures {
  /** 建设任务 = 已建成 in 2021 (every county completed its tasks). */
  tasks2021: number;
  /** 家床安装户数 in 2021. */
  beds2021: number;
  /** 开展上门服务人次 in 2021. */
  homeVisits2021: number;
  /** Streets and towns with a comprehensive centre that is accepted or operating today. */
  coveredStreets: number;
  coveredTowns: number;
}

/**
 * The 2021 bulletin's 附表 (2021年各县（市、区）居家养老服务站点进展情况表), by county code.
 * Coverage is split so the five demos add up to the city's 6 of 8 streets (75 %) and 33 of 55 towns (60 %).
 */
export const YUNFU_BULLETIN_2021: Readonly<Record<string, CountyFigures>> = {
  '445302': { tasks2021: 13, beds2021: 75, homeVisits2021: 8534, coveredStreets: 3, coveredTowns: 3 }, // 云城区: 4 streets, 4 towns
  '445303': { tasks2021: 15, beds2021: 45, homeVisits2021: 6868, coveredStreets: 0, coveredTowns: 4 }, // 云安区: 7 towns
  '445381': { tasks2021: 29, beds2021: 110, homeVisits2021: 3960, coveredStreets: 3, coveredTowns: 10 }, // 罗定市: 4 streets, 17 towns
  '445321': { tasks2021: 17, beds2021: 60, homeVisits2021: 31035, coveredStreets: 0, coveredTowns: 7 }, // 新兴县: 12 towns
  '445322': { tasks2021: 19, beds2021: 45, homeVisits2021: 43863, coveredStreets: 0, coveredTowns: 9 }, // 郁南县: 15 towns
};

export interface CountyLayout {
  code: string;
  name: string;
  streets: Division[];
  towns: Division[];
  /** Villages and communities of the streets and towns (farms left out), by town code. */
  villagesByTown: Map<string, Division[]>;
}

export function countyLayout(code: string, name: string): CountyLayout {
  const divisions = childrenOf(code);
  const streets = divisions.filter((d) => d.townKind === 'street');
  const towns = divisions.filter((d) => d.townKind === 'town');
  const villagesByTown = new Map<string, Division[]>();
  for (const t of [...streets, ...towns]) villagesByTown.set(t.code, childrenOf(t.code));
  return { code, name, streets, towns, villagesByTown };
}

/** The bulletin's figures for a Yunfu county; a small plausible set for any other county. */
export function figuresFor(layout: CountyLayout): CountyFigures {
  const known = YUNFU_BULLETIN_2021[layout.code];
  if (known) return known;
  // Outside Guangdong the shipped divisions stop at the county: only the county centre can be placed.
  const places = layout.streets.length + layout.towns.length;
  const tasks2021 = places > 0 ? Math.max(4, Math.min(12, places)) : 0;
  return {
    tasks2021,
    beds2021: Math.max(6, tasks2021 * 3),
    homeVisits2021: Math.max(1200, tasks2021 * 420),
    coveredStreets: Math.round(layout.streets.length * 0.7),
    coveredTowns: Math.round(layout.towns.length * 0.65),
  };
}

import type { z } from 'zod';
import type { statRowInput } from '../../contract/areas/service-stats';
import type { ServiceType } from '../../contract/areas/stations';
import { operatingInMonth } from '../stations/lifecycle';
import type { DemoStation } from './demo-beds';
import type { CountyFigures } from './demo-county';
import { apportion, type DemoRandom } from './demo-random';

export type StatRowDraft = z.input<typeof statRowInput>;

/** How home visits and on-site services split over the service types a station offers. */
const HOME_SHARES: Partial<Record<ServiceType, number>> = { visiting: 5, cleaning: 2, medical: 2, bathing: 1, mobility: 1, rehab: 1 };
const ON_SITE_SHARES: Partial<Record<ServiceType, number>> = { culture: 4, day_care: 3, rehab: 2, medical: 2 };
const KIND_WEIGHT = { county_centre: 3, street_centre: 2, town_centre: 2, village_station: 1, canteen: 0 } as const;
/** Home visits grow a little each year after 2021 (per unit of station weight). */
const GROWTH_PER_YEAR = 0.08;

/** Every month from 2021-01 up to the last full month before today. */
export function demoMonths(today: string): string[] {
  const months: string[] = [];
  const current = today.slice(0, 7);
  for (let i = 0; ; i++) {
    const month = `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    if (month >= current) return months;
    months.push(month);
  }
}

function split(total: number, offered: readonly string[], shares: Partial<Record<ServiceType, number>>): [ServiceType, number][] {
  const types = (Object.keys(shares) as ServiceType[]).filter((t) => offered.includes(t));
  if (types.length === 0) return [];
  const parts = apportion(
    total,
    types.map((t) => shares[t]!),
  );
  return types.map((t, i) => [t, parts[i]!]);
}

function mealsFor(rng: DemoRandom, station: DemoStation): number {
  if (!station.services.includes('meals')) return 0;
  switch (station.kind) {
    case 'canteen':
      return rng.int(600, 1500);
    case 'county_centre':
      return rng.int(300, 800);
    case 'village_station':
      return rng.int(20, 120);
    default:
      return rng.int(150, 600);
  }
}

/**
 * One row per operating station and month. 2021's home visits are apportioned so that they add up to
 * exactly the bulletin's figure; the other years use 2021's visits per unit of weight, with growth.
 */
export function planStats(rng: DemoRandom, figures: CountyFigures, stations: DemoStation[], months: string[]): Map<string, StatRowDraft[]> {
  const cells = months.flatMap((month) =>
    stations
      .filter((s) => operatingInMonth(s.lifecycle, month))
      .map((station) => ({ month, station, weight: KIND_WEIGHT[station.kind] * (0.6 + 0.8 * rng.next()), home: 0 })),
  );
  const of2021 = cells.filter((c) => c.month.startsWith('2021-'));
  const shares = apportion(
    figures.homeVisits2021,
    of2021.map((c) => c.weight),
  );
  of2021.forEach((c, i) => (c.home = shares[i]!));
  const weight2021 = of2021.reduce((sum, c) => sum + c.weight, 0);
  const perWeight = weight2021 > 0 ? figures.homeVisits2021 / weight2021 : 0;
  for (const c of cells) {
    const year = Number(c.month.slice(0, 4));
    if (year !== 2021) c.home = Math.round(c.weight * perWeight * (1 + GROWTH_PER_YEAR * (year - 2021)));
  }
  const byMonth = new Map<string, StatRowDraft[]>(months.map((m) => [m, []]));
  for (const c of cells) {
    const onSite = c.station.kind === 'canteen' ? rng.int(50, 200) : Math.round(c.home * (1.8 + 1.8 * rng.next()));
    const services: StatRowDraft['services'] = {};
    for (const [type, home] of split(c.home, c.station.services, HOME_SHARES)) services[type] = { home, onSite: 0 };
    for (const [type, count] of split(onSite, c.station.services, ON_SITE_SHARES)) {
      services[type] = { home: services[type]?.home ?? 0, onSite: count };
    }
    byMonth.get(c.month)!.push({ stationId: c.station.id, meals: mealsFor(rng, c.station), services });
  }
  return byMonth;
}

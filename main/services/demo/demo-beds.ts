import type { z } from 'zod';
import type { Division } from '../../../db/divisions';
import { BED_DEVICES, type bedInput } from '../../contract/areas/family-beds';
import type { personInput } from '../../contract/areas/people';
import type { StationKind } from '../../contract/areas/stations';
import { stateOn, type Lifecycle } from '../stations/lifecycle';
import type { CountyFigures, CountyLayout } from './demo-county';
import { DEMO_NOTE, demoIdNumber, demoPersonName, shortVillageName } from './demo-names';
import { addDays } from '../calendar';
import type { DemoRandom } from './demo-random';

export type PersonDraft = z.input<typeof personInput>;
export type BedDraft = Omit<z.input<typeof bedInput>, 'personId' | 'stationId'>;

/** A station as created, with what the bed and statistics plans need. */
export interface DemoStation {
  id: string;
  kind: StationKind;
  townCode: string | null;
  villageCode: string | null;
  lifecycle: Lifecycle;
  services: string[];
}

/** One person and their beds in install order (a second bed only after the first has ended). */
export interface BedHolderPlan {
  person: PersonDraft;
  beds: { stationId: string; bed: BedDraft }[];
}

const END_REASONS = ['老人逝世', '入住养老机构', '迁出本县', '本人申请撤床'];

/** Installs per year: the bulletin's count in 2021, a head start in late 2020, steady growth after. */
function installDates(rng: DemoRandom, figures: CountyFigures, today: string): string[] {
  const lastDay = addDays(today, -1);
  const dates: string[] = [];
  const add = (count: number, from: string, to: string) => {
    const end = to < lastDay ? to : lastDay;
    for (let i = 0; i < count && from <= end; i++) dates.push(rng.dateBetween(from, end));
  };
  add(Math.round(figures.beds2021 * 0.3), '2020-10-01', '2020-12-31');
  add(figures.beds2021, '2021-01-01', '2021-12-31');
  for (let year = 2022; `${year}-01-01` <= lastDay; year++) add(Math.round(figures.beds2021 * 0.5), `${year}-01-01`, `${year}-12-31`);
  return dates.sort();
}

function operatingOn(station: DemoStation, day: string): boolean {
  return station.kind !== 'canteen' && stateOn(station.lifecycle, day) === 'operating';
}

function devices(rng: DemoRandom): BedDraft['devices'] {
  const optional = BED_DEVICES.filter((d) => d !== 'gateway' && d !== 'emergency_button' && d !== 'other');
  return ['gateway', 'emergency_button', ...optional.filter(() => rng.chance(0.5))];
}

function homeOf(rng: DemoRandom, layout: CountyLayout, station: DemoStation): Division | null {
  const villages = station.townCode ? layout.villagesByTown.get(station.townCode) : [...layout.villagesByTown.values()].flat();
  if (station.villageCode) return villages?.find((v) => v.code === station.villageCode) ?? null;
  return villages && villages.length > 0 ? rng.pick(villages) : null;
}

/**
 * People with family beds: each bed installed with a station operating that day (the guidance centre
 * when no other is), some ended, and a few people given a second bed after the first ended (never in
 * 2021, so the year's count stays the bulletin's).
 */
export function planBeds(
  rng: DemoRandom,
  layout: CountyLayout,
  figures: CountyFigures,
  stations: DemoStation[],
  today: string,
): BedHolderPlan[] {
  const fallback = stations.find((s) => s.kind === 'county_centre')!;
  const takenIds = new Set<string>();
  const lastDay = addDays(today, -1);
  const stationOn = (day: string) => {
    const open = stations.filter((s) => operatingOn(s, day));
    return open.length > 0 ? rng.pick(open) : fallback;
  };
  return installDates(rng, figures, today).map((installDate) => {
    const station = stationOn(installDate);
    const sex = rng.chance(0.6) ? 'F' : 'M';
    const home = homeOf(rng, layout, station);
    const person: PersonDraft = {
      name: demoPersonName(rng, sex),
      idNumber: demoIdNumber(rng, layout.code, sex, takenIds),
      hukouDivisionCode: home?.code ?? layout.code,
      address: `${home ? shortVillageName(home.name) : layout.name}演示路${rng.int(1, 199)}号`,
      notes: DEMO_NOTE,
    };
    const first: BedDraft = { installDate, devices: devices(rng), endDate: null, notes: DEMO_NOTE };
    const beds = [{ stationId: station.id, bed: first }];
    const endBy = addDays(installDate, rng.int(45, 900));
    if (installDate < addDays(today, -400) && rng.chance(0.12) && endBy <= lastDay) {
      first.endDate = endBy;
      first.endReason = rng.pick(END_REASONS);
      const again = addDays(endBy, rng.int(10, 90));
      if (first.endReason === '本人申请撤床' && again <= lastDay && !again.startsWith('2021')) {
        const next = stationOn(again);
        beds.push({ stationId: next.id, bed: { installDate: again, devices: devices(rng), endDate: null, notes: `${DEMO_NOTE}；重新申请` } });
      }
    }
    return { person, beds };
  });
}

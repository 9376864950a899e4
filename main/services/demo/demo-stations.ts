import type { z } from 'zod';
import type { Division } from '../../../db/divisions';
import { LIFECYCLE_STEPS, type LifecycleStep, type ServiceType, type StationKind, type stationInput } from '../../contract/areas/stations';
import type { CountyFigures, CountyLayout } from './demo-county';
import { DEMO_NOTE, DEMO_STATION_SUFFIX, demoCreditCode, shortVillageName } from './demo-names';
import { addDays } from '../calendar';
import type { DemoRandom } from './demo-random';

export type StationDraft = z.input<typeof stationInput>;
type Lifecycle = Record<LifecycleStep, string | null>;

interface Spec {
  kind: StationKind;
  town: Division | null;
  village: Division | null;
  taskYear: number;
  /** Window for the planned date; the later steps follow at plausible intervals. */
  planned: [string, string];
  /** The last step reached (before any suspension or closure). */
  reach: LifecycleStep;
  /** Completion no later than this (tasks of a year are built within it). */
  completedBy?: string;
  end?: { step: 'suspended' | 'closed'; window: [string, string] };
  quick?: boolean;
}

const CENTRE_SERVICES: ServiceType[] = ['meals', 'cleaning', 'bathing', 'medical', 'rehab', 'visiting', 'day_care', 'culture'];
const ALL_SERVICES: ServiceType[] = [...CENTRE_SERVICES, 'mobility'];

function lifecycleOf(rng: DemoRandom, spec: Spec, today: string): Lifecycle {
  const dates: Lifecycle = { planned: null, construction: null, completed: null, accepted: null, operating: null, suspended: null, closed: null };
  const gaps: Record<'construction' | 'completed' | 'accepted' | 'operating', [number, number]> = spec.quick
    ? { construction: [20, 30], completed: [90, 110], accepted: [10, 20], operating: [3, 10] }
    : { construction: [20, 60], completed: [90, 190], accepted: [10, 45], operating: [3, 25] };
  let date = rng.dateBetween(...spec.planned);
  dates.planned = date;
  for (const step of ['construction', 'completed', 'accepted', 'operating'] as const) {
    if (LIFECYCLE_STEPS.indexOf(step) > LIFECYCLE_STEPS.indexOf(spec.reach)) break;
    date = addDays(date, rng.int(...gaps[step]));
    if (step === 'completed' && spec.completedBy && date > spec.completedBy) date = spec.completedBy;
    dates[step] = date;
  }
  if (spec.end) dates[spec.end.step] = rng.dateBetween(...spec.end.window);
  // Nothing is recorded ahead of today: a step not reached yet stays empty, and so do those after it.
  let cut = false;
  for (const step of LIFECYCLE_STEPS) {
    if (dates[step] && (cut || dates[step]! > today)) {
      dates[step] = null;
      cut = true;
    }
  }
  return dates;
}

function nameOf(layout: CountyLayout, spec: Spec): string {
  const town = spec.town?.name ?? '';
  switch (spec.kind) {
    case 'county_centre':
      return `${layout.name}居家养老服务指导中心${DEMO_STATION_SUFFIX}`;
    case 'street_centre':
    case 'town_centre':
      return `${town}综合养老服务中心${DEMO_STATION_SUFFIX}`;
    case 'village_station':
      return `${town}${shortVillageName(spec.village?.name ?? '')}居家养老服务站${DEMO_STATION_SUFFIX}`;
    case 'canteen':
      return `${town}长者饭堂${DEMO_STATION_SUFFIX}`;
  }
}

/** Three fictitious operators per county: two commissioned third parties and one local organisation. */
function operatorsOf(layout: CountyLayout) {
  return [
    { name: `演示${layout.name}颐康社会工作服务中心`, code: demoCreditCode('social', layout.code, 1) },
    { name: `演示长青居家养老服务有限公司（${layout.name}）`, code: demoCreditCode('company', layout.code, 2) },
    { name: `演示${layout.name}乐龄互助服务社`, code: demoCreditCode('social', layout.code, 3) },
  ];
}

function draftOf(rng: DemoRandom, layout: CountyLayout, spec: Spec, today: string, index: number): StationDraft {
  const lifecycle = lifecycleOf(rng, spec, today);
  const operators = operatorsOf(layout);
  const big = spec.kind === 'county_centre';
  const centre = spec.kind === 'street_centre' || spec.kind === 'town_centre';
  const village = spec.kind === 'village_station';
  const operator = big
    ? { mode: 'commissioned' as const, ...operators[0]! }
    : centre
      ? index % 3 === 2
        ? { mode: 'local' as const, ...operators[2]! }
        : { mode: 'commissioned' as const, ...operators[index % 2]! }
      : spec.kind === 'canteen'
        ? { mode: 'commissioned' as const, ...operators[1]! }
        : rng.chance(0.5)
          ? { mode: 'local' as const, ...operators[2]! }
          : null;
  const services: ServiceType[] = big
    ? ALL_SERVICES
    : centre
      ? CENTRE_SERVICES
      : village
        ? (['visiting', 'cleaning', 'culture', ...(rng.chance(0.3) ? ['meals'] : []), ...(rng.chance(0.4) ? ['medical'] : [])] as ServiceType[])
        : ['meals', 'culture'];
  const townName = spec.town?.name ?? '';
  const villageName = spec.village ? shortVillageName(spec.village.name) : '';
  const agreementStart = lifecycle.operating;
  const partner = big
    ? { name: `演示${layout.name}人民医院`, type: 'hospital' as const }
    : village
      ? { name: `演示${villageName}卫生站`, type: 'village_clinic' as const }
      : { name: `演示${townName}卫生院`, type: 'township_health_centre' as const };
  const tcmBase = centre && lifecycle.operating && index % 4 === 1 ? addDays(lifecycle.operating, 180) : null;
  return {
    name: nameOf(layout, spec),
    kind: spec.kind,
    townCode: spec.town?.code ?? null,
    villageCode: spec.village?.code ?? null,
    address: `${townName}${villageName}演示路${rng.int(1, 99)}号`,
    taskYear: spec.taskYear,
    fundingFen: (big ? rng.int(150, 300) : centre ? rng.int(50, 120) : village ? rng.int(5, 15) : rng.int(10, 30)) * 1_000_000,
    lifecycle,
    operatingMode: operator?.mode ?? 'self',
    operatorName: operator?.name ?? null,
    operatorCreditCode: operator?.code ?? null,
    floorArea: big ? rng.int(1200, 1800) : centre ? rng.int(400, 900) : village ? rng.int(80, 200) : rng.int(120, 250),
    beds: big ? rng.int(20, 40) : centre ? rng.int(10, 30) : village ? rng.int(0, 6) : 0,
    staff: big ? rng.int(12, 20) : centre ? rng.int(5, 12) : village ? rng.int(1, 3) : rng.int(2, 5),
    services,
    medicalPartnerName: agreementStart ? partner.name : null,
    medicalPartnerType: agreementStart ? partner.type : null,
    medicalAgreementStart: agreementStart,
    medicalAgreementEnd: agreementStart ? addDays(agreementStart, 3 * 365) : null,
    tcmBaseDate: tcmBase && tcmBase <= today ? tcmBase : null,
    oneStopSettlement: big,
    notes: DEMO_NOTE,
  };
}

/**
 * The county's stations: the guidance centre (2020), a comprehensive centre in each covered street and
 * town (tasks of 2020 and 2021), village stations of 2020–2023, a canteen (2022), and a few centres that
 * do not cover their place yet (under construction, awaiting acceptance, suspended). 2021 has exactly
 * `figures.tasks2021` tasks, all completed within 2021.
 */
export function planStations(rng: DemoRandom, layout: CountyLayout, figures: CountyFigures, today: string): StationDraft[] {
  const coveredStreets = rng.shuffled(layout.streets).slice(0, figures.coveredStreets);
  const coveredTowns = rng.shuffled(layout.towns).slice(0, figures.coveredTowns);
  const uncoveredStreets = layout.streets.filter((s) => !coveredStreets.includes(s));
  const uncoveredTowns = layout.towns.filter((t) => !coveredTowns.includes(t));
  const villages = rng.shuffled([...layout.villagesByTown.values()].flat());
  const townOf = (village: Division) => [...layout.streets, ...layout.towns].find((t) => t.code === village.parent) ?? null;
  let nextVillage = 0;
  const villageSpec = (taskYear: number, extra: Partial<Spec> = {}): Spec | null => {
    const village = villages[nextVillage++];
    if (!village) return null;
    return { kind: 'village_station', town: townOf(village), village, taskYear, planned: [`${taskYear}-01-10`, `${taskYear}-04-30`], reach: 'operating', ...extra };
  };

  const specs: (Spec | null)[] = [];
  specs.push({ kind: 'county_centre', town: null, village: null, taskYear: 2020, planned: ['2020-01-06', '2020-01-20'], reach: 'operating', quick: true });

  const centres = [
    ...coveredStreets.map((town) => ({ kind: 'street_centre' as const, town })),
    ...coveredTowns.map((town) => ({ kind: 'town_centre' as const, town })),
  ];
  const centres2021 = Math.max(0, Math.min(Math.ceil(centres.length / 2), figures.tasks2021 - 3));
  const tasks2021: Spec = { kind: 'village_station', town: null, village: null, taskYear: 2021, planned: ['2021-01-05', '2021-03-31'], reach: 'operating', completedBy: '2021-12-20' };
  centres.forEach((c, i) => {
    const in2021 = i >= centres.length - centres2021;
    specs.push(
      in2021
        ? { ...tasks2021, ...c }
        : { ...c, village: null, taskYear: 2020, planned: ['2020-01-10', '2020-04-30'], reach: 'operating' },
    );
  });

  if (villages.length > 0) {
    const villages2020 = Math.max(2, Math.round(figures.tasks2021 * 0.5));
    for (let i = 0; i < villages2020; i++) {
      specs.push(villageSpec(2020, i === 0 ? { end: { step: 'closed', window: ['2024-03-01', '2024-09-30'] } } : {}));
    }
    for (let i = 0; i < figures.tasks2021 - centres2021; i++) {
      const { kind: _k, town: _t, village: _v, ...timing } = tasks2021;
      specs.push(villageSpec(2021, { ...timing, ...(i === 1 ? { end: { step: 'suspended', window: ['2025-01-01', '2025-06-30'] } } : {}) }));
    }
    const villages2022 = Math.max(2, Math.round(figures.tasks2021 * 0.3));
    for (let i = 0; i < villages2022; i++) specs.push(villageSpec(2022, i === villages2022 - 1 ? { reach: 'accepted' } : {}));
    const reach2023: LifecycleStep[] = ['completed', 'construction', 'planned'];
    const villages2023 = Math.max(3, Math.round(figures.tasks2021 * 0.2));
    for (let i = 0; i < villages2023; i++) specs.push(villageSpec(2023, { reach: reach2023[i] ?? 'operating' }));
    const canteenTown = coveredStreets[0] ?? coveredTowns[0] ?? layout.towns[0] ?? layout.streets[0];
    if (canteenTown) {
      specs.push({ kind: 'canteen', town: canteenTown, village: null, taskYear: 2022, planned: ['2022-02-01', '2022-04-30'], reach: 'operating' });
    }
  }

  // Centres that do not (yet) cover their place: the coverage report lists these places as uncovered.
  const [firstTown, secondTown] = uncoveredTowns;
  if (firstTown) specs.push({ kind: 'town_centre', town: firstTown, village: null, taskYear: 2023, planned: ['2023-02-01', '2023-04-30'], reach: 'construction' });
  if (uncoveredStreets[0]) {
    specs.push({ kind: 'street_centre', town: uncoveredStreets[0], village: null, taskYear: 2023, planned: ['2023-02-01', '2023-04-30'], reach: 'completed' });
  }
  if (secondTown) {
    specs.push({
      kind: 'town_centre',
      town: secondTown,
      village: null,
      taskYear: 2022,
      planned: ['2022-01-10', '2022-03-31'],
      reach: 'operating',
      end: { step: 'suspended', window: ['2025-07-01', '2025-10-31'] },
    });
  }

  return specs.filter((s): s is Spec => s !== null).map((spec, i) => draftOf(rng, layout, spec, today, i));
}

import type { z } from 'zod';
import type { Division } from '../../../db/divisions';
import type { admissionInput } from '../../contract/areas/residents';
import type { institutionInput, standardInput } from '../../contract/areas/welfare-homes';
import type { ExitReason, ResidentCategory, SelfCareTask } from '../../contract/areas/welfare-enums';
import { SELF_CARE_TASKS } from '../../contract/areas/welfare-enums';
import type { PersonDraft } from './demo-beds';
import type { CountyLayout } from './demo-county';
import { DEMO_NOTE, DEMO_PERSON_PREFIX, DEMO_STATION_SUFFIX, demoIdNumber, demoPersonName, shortVillageName } from './demo-names';
import { addDays } from '../calendar';
import type { DemoRandom } from './demo-random';

export type InstitutionDraft = z.input<typeof institutionInput>;
export type StandardDraft = z.input<typeof standardInput>;
type AdmissionDraft = z.input<typeof admissionInput>;

export interface BedRef {
  room: string;
  label: string;
}

export interface InstitutionPlan {
  draft: InstitutionDraft;
  rooms: { room: string; labels: string[]; nursing: boolean }[];
}

/** What happens to a stay after its admission, in date order. */
export type PlannedEvent =
  | { kind: 'move'; date: string; bed: BedRef; reason: string }
  | { kind: 'leave'; date: string; leaveKind: 'hospital' | 'family' }
  | { kind: 'return'; date: string }
  | { kind: 'reassess'; date: string; failedTasks: SelfCareTask[]; assessor: string }
  | { kind: 'exit'; date: string; exitReason: ExitReason };

export interface StayPlan {
  institution: number;
  bed: BedRef;
  admission: Omit<AdmissionDraft, 'institutionId' | 'bedId'>;
  events: PlannedEvent[];
}

export interface HomesPlan {
  institutions: InstitutionPlan[];
  stays: StayPlan[];
  standards: StandardDraft[];
}

const ASSESSORS = ['演示评估员陈敏', '演示评估员黄志华', '演示评估员梁小燕'];
const yuan = (n: number) => n * 100;

/**
 * Two versions of the allowance standard with plainly fictitious county amounts (the app seeds only
 * the province's 2025-07 orphan minimum; a county sets the rest).
 */
function standards(): StandardDraft[] {
  return [
    {
      effectiveFrom: '2024-01-01',
      note: '演示标准（虚构金额）',
      basicLivingFen: yuan(1300),
      careSelfCareConcentratedFen: yuan(280),
      carePartialConcentratedFen: yuan(700),
      careCompleteConcentratedFen: yuan(1400),
      careSelfCareDispersedFen: yuan(140),
      carePartialDispersedFen: yuan(420),
      careCompleteDispersedFen: yuan(840),
      orphanConcentratedFen: yuan(2200),
      orphanDispersedFen: yuan(1780),
    },
    {
      effectiveFrom: '2026-01-01',
      note: '演示标准（虚构金额）',
      basicLivingFen: yuan(1390),
      careSelfCareConcentratedFen: yuan(300),
      carePartialConcentratedFen: yuan(750),
      careCompleteConcentratedFen: yuan(1500),
      careSelfCareDispersedFen: yuan(150),
      carePartialDispersedFen: yuan(450),
      careCompleteDispersedFen: yuan(900),
      orphanConcentratedFen: yuan(2335),
      orphanDispersedFen: yuan(1891),
    },
  ];
}

function rooms(floors: number[], perFloor: number, bedsPerRoom: number, nursingRooms: number) {
  const list: InstitutionPlan['rooms'] = [];
  for (const floor of floors) {
    for (let r = 1; r <= perFloor; r++) {
      const labels = Array.from({ length: bedsPerRoom }, (_, i) => String(i + 1));
      list.push({ room: `${floor}${String(r).padStart(2, '0')}`, labels, nursing: list.length < nursingRooms });
    }
  }
  return list;
}

function institutionDraft(
  rng: DemoRandom,
  name: string,
  type: InstitutionDraft['type'],
  town: Division,
  layout: CountyLayout,
  plan: InstitutionPlan['rooms'],
): InstitutionDraft {
  const total = plan.reduce((n, r) => n + r.labels.length, 0);
  const nursing = plan.filter((r) => r.nursing).reduce((n, r) => n + r.labels.length, 0);
  const village = layout.villagesByTown.get(town.code)?.[0];
  return {
    name,
    type,
    townCode: town.code,
    villageCode: village?.code ?? null,
    address: `${village ? shortVillageName(village.name) : town.name}演示路${rng.int(1, 99)}号`,
    operatorName: type === 'welfare_centre' ? null : `${DEMO_PERSON_PREFIX}${town.name}敬老院管理委员会`,
    totalBeds: total + rng.int(0, 4),
    nursingBeds: nursing,
    medicalRoom: type === 'welfare_centre' || rng.chance(0.6),
    medicalStaff: type === 'welfare_centre' ? 4 : rng.int(0, 2),
    oneStopSettlement: type === 'welfare_centre',
    licenseNumber: null,
    registeredOn: rng.dateBetween('2012-01-01', '2019-12-31'),
    licenseAuthority: `${layout.name}民政局`,
    notes: DEMO_NOTE,
  };
}

/** Six-task failures: about half fully self-caring, a third partial, the rest complete. */
function failedTasks(rng: DemoRandom, frailty: number): SelfCareTask[] {
  const roll = rng.next() + frailty;
  const count = roll < 0.5 ? 0 : roll < 0.85 ? rng.int(1, 3) : rng.int(4, 6);
  // Bathing and walking go first, eating last.
  const order: SelfCareTask[] = ['bathe', 'walk', 'toilet', 'dress', 'transfer', 'eat'];
  return order.slice(0, count).filter((t) => SELF_CARE_TASKS.includes(t));
}

/** Yearly reassessments (some skipped, so a few are overdue), an occasional hospital stay, maybe an exit. */
function lifeOf(rng: DemoRandom, admittedOn: string, lastDay: string, exit: { date: string; reason: ExitReason } | null): PlannedEvent[] {
  const end = exit ? exit.date : lastDay;
  const events: PlannedEvent[] = [];
  let frailty = 0;
  for (let year = 1; ; year++) {
    const due = addDays(admittedOn, 365 * year + rng.int(-20, 10));
    if (due >= end) break;
    if (rng.chance(0.8)) {
      frailty += 0.12;
      events.push({ kind: 'reassess', date: due, failedTasks: failedTasks(rng, frailty), assessor: rng.pick(ASSESSORS) });
    }
  }
  const span = Math.floor((Date.parse(end) - Date.parse(admittedOn)) / 86_400_000);
  if (span > 120 && rng.chance(0.35)) {
    const leave = addDays(admittedOn, rng.int(30, span - 60));
    const back = addDays(leave, rng.int(4, 25));
    const clash = events.some((e) => e.date >= leave && e.date <= back);
    if (!clash && back < end) events.push({ kind: 'leave', date: leave, leaveKind: rng.chance(0.8) ? 'hospital' : 'family' }, { kind: 'return', date: back });
  }
  if (exit) events.push({ kind: 'exit', date: exit.date, exitReason: exit.reason });
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function elderlyAdmission(
  rng: DemoRandom,
  layout: CountyLayout,
  town: Division,
  taken: Set<string>,
  admittedOn: string,
  category: ResidentCategory,
): StayPlan['admission'] {
  const sex = rng.chance(0.55) ? 'M' : 'F';
  const born: [string, string] = category === 'tekun_disabled' ? ['1966-01-01', '1990-12-31'] : ['1930-01-01', '1956-12-31'];
  const village = rng.pick(layout.villagesByTown.get(town.code) ?? [town]);
  const person: PersonDraft = {
    name: demoPersonName(rng, sex),
    idNumber: demoIdNumber(rng, layout.code, sex, taken, born),
    hukouDivisionCode: village.code,
    address: `${shortVillageName(village.name)}演示路${rng.int(1, 199)}号`,
    notes: DEMO_NOTE,
  };
  return {
    person,
    admittedOn,
    details: {
      category,
      supportForm: 'concentrated',
      schoolingExtension: false,
      guardianName: `${DEMO_PERSON_PREFIX}${village.name.slice(0, 2)}村委会`,
      guardianRelation: '村委会',
      notes: DEMO_NOTE,
    },
    assessment: { method: 'six_task', assessedOn: admittedOn, assessor: rng.pick(ASSESSORS), failedTasks: failedTasks(rng, 0) },
  };
}

const EXIT_REASONS_ELDERLY: ExitReason[] = ['death', 'death', 'death', 'voluntary', 'transfer_out', 'regained_support'];

/**
 * Fills the beds of a nursing home: each of about three quarters of the beds gets a first resident
 * (admitted 2022 to last month); about a quarter of those left (mostly deaths), and most of their
 * beds were taken again later. Beds never used stay free for moves.
 */
function fillBeds(
  rng: DemoRandom,
  layout: CountyLayout,
  town: Division,
  index: number,
  plan: InstitutionPlan,
  taken: Set<string>,
  today: string,
  categories: (rng: DemoRandom) => ResidentCategory,
): StayPlan[] {
  const lastDay = addDays(today, -1);
  const beds = plan.rooms.flatMap((r) => r.labels.map((label) => ({ room: r.room, label })));
  const used = beds.slice(0, Math.round(beds.length * 0.75));
  const stays: StayPlan[] = [];
  for (const bed of used) {
    const admittedOn = rng.dateBetween('2022-01-01', addDays(today, -40));
    const exits = rng.chance(0.25) && admittedOn < addDays(today, -200);
    const exit = exits ? { date: rng.dateBetween(addDays(admittedOn, 90), addDays(today, -60)), reason: rng.pick(EXIT_REASONS_ELDERLY) } : null;
    stays.push({
      institution: index,
      bed,
      admission: elderlyAdmission(rng, layout, town, taken, admittedOn, categories(rng)),
      events: lifeOf(rng, admittedOn, lastDay, exit),
    });
    if (exit && rng.chance(0.8)) {
      const next = addDays(exit.date, rng.int(7, 45));
      if (next < addDays(today, -5)) {
        stays.push({ institution: index, bed, admission: elderlyAdmission(rng, layout, town, taken, next, categories(rng)), events: lifeOf(rng, next, lastDay, null) });
      }
    }
  }
  // One resident moved to a free bed (a nursing room when frailer), one away in hospital for weeks now.
  const free = beds.slice(used.length);
  const current = stays.filter((s) => !s.events.some((e) => e.kind === 'exit'));
  const mover = current.find((s) => s.admission.admittedOn < addDays(today, -120));
  if (mover && free.length > 0) {
    const date = addDays(mover.admission.admittedOn, 60);
    const clash = mover.events.some((e) => (e.kind === 'leave' || e.kind === 'return') && Math.abs(Date.parse(e.date) - Date.parse(date)) < 40 * 86_400_000);
    if (!clash) {
      mover.events.push({ kind: 'move', date, bed: free[0]!, reason: '调整至护理区' });
      mover.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    }
  }
  const away = current.find((s) => s !== mover && s.admission.admittedOn < addDays(today, -60) && s.events.every((e) => e.date < addDays(today, -45)));
  if (away) away.events.push({ kind: 'leave', date: addDays(today, -42), leaveKind: 'hospital' });
  return stays;
}

/** Children in the county's welfare centre: orphans and one child without de-facto support; one turns 18 soon. */
function children(rng: DemoRandom, layout: CountyLayout, town: Division, index: number, plan: InstitutionPlan, taken: Set<string>, today: string): StayPlan[] {
  const beds = plan.rooms.filter((r) => r.room.startsWith('3')).flatMap((r) => r.labels.map((label) => ({ room: r.room, label })));
  const stays: StayPlan[] = [];
  const eighteenth = (birth: string) => `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`;
  const births = [
    addDays(`${Number(today.slice(0, 4)) - 18}${today.slice(4)}`, 50), // turns 18 in 50 days
    rng.dateBetween('2011-01-01', '2013-12-31'),
    rng.dateBetween('2014-01-01', '2017-12-31'),
    rng.dateBetween('2015-01-01', '2019-12-31'),
  ];
  births.forEach((birth, i) => {
    const bed = beds[i];
    if (!bed || eighteenth(birth) <= today) return;
    const sex = i % 2 === 0 ? 'M' : 'F';
    const admittedOn = rng.dateBetween(addDays(birth, 365 * 3), addDays(today, -90));
    const person: PersonDraft = {
      name: demoPersonName(rng, sex, true),
      idNumber: demoIdNumber(rng, layout.code, sex, taken, [birth, birth]),
      hukouDivisionCode: town.code,
      notes: DEMO_NOTE,
    };
    stays.push({
      institution: index,
      bed,
      admission: {
        person,
        admittedOn,
        details: {
          category: i === 3 ? 'de_facto_unsupported' : 'orphan',
          supportForm: 'concentrated',
          schoolingExtension: false,
          guardianName: `${layout.name}民政局（演示）`,
          guardianRelation: '监护机构',
          notes: DEMO_NOTE,
        },
        assessment: { method: 'six_task', assessedOn: admittedOn, assessor: rng.pick(ASSESSORS), failedTasks: [] },
      },
      events: lifeOf(rng, admittedOn, addDays(today, -1), null).filter((e) => e.kind === 'reassess').map((e) => ({ ...e, failedTasks: [] })),
    });
  });
  return stays;
}

/**
 * The county's welfare centre (elderly, disabled adults and children) and a 敬老院 in each of up to
 * three towns, with their bed registers and residents' histories up to yesterday.
 */
export function planHomes(rng: DemoRandom, layout: CountyLayout, taken: Set<string>, today: string): HomesPlan {
  const places = [...layout.streets, ...layout.towns];
  if (places.length === 0) return { institutions: [], stays: [], standards: standards() };
  const seat = places[0]!;
  const institutions: InstitutionPlan[] = [];
  const stays: StayPlan[] = [];

  const centreRooms = [...rooms([1, 2], 5, 3, 4), ...rooms([3], 2, 2, 0)];
  institutions.push({
    rooms: centreRooms,
    draft: institutionDraft(rng, `${layout.name}社会福利服务中心${DEMO_STATION_SUFFIX}`, 'welfare_centre', seat, layout, centreRooms),
  });
  const elderlyRooms = { ...institutions[0]!, rooms: centreRooms.filter((r) => !r.room.startsWith('3')) };
  stays.push(...fillBeds(rng, layout, seat, 0, elderlyRooms, taken, today, (r) => (r.chance(0.2) ? 'tekun_disabled' : 'tekun_elderly')));
  stays.push(...children(rng, layout, seat, 0, institutions[0]!, taken, today));

  for (const town of rng.shuffled(layout.towns).slice(0, 3)) {
    const homeRooms = rooms([1], rng.int(5, 8), 3, 2);
    const index = institutions.length;
    institutions.push({ rooms: homeRooms, draft: institutionDraft(rng, `${town.name}敬老院${DEMO_STATION_SUFFIX}`, 'nursing_home', town, layout, homeRooms) });
    stays.push(...fillBeds(rng, layout, town, index, institutions[index]!, taken, today, (r) => (r.chance(0.1) ? 'tekun_disabled' : 'tekun_elderly')));
  }
  return { institutions, stays, standards: standards() };
}

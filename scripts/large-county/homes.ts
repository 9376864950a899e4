import { getDivision } from '../../db/divisions';
import { addDays, ageOn, birthdayAt } from '../../main/services/calendar';
import { namePinyin } from '../../main/services/people/pinyin';
import { replay, type StayEvent } from '../../main/services/residents/derive';
import { auditName, isChildStay } from '../../main/services/residents/resident-view';
import { SELF_CARE_TASKS, selfCareLevel, type ExitReason, type ResidentCategory } from '../../main/contract/areas/welfare-enums';
import { FIRST_DAY, LARGE_TODAY, inBatches, scaled, stampOn, type Gen } from './context';
import type { GenPerson, PeoplePlan } from './people';

interface GenBed {
  id: string;
  /** Free from this day on (every stay admitted so far has left it by then). */
  freeFrom: string;
}

interface GenInstitution {
  id: string;
  name: string;
  beds: GenBed[];
}

interface EventDraft {
  kind: 'admit' | 'move' | 'leave' | 'return' | 'reassess' | 'exit';
  date: string;
  institutionId: string | null;
  bedId: string | null;
  leaveKind: 'hospital' | 'family' | 'other' | null;
  exitReason: ExitReason | null;
}

export interface StayDraft {
  person: GenPerson;
  category: ResidentCategory;
  institution: GenInstitution;
  events: EventDraft[];
}

const TYPES = ['welfare_home', 'welfare_home', 'nursing_home', 'welfare_centre', 'other'] as const;

/** Institutions of the county with their bed registers (written now: nobody's id is needed). */
export function writeInstitutions(gen: Gen, people: PeoplePlan): GenInstitution[] {
  const rng = gen.rng('institutions');
  const count = scaled(gen, 60);
  const county = getDivision(gen.countyCode)?.name ?? '';
  const insertHome = gen.db.prepare(
    `INSERT INTO institution (id, name, name_pinyin, name_initials, type, town_code, village_code, address, operator_name, operator_credit_code, total_beds, nursing_beds,
       medical_room, medical_staff, one_stop_settlement, license_number, registered_on, license_authority, closed_on, notes, version, created_at, updated_at, updated_by,
       updated_installation) VALUES (?,?,?,?,?,?,NULL,?,?,NULL,?,?,?,?,?,NULL,?,?,NULL,NULL,1,?,?,?,?)`,
  );
  const insertBed = gen.db.prepare(
    `INSERT INTO institution_bed (id, institution_id, room, label, nursing, retired_on, version, created_at, updated_at, updated_by, updated_installation)
     VALUES (?,?,?,?,?,NULL,1,?,?,?,?)`,
  );
  const homes: GenInstitution[] = [];
  const names = new Set<string>();
  inBatches(gen, 'institutions', Array.from({ length: count }, (_, i) => i), (i) => {
    const place = people.places[i % people.places.length]!;
    const type = i === 0 ? 'welfare_centre' : TYPES[i % TYPES.length]!;
    const base = i === 0 ? `${county}社会福利中心` : type === 'nursing_home' ? `${place.town.name}颐年护养院` : `${place.town.name}${type === 'welfare_home' ? '敬老院' : '康养中心'}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}分院`;
    names.add(name);
    const total = rng.int(60, 250);
    const nursing = Math.floor(total * rng.int(20, 60) / 100);
    const at = stampOn(rng, FIRST_DAY);
    const id = gen.id(at);
    const { full, initials } = namePinyin(name);
    insertHome.run(id, name, full, initials, type, place.town.code, `${place.town.name}${rng.int(1, 99)}号`, type === 'nursing_home' ? `${name}有限公司` : null,
      total, nursing, rng.chance(0.7) ? 1 : 0, rng.int(0, 8), rng.chance(0.3) ? 1 : 0, addDays('2008-01-01', rng.int(0, 3000)), `${county}民政局`, at, at, gen.staffId, gen.installationId);
    gen.audit.push({ at, action: 'create', entity: 'institution', entityId: id, summary: name, after: null });
    const beds: GenBed[] = [];
    for (let b = 0; b < total; b++) {
      const bedId = gen.id(at);
      const room = `${Math.floor(b / 30) + 1}${String(Math.floor((b % 30) / 3) + 1).padStart(2, '0')}`;
      insertBed.run(bedId, id, room, `${(b % 3) + 1}床`, b < nursing ? 1 : 0, at, at, gen.staffId, gen.installationId);
      beds.push({ id: bedId, freeFrom: FIRST_DAY });
    }
    gen.audit.push({ at, action: 'create', entity: 'institution-bed', entityId: id, summary: `${name} ${total}`, after: null });
    homes.push({ id, name, beds });
  }, 10);
  return homes;
}

const EXIT_REASONS: ExitReason[] = ['death', 'death', 'death', 'regained_support', 'voluntary', 'transfer_out', 'over_income'];

function freeBed(home: GenInstitution, date: string, not?: GenBed): GenBed | null {
  return home.beds.find((b) => b !== not && b.freeFrom <= date) ?? null;
}

/**
 * Stays in admission order, each with a bed free from its admission (and a free bed for each move):
 * the register is never double-booked. Histories: reassessments, leaves and returns, moves, exits.
 */
export function planStays(gen: Gen, people: PeoplePlan, homes: GenInstitution[], used: Set<GenPerson>): StayDraft[] {
  const rng = gen.rng('stays');
  const total = scaled(gen, 8_000);
  const orphans = Math.min(people.children.length, Math.max(1, Math.round(total * 0.04)));
  const admits = Array.from({ length: total }, () => rng.dateBetween(FIRST_DAY, addDays(LARGE_TODAY, -1))).sort();
  const elderly = rng.shuffled(people.elderly).filter((p) => !used.has(p));
  const children = rng.shuffled(people.children);
  const stays: StayDraft[] = [];
  let e = 0;
  for (const [i, admitted] of admits.entries()) {
    const orphan = i % Math.floor(total / orphans) === 0 && children.length > 0;
    let person: GenPerson | undefined;
    if (orphan) {
      person = children.find((p) => addDays(p.birthDate, 365 * 2) <= admitted);
      if (person) children.splice(children.indexOf(person), 1);
    } else {
      while (e < elderly.length && (ageOn(elderly[e]!.birthDate, admitted) ?? 0) < 60) e++;
      person = elderly[e++];
    }
    if (!person) continue;
    let home = homes[rng.int(0, homes.length - 1)]!;
    let bed = freeBed(home, admitted);
    for (let k = 0; !bed && k < homes.length; k++) {
      home = homes[(homes.indexOf(home) + 1) % homes.length]!;
      bed = freeBed(home, admitted);
    }
    if (!bed) continue;
    used.add(person);
    if (person.registeredOn > admitted) person.registeredOn = admitted;
    const category: ResidentCategory = orphan ? 'orphan' : rng.pick(['tekun_elderly', 'tekun_elderly', 'tekun_elderly', 'tekun_disabled', 'de_facto_unsupported', 'other'] as const);
    const events: EventDraft[] = [{ kind: 'admit', date: admitted, institutionId: home.id, bedId: bed.id, leaveKind: null, exitReason: null }];
    const plannedExit = orphan ? birthdayAt(person.birthDate, 18) : rng.chance(0.55) ? addDays(admitted, rng.int(60, 4000)) : null;
    const exitOn = plannedExit && plannedExit > admitted && plannedExit <= LARGE_TODAY ? plannedExit : null;
    const end = exitOn ?? LARGE_TODAY;
    let day = admitted;
    let current = bed;
    for (;;) {
      day = addDays(day, rng.int(60, 500));
      if (day >= end) break;
      const roll = rng.next();
      if (roll < 0.4) {
        events.push({ kind: 'reassess', date: day, institutionId: null, bedId: null, leaveKind: null, exitReason: null });
      } else if (roll < 0.8) {
        events.push({ kind: 'leave', date: day, institutionId: null, bedId: null, leaveKind: rng.pick(['hospital', 'family', 'other'] as const), exitReason: null });
        const back = addDays(day, rng.int(2, 45));
        if (back >= end) break;
        events.push({ kind: 'return', date: back, institutionId: null, bedId: null, leaveKind: null, exitReason: null });
        day = back;
      } else {
        const next = freeBed(home, day, current);
        if (!next) continue;
        current.freeFrom = day;
        current = next;
        current.freeFrom = '9999-12-31';
        events.push({ kind: 'move', date: day, institutionId: home.id, bedId: next.id, leaveKind: null, exitReason: null });
      }
    }
    if (exitOn) {
      const last = events.at(-1)!.date;
      const exitDay = exitOn > last ? exitOn : addDays(last, 1);
      events.push({ kind: 'exit', date: exitDay, institutionId: null, bedId: null, leaveKind: null, exitReason: orphan ? 'age_out' : rng.pick(EXIT_REASONS) });
      current.freeFrom = exitDay;
    } else {
      current.freeFrom = '9999-12-31';
    }
    stays.push({ person, category, institution: home, events });
  }
  return stays;
}

/**
 * Inserts each stay with its events and assessments, and the derived columns and residence periods
 * exactly as rebuildStay stores them: from the services' own replay of the events.
 */
export function writeStays(gen: Gen, stays: StayDraft[]): void {
  const rng = gen.rng('stays-write');
  const insertStay = gen.db.prepare(
    `INSERT INTO resident (id, person_id, category, support_form, schooling_extension, age_exception, guardian_name, guardian_relation, guardian_phone, notes,
       status, admitted_on, exited_on, exit_reason, institution_id, bed_id, leave_since, version, created_at, updated_at, updated_by, updated_installation)
     VALUES (?,?,?,'concentrated',0,NULL,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertEvent = gen.db.prepare(
    `INSERT INTO resident_event (id, resident_id, kind, event_date, institution_id, bed_id, leave_kind, exit_reason, reverses_event_id, reason, note, created_at,
       created_by, created_installation) VALUES (?,?,?,?,?,?,?,?,NULL,NULL,NULL,?,?,?)`,
  );
  const insertAssessment = gen.db.prepare(
    `INSERT INTO ability_assessment (id, event_id, resident_id, person_id, method, assessed_on, assessor, failed_tasks_json, self_care_level, gbt_level, note)
     VALUES (?,?,?,?,?,?,?,?,?,?,NULL)`,
  );
  const insertPeriod = gen.db.prepare(
    'INSERT INTO residence_period (resident_id, person_id, institution_id, bed_id, from_date, to_date, on_leave) VALUES (?,?,?,?,?,?,?)',
  );
  inBatches(gen, 'residents', stays, (stay) => {
    const stamps = stay.events.map((ev) => stampOn(rng, ev.date));
    const id = gen.id(stamps[0]!);
    const eventIds = stamps.map((at) => gen.id(at));
    const facts: StayEvent[] = stay.events.map((ev, seq) => ({
      id: eventIds[seq]!,
      seq,
      kind: ev.kind,
      date: ev.date,
      institutionId: ev.institutionId,
      bedId: ev.bedId,
      exitReason: ev.exitReason,
      reversesEventId: null,
    }));
    const { state: s, periods } = replay(facts);
    const child = stay.category === 'orphan';
    insertStay.run(id, stay.person.id, stay.category, child ? '张三' : null, child ? '村委会' : null, child ? '13800000000' : null, s.status, s.admittedOn, s.exitedOn,
      s.exitReason, s.institutionId, s.bedId, s.leaveSince, stay.events.length, stamps[0], stamps.at(-1), gen.staffId, gen.installationId);
    const name = auditName(stay.person.name, isChildStay(stay.category, stay.person.birthDate, LARGE_TODAY));
    stay.events.forEach((ev, k) => {
      insertEvent.run(eventIds[k], id, ev.kind, ev.date, ev.institutionId, ev.bedId, ev.leaveKind, ev.exitReason, stamps[k], gen.staffId, gen.installationId);
      if (ev.kind === 'admit' || ev.kind === 'reassess') {
        const six = rng.chance(0.8);
        const failed = six ? SELF_CARE_TASKS.filter(() => rng.chance(0.3)) : null;
        insertAssessment.run(gen.id(stamps[k]!), eventIds[k], id, stay.person.id, six ? 'six_task' : 'gbt42195', ev.date, '县民政局评估组',
          failed ? JSON.stringify(failed) : null, failed ? selfCareLevel(failed.length) : null, six ? null : rng.int(0, 4));
      }
      gen.audit.push({ at: stamps[k]!, action: ev.kind, entity: 'resident', entityId: id, summary: name, after: null });
    });
    for (const p of periods) insertPeriod.run(id, stay.person.id, p.institutionId, p.bedId, p.from, p.to, p.onLeave ? 1 : 0);
  }, 2_000);
}

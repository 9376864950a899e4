import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Role } from '../../contract/define';
import type { Resident, ResidentEventView } from '../../contract/areas/residents';
import { CHILD_CATEGORIES, type ResidentCategory } from '../../contract/areas/welfare-enums';
import { maskName, maySeeChildRecords, maySeeIdNumbers, maySeeIdNumbersInLists, shownIdNumber } from '../../contract/roles';
import { toAuditRow } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { staffName } from '../record-meta';
import { abilityByStay, toAssessmentView, type AssessmentRecord } from './assessments';
import { ageOn } from '../calendar';
import { flagsOn } from './flags';
import { loadEventRows, loadStay } from './stay-store';

/** A child's stay: a children's category, or a person under 18 today. The most sensitive records of the app. */
export function isChildStay(category: ResidentCategory, birthDate: string | null, day: string): boolean {
  const age = ageOn(birthDate, day);
  return CHILD_CATEGORIES.includes(category) || (age !== null && age < 18);
}

/** The name a list shows: a child's is masked (李**) for roles that may not open children's records. */
export function listedName(name: string, child: boolean, role: Role): string {
  return child && !maySeeChildRecords(role) ? maskName(name) : name;
}

/** Lists never show a child's full ID number, whatever the role; others as the role allows in lists. */
export function listedIdNumber(idNumber: string | null, child: boolean, role: Role): string | null {
  return shownIdNumber(idNumber, !child && maySeeIdNumbersInLists(role));
}

/** The name the audit trail keeps in its summary: masked for a child, since the trail is a list too. */
export function auditName(name: string, child: boolean): string {
  return child ? maskName(name) : name;
}

export async function institutionNames(db: Kysely<Database>, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('institution').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "101-2": room and bed label as the bed register writes them. */
export async function bedLabels(db: Kysely<Database>, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('institution_bed').select(['id', 'room', 'label']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, `${r.room}-${r.label}`]));
}

/** The trail names an event's institution and bed, so it reads without codes (like the stations' entries). */
export async function eventPlaceNames(db: Kysely<Database>, event: { institution_id: string | null; bed_id: string | null }) {
  const institutions = await institutionNames(db, [event.institution_id]);
  const beds = await bedLabels(db, [event.bed_id]);
  return {
    ...(event.institution_id ? { institution_name: institutions.get(event.institution_id) ?? null } : {}),
    ...(event.bed_id ? { bed_label: beds.get(event.bed_id) ?? null } : {}),
  };
}

/**
 * A stay as its page shows it, today: person, place, ability, flags, its events (each with the
 * reversal that undid it), assessments and audit history. No privacy check here: callers decide.
 */
export async function loadResident(ctx: RequestContext, id: string): Promise<Resident> {
  const db = ctx.database();
  const day = today(ctx.clock);
  const stay = await loadStay(db, id);
  const person = await db.selectFrom('person').selectAll().where('id', '=', stay.person_id).executeTakeFirstOrThrow();
  const events = await loadEventRows(db, id);
  const reversedBy = new Map(events.filter((e) => e.reverses_event_id).map((e) => [e.reverses_event_id!, e.id]));
  const seqOf = new Map(events.map((e) => [e.id, e.seq]));
  const assessments: AssessmentRecord[] = (await db.selectFrom('ability_assessment').selectAll().where('resident_id', '=', id).execute()).sort(
    (a, b) => a.assessed_on.localeCompare(b.assessed_on) || seqOf.get(a.event_id)! - seqOf.get(b.event_id)!,
  );
  const ability = abilityByStay(assessments.filter((a) => !reversedBy.has(a.event_id) && a.assessed_on <= day)).get(id);
  const institutions = await institutionNames(db, [stay.institution_id, ...events.map((e) => e.institution_id)]);
  const beds = await bedLabels(db, [stay.bed_id, ...events.map((e) => e.bed_id)]);
  const staff = new Map<string, string | null>();
  for (const by of new Set(events.map((e) => e.created_by))) if (by) staff.set(by, await staffName(db, by));
  const current = stay.status === 'present' || stay.status === 'leave';
  const flags = current
    ? flagsOn(day, { birthDate: person.birth_date, leaveSince: stay.leave_since, lastAssessedOn: ability?.lastAssessedOn ?? null })
    : [];
  const history = await db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity', '=', 'resident')
    .where('entity_id', '=', id)
    .orderBy('seq', 'desc')
    .execute();
  const eventViews: ResidentEventView[] = events.map((e) => ({
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    date: e.event_date,
    institutionId: e.institution_id,
    institutionName: e.institution_id ? (institutions.get(e.institution_id) ?? null) : null,
    bedLabel: e.bed_id ? (beds.get(e.bed_id) ?? null) : null,
    leaveKind: e.leave_kind,
    exitReason: e.exit_reason,
    reason: e.reason,
    note: e.note,
    reversesEventId: e.reverses_event_id,
    reversedByEventId: reversedBy.get(e.id) ?? null,
    createdAt: e.created_at,
    createdByName: e.created_by ? (staff.get(e.created_by) ?? null) : null,
  }));
  return {
    id: stay.id,
    personId: person.id,
    name: person.name,
    idNumber: shownIdNumber(person.id_number, maySeeIdNumbers(ctx.actor().role)),
    sex: person.sex,
    birthDate: person.birth_date,
    age: ageOn(person.birth_date, day),
    isChild: isChildStay(stay.category, person.birth_date, day),
    category: stay.category,
    supportForm: stay.support_form,
    status: stay.status,
    institutionId: stay.institution_id,
    institutionName: institutions.get(stay.institution_id) ?? '',
    bedLabel: stay.bed_id ? (beds.get(stay.bed_id) ?? null) : null,
    admittedOn: stay.admitted_on,
    exitedOn: stay.exited_on,
    selfCareLevel: ability?.selfCareLevel ?? null,
    lastAssessedOn: ability?.lastSixTaskOn ?? null,
    flags: flags.map((f) => f.flag),
    version: stay.version,
    schoolingExtension: stay.schooling_extension === 1,
    ageException: stay.age_exception,
    guardianName: stay.guardian_name,
    guardianRelation: stay.guardian_relation,
    guardianPhone: stay.guardian_phone,
    notes: stay.notes,
    exitReason: stay.exit_reason as Resident['exitReason'],
    leaveSince: stay.leave_since,
    gbtLevel: ability?.gbtLevel ?? null,
    events: eventViews,
    assessments: assessments.map((a) => toAssessmentView(a, reversedBy.has(a.event_id))),
    history: history.map(toAuditRow),
    updatedAt: stay.updated_at,
  };
}

import type { Parsed } from '../../contract';
import type { Resident, ResidentSaved } from '../../contract/areas/residents';
import { AppError } from '../../contract/errors';
import { maskName, maySeeChildRecords } from '../../contract/roles';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { createPerson } from '../people/people';
import { assertVersion, bumpedMeta, newMeta } from '../record-meta';
import { checkAgeForCategory, type Warning } from './age-rules';
import { assessmentAudit, insertAssessment } from './assessments';
import { auditName, eventPlaceNames, isChildStay, loadResident } from './resident-view';
import { appendEvent, checkOverlaps, checkPlace, checkPlacesStillOpen, loadStay, rebuildStay, type EventFields, type StayRecord } from './stay-store';

export { listResidents } from './list';

type Details = Parsed<'residents.update'>['details'];

/** The columns a clerk edits in place; residence itself changes only through events. */
function detailColumns(details: Details) {
  return {
    category: details.category,
    support_form: details.supportForm,
    schooling_extension: details.schoolingExtension ? 1 : 0,
    age_exception: details.ageException ?? null,
    guardian_name: details.guardianName ?? null,
    guardian_relation: details.guardianRelation ?? null,
    guardian_phone: details.guardianPhone ?? null,
    notes: details.notes ?? null,
  };
}

/** What the trail keeps of a stay's own columns: the editable ones and the version. */
function detailAudit(r: StayRecord) {
  return {
    category: r.category,
    support_form: r.support_form,
    schooling_extension: r.schooling_extension,
    age_exception: r.age_exception,
    guardian_name: r.guardian_name,
    guardian_relation: r.guardian_relation,
    guardian_phone: r.guardian_phone,
    notes: r.notes,
    version: r.version,
  };
}

export async function getResident(ctx: RequestContext, input: Parsed<'residents.get'>): Promise<Resident> {
  const db = ctx.database();
  ctx.countyCode();
  const stay = await loadStay(db, input.id);
  const person = await db.selectFrom('person').select(['name', 'birth_date']).where('id', '=', stay.person_id).executeTakeFirstOrThrow();
  if (isChildStay(stay.category, person.birth_date, today(ctx.clock))) {
    if (!maySeeChildRecords(ctx.actor().role)) throw new AppError('CHILD_RECORD_FORBIDDEN');
    // Opening a child's record is the one read the trail keeps.
    await recordAudit(ctx, { action: 'view', entity: 'resident', entityId: stay.id, summary: maskName(person.name) });
  }
  return loadResident(ctx, stay.id);
}

/** A new person typed into the admission form goes through the registry's own checks (duplicates, divisions). */
async function newPerson(ctx: RequestContext, person: NonNullable<Parsed<'residents.admit'>['admission']['person']>) {
  try {
    const saved = await createPerson(ctx, { person });
    const warnings: Warning[] = saved.warnings.map((w) => ({ ...w, field: `admission.${w.field}` }));
    return { id: saved.person.id, name: saved.person.name, birthDate: saved.person.birthDate, warnings };
  } catch (error) {
    if (error instanceof AppError && error.field?.startsWith('person.')) {
      throw new AppError(error.code, `admission.${error.field}`, error.params);
    }
    throw error;
  }
}

async function existingPerson(ctx: RequestContext, id: string) {
  const row = await ctx.database().selectFrom('person').select(['id', 'name', 'birth_date']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'admission.personId');
  return { id: row.id, name: row.name, birthDate: row.birth_date, warnings: [] as Warning[] };
}

const ADMISSION_FIELDS: EventFields = { person: 'admission.personId', bed: 'admission.bedId', institution: 'admission.institutionId' };

/**
 * Opens a stay: the person (chosen, or entered and registered now), the place, the admission's
 * six-task rating and the first event; then the periods are derived and checked against every other
 * stay of the person and of the bed.
 */
export async function admitResident(ctx: RequestContext, input: Parsed<'residents.admit'>): Promise<ResidentSaved> {
  const db = ctx.database();
  ctx.countyCode();
  const a = input.admission;
  if (Boolean(a.personId) === Boolean(a.person)) throw new AppError('PERSON_CHOICE', 'admission.personId');
  const bedId = a.bedId ?? null;
  await checkPlace(ctx, { institutionId: a.institutionId, bedId, date: a.admittedOn }, ADMISSION_FIELDS);
  if (a.assessment.assessedOn > a.admittedOn) throw new AppError('ASSESSMENT_AFTER_ADMISSION', 'admission.assessment.assessedOn');
  const person = a.personId ? await existingPerson(ctx, a.personId) : await newPerson(ctx, a.person!);
  if (person.birthDate && a.admittedOn < person.birthDate) throw new AppError('ADMITTED_BEFORE_BIRTH', 'admission.admittedOn');
  const warnings = [...person.warnings, ...checkAgeForCategory(a.details, person.birthDate, a.admittedOn, 'admission.details.category')];
  const row: StayRecord = {
    ...newMeta(ctx),
    person_id: person.id,
    ...detailColumns(a.details),
    status: 'present',
    admitted_on: a.admittedOn,
    exited_on: null,
    exit_reason: null,
    institution_id: a.institutionId,
    bed_id: bedId,
    leave_since: null,
  };
  await db.insertInto('resident').values(row).execute();
  const event = await appendEvent(ctx, row.id, {
    kind: 'admit',
    event_date: a.admittedOn,
    institution_id: a.institutionId,
    bed_id: bedId,
    note: a.note ?? null,
  });
  const assessment = await insertAssessment(db, { eventId: event.id, residentId: row.id, personId: person.id }, a.assessment);
  const { stay } = await rebuildStay(ctx, row, {});
  await checkPlacesStillOpen(db, stay.id, null, ADMISSION_FIELDS);
  await checkOverlaps(db, stay, ADMISSION_FIELDS);
  await recordAudit(ctx, {
    action: 'admit',
    entity: 'resident',
    entityId: stay.id,
    summary: auditName(person.name, isChildStay(stay.category, person.birthDate, today(ctx.clock))),
    after: { ...event, ...(await eventPlaceNames(db, event)), assessment: assessmentAudit(assessment), resident: detailAudit(stay) },
  });
  return { resident: await loadResident(ctx, stay.id), warnings };
}

/** Corrects classification and contacts; the age rule is checked again against the admission day. */
export async function updateResident(ctx: RequestContext, input: Parsed<'residents.update'>): Promise<ResidentSaved> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await loadStay(db, input.id);
  await assertVersion(db, before, input.version);
  const person = await db.selectFrom('person').select(['name', 'birth_date']).where('id', '=', before.person_id).executeTakeFirstOrThrow();
  const warnings = checkAgeForCategory(input.details, person.birth_date, before.admitted_on, 'details.category');
  const after: StayRecord = { ...before, ...detailColumns(input.details), ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('resident').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'resident',
    entityId: before.id,
    // Masked if the stay was or now is a child's.
    summary: auditName(person.name, [before, after].some((r) => isChildStay(r.category, person.birth_date, today(ctx.clock)))),
    before: detailAudit(before),
    after: detailAudit(after),
  });
  return { resident: await loadResident(ctx, before.id), warnings };
}

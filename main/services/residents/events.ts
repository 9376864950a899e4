import type { Parsed } from '../../contract';
import type { ResidentSaved } from '../../contract/areas/residents';
import type { EventKind } from '../../contract/areas/welfare-enums';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta } from '../record-meta';
import { assessmentAudit, insertAssessment, type AssessmentRecord } from './assessments';
import { checkAllowed, type Replay } from './derive';
import { auditName, eventPlaceNames, isChildStay, loadResident } from './resident-view';
import {
  appendEvent,
  checkOverlaps,
  checkPlace,
  checkPlacesStillOpen,
  loadStay,
  rebuildStay,
  replayStay,
  type EventFields,
  type EventRecord,
  type StayRecord,
} from './stay-store';

type NewEvent = Parameters<typeof appendEvent>[2];

interface EventPlan {
  kind: Exclude<EventKind, 'admit'>;
  /** The day the event happened, and the input field that holds it. */
  date: string;
  dateField: string;
  /** Checks beyond the state machine and the date order; returns the event's own columns. */
  build(stay: StayRecord, current: Replay): Promise<Omit<NewEvent, 'kind' | 'event_date'>> | Omit<NewEvent, 'kind' | 'event_date'>;
  /** For a reassessment: the assessment the event makes. */
  assessment?: Parsed<'residents.assess'>['assessment'];
  /** After the rebuild: stored periods from this date on must be in open institutions and unretired beds. */
  placesSince?: string | null;
  fields: EventFields;
}

/**
 * Every event after the admission takes this path, in the request's one transaction: version check,
 * what the state allows, no date before the latest effective event, the kind's own checks, append,
 * rebuild the derived columns and periods, the overlap rules on the result, one audit entry.
 */
async function recordEvent(ctx: RequestContext, input: { id: string; version: number }, plan: EventPlan): Promise<ResidentSaved> {
  const db = ctx.database();
  ctx.countyCode();
  const stay = await loadStay(db, input.id);
  await assertVersion(db, stay, input.version);
  const current = await replayStay(db, stay.id);
  checkAllowed(current.state.status, plan.kind);
  const latest = current.effective.at(-1);
  if (plan.kind !== 'reversal' && latest && plan.date < latest.date) {
    throw new AppError('EVENT_BEFORE_PREVIOUS', plan.dateField, { date: latest.date });
  }
  const columns = await plan.build(stay, current);
  const event = await appendEvent(ctx, stay.id, { ...columns, kind: plan.kind, event_date: plan.date });
  let assessment: AssessmentRecord | null = null;
  if (plan.assessment) {
    assessment = await insertAssessment(db, { eventId: event.id, residentId: stay.id, personId: stay.person_id }, plan.assessment);
  }
  const rebuilt = await rebuildStay(ctx, stay, bumpedMeta(ctx, stay.version));
  if (plan.placesSince !== undefined) await checkPlacesStillOpen(db, stay.id, plan.placesSince, plan.fields);
  await checkOverlaps(db, rebuilt.stay, plan.fields);
  await audit(ctx, rebuilt.stay, event, assessment);
  return { resident: await loadResident(ctx, stay.id), warnings: [] };
}

async function audit(ctx: RequestContext, stay: StayRecord, event: EventRecord, assessment: AssessmentRecord | null) {
  const person = await ctx
    .database()
    .selectFrom('person')
    .select(['name', 'birth_date'])
    .where('id', '=', stay.person_id)
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: event.kind,
    entity: 'resident',
    entityId: stay.id,
    summary: auditName(person.name, isChildStay(stay.category, person.birth_date, today(ctx.clock))),
    after: {
      ...event,
      ...(await eventPlaceNames(ctx.database(), event)),
      ...(assessment ? { assessment: assessmentAudit(assessment) } : {}),
      ...(await reversedPart(ctx, event)),
    },
  });
}

/** A reversal's entry names what it undid, so the trail reads without looking the event up. */
async function reversedPart(ctx: RequestContext, event: EventRecord) {
  if (!event.reverses_event_id) return {};
  const reversed = await ctx
    .database()
    .selectFrom('resident_event')
    .select(['kind', 'event_date'])
    .where('id', '=', event.reverses_event_id)
    .executeTakeFirstOrThrow();
  return { reverses: reversed };
}

/** Refusals of events that change no place can only come from the date. */
const DATE_FIELDS: EventFields = { person: 'date', bed: 'date', institution: 'date' };

export function moveResident(ctx: RequestContext, input: Parsed<'residents.move'>): Promise<ResidentSaved> {
  const bedId = input.bedId ?? null;
  const fields: EventFields = { person: 'date', bed: 'bedId', institution: 'institutionId' };
  return recordEvent(ctx, input, {
    kind: 'move',
    date: input.date,
    dateField: 'date',
    fields,
    placesSince: input.date,
    async build(_stay, current) {
      if (current.state.institutionId === input.institutionId && current.state.bedId === bedId) {
        throw new AppError('MOVE_SAME_PLACE', bedId ? 'bedId' : 'institutionId');
      }
      await checkPlace(ctx, { institutionId: input.institutionId, bedId, date: input.date }, fields);
      return { institution_id: input.institutionId, bed_id: bedId, reason: input.reason ?? null, note: input.note ?? null };
    },
  });
}

export function startLeave(ctx: RequestContext, input: Parsed<'residents.leave'>): Promise<ResidentSaved> {
  return recordEvent(ctx, input, {
    kind: 'leave',
    date: input.date,
    dateField: 'date',
    fields: DATE_FIELDS,
    build: () => ({ leave_kind: input.leaveKind, note: input.note ?? null }),
  });
}

export function returnFromLeave(ctx: RequestContext, input: Parsed<'residents.return'>): Promise<ResidentSaved> {
  return recordEvent(ctx, input, {
    kind: 'return',
    date: input.date,
    dateField: 'date',
    fields: DATE_FIELDS,
    build: () => ({ note: input.note ?? null }),
  });
}

export function reassess(ctx: RequestContext, input: Parsed<'residents.assess'>): Promise<ResidentSaved> {
  return recordEvent(ctx, input, {
    kind: 'reassess',
    date: input.assessment.assessedOn,
    dateField: 'assessment.assessedOn',
    fields: DATE_FIELDS,
    assessment: input.assessment,
    build: () => ({ note: input.assessment.note ?? null }),
  });
}

export function exitResident(ctx: RequestContext, input: Parsed<'residents.exit'>): Promise<ResidentSaved> {
  return recordEvent(ctx, input, {
    kind: 'exit',
    date: input.date,
    dateField: 'date',
    fields: DATE_FIELDS,
    build: () => ({ exit_reason: input.exitReason, note: input.note ?? null }),
  });
}

/**
 * Undoes the stay's latest effective event by appending a reversal naming it. What the stay looks
 * like afterwards (the person back in a bed, or back in care at all) must obey the same rules as a
 * new event: the bed free, the person nowhere else, the institution open and the bed not retired.
 */
export function reverseEvent(ctx: RequestContext, input: Parsed<'residents.reverse'>): Promise<ResidentSaved> {
  const fields: EventFields = { person: 'eventId', bed: 'eventId', institution: 'eventId' };
  return recordEvent(ctx, input, {
    kind: 'reversal',
    date: today(ctx.clock),
    dateField: 'eventId',
    fields,
    placesSince: null,
    async build(stay, current) {
      const target = await ctx
        .database()
        .selectFrom('resident_event')
        .selectAll()
        .where('id', '=', input.eventId)
        .where('resident_id', '=', stay.id)
        .executeTakeFirst();
      if (!target) throw new AppError('NOT_FOUND', 'eventId');
      const alreadyReversed = await ctx
        .database()
        .selectFrom('resident_event')
        .select('id')
        .where('reverses_event_id', '=', target.id)
        .executeTakeFirst();
      // A reversal is not undone by another (record the right event again); nor is anything undone twice.
      if (target.kind === 'reversal' || alreadyReversed) throw new AppError('REVERSE_NOT_REVERSIBLE', 'eventId');
      const latest = current.effective.at(-1)!;
      if (latest.id !== target.id) throw new AppError('REVERSE_ONLY_LATEST', 'eventId', { kind: latest.kind, date: latest.date });
      return { reverses_event_id: target.id, reason: input.reason };
    },
  });
}

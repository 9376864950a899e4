import type { EventKind, ExitReason, ResidentStatus } from '../../contract/areas/welfare-enums';
import { AppError } from '../../contract/errors';

/**
 * The pure heart of a stay: its append-only events in, where the person was (periods) and the
 * stay's state out. The service stores the result in `resident` and `residence_period`; nothing
 * else decides them.
 */

export interface StayEvent {
  id: string;
  seq: number;
  kind: EventKind;
  date: string;
  institutionId: string | null;
  bedId: string | null;
  exitReason: ExitReason | null;
  reversesEventId: string | null;
}

/** [from, to) in one place; `to` null while it lasts. A leave keeps the place (the bed stays held). */
export interface Period {
  institutionId: string;
  bedId: string | null;
  from: string;
  to: string | null;
  onLeave: boolean;
}

export interface StayState {
  status: ResidentStatus;
  admittedOn: string;
  exitedOn: string | null;
  exitReason: ExitReason | null;
  institutionId: string;
  bedId: string | null;
  leaveSince: string | null;
}

export interface Replay {
  state: StayState;
  periods: Period[];
  /** Events in force, by (date, seq): not reversal events and not reversed. */
  effective: StayEvent[];
}

/** What each state accepts next; a void stay (its admission reversed) accepts nothing. */
const ALLOWED: Record<ResidentStatus, readonly EventKind[]> = {
  present: ['move', 'leave', 'exit', 'reassess', 'reversal'],
  leave: ['return', 'exit', 'reassess', 'reversal'],
  exited: ['reversal'],
  void: [],
};

export function checkAllowed(status: ResidentStatus, kind: EventKind): void {
  if (!ALLOWED[status].includes(kind)) throw new AppError('EVENT_NOT_ALLOWED', undefined, { status, kind });
}

function byDateThenSeq(a: StayEvent, b: StayEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;
}

export function effectiveEvents(events: readonly StayEvent[]): StayEvent[] {
  const reversed = new Set(events.filter((e) => e.kind === 'reversal').map((e) => e.reversesEventId));
  return events.filter((e) => e.kind !== 'reversal' && !reversed.has(e.id)).sort(byDateThenSeq);
}

/** The latest effective event: the only one that may be reversed, and the date no new event may precede. */
export function latestEffective(events: readonly StayEvent[]): StayEvent | null {
  return effectiveEvents(events).at(-1) ?? null;
}

function samePlace(a: Period, b: Period): boolean {
  return a.institutionId === b.institutionId && a.bedId === b.bedId && a.onLeave === b.onLeave;
}

/** Adjacent periods in the same place and leave state are one period (e.g. a leave and return on one day). */
function merged(periods: readonly Period[]): Period[] {
  const out: Period[] = [];
  for (const p of periods) {
    const last = out.at(-1);
    if (last && last.to === p.from && samePlace(last, p)) last.to = p.to;
    else out.push({ ...p });
  }
  return out;
}

export function replay(events: readonly StayEvent[]): Replay {
  const admission = events.find((e) => e.kind === 'admit');
  if (!admission?.institutionId) throw new Error('a stay without an admission event');
  const effective = effectiveEvents(events);
  if (effective[0]?.kind !== 'admit') {
    // The admission was reversed: the stay never happened; it keeps its institution for the record.
    const state: StayState = {
      status: 'void',
      admittedOn: admission.date,
      exitedOn: null,
      exitReason: null,
      institutionId: admission.institutionId,
      bedId: null,
      leaveSince: null,
    };
    return { state, periods: [], effective };
  }
  const closed: Period[] = [];
  let open: Period | null = null;
  const closeAt = (date: string) => {
    // A period that would end the day it starts is dropped: the person was never there overnight.
    if (open && date > open.from) closed.push({ ...open, to: date });
    open = null;
  };
  let state: StayState | null = null;
  for (const e of effective) {
    if (!state) {
      state = {
        status: 'present',
        admittedOn: e.date,
        exitedOn: null,
        exitReason: null,
        institutionId: e.institutionId!,
        bedId: e.bedId,
        leaveSince: null,
      };
      open = { institutionId: state.institutionId, bedId: state.bedId, from: e.date, to: null, onLeave: false };
      continue;
    }
    checkAllowed(state.status, e.kind);
    switch (e.kind) {
      case 'move':
        closeAt(e.date);
        state = { ...state, institutionId: e.institutionId!, bedId: e.bedId };
        open = { institutionId: state.institutionId, bedId: state.bedId, from: e.date, to: null, onLeave: false };
        break;
      case 'leave':
      case 'return': {
        const onLeave = e.kind === 'leave';
        closeAt(e.date);
        state = { ...state, status: onLeave ? 'leave' : 'present', leaveSince: onLeave ? e.date : null };
        open = { institutionId: state.institutionId, bedId: state.bedId, from: e.date, to: null, onLeave };
        break;
      }
      case 'exit':
        closeAt(e.date);
        state = { ...state, status: 'exited', exitedOn: e.date, exitReason: e.exitReason, leaveSince: null };
        break;
      case 'reassess':
        break;
      default:
        throw new Error(`unexpected ${e.kind} after the admission`);
    }
  }
  const periods = open ? [...closed, open] : closed;
  return { state: state!, periods: merged(periods), effective };
}

import type { ResidentFlag } from '../../contract/areas/welfare-enums';
import { addDays, ageOn, birthdayAt, daysBetween, monthsBefore } from '../calendar';

/** What the flags need to know of a stay that is current on the day. */
export interface FlagInput {
  birthDate: string | null;
  /** Start of the leave the person is on that day; null when present. */
  leaveSince: string | null;
  /** The latest effective assessment (either method) on or before the day. */
  lastAssessedOn: string | null;
}

export interface RaisedFlag {
  flag: ResidentFlag;
  /** Last assessment (overdue), 18th birthday (turning 18), leave start (long leave). */
  date: string | null;
  days: number;
}

const REASSESS_MONTHS = 12;
const TURNING_18_DAYS = 90;
const LONG_LEAVE_DAYS = 30;

/** The flags a current stay raises on `day`, in RESIDENT_FLAGS order. */
export function flagsOn(day: string, stay: FlagInput): RaisedFlag[] {
  const flags: RaisedFlag[] = [];
  const last = stay.lastAssessedOn;
  if (last === null) flags.push({ flag: 'reassessment_overdue', date: null, days: 0 });
  else if (last < monthsBefore(day, REASSESS_MONTHS)) flags.push({ flag: 'reassessment_overdue', date: last, days: daysBetween(last, day) });
  const age = ageOn(stay.birthDate, day);
  if (stay.birthDate && age !== null && age < 18) {
    const birthday = birthdayAt(stay.birthDate, 18);
    if (birthday <= addDays(day, TURNING_18_DAYS)) flags.push({ flag: 'turning_18', date: birthday, days: daysBetween(day, birthday) });
  }
  if (stay.leaveSince !== null && daysBetween(stay.leaveSince, day) > LONG_LEAVE_DAYS) {
    flags.push({ flag: 'long_leave', date: stay.leaveSince, days: daysBetween(stay.leaveSince, day) });
  }
  return flags;
}

import { z } from 'zod';
import { request } from '../define';
import { optionalText, pageLimit, pastDate, phone, recordId, requiredText, version } from '../fields';
import type { AuditRow } from './audit';
import { personInput } from './people';
import {
  EXIT_REASONS,
  LEAVE_KINDS,
  RESIDENT_CATEGORIES,
  SELF_CARE_TASKS,
  SUPPORT_FORMS,
  type AssessmentMethod,
  type EventKind,
  type ExitReason,
  type GbtLevel,
  type InstitutionType,
  type LeaveKind,
  type ResidentCategory,
  type ResidentFlag,
  type ResidentStatus,
  type SelfCareLevel,
  type SelfCareTask,
  type SupportForm,
} from './welfare-enums';

/** The six-task rating: which tasks the person cannot do alone (none: 全自理). */
export const sixTaskAssessment = z.strictObject({
  method: z.literal('six_task'),
  assessedOn: pastDate,
  assessor: requiredText(50),
  failedTasks: z.array(z.enum(SELF_CARE_TASKS)).max(SELF_CARE_TASKS.length),
  note: optionalText(500),
});
/** The five-level GB/T 42195 result (0 能力完好 … 4 能力完全丧失). */
export const gbtAssessment = z.strictObject({
  method: z.literal('gbt42195'),
  assessedOn: pastDate,
  assessor: requiredText(50),
  gbtLevel: z.number().int().min(0).max(4),
  note: optionalText(500),
});
export const assessmentInput = z.discriminatedUnion('method', [sixTaskAssessment, gbtAssessment]);

/** What a clerk may correct in place: classification and contacts (residence changes only by events). */
export const residentDetails = z.strictObject({
  category: z.enum(RESIDENT_CATEGORIES),
  supportForm: z.enum(SUPPORT_FORMS),
  /** A child category past 18 only while still at school (the clerk states it). */
  schoolingExtension: z.boolean(),
  /** A documented exception when age and category disagree; accepted with a warning. */
  ageException: optionalText(200),
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianPhone: phone,
  notes: optionalText(1000),
});

export const admissionInput = z.strictObject({
  /** An existing person of the registry, or a new one entered in the same form (never both). */
  personId: recordId.nullish(),
  person: personInput.nullish(),
  institutionId: recordId,
  /** Required when the institution keeps a bed register. */
  bedId: recordId.nullish(),
  admittedOn: pastDate,
  details: residentDetails,
  /** The six-task rating made on admission (dated the admission day or before). */
  assessment: sixTaskAssessment,
  note: optionalText(500),
});

const eventBase = { id: recordId, version, date: pastDate, note: optionalText(500) };

export interface AssessmentView {
  id: string;
  eventId: string;
  method: AssessmentMethod;
  assessedOn: string;
  assessor: string;
  failedTasks: SelfCareTask[] | null;
  selfCareLevel: SelfCareLevel | null;
  gbtLevel: GbtLevel | null;
  note: string | null;
  /** The event that made it was reversed: kept, shown struck through, not used. */
  reversed: boolean;
}

export interface ResidentEventView {
  id: string;
  seq: number;
  kind: EventKind;
  date: string;
  institutionId: string | null;
  institutionName: string | null;
  bedLabel: string | null;
  leaveKind: LeaveKind | null;
  exitReason: ExitReason | null;
  reason: string | null;
  note: string | null;
  reversesEventId: string | null;
  reversedByEventId: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface ResidentRow {
  id: string;
  personId: string;
  /** Masked (李**) for a child when the role may not see children's records. */
  name: string;
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  /** Age in whole years on the list's date. */
  age: number | null;
  isChild: boolean;
  category: ResidentCategory;
  supportForm: SupportForm;
  /** State on the list's date. */
  status: ResidentStatus;
  institutionId: string;
  institutionName: string;
  bedLabel: string | null;
  admittedOn: string;
  exitedOn: string | null;
  selfCareLevel: SelfCareLevel | null;
  lastAssessedOn: string | null;
  flags: ResidentFlag[];
  version: number;
}

export interface Resident extends ResidentRow {
  schoolingExtension: boolean;
  ageException: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  guardianPhone: string | null;
  notes: string | null;
  exitReason: ExitReason | null;
  leaveSince: string | null;
  gbtLevel: GbtLevel | null;
  events: ResidentEventView[];
  assessments: AssessmentView[];
  history: AuditRow[];
  updatedAt: string;
}

export interface ResidentSaved {
  resident: Resident;
  /** Accepted but worth a look: an age exception, an unknown birth date. */
  warnings: { code: string; field: string; params?: Record<string, string | number> }[];
}

export interface ResidentPage {
  rows: ResidentRow[];
  nextCursor: string | null;
  total: number;
  /** The day the rows describe. */
  onDate: string;
}

export interface OccupancyRow {
  institutionId: string;
  name: string;
  type: InstitutionType;
  totalBeds: number;
  nursingBeds: number;
  residents: number;
  onLeave: number;
  /** residents ÷ total beds, 0–1 (null when the institution has no beds). */
  rate: number | null;
}

export interface ResidentsOverview {
  onDate: string;
  occupancy: OccupancyRow[];
  occupancyTotal: Omit<OccupancyRow, 'institutionId' | 'name' | 'type'>;
  /** Residents by category and self-care level on the date. */
  byCategory: { category: ResidentCategory; self_care: number; partial: number; complete: number; unassessed: number; total: number }[];
  flags: {
    residentId: string;
    name: string;
    institutionName: string;
    flag: ResidentFlag;
    /** Last assessment (overdue), 18th birthday (turning 18), leave start (long leave). */
    date: string | null;
    days: number;
  }[];
}

export const residentRequests = {
  /** Residents of the county, or of one institution, as on `onDate` (default today). */
  'residents.list': request<ResidentPage>()({
    access: 'viewer',
    input: z.strictObject({
      institutionId: recordId.nullish(),
      onDate: pastDate.nullish(),
      /** 'current' (default): present or on leave on the date; 'exited': exited by then; 'all'. */
      scope: z.enum(['current', 'exited', 'all']).nullish(),
      category: z.enum(RESIDENT_CATEGORIES).nullish(),
      query: z.string().trim().max(50).optional(),
      limit: pageLimit.default(50),
      after: z.string().max(300).nullish(),
    }),
  }),
  /** A stay with its events, assessments and history; opening a child's record is audited. */
  'residents.get': request<Resident>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'residents.admit': request<ResidentSaved>()({ access: 'clerk', input: z.strictObject({ admission: admissionInput }) }),
  'residents.update': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, details: residentDetails }),
  }),
  'residents.move': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ ...eventBase, institutionId: recordId, bedId: recordId.nullish(), reason: optionalText(200) }),
  }),
  'residents.leave': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ ...eventBase, leaveKind: z.enum(LEAVE_KINDS) }),
  }),
  'residents.return': request<ResidentSaved>()({ access: 'clerk', input: z.strictObject(eventBase) }),
  'residents.assess': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, assessment: assessmentInput }),
  }),
  'residents.exit': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ ...eventBase, exitReason: z.enum(EXIT_REASONS) }),
  }),
  /** Reverses the stay's latest effective event (the reversal is itself an event; nothing is deleted). */
  'residents.reverse': request<ResidentSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, eventId: recordId, reason: requiredText(200) }),
  }),
  /** Occupancy per institution, residents by category and level, and flags, as on `onDate`. */
  'residents.overview': request<ResidentsOverview>()({ access: 'viewer', input: z.strictObject({ onDate: pastDate.nullish() }) }),
};

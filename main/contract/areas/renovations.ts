import { z } from 'zod';
import { request } from '../define';
import { divisionCode, optionalText, pageLimit, pastDate, phone, recordId, requiredText, version } from '../fields';
import type { AuditRow } from './audit';
import {
  ATTACHMENT_MIME_TYPES,
  CASE_STATES,
  DOCUMENT_TAGS,
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CONDITIONS,
  ITEM_CATEGORIES,
  MAX_ATTACHMENT_BYTES,
  PHOTO_TAGS,
  type CaseState,
  type DocumentTag,
  type FileState,
  type HouseholdCategory,
  type HouseholdCondition,
  type ItemCategory,
  type PhotoTag,
  type StepKind,
  type WorkflowStep,
} from './renovation-enums';
import { SELF_CARE_LEVELS, type SelfCareLevel } from './welfare-enums';

export * from './renovation-enums';

const year = z.number().int().min(2000).max(2100);
const fen = z.number().int().min(0).max(100_000_000);

/** The household: its elderly people (the first is the applicant), category, conditions, address. */
export const householdInput = z.strictObject({
  personIds: z.array(recordId).min(1).max(6),
  category: z.enum(HOUSEHOLD_CATEGORIES),
  conditions: z.array(z.enum(HOUSEHOLD_CONDITIONS)).max(HOUSEHOLD_CONDITIONS.length),
  /** Town or street of the county (9 digits), and the village (12) in it. */
  townCode: divisionCode,
  villageCode: divisionCode.nullish(),
  address: optionalText(200),
  phone,
  planYear: year,
  /**
   * Required to go on when a person of the household already has a case that was renovated or is
   * still open (the reason is kept with the case and shown in the list).
   */
  duplicateReason: optionalText(200),
  notes: optionalText(1000),
});

export const caseCreateInput = z.strictObject({
  household: householdInput,
  /** The application: the 'applied' step's date and who received it. */
  appliedOn: pastDate,
  responsible: requiredText(50),
  note: optionalText(500),
});

const stepBase = { date: pastDate, responsible: requiredText(50), note: optionalText(500) };

/** One workflow step as the clerk records it; the service checks it is the next one allowed. */
export const stepInput = z.discriminatedUnion('step', [
  z.strictObject({ step: z.enum(['town_reviewed', 'county_reviewed', 'publicised', 'plan_signed', 'works_started', 'works_completed']), ...stepBase }),
  z.strictObject({ step: z.literal('assessed'), ...stepBase, abilityLevel: z.enum(SELF_CARE_LEVELS), needs: requiredText(500) }),
  /** Passed → accepted; failed → the case goes back to works (the remarks say what to redo). */
  z.strictObject({ step: z.literal('acceptance'), ...stepBase, acceptingBody: requiredText(100), passed: z.boolean(), remarks: optionalText(500) }),
  z.strictObject({ step: z.literal('paid'), ...stepBase, amountFen: fen, voucherNumber: requiredText(50) }),
  z.strictObject({ step: z.literal('satisfaction'), ...stepBase, score: z.number().int().min(1).max(5), remarks: optionalText(500) }),
  z.strictObject({ step: z.enum(['rejected', 'withdrawn']), ...stepBase, reason: requiredText(200) }),
]);

export const planLineInput = z.strictObject({
  itemId: recordId,
  quantity: z.number().int().min(1).max(1000),
  unitPriceFen: fen,
  /** Paid by the subsidy (only items the catalogue marks subsidised) or by the household. */
  subsidised: z.boolean(),
  note: optionalText(200),
});

export const itemInput = z.strictObject({
  name: requiredText(40),
  category: z.enum(ITEM_CATEGORIES),
  subsidised: z.boolean(),
  unit: requiredText(10),
  referencePriceFen: fen.nullish(),
  active: z.boolean(),
});

export interface CasePerson {
  personId: string;
  name: string;
  /** Masked unless the role may see ID numbers (in lists: admins only). */
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
}

export interface CaseRow {
  id: string;
  caseNumber: string;
  /** The applicant (first person) and how many people the household has. */
  applicantName: string;
  people: number;
  category: HouseholdCategory;
  conditions: HouseholdCondition[];
  townCode: string;
  townName: string;
  villageName: string;
  planYear: number;
  state: CaseState;
  /** The date of the step that set the state, and the days since (for "stuck" cases). */
  stateDate: string;
  daysInState: number;
  stuck: boolean;
  duplicateReason: string | null;
  subsidyFen: number;
  version: number;
}

export interface CaseStep {
  id: string;
  seq: number;
  step: StepKind;
  date: string;
  responsible: string;
  abilityLevel: SelfCareLevel | null;
  needs: string | null;
  acceptingBody: string | null;
  amountFen: number | null;
  voucherNumber: string | null;
  score: number | null;
  reason: string | null;
  note: string | null;
  correctsStepId: string | null;
  correctedByStepId: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface PlanLine {
  id: string;
  position: number;
  itemId: string;
  itemName: string;
  itemCategory: ItemCategory;
  unit: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
  subsidised: boolean;
  note: string | null;
  /** Live "after" photos of this line (acceptance needs one per subsidised line). */
  afterPhotos: number;
}

/**
 * The plan's money: subsidised lines up to the plan year's cap are paid by the subsidy; what is over
 * the cap, and the household-paid lines, fall to the household.
 */
export interface PlanSummary {
  subsidisedLinesFen: number;
  householdLinesFen: number;
  /** null when no cap is set for the plan year (the plan cannot be signed then). */
  capFen: number | null;
  subsidyFen: number;
  overCapFen: number;
  householdFen: number;
  totalFen: number;
}

export interface Attachment {
  id: string;
  kind: 'photo' | 'document';
  tag: PhotoTag | DocumentTag;
  planLineId: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  hasThumbnail: boolean;
  note: string | null;
  /** Checked against the recorded SHA-256 each time the case is opened. */
  fileState: FileState;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface RenovationCase extends Omit<CaseRow, 'applicantName' | 'people'> {
  people: CasePerson[];
  villageCode: string | null;
  address: string | null;
  phone: string | null;
  notes: string | null;
  appliedOn: string;
  steps: CaseStep[];
  /** What the clerk may record next (workflow step, acceptance, rejected/withdrawn); empty when finished. */
  nextSteps: (WorkflowStep | 'acceptance' | 'rejected' | 'withdrawn')[];
  /** The latest effective step, the only one a correction can reverse. */
  correctable: { stepId: string; step: StepKind; date: string } | null;
  plan: { lines: PlanLine[]; summary: PlanSummary; editable: boolean };
  attachments: Attachment[];
  history: AuditRow[];
  updatedAt: string;
}

export interface CaseSaved {
  case: RenovationCase;
  warnings: { code: string; field: string; params?: Record<string, string | number> }[];
}

export interface RenovationItem {
  id: string;
  code: string;
  name: string;
  category: ItemCategory;
  /** One of the 7 national basic items: always subsidised. */
  basic: boolean;
  subsidised: boolean;
  local: boolean;
  unit: string;
  referencePriceFen: number | null;
  active: boolean;
  version: number;
}

export interface RenovationCap {
  id: string;
  fromYear: number;
  capFen: number;
  note: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface RenovationTarget {
  year: number;
  quarters: [number, number, number, number];
  budgetFen: number;
  version: number;
  updatedAt: string;
}

/** Cases reaching each step in a period (by the step's date), and the subsidy paid then. */
export interface ProgressCounts {
  applied: number;
  assessed: number;
  worksStarted: number;
  accepted: number;
  paid: number;
  closed: number;
  subsidyPaidFen: number;
}

export interface RenovationProgress {
  year: number;
  target: RenovationTarget | null;
  quarters: ({ quarter: 1 | 2 | 3 | 4; target: number | null } & ProgressCounts)[];
  byTown: ({ townCode: string; townName: string; cases: number; open: number } & ProgressCounts)[];
  total: ProgressCounts & { cases: number; open: number };
  budgetFen: number | null;
  spentFen: number;
  stuck: { caseId: string; caseNumber: string; applicantName: string; townName: string; state: CaseState; since: string; days: number }[];
}

const fileContent = z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4);

export const renovationRequests = {
  'renovations.list': request<{ rows: CaseRow[]; nextCursor: string | null; total: number }>()({
    access: 'viewer',
    input: z.strictObject({
      planYear: year.nullish(),
      state: z.enum(CASE_STATES).nullish(),
      townCode: divisionCode.nullish(),
      stuckOnly: z.boolean().optional(),
      query: z.string().trim().max(50).optional(),
      limit: pageLimit.default(50),
      after: z.string().max(300).nullish(),
    }),
  }),
  'renovations.get': request<RenovationCase>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'renovations.create': request<CaseSaved>()({ access: 'clerk', input: z.strictObject({ application: caseCreateInput }) }),
  'renovations.update': request<CaseSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, household: householdInput }),
  }),
  'renovations.step': request<CaseSaved>()({ access: 'clerk', input: z.strictObject({ id: recordId, version, step: stepInput }) }),
  /** Reverses the latest effective step (an audited correction step; nothing is deleted). */
  'renovations.correct': request<CaseSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, stepId: recordId, reason: requiredText(200) }),
  }),
  /** Replaces the plan's lines (一户一策) until the plan is signed. */
  'renovations.savePlan': request<CaseSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, lines: z.array(planLineInput).max(60) }),
  }),

  'renovations.attach': request<CaseSaved>()({
    access: 'clerk',
    maxBytes: 16 * 1024 * 1024,
    input: z.strictObject({
      caseId: recordId,
      kind: z.enum(['photo', 'document']),
      tag: z.enum([...PHOTO_TAGS, ...DOCUMENT_TAGS]),
      planLineId: recordId.nullish(),
      fileName: requiredText(120),
      mimeType: z.enum(ATTACHMENT_MIME_TYPES),
      /** The file's bytes, base64. */
      contentBase64: fileContent,
      /** A small JPEG the client drew for photos (the main side has no image library). */
      thumbnailBase64: z.string().max(400_000).nullish(),
      note: optionalText(200),
    }),
  }),
  /** The bytes of a stored file (or its thumbnail), checked against its SHA-256 first. */
  'renovations.attachmentContent': request<{ mimeType: string; contentBase64: string | null; fileState: FileState }>()({
    access: 'viewer',
    input: z.strictObject({ id: recordId, thumbnail: z.boolean().optional() }),
  }),
  /** A wrong upload is withdrawn with a reason (kept, struck through), never deleted. */
  'renovations.withdrawAttachment': request<CaseSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, reason: requiredText(200) }),
  }),

  'renovationItems.list': request<RenovationItem[]>()({ access: 'viewer', input: z.strictObject({ includeInactive: z.boolean().optional() }) }),
  'renovationItems.create': request<RenovationItem>()({ access: 'admin', input: z.strictObject({ item: itemInput }) }),
  'renovationItems.update': request<RenovationItem>()({ access: 'admin', input: z.strictObject({ id: recordId, version, item: itemInput }) }),

  'renovationCaps.list': request<RenovationCap[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'renovationCaps.create': request<RenovationCap>()({
    access: 'admin',
    input: z.strictObject({ fromYear: year, capFen: fen, note: optionalText(200) }),
  }),

  'renovationTargets.list': request<RenovationTarget[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'renovationTargets.set': request<RenovationTarget>()({
    access: 'admin',
    input: z.strictObject({
      year,
      quarters: z.tuple([z.number().int().min(0).max(100_000), z.number().int().min(0).max(100_000), z.number().int().min(0).max(100_000), z.number().int().min(0).max(100_000)]),
      budgetFen: z.number().int().min(0).max(100_000_000_000),
    }),
  }),

  /** How far the year's programme is: by quarter and by town, subsidy against budget, stuck cases. */
  'renovations.progress': request<RenovationProgress>()({ access: 'viewer', input: z.strictObject({ year }) }),
};

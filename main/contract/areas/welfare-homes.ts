import { z } from 'zod';
import { request } from '../define';
import { divisionCode, optionalText, pastDate, recordId, requiredText, version } from '../fields';
import { month } from './service-stats';
import { creditCode } from './stations';
import {
  INSTITUTION_TYPES,
  STANDARD_AMOUNTS,
  type InstitutionType,
  type ResidentCategory,
  type SelfCareLevel,
  type StandardAmount,
  type SupportForm,
} from './welfare-enums';

export * from './welfare-enums';

const count = z.number().int().min(0).max(100_000);
const optionalPastDate = pastDate.nullish().transform((v) => v ?? null);

export const institutionInput = z.strictObject({
  name: requiredText(80),
  type: z.enum(INSTITUTION_TYPES),
  /** Town or street (9 digits) and optionally the village (12); both in the office's county. */
  townCode: divisionCode.nullish(),
  villageCode: divisionCode.nullish(),
  address: optionalText(200),
  operatorName: optionalText(100),
  operatorCreditCode: creditCode,
  totalBeds: count,
  /** Part of the total: 护理型床位. */
  nursingBeds: count,
  medicalRoom: z.boolean(),
  medicalStaff: count,
  oneStopSettlement: z.boolean(),
  /** 登记证书/备案号, date registered, and the issuing authority. */
  licenseNumber: optionalText(60),
  registeredOn: optionalPastDate,
  licenseAuthority: optionalText(100),
  /** Closed institutions stay listed for history but admit nobody after this date. */
  closedOn: optionalPastDate,
  notes: optionalText(1000),
});

/** An institution's line in the list: what it is and how full it is today. */
export interface InstitutionRow {
  id: string;
  name: string;
  type: InstitutionType;
  townCode: string | null;
  townName: string;
  totalBeds: number;
  nursingBeds: number;
  /** Beds in the register that are not retired. */
  registeredBeds: number;
  /** Residents today, present or on temporary leave (a bed stays held during leave). */
  residents: number;
  onLeave: number;
  closedOn: string | null;
  version: number;
}

export interface Institution extends InstitutionRow {
  villageCode: string | null;
  villageName: string;
  address: string | null;
  operatorName: string | null;
  operatorCreditCode: string | null;
  medicalRoom: boolean;
  medicalStaff: number;
  oneStopSettlement: boolean;
  licenseNumber: string | null;
  registeredOn: string | null;
  licenseAuthority: string | null;
  notes: string | null;
  updatedAt: string;
  updatedByName: string | null;
}

/** A bed of the register with whoever holds it on the asked day. */
export interface InstitutionBedSlot {
  id: string;
  institutionId: string;
  room: string;
  label: string;
  nursing: boolean;
  retiredOn: string | null;
  version: number;
  occupant: {
    residentId: string;
    /** Masked (李**) for a child when the role may not see children's records. */
    name: string;
    onLeave: boolean;
    since: string;
  } | null;
}

/** One version of the allowance standard: monthly amounts in 分 from a date on (null: not set). */
export type AllowanceStandard = {
  id: string;
  effectiveFrom: string;
  note: string | null;
  createdAt: string;
  createdByName: string | null;
} & Record<StandardAmount, number | null>;

const amount = z.number().int().min(0).max(100_000_000).nullable();
export const standardInput = z.strictObject({
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  note: optionalText(200),
  ...(Object.fromEntries(STANDARD_AMOUNTS.map((k) => [k, amount])) as Record<StandardAmount, typeof amount>),
});

/** What one roster line pays, by item; each item Σ(days × monthly amount in force) ÷ days in month. */
export interface RosterLine {
  residentId: string;
  /** Masked for a child when the role may not see children's records. */
  name: string;
  idNumber: string | null;
  category: ResidentCategory;
  supportForm: SupportForm;
  /** Days in this institution during the month (leave days count: the place is kept). */
  days: number;
  /** The ability level in force on the month's last resident day. */
  level: SelfCareLevel | null;
  basicLivingFen: number;
  careFen: number;
  orphanFen: number;
  totalFen: number;
  /** E.g. a standard not set for this category on some days, or days without an assessment. */
  problems: { code: string; params?: Record<string, string | number> }[];
}

export interface AllowanceRoster {
  institutionId: string;
  institutionName: string;
  month: string;
  daysInMonth: number;
  /** The standards in force on some day of the month, oldest first. */
  standards: AllowanceStandard[];
  lines: RosterLine[];
  totals: { residents: number; days: number; basicLivingFen: number; careFen: number; orphanFen: number; totalFen: number };
}

export const welfareHomeRequests = {
  'institutions.list': request<InstitutionRow[]>()({
    access: 'viewer',
    input: z.strictObject({ query: z.string().trim().max(50).optional(), includeClosed: z.boolean().optional() }),
  }),
  'institutions.get': request<Institution>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'institutions.create': request<Institution>()({ access: 'clerk', input: z.strictObject({ institution: institutionInput }) }),
  'institutions.update': request<Institution>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, institution: institutionInput }),
  }),

  /** The bed register of one institution with each bed's occupant on `onDate` (default today). */
  'institutionBeds.list': request<InstitutionBedSlot[]>()({
    access: 'viewer',
    input: z.strictObject({ institutionId: recordId, onDate: pastDate.nullish() }),
  }),
  /** Adds beds to a room: room "101", labels ["1", "2", "3"]. */
  'institutionBeds.add': request<InstitutionBedSlot[]>()({
    access: 'clerk',
    input: z.strictObject({
      institutionId: recordId,
      room: requiredText(20),
      labels: z.array(requiredText(20)).min(1).max(50),
      nursing: z.boolean(),
    }),
  }),
  /** Renames, re-marks or retires one bed; a bed held by a resident on or after `retiredOn` cannot retire. */
  'institutionBeds.update': request<InstitutionBedSlot>()({
    access: 'clerk',
    input: z.strictObject({
      id: recordId,
      version,
      bed: z.strictObject({ room: requiredText(20), label: requiredText(20), nursing: z.boolean(), retiredOn: optionalPastDate }),
    }),
  }),

  /** The versioned standard, newest first. */
  'allowanceStandards.list': request<AllowanceStandard[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'allowanceStandards.create': request<AllowanceStandard>()({ access: 'admin', input: z.strictObject({ standard: standardInput }) }),

  /** One institution's monthly allowance roster (see docs/welfare-homes.md for the rule). */
  'allowance.roster': request<AllowanceRoster>()({
    access: 'viewer',
    input: z.strictObject({ institutionId: recordId, month }),
  }),
};

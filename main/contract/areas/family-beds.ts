import { z } from 'zod';
import { request } from '../define';
import { optionalText, pageLimit, pastDate, recordId, version } from '../fields';
import { month } from './service-stats';
import { BED_DEVICES } from './station-enums';

export { BED_DEVICES } from './station-enums';

export const bedInput = z.strictObject({
  personId: recordId,
  /** The station responsible for the bed; its operator is paid the subsidies. */
  stationId: recordId,
  installDate: pastDate,
  devices: z.array(z.enum(BED_DEVICES)).max(BED_DEVICES.length),
  devicesOther: optionalText(100),
  endDate: pastDate.nullish().transform((v) => v ?? null),
  endReason: optionalText(200),
  notes: optionalText(1000),
});

export interface FamilyBed {
  id: string;
  personId: string;
  personName: string;
  /** Masked or full, by role, like the people list. */
  personIdNumber: string | null;
  stationId: string;
  stationName: string;
  operatorName: string;
  installDate: string;
  devices: (typeof BED_DEVICES)[number][];
  devicesOther: string | null;
  status: 'active' | 'ended';
  endDate: string | null;
  endReason: string | null;
  notes: string | null;
  version: number;
  updatedAt: string;
}

export interface BedRate {
  id: string;
  effectiveFrom: string;
  /** One-off build subsidy per bed, 分. */
  buildFen: number;
  /** Operating subsidy per bed and full month, 分. */
  operatingFenPerMonth: number;
  createdAt: string;
  createdByName: string | null;
}

export interface SubsidyLine {
  bedId: string;
  personName: string;
  installDate: string;
  endDate: string | null;
  /** Build subsidy when installed in this month, else 0. */
  buildFen: number;
  /** Days the bed was active in the month, and the operating subsidy for them. */
  activeDays: number;
  operatingFen: number;
}

export interface SubsidyStatement {
  /** null for a draft not yet issued. */
  id: string | null;
  month: string;
  operatorName: string;
  stationIds: string[];
  /** The rate in force on this day — the month's first — applies to the whole month. */
  rateAppliesOn: string;
  rate: BedRate;
  lines: SubsidyLine[];
  totals: { beds: number; buildFen: number; operatingFen: number; totalFen: number };
  issuedAt: string | null;
  issuedByName: string | null;
}

export const familyBedRequests = {
  'beds.list': request<{ rows: FamilyBed[]; nextCursor: string | null; total: number }>()({
    access: 'viewer',
    input: z.strictObject({
      stationId: recordId.nullish(),
      status: z.enum(['active', 'ended']).nullish(),
      query: z.string().trim().max(50).optional(),
      limit: pageLimit.default(50),
      after: z.string().max(300).nullish(),
    }),
  }),
  'beds.get': request<FamilyBed>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'beds.create': request<FamilyBed>()({ access: 'clerk', input: z.strictObject({ bed: bedInput }) }),
  'beds.update': request<FamilyBed>()({ access: 'clerk', input: z.strictObject({ id: recordId, version, bed: bedInput }) }),

  /** The versioned rate table, newest first. */
  'bedRates.list': request<BedRate[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'bedRates.create': request<BedRate>()({
    access: 'admin',
    input: z.strictObject({
      effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      buildFen: z.number().int().min(0).max(100_000_000),
      operatingFenPerMonth: z.number().int().min(0).max(10_000_000),
    }),
  }),

  /** Statements of a month, one per operator: issued ones as issued, the others as drafts. */
  'subsidy.statements': request<SubsidyStatement[]>()({ access: 'viewer', input: z.strictObject({ month }) }),
  /** Issues (freezes) the month's draft statements; a later rate change never rewrites them. */
  'subsidy.issue': request<SubsidyStatement[]>()({ access: 'clerk', input: z.strictObject({ month }) }),
};

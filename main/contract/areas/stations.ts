import { z } from 'zod';
import { request } from '../define';
import { divisionCode, optionalText, pageLimit, pastDate, recordId, requiredText, version } from '../fields';
import { parseCreditCode } from '../validators/credit-code';
import type { AuditRow } from './audit';
import {
  LIFECYCLE_STEPS,
  OPERATING_MODES,
  PARTNER_TYPES,
  SERVICE_TYPES,
  STATION_KINDS,
  type LifecycleStep,
  type ServiceType,
  type StationKind,
} from './station-enums';

export * from './station-enums';

export const creditCode = z
  .string()
  .max(32)
  .nullish()
  .transform((value, ctx) => {
    if (!value || !value.trim()) return null;
    const parsed = parseCreditCode(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.problem, params: { code: parsed.problem, ...parsed.params } });
      return z.NEVER;
    }
    return parsed.code;
  });

const optionalDate = pastDate.nullish().transform((v) => v ?? null);
/** Agreement dates may lie ahead (an agreement signed to run to 2028). */
const anyDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullish()
  .transform((v) => v ?? null);
const count = z.number().int().min(0).max(1_000_000);

export const stationInput = z.strictObject({
  name: requiredText(80),
  kind: z.enum(STATION_KINDS),
  /** Town or street (9 digits); null only for the county guidance centre. */
  townCode: divisionCode.nullish(),
  villageCode: divisionCode.nullish(),
  address: optionalText(200),
  taskYear: z.number().int().min(2000).max(2100).nullish(),
  /** Construction funding in 分. */
  fundingFen: z.number().int().min(0).max(100_000_000_000).nullish(),
  /** One date per step reached; each on or after the previous one, none in the future. */
  lifecycle: z.strictObject({
    planned: optionalDate,
    construction: optionalDate,
    completed: optionalDate,
    accepted: optionalDate,
    operating: optionalDate,
    suspended: optionalDate,
    closed: optionalDate,
  }),
  operatingMode: z.enum(OPERATING_MODES).nullish(),
  operatorName: optionalText(100),
  operatorCreditCode: creditCode,
  floorArea: z.number().min(0).max(1_000_000).nullish(),
  beds: count.nullish(),
  staff: count.nullish(),
  services: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length),
  medicalPartnerName: optionalText(100),
  medicalPartnerType: z.enum(PARTNER_TYPES).nullish(),
  medicalAgreementStart: anyDate,
  medicalAgreementEnd: anyDate,
  /** 中医药应用特色基地 since this date; null when the station is not one. */
  tcmBaseDate: optionalDate,
  oneStopSettlement: z.boolean(),
  notes: optionalText(1000),
});

export interface StationRow {
  id: string;
  name: string;
  kind: StationKind;
  townCode: string | null;
  townName: string;
  villageName: string;
  state: LifecycleStep | null;
  /** Date of the current state. */
  stateDate: string | null;
  taskYear: number | null;
  operatingMode: (typeof OPERATING_MODES)[number] | null;
  operatorName: string | null;
  updatedAt: string;
}

export interface Station extends StationRow {
  villageCode: string | null;
  address: string | null;
  fundingFen: number | null;
  lifecycle: Record<LifecycleStep, string | null>;
  operatorCreditCode: string | null;
  floorArea: number | null;
  beds: number | null;
  staff: number | null;
  services: ServiceType[];
  medicalPartnerName: string | null;
  medicalPartnerType: (typeof PARTNER_TYPES)[number] | null;
  medicalAgreementStart: string | null;
  medicalAgreementEnd: string | null;
  tcmBaseDate: string | null;
  oneStopSettlement: boolean;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedByName: string | null;
}

export interface StationPage {
  rows: StationRow[];
  nextCursor: string | null;
  total: number;
}

export const stationRequests = {
  'stations.list': request<StationPage>()({
    access: 'viewer',
    input: z.strictObject({
      query: z.string().trim().max(50).optional(),
      kind: z.enum(STATION_KINDS).nullish(),
      townCode: divisionCode.nullish(),
      state: z.enum(LIFECYCLE_STEPS).nullish(),
      operatingMode: z.enum(OPERATING_MODES).nullish(),
      taskYear: z.number().int().min(2000).max(2100).nullish(),
      limit: pageLimit.default(50),
      after: z.string().max(300).nullish(),
    }),
  }),
  'stations.get': request<Station>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  /** The station's whole history from the audit trail, newest first (readable by every role). */
  'stations.history': request<AuditRow[]>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'stations.create': request<Station>()({ access: 'clerk', input: z.strictObject({ station: stationInput }) }),
  'stations.update': request<Station>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, station: stationInput }),
  }),
};

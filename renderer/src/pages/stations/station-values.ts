import { clientError } from '../../components/form-errors';
import { parseNumberField } from '../../components/NumberField';
import { creditCodeFeedback } from '../../components/CreditCodeInput';
import {
  LIFECYCLE_STEPS,
  localDate,
  pastDateProblem,
  isRealDate,
  type DivisionItem,
  type Input,
  type LedgerError,
  type LifecycleStep,
  type OperatingMode,
  type PartnerType,
  type ServiceType,
  type Station,
  type StationKind,
} from '../../contract';
import { fenToYuanInput, parseYuan } from '../../money';
import { needsTown, requiredTownKind } from './station-labels';

export interface StationFormValues {
  name: string;
  kind: StationKind | null;
  townCode: string | null;
  villageCode: string | null;
  address: string;
  taskYear: string;
  /** 建设资金 as typed, in 元. */
  fundingYuan: string;
  lifecycle: Record<LifecycleStep, string>;
  operatingMode: OperatingMode | null;
  operatorName: string;
  operatorCreditCode: string;
  floorArea: string;
  beds: string;
  staff: string;
  services: ServiceType[];
  medicalPartnerName: string;
  medicalPartnerType: PartnerType | null;
  medicalAgreementStart: string;
  medicalAgreementEnd: string;
  tcmBaseDate: string;
  oneStopSettlement: boolean;
  notes: string;
}

const LIFECYCLE_FIELDS = LIFECYCLE_STEPS.map((s) => `station.lifecycle.${s}` as const);

/** The contract's field paths of stations.create/update that the form shows. */
export const STATION_FIELDS = [
  'station.name',
  'station.kind',
  'station.townCode',
  'station.villageCode',
  'station.address',
  'station.taskYear',
  'station.fundingFen',
  ...LIFECYCLE_FIELDS,
  'station.operatingMode',
  'station.operatorName',
  'station.operatorCreditCode',
  'station.floorArea',
  'station.beds',
  'station.staff',
  'station.services',
  'station.medicalPartnerName',
  'station.medicalPartnerType',
  'station.medicalAgreementStart',
  'station.medicalAgreementEnd',
  'station.tcmBaseDate',
  'station.oneStopSettlement',
  'station.notes',
] as const;
export type StationField = (typeof STATION_FIELDS)[number];

export function lifecycleField(step: LifecycleStep): StationField {
  return `station.lifecycle.${step}`;
}

const EMPTY_LIFECYCLE = Object.fromEntries(LIFECYCLE_STEPS.map((s) => [s, ''])) as Record<LifecycleStep, string>;

export const EMPTY_STATION: StationFormValues = {
  name: '',
  kind: null,
  townCode: null,
  villageCode: null,
  address: '',
  taskYear: '',
  fundingYuan: '',
  lifecycle: EMPTY_LIFECYCLE,
  operatingMode: null,
  operatorName: '',
  operatorCreditCode: '',
  floorArea: '',
  beds: '',
  staff: '',
  services: [],
  medicalPartnerName: '',
  medicalPartnerType: null,
  medicalAgreementStart: '',
  medicalAgreementEnd: '',
  tcmBaseDate: '',
  oneStopSettlement: false,
  notes: '',
};

export function valuesFromStation(s: Station): StationFormValues {
  return {
    name: s.name,
    kind: s.kind,
    townCode: s.townCode,
    villageCode: s.villageCode,
    address: s.address ?? '',
    taskYear: s.taskYear === null ? '' : String(s.taskYear),
    fundingYuan: fenToYuanInput(s.fundingFen),
    lifecycle: Object.fromEntries(LIFECYCLE_STEPS.map((step) => [step, s.lifecycle[step] ?? ''])) as Record<LifecycleStep, string>,
    operatingMode: s.operatingMode,
    operatorName: s.operatorName ?? '',
    operatorCreditCode: s.operatorCreditCode ?? '',
    floorArea: s.floorArea === null ? '' : String(s.floorArea),
    beds: s.beds === null ? '' : String(s.beds),
    staff: s.staff === null ? '' : String(s.staff),
    services: [...s.services],
    medicalPartnerName: s.medicalPartnerName ?? '',
    medicalPartnerType: s.medicalPartnerType,
    medicalAgreementStart: s.medicalAgreementStart ?? '',
    medicalAgreementEnd: s.medicalAgreementEnd ?? '',
    tcmBaseDate: s.tcmBaseDate ?? '',
    oneStopSettlement: s.oneStopSettlement,
    notes: s.notes ?? '',
  };
}

/**
 * Problems of the lifecycle dates as typed: not a date, in the future, or before the nearest
 * earlier dated step (the main side's LIFECYCLE_ORDER rule). `complete(step)` says whether a
 * half-typed date should be judged yet.
 */
export function lifecycleProblems(
  lifecycle: Record<LifecycleStep, string>,
  complete: (step: LifecycleStep) => boolean = () => true,
  today: string = localDate(),
): Partial<Record<LifecycleStep, LedgerError>> {
  const problems: Partial<Record<LifecycleStep, LedgerError>> = {};
  let previous: string | null = null;
  for (const step of LIFECYCLE_STEPS) {
    const text = lifecycle[step].trim();
    if (!text) continue;
    const field = `station.lifecycle.${step}`;
    if (!isRealDate(text)) {
      if (complete(step)) problems[step] = clientError('DATE_INVALID', field);
      continue;
    }
    const problem = pastDateProblem(text, today);
    if (problem) problems[step] = clientError(problem, field);
    else if (previous && text < previous) problems[step] = clientError('LIFECYCLE_ORDER', field, { previous });
    previous = text;
  }
  return problems;
}

function optionalDateProblem(text: string, field: StationField, errors: Partial<Record<StationField, LedgerError>>, allowFuture = false) {
  const value = text.trim();
  if (!value) return;
  if (!isRealDate(value)) errors[field] = clientError('DATE_INVALID', field);
  else if (!allowFuture) {
    const problem = pastDateProblem(value);
    if (problem) errors[field] = clientError(problem, field);
  }
}

/** Every check the form can make before saving; the main side makes them all again. */
export function checkStation(
  v: StationFormValues,
  townOf: (code: string) => DivisionItem | undefined,
  kindLabel: (kind: StationKind) => string,
  townKindLabel: (kind: 'street' | 'town') => string,
): Partial<Record<StationField, LedgerError>> {
  const errors: Partial<Record<StationField, LedgerError>> = {};
  if (!v.name.trim()) errors['station.name'] = clientError('REQUIRED', 'station.name');
  if (!v.kind) errors['station.kind'] = clientError('REQUIRED', 'station.kind');
  if (v.kind && needsTown(v.kind)) {
    if (!v.townCode) errors['station.townCode'] = clientError('REQUIRED', 'station.townCode');
    else {
      const wanted = requiredTownKind(v.kind);
      const town = townOf(v.townCode);
      if (wanted && town && town.townKind !== wanted) {
        errors['station.townCode'] = clientError('TOWN_WRONG_KIND', 'station.townCode', {
          kind: kindLabel(v.kind),
          townKind: townKindLabel(wanted),
        });
      }
    }
  }
  checkNumber(v.taskYear, 'station.taskYear', 2000, 2100, errors);
  if (!parseYuan(v.fundingYuan).ok) errors['station.fundingFen'] = clientError('INVALID_INPUT', 'station.fundingFen');
  checkNumber(v.floorArea, 'station.floorArea', 0, 1_000_000, errors);
  checkNumber(v.beds, 'station.beds', 0, 1_000_000, errors);
  checkNumber(v.staff, 'station.staff', 0, 1_000_000, errors);
  for (const [step, problem] of Object.entries(lifecycleProblems(v.lifecycle))) {
    errors[lifecycleField(step as LifecycleStep)] = problem;
  }
  const credit = creditCodeFeedback(v.operatorCreditCode, true, 'station.operatorCreditCode');
  if (credit.kind === 'error') errors['station.operatorCreditCode'] = credit.error;
  optionalDateProblem(v.medicalAgreementStart, 'station.medicalAgreementStart', errors, true);
  optionalDateProblem(v.medicalAgreementEnd, 'station.medicalAgreementEnd', errors, true);
  optionalDateProblem(v.tcmBaseDate, 'station.tcmBaseDate', errors);
  if (agreementEndsBeforeStart(v)) {
    errors['station.medicalAgreementEnd'] = clientError('AGREEMENT_END_BEFORE_START', 'station.medicalAgreementEnd');
  }
  return errors;
}

export function agreementEndsBeforeStart(v: StationFormValues): boolean {
  const start = v.medicalAgreementStart.trim();
  const end = v.medicalAgreementEnd.trim();
  return isRealDate(start) && isRealDate(end) && end < start;
}

function numberOrNull(text: string): number | null {
  const value = parseNumberField(text);
  return value === null || Number.isNaN(value) ? null : value;
}

/** Range checks of the number fields (the contract's bounds), worded like the main side's. */
function checkNumber(
  text: string,
  field: StationField,
  min: number,
  max: number,
  errors: Partial<Record<StationField, LedgerError>>,
) {
  const value = parseNumberField(text);
  if (value === null) return;
  if (Number.isNaN(value)) errors[field] = clientError('INVALID_INPUT', field);
  else if (value < min) errors[field] = clientError('TOO_SMALL', field, { min });
  else if (value > max) errors[field] = clientError('TOO_LARGE', field, { max });
}

function textOrNull(value: string): string | null {
  return value.trim() || null;
}

export function toStationInput(v: StationFormValues): Input<'stations.create'>['station'] {
  const funding = parseYuan(v.fundingYuan);
  const withTown = needsTown(v.kind);
  return {
    name: v.name.trim(),
    kind: v.kind ?? 'village_station',
    townCode: withTown ? v.townCode : null,
    villageCode: withTown ? v.villageCode : null,
    address: textOrNull(v.address),
    taskYear: numberOrNull(v.taskYear),
    fundingFen: funding.ok ? funding.fen : null,
    lifecycle: Object.fromEntries(LIFECYCLE_STEPS.map((s) => [s, textOrNull(v.lifecycle[s])])) as Record<LifecycleStep, string | null>,
    operatingMode: v.operatingMode,
    operatorName: textOrNull(v.operatorName),
    operatorCreditCode: v.operatorCreditCode.trim().toUpperCase() || null,
    floorArea: numberOrNull(v.floorArea),
    beds: numberOrNull(v.beds),
    staff: numberOrNull(v.staff),
    services: [...v.services],
    medicalPartnerName: textOrNull(v.medicalPartnerName),
    medicalPartnerType: v.medicalPartnerType,
    medicalAgreementStart: textOrNull(v.medicalAgreementStart),
    medicalAgreementEnd: textOrNull(v.medicalAgreementEnd),
    tcmBaseDate: textOrNull(v.tcmBaseDate),
    oneStopSettlement: v.oneStopSettlement,
    notes: textOrNull(v.notes),
  };
}

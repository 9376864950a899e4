import { clientError } from '../../components/form-errors';
import { parseNumberField } from '../../components/NumberField';
import { isRealDate, pastDateProblem, type Input, type Institution, type InstitutionType, type LedgerError } from '../../contract';
import { creditCodeFeedback } from '../../components/CreditCodeInput';

export interface InstitutionFormValues {
  name: string;
  type: InstitutionType | null;
  townCode: string | null;
  villageCode: string | null;
  address: string;
  operatorName: string;
  operatorCreditCode: string;
  totalBeds: string;
  nursingBeds: string;
  medicalRoom: boolean;
  medicalStaff: string;
  oneStopSettlement: boolean;
  licenseNumber: string;
  registeredOn: string;
  licenseAuthority: string;
  closedOn: string;
  notes: string;
}

/** The contract's field paths of institutions.create/update that the form shows. */
export const INSTITUTION_FIELDS = [
  'institution.name',
  'institution.type',
  'institution.townCode',
  'institution.villageCode',
  'institution.address',
  'institution.operatorName',
  'institution.operatorCreditCode',
  'institution.totalBeds',
  'institution.nursingBeds',
  'institution.medicalRoom',
  'institution.medicalStaff',
  'institution.oneStopSettlement',
  'institution.licenseNumber',
  'institution.registeredOn',
  'institution.licenseAuthority',
  'institution.closedOn',
  'institution.notes',
] as const;
export type InstitutionField = (typeof INSTITUTION_FIELDS)[number];

export const EMPTY_INSTITUTION: InstitutionFormValues = {
  name: '',
  type: null,
  townCode: null,
  villageCode: null,
  address: '',
  operatorName: '',
  operatorCreditCode: '',
  totalBeds: '',
  nursingBeds: '',
  medicalRoom: false,
  medicalStaff: '',
  oneStopSettlement: false,
  licenseNumber: '',
  registeredOn: '',
  licenseAuthority: '',
  closedOn: '',
  notes: '',
};

export function valuesFromInstitution(i: Institution): InstitutionFormValues {
  return {
    name: i.name,
    type: i.type,
    townCode: i.townCode,
    villageCode: i.villageCode,
    address: i.address ?? '',
    operatorName: i.operatorName ?? '',
    operatorCreditCode: i.operatorCreditCode ?? '',
    totalBeds: String(i.totalBeds),
    nursingBeds: String(i.nursingBeds),
    medicalRoom: i.medicalRoom,
    medicalStaff: String(i.medicalStaff),
    oneStopSettlement: i.oneStopSettlement,
    licenseNumber: i.licenseNumber ?? '',
    registeredOn: i.registeredOn ?? '',
    licenseAuthority: i.licenseAuthority ?? '',
    closedOn: i.closedOn ?? '',
    notes: i.notes ?? '',
  };
}

/** 护理型床位 is part of the total: more nursing beds than beds is a typing slip, shown at once. */
export function nursingOverTotal(v: InstitutionFormValues): LedgerError | null {
  const total = parseNumberField(v.totalBeds);
  const nursing = parseNumberField(v.nursingBeds);
  if (total === null || nursing === null || Number.isNaN(total) || Number.isNaN(nursing) || nursing <= total) return null;
  return clientError('NURSING_BEDS_OVER_TOTAL', 'institution.nursingBeds', { total });
}

const MAX_COUNT = 100_000;

function checkCount(text: string, field: InstitutionField, required: boolean, errors: Partial<Record<InstitutionField, LedgerError>>) {
  const value = parseNumberField(text);
  if (value === null) {
    if (required) errors[field] = clientError('REQUIRED', field);
  } else if (Number.isNaN(value)) errors[field] = clientError('INVALID_INPUT', field);
  else if (value > MAX_COUNT) errors[field] = clientError('TOO_LARGE', field, { max: MAX_COUNT });
}

function checkPastDate(text: string, field: InstitutionField, errors: Partial<Record<InstitutionField, LedgerError>>) {
  const value = text.trim();
  if (!value) return;
  if (!isRealDate(value)) errors[field] = clientError('DATE_INVALID', field);
  else {
    const problem = pastDateProblem(value);
    if (problem) errors[field] = clientError(problem, field);
  }
}

/** Every check the form can make before saving; the main side makes them all again. */
export function checkInstitution(v: InstitutionFormValues): Partial<Record<InstitutionField, LedgerError>> {
  const errors: Partial<Record<InstitutionField, LedgerError>> = {};
  if (!v.name.trim()) errors['institution.name'] = clientError('REQUIRED', 'institution.name');
  if (!v.type) errors['institution.type'] = clientError('REQUIRED', 'institution.type');
  checkCount(v.totalBeds, 'institution.totalBeds', true, errors);
  checkCount(v.nursingBeds, 'institution.nursingBeds', false, errors);
  checkCount(v.medicalStaff, 'institution.medicalStaff', false, errors);
  const over = nursingOverTotal(v);
  if (over && !errors['institution.nursingBeds']) errors['institution.nursingBeds'] = over;
  const credit = creditCodeFeedback(v.operatorCreditCode, true, 'institution.operatorCreditCode');
  if (credit.kind === 'error') errors['institution.operatorCreditCode'] = credit.error;
  checkPastDate(v.registeredOn, 'institution.registeredOn', errors);
  checkPastDate(v.closedOn, 'institution.closedOn', errors);
  return errors;
}

function textOrNull(value: string): string | null {
  return value.trim() || null;
}

function count(text: string): number {
  const value = parseNumberField(text);
  return value === null || Number.isNaN(value) ? 0 : value;
}

export function toInstitutionInput(v: InstitutionFormValues): Input<'institutions.create'>['institution'] {
  return {
    name: v.name.trim(),
    type: v.type ?? 'other',
    townCode: v.townCode,
    villageCode: v.townCode ? v.villageCode : null,
    address: textOrNull(v.address),
    operatorName: textOrNull(v.operatorName),
    operatorCreditCode: v.operatorCreditCode.trim().toUpperCase() || null,
    totalBeds: count(v.totalBeds),
    nursingBeds: count(v.nursingBeds),
    medicalRoom: v.medicalRoom,
    medicalStaff: count(v.medicalStaff),
    oneStopSettlement: v.oneStopSettlement,
    licenseNumber: textOrNull(v.licenseNumber),
    registeredOn: textOrNull(v.registeredOn),
    licenseAuthority: textOrNull(v.licenseAuthority),
    closedOn: textOrNull(v.closedOn),
    notes: textOrNull(v.notes),
  };
}

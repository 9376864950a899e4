import { clientError } from '../../components/form-errors';
import type { RemoteOption } from '../../components/RemoteSelect';
import { isRealDate, pastDateProblem, type BedDevice, type FamilyBed, type Input, type LedgerError } from '../../contract';

export interface BedFormValues {
  person: RemoteOption | null;
  station: RemoteOption | null;
  installDate: string;
  devices: BedDevice[];
  devicesOther: string;
  endDate: string;
  endReason: string;
  notes: string;
}

export const BED_FIELDS = [
  'bed.personId',
  'bed.stationId',
  'bed.installDate',
  'bed.devices',
  'bed.devicesOther',
  'bed.endDate',
  'bed.endReason',
  'bed.notes',
] as const;
export type BedField = (typeof BED_FIELDS)[number];

export const EMPTY_BED: BedFormValues = {
  person: null,
  station: null,
  installDate: '',
  devices: [],
  devicesOther: '',
  endDate: '',
  endReason: '',
  notes: '',
};

export function valuesFromBed(b: FamilyBed): BedFormValues {
  return {
    person: { value: b.personId, label: b.personName, detail: b.personIdNumber ?? undefined },
    station: { value: b.stationId, label: b.stationName, detail: b.operatorName || undefined },
    installDate: b.installDate,
    devices: [...b.devices],
    devicesOther: b.devicesOther ?? '',
    endDate: b.endDate ?? '',
    endReason: b.endReason ?? '',
    notes: b.notes ?? '',
  };
}

export function dateProblem(text: string, field: BedField): LedgerError | null {
  const value = text.trim();
  if (!value) return null;
  const problem = pastDateProblem(value);
  return problem ? clientError(problem, field) : null;
}

export function endBeforeInstall(v: BedFormValues): boolean {
  const install = v.installDate.trim();
  const end = v.endDate.trim();
  return isRealDate(install) && isRealDate(end) && end < install;
}

export function checkBed(v: BedFormValues): Partial<Record<BedField, LedgerError>> {
  const errors: Partial<Record<BedField, LedgerError>> = {};
  if (!v.person) errors['bed.personId'] = clientError('REQUIRED', 'bed.personId');
  if (!v.station) errors['bed.stationId'] = clientError('REQUIRED', 'bed.stationId');
  if (!v.installDate.trim()) errors['bed.installDate'] = clientError('REQUIRED', 'bed.installDate');
  else {
    const problem = dateProblem(v.installDate, 'bed.installDate');
    if (problem) errors['bed.installDate'] = problem;
  }
  const end = dateProblem(v.endDate, 'bed.endDate');
  if (end) errors['bed.endDate'] = end;
  else if (endBeforeInstall(v)) errors['bed.endDate'] = clientError('END_BEFORE_INSTALL', 'bed.endDate');
  return errors;
}

export function toBedInput(v: BedFormValues): Input<'beds.create'>['bed'] {
  return {
    personId: v.person?.value ?? '',
    stationId: v.station?.value ?? '',
    installDate: v.installDate.trim(),
    devices: [...v.devices],
    devicesOther: v.devices.includes('other') ? v.devicesOther.trim() || null : null,
    endDate: v.endDate.trim() || null,
    endReason: v.endReason.trim() || null,
    notes: v.notes.trim() || null,
  };
}

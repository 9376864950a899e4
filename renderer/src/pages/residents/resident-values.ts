import { clientError } from '../../components/form-errors';
import type { RemoteOption } from '../../components/RemoteSelect';
import {
  CHILD_CATEGORIES,
  isRealDate,
  normalisePhone,
  pastDateProblem,
  type Input,
  type LedgerError,
  type Resident,
  type ResidentCategory,
  type SelfCareTask,
  type SupportForm,
} from '../../contract';
import { checkPerson, EMPTY_PERSON, PERSON_FIELDS, toPersonInput, type PersonFormValues } from '../people/person-values';

/** 登记信息: what the clerk may correct in place (residents.update's `details`). */
export interface DetailsValues {
  category: ResidentCategory | null;
  supportForm: SupportForm;
  schoolingExtension: boolean;
  ageException: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  notes: string;
}
export type DetailKey = keyof DetailsValues;
export const DETAIL_KEYS: readonly DetailKey[] = [
  'category',
  'supportForm',
  'schoolingExtension',
  'ageException',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'notes',
];

export const EMPTY_DETAILS: DetailsValues = {
  category: null,
  supportForm: 'concentrated',
  schoolingExtension: false,
  ageException: '',
  guardianName: '',
  guardianRelation: '',
  guardianPhone: '',
  notes: '',
};

export function detailsFromResident(r: Resident): DetailsValues {
  return {
    category: r.category,
    supportForm: r.supportForm,
    schoolingExtension: r.schoolingExtension,
    ageException: r.ageException ?? '',
    guardianName: r.guardianName ?? '',
    guardianRelation: r.guardianRelation ?? '',
    guardianPhone: r.guardianPhone ?? '',
    notes: r.notes ?? '',
  };
}

export function isChildCategory(category: ResidentCategory | null): boolean {
  return category !== null && CHILD_CATEGORIES.includes(category);
}

/** The details' own checks; errors are keyed `${prefix}.${key}` (the contract's paths). */
export function checkDetails(v: DetailsValues, prefix: string): Record<string, LedgerError> {
  const errors: Record<string, LedgerError> = {};
  if (!v.category) errors[`${prefix}.category`] = clientError('REQUIRED', `${prefix}.category`);
  if (v.guardianPhone.trim() && !normalisePhone(v.guardianPhone)) {
    errors[`${prefix}.guardianPhone`] = clientError('PHONE_INVALID', `${prefix}.guardianPhone`);
  }
  return errors;
}

export function toDetailsInput(v: DetailsValues): Input<'residents.update'>['details'] {
  return {
    category: v.category ?? 'other',
    supportForm: v.supportForm,
    // The extension only means something for a child category; never stored for others.
    schoolingExtension: isChildCategory(v.category) && v.schoolingExtension,
    ageException: v.ageException.trim() || null,
    guardianName: v.guardianName.trim() || null,
    guardianRelation: v.guardianRelation.trim() || null,
    guardianPhone: v.guardianPhone.trim() ? (normalisePhone(v.guardianPhone) ?? v.guardianPhone.trim()) : null,
    notes: v.notes.trim() || null,
  };
}

/** A typed date: required or not, a real day not in the future. */
export function dateError(text: string, field: string, required: boolean): LedgerError | null {
  const value = text.trim();
  if (!value) return required ? clientError('REQUIRED', field) : null;
  const problem = pastDateProblem(value);
  return problem ? clientError(problem, field) : null;
}

/** 办理入院: the person (chosen or new), where and when, the details and the six-task rating. */
export interface AdmissionValues {
  personMode: 'existing' | 'new';
  person: RemoteOption | null;
  newPerson: PersonFormValues;
  institution: string | null;
  bed: string | null;
  admittedOn: string;
  details: DetailsValues;
  failedTasks: SelfCareTask[];
  /** Blank: the admission day. */
  assessedOn: string;
  assessor: string;
  assessmentNote: string;
  note: string;
}

export function emptyAdmission(today: string): AdmissionValues {
  return {
    personMode: 'existing',
    person: null,
    newPerson: EMPTY_PERSON,
    institution: null,
    bed: null,
    admittedOn: today,
    details: EMPTY_DETAILS,
    failedTasks: [],
    assessedOn: '',
    assessor: '',
    assessmentNote: '',
    note: '',
  };
}

/** The admission's field paths the form shows (the person's as admission.person.name …). */
export const ADMISSION_FIELDS = [
  'admission.personId',
  ...PERSON_FIELDS.map((f) => `admission.${f}` as const),
  // Anything else about the person (e.g. "choose one of the two") lands on the person section.
  'admission.person',
  'admission.institutionId',
  'admission.bedId',
  'admission.admittedOn',
  ...DETAIL_KEYS.map((k) => `admission.details.${k}` as const),
  'admission.assessment.assessedOn',
  'admission.assessment.assessor',
  'admission.assessment.failedTasks',
  'admission.assessment.note',
  'admission.note',
] as const;
export type AdmissionField = (typeof ADMISSION_FIELDS)[number];

/** The form's own checks before saving (the main side checks everything again). */
export function checkAdmission(v: AdmissionValues, bedRequired: boolean): Partial<Record<AdmissionField, LedgerError>> {
  const errors: Record<string, LedgerError> = {};
  if (v.personMode === 'existing') {
    if (!v.person) errors['admission.personId'] = clientError('REQUIRED', 'admission.personId');
  } else {
    for (const [field, error] of Object.entries(checkPerson(v.newPerson))) errors[`admission.${field}`] = error;
  }
  if (!v.institution) errors['admission.institutionId'] = clientError('REQUIRED', 'admission.institutionId');
  else if (bedRequired && !v.bed) errors['admission.bedId'] = clientError('BED_REQUIRED', 'admission.bedId');
  const admitted = dateError(v.admittedOn, 'admission.admittedOn', true);
  if (admitted) errors['admission.admittedOn'] = admitted;
  Object.assign(errors, checkDetails(v.details, 'admission.details'));
  const assessed = dateError(v.assessedOn, 'admission.assessment.assessedOn', false);
  if (assessed) errors['admission.assessment.assessedOn'] = assessed;
  else if (assessedAfterAdmission(v)) {
    errors['admission.assessment.assessedOn'] = clientError('ASSESSMENT_AFTER_ADMISSION', 'admission.assessment.assessedOn');
  }
  if (!v.assessor.trim()) errors['admission.assessment.assessor'] = clientError('REQUIRED', 'admission.assessment.assessor');
  return errors as Partial<Record<AdmissionField, LedgerError>>;
}

export function assessedAfterAdmission(v: AdmissionValues): boolean {
  const admitted = v.admittedOn.trim();
  const assessed = v.assessedOn.trim();
  return isRealDate(admitted) && isRealDate(assessed) && assessed > admitted;
}

export function toAdmissionInput(v: AdmissionValues): Input<'residents.admit'>['admission'] {
  const admittedOn = v.admittedOn.trim();
  return {
    personId: v.personMode === 'existing' ? (v.person?.value ?? null) : null,
    person: v.personMode === 'new' ? toPersonInput(v.newPerson) : null,
    institutionId: v.institution ?? '',
    bedId: v.bed,
    admittedOn,
    details: toDetailsInput(v.details),
    assessment: {
      method: 'six_task',
      assessedOn: v.assessedOn.trim() || admittedOn,
      assessor: v.assessor.trim(),
      failedTasks: [...v.failedTasks],
      note: v.assessmentNote.trim() || null,
    },
    note: v.note.trim() || null,
  };
}

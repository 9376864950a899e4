import { clientError } from '../../components/form-errors';
import { normalisePhone, parseIdNumber, pastDateProblem, type IdNumberResult, type Input, type LedgerError, type Person } from '../../contract';

export interface PersonFormValues {
  name: string;
  idNumber: string;
  /** 无身份证号: sex and birth date are then typed in rather than derived. */
  noIdNumber: boolean;
  sex: 'M' | 'F' | null;
  birthDate: string;
  phone: string;
  hukouDivisionCode: string | null;
  address: string;
  notes: string;
}

/** The contract's field paths of people.create/update that the form shows. */
export const PERSON_FIELDS = [
  'person.name',
  'person.idNumber',
  'person.sex',
  'person.birthDate',
  'person.phone',
  'person.hukouDivisionCode',
  'person.address',
  'person.notes',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const EMPTY_PERSON: PersonFormValues = {
  name: '',
  idNumber: '',
  noIdNumber: false,
  sex: null,
  birthDate: '',
  phone: '',
  hukouDivisionCode: null,
  address: '',
  notes: '',
};

export function valuesFromPerson(p: Person): PersonFormValues {
  return {
    name: p.name,
    idNumber: p.idNumber ?? '',
    noIdNumber: !p.hasIdNumber,
    sex: p.sex,
    birthDate: p.birthDate ?? '',
    phone: p.phone ?? '',
    hukouDivisionCode: p.hukouDivisionCode,
    address: p.address ?? '',
    notes: p.notes ?? '',
  };
}

export type IdFeedback =
  | { kind: 'none' }
  | { kind: 'error'; error: LedgerError }
  | { kind: 'valid'; parsed: Extract<IdNumberResult, { ok: true }> };

/**
 * What to say under the ID number while it is typed: nothing until it could be complete (15 or 18
 * characters, or the field was left), a wrong character at once.
 */
export function idFeedback(raw: string, left: boolean): IdFeedback {
  const text = raw.trim();
  if (!text) return { kind: 'none' };
  if (/[^0-9Xx]/.test(text) || text.length > 18) {
    return { kind: 'error', error: clientError('ID_NUMBER_FORMAT', 'person.idNumber') };
  }
  if (!left && text.length !== 15 && text.length !== 18) return { kind: 'none' };
  const parsed = parseIdNumber(text);
  if (parsed.ok) return { kind: 'valid', parsed };
  // 15 digits that are not a valid old number may still be the start of an 18-digit one.
  if (!left && text.length === 15) return { kind: 'none' };
  return { kind: 'error', error: clientError(parsed.problem, 'person.idNumber', parsed.params) };
}

/** The form's own checks before saving; the main side checks everything again. */
export function checkPerson(v: PersonFormValues): Partial<Record<PersonField, LedgerError>> {
  const errors: Partial<Record<PersonField, LedgerError>> = {};
  if (!v.name.trim()) errors['person.name'] = clientError('REQUIRED', 'person.name');
  if (!v.noIdNumber) {
    if (!v.idNumber.trim()) errors['person.idNumber'] = clientError('REQUIRED', 'person.idNumber');
    else {
      const feedback = idFeedback(v.idNumber, true);
      if (feedback.kind === 'error') errors['person.idNumber'] = feedback.error;
    }
  } else if (v.birthDate.trim()) {
    const problem = pastDateProblem(v.birthDate.trim());
    if (problem) errors['person.birthDate'] = clientError(problem, 'person.birthDate');
  }
  if (v.phone.trim() && !normalisePhone(v.phone)) errors['person.phone'] = clientError('PHONE_INVALID', 'person.phone');
  return errors;
}

export function toPersonInput(v: PersonFormValues): Input<'people.create'>['person'] {
  return {
    name: v.name.trim(),
    idNumber: v.noIdNumber ? null : v.idNumber.trim().toUpperCase(),
    sex: v.noIdNumber ? v.sex : null,
    birthDate: v.noIdNumber && v.birthDate.trim() ? v.birthDate.trim() : null,
    phone: v.phone.trim() ? (normalisePhone(v.phone) ?? v.phone.trim()) : null,
    hukouDivisionCode: v.hukouDivisionCode,
    address: v.address.trim() || null,
    notes: v.notes.trim() || null,
  };
}

import type { RemoteOption } from '../../components/RemoteSelect';
import { clientError } from '../../components/form-errors';
import {
  localDate,
  normalisePhone,
  type HouseholdCategory,
  type HouseholdCondition,
  type Input,
  type LedgerError,
  type RenovationCase,
} from '../../contract';
import { currentYear } from '../../months';
import { dateError } from '../residents/resident-values';

/** The household form (新建改造申请, and 编辑家庭信息 on an open case). */
export interface HouseholdValues {
  /** The elderly people of the household; the first is the applicant. */
  people: RemoteOption[];
  category: HouseholdCategory | null;
  conditions: HouseholdCondition[];
  townCode: string | null;
  villageCode: string | null;
  address: string;
  phone: string;
  planYear: string;
  duplicateReason: string;
  notes: string;
  /** Only when applying: the application's date and who received it. */
  appliedOn: string;
  responsible: string;
}

export const HOUSEHOLD_KEYS = ['personIds', 'category', 'conditions', 'townCode', 'villageCode', 'address', 'phone', 'planYear', 'duplicateReason', 'notes'] as const;
export type HouseholdKey = (typeof HOUSEHOLD_KEYS)[number];

/**
 * The contract paths of the form's fields: a new case sends `application.household.*` and
 * `application.appliedOn/responsible`, an edit sends `household.*`.
 */
export function householdFields(mode: 'create' | 'update'): string[] {
  const prefix = mode === 'create' ? 'application.household.' : 'household.';
  const fields = HOUSEHOLD_KEYS.map((k) => prefix + k);
  return mode === 'create' ? [...fields, 'application.appliedOn', 'application.responsible'] : fields;
}

export function householdField(mode: 'create' | 'update', key: HouseholdKey): string {
  return (mode === 'create' ? 'application.household.' : 'household.') + key;
}

export function emptyHousehold(responsible: string): HouseholdValues {
  return {
    people: [],
    category: null,
    conditions: [],
    townCode: null,
    villageCode: null,
    address: '',
    phone: '',
    planYear: String(currentYear()),
    duplicateReason: '',
    notes: '',
    appliedOn: localDate(),
    responsible,
  };
}

/** The open case's household as the edit form starts. */
export function householdOf(c: RenovationCase): HouseholdValues {
  return {
    people: c.people.map((p) => ({ value: p.personId, label: p.name, detail: [p.idNumber, p.birthDate].filter(Boolean).join(' · ') })),
    category: c.category,
    conditions: c.conditions,
    townCode: c.townCode,
    villageCode: c.villageCode,
    address: c.address ?? '',
    phone: c.phone ?? '',
    planYear: String(c.planYear),
    duplicateReason: c.duplicateReason ?? '',
    notes: c.notes ?? '',
    appliedOn: c.appliedOn,
    responsible: '',
  };
}

/** The form's own checks (the main side checks everything again). */
export function checkHousehold(v: HouseholdValues, mode: 'create' | 'update'): Record<string, LedgerError> {
  const f = (k: HouseholdKey) => householdField(mode, k);
  const found: Record<string, LedgerError> = {};
  if (v.people.length === 0) found[f('personIds')] = clientError('REQUIRED', f('personIds'));
  if (!v.category) found[f('category')] = clientError('REQUIRED', f('category'));
  if (!v.townCode) found[f('townCode')] = clientError('TOWN_REQUIRED', f('townCode'));
  if (v.phone.trim() && !normalisePhone(v.phone)) found[f('phone')] = clientError('PHONE_INVALID', f('phone'));
  if (!/^\d{4}$/.test(v.planYear.trim())) found[f('planYear')] = clientError('REQUIRED', f('planYear'));
  if (mode === 'create') {
    const date = dateError(v.appliedOn, 'application.appliedOn', true);
    if (date) found['application.appliedOn'] = date;
    if (!v.responsible.trim()) found['application.responsible'] = clientError('REQUIRED', 'application.responsible');
  }
  return found;
}

const text = (s: string) => s.trim() || null;

export function toHouseholdInput(v: HouseholdValues): Input<'renovations.update'>['household'] {
  return {
    personIds: v.people.map((p) => p.value),
    category: v.category ?? 'other',
    conditions: v.conditions,
    townCode: v.townCode ?? '',
    villageCode: v.villageCode,
    address: text(v.address),
    phone: text(v.phone),
    planYear: Number(v.planYear.trim()),
    duplicateReason: text(v.duplicateReason),
    notes: text(v.notes),
  };
}

export function toCreateInput(v: HouseholdValues): Input<'renovations.create'> {
  return { application: { household: toHouseholdInput(v), appliedOn: v.appliedOn.trim(), responsible: v.responsible.trim(), note: null } };
}

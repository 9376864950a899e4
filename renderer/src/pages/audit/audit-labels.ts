import type { MessageKey, Params } from '../../i18n';
import { formatFen } from '../../money';

export const AUDIT_ENTITIES = ['person', 'staff', 'office', 'station', 'stat-month', 'family-bed', 'bed-rate', 'subsidy-statement', 'year-target', 'demo'] as const;

const ACTION_KEYS: Record<string, MessageKey> = {
  create: 'audit.action.create',
  update: 'audit.action.update',
  login: 'audit.action.login',
  logout: 'audit.action.logout',
  'login-failed': 'audit.action.loginFailed',
  lock: 'audit.action.lock',
  setup: 'audit.action.setup',
  'reset-password': 'audit.action.resetPassword',
  'change-password': 'audit.action.changePassword',
  save: 'audit.action.save',
  submit: 'audit.action.submit',
  reopen: 'audit.action.reopen',
  issue: 'audit.action.issue',
  fill: 'audit.action.fill',
  'demo-fill': 'audit.action.fill',
  set: 'audit.action.update',
};

const ENTITY_KEYS: Record<string, MessageKey> = {
  person: 'audit.entity.person',
  staff: 'audit.entity.staff',
  office: 'audit.entity.office',
  station: 'audit.entity.station',
  'stat-month': 'audit.entity.statMonth',
  'station-month-stat': 'audit.entity.statMonth',
  stats: 'audit.entity.statMonth',
  'family-bed': 'audit.entity.familyBed',
  'bed-rate': 'audit.entity.bedRate',
  'subsidy-statement': 'audit.entity.subsidyStatement',
  'year-target': 'audit.entity.yearTarget',
  demo: 'audit.entity.demo',
};

/** Keys of the UI strings for an action/entity; unknown ones (from a newer version) show as stored. */
export function actionLabelKey(action: string): MessageKey | null {
  return ACTION_KEYS[action] ?? null;
}
export function entityLabelKey(entity: string): MessageKey {
  return ENTITY_KEYS[entity] ?? 'audit.entity.other';
}

/** Labels for the stored columns shown in the before/after diff. */
const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'person.name',
  id_number: 'person.idNumber',
  sex: 'person.sex',
  birth_date: 'person.birthDate',
  phone: 'person.phone',
  hukou_division_code: 'audit.field.hukouDivisionCode',
  address: 'person.address',
  notes: 'person.notes',
  username: 'field.username',
  display_name: 'field.displayName',
  role: 'field.role',
  disabled: 'audit.field.disabled',
  failed_logins: 'audit.field.failedLogins',
  locked_until: 'audit.field.lockedUntil',
  last_login_at: 'staff.lastLogin',
  version: 'audit.field.version',
  created_at: 'audit.field.createdAt',
  updated_at: 'audit.field.updatedAt',
  updated_by: 'audit.field.updatedBy',
  updated_installation: 'audit.field.updatedInstallation',
  id: 'audit.field.id',
  mode: 'audit.field.mode',
  divisionCode: 'audit.field.divisionCode',
  divisionName: 'audit.field.divisionName',
  installationId: 'audit.field.installationId',
};

/** Stations, beds and the rest: stored column (snake_case) → label. */
const MORE_FIELD_KEYS: Record<string, MessageKey> = {
  kind: 'station.kind',
  town_code: 'station.townCode',
  village_code: 'station.villageCode',
  town_name: 'station.town',
  village_name: 'station.village',
  task_year: 'station.taskYear',
  funding_fen: 'station.fundingYuan',
  planned_date: 'station.step.planned',
  construction_date: 'station.step.construction',
  completed_date: 'station.step.completed',
  accepted_date: 'station.step.accepted',
  operating_date: 'station.step.operating',
  suspended_date: 'station.step.suspended',
  closed_date: 'station.step.closed',
  planned: 'station.step.planned',
  construction: 'station.step.construction',
  completed: 'station.step.completed',
  accepted: 'station.step.accepted',
  operating: 'station.step.operating',
  suspended: 'station.step.suspended',
  closed: 'station.step.closed',
  lifecycle: 'station.section.lifecycle',
  operating_mode: 'station.operatingMode',
  operator_name: 'station.operatorName',
  operator_credit_code: 'station.operatorCreditCode',
  floor_area: 'station.floorArea',
  beds: 'station.beds',
  staff: 'station.staff',
  services: 'station.services',
  services_json: 'station.services',
  medical_partner_name: 'station.medicalPartnerName',
  medical_partner_type: 'station.medicalPartnerType',
  medical_agreement_start: 'station.medicalAgreementStart',
  medical_agreement_end: 'station.medicalAgreementEnd',
  tcm_base_date: 'station.tcmBaseDate',
  one_stop_settlement: 'station.oneStopSettlement',
  person_id: 'bed.person',
  person_name: 'bed.person',
  station_id: 'bed.station',
  station_name: 'bed.station',
  install_date: 'bed.installDate',
  devices: 'bed.devices',
  devices_json: 'bed.devices',
  devices_other: 'bed.devicesOther',
  end_date: 'bed.endDate',
  end_reason: 'bed.endReason',
  effective_from: 'rate.effectiveFrom',
  build_fen: 'rate.build',
  operating_fen_per_month: 'rate.operating',
  month: 'month.label',
  year: 'year.label',
  stations: 'target.stations',
  family_beds: 'target.familyBeds',
  home_visits: 'target.homeVisits',
};

/** Fields whose label depends on the kind of record. */
const ENTITY_FIELD_KEYS: Record<string, Record<string, MessageKey>> = {
  station: { name: 'station.name' },
};

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function fieldLabelKey(field: string, entity?: string): MessageKey | null {
  const key = snake(field);
  return (entity ? ENTITY_FIELD_KEYS[entity]?.[key] : undefined) ?? FIELD_KEYS[field] ?? FIELD_KEYS[key] ?? MORE_FIELD_KEYS[key] ?? null;
}

type Translate = (key: MessageKey, params?: Params) => string;

function asList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

function labelled(prefix: string, value: unknown, t: Translate): string | null {
  if (typeof value !== 'string') return null;
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? null : text;
}

/** A stored value as a clerk reads it (enum codes as words, 分 as 元); null when there is nothing better than the raw value. */
export function auditValueText(field: string, value: unknown, t: Translate): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (snake(field)) {
    case 'kind':
      return labelled('station.kind', value, t);
    case 'operating_mode':
      return labelled('station.mode', value, t);
    case 'medical_partner_type':
      return labelled('partner', value, t);
    case 'services':
    case 'services_json': {
      const list = asList(value);
      return list ? list.map((s) => labelled('service', s, t) ?? String(s)).join('、') || '—' : null;
    }
    case 'devices':
    case 'devices_json': {
      const list = asList(value);
      return list ? list.map((d) => labelled('device', d, t) ?? String(d)).join('、') || '—' : null;
    }
    case 'one_stop_settlement':
    case 'disabled':
      return value === true || value === 1 ? t('common.yes') : value === false || value === 0 ? t('common.no') : null;
    case 'funding_fen':
    case 'build_fen':
    case 'operating_fen_per_month':
      return typeof value === 'number' ? `${formatFen(value)} ${t('money.yuan')}` : null;
    default:
      return null;
  }
}

import type { MessageKey, Params } from '../../i18n';
import { formatFen } from '../../money';
import { RENOVATION_CASE_FIELD_KEYS, renovationAuditValue } from '../renovations/renovation-audit';

export const AUDIT_ENTITIES = [
  'person',
  'staff',
  'office',
  'station',
  'stat-month',
  'family-bed',
  'bed-rate',
  'subsidy-statement',
  'year-target',
  'institution',
  'institution-bed',
  'resident',
  'allowance-standard',
  'renovation-case',
  'renovation-item',
  'renovation-cap',
  'renovation-target',
  'signing-key',
  'city-key',
  'city-identity',
  'county-key',
  'bundle',
  'spreadsheet',
  'demo',
] as const;

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
  admit: 'welfare.event.admit',
  move: 'welfare.event.move',
  leave: 'welfare.event.leave',
  return: 'welfare.event.return',
  reassess: 'welfare.event.reassess',
  exit: 'welfare.event.exit',
  reversal: 'welfare.event.reversal',
  view: 'audit.action.view',
  // A renovation case's steps, its plan and its files.
  applied: 'renovation.step.applied',
  town_reviewed: 'renovation.step.town_reviewed',
  county_reviewed: 'renovation.step.county_reviewed',
  publicised: 'renovation.step.publicised',
  assessed: 'renovation.step.assessed',
  plan_signed: 'renovation.step.plan_signed',
  works_started: 'renovation.step.works_started',
  works_completed: 'renovation.step.works_completed',
  accepted: 'renovation.step.accepted',
  acceptance_failed: 'renovation.step.acceptance_failed',
  paid: 'renovation.step.paid',
  satisfaction: 'renovation.step.satisfaction',
  rejected: 'renovation.step.rejected',
  withdrawn: 'renovation.step.withdrawn',
  correction: 'renovation.step.correction',
  plan: 'audit.action.renovationPlan',
  attach: 'audit.action.attach',
  'withdraw-attachment': 'audit.action.withdrawAttachment',
  // Keys, bundles and spreadsheets.
  export: 'audit.action.export',
  print: 'audit.action.print',
  import: 'audit.action.import',
  enroll: 'audit.action.enroll',
  rotate: 'audit.action.rotate',
  revoke: 'audit.action.revoke',
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
  institution: 'audit.entity.institution',
  'institution-bed': 'audit.entity.institutionBed',
  resident: 'audit.entity.resident',
  'allowance-standard': 'audit.entity.allowanceStandard',
  'renovation-case': 'audit.entity.renovationCase',
  'renovation-item': 'audit.entity.renovationItem',
  'renovation-cap': 'audit.entity.renovationCap',
  'renovation-target': 'audit.entity.renovationTarget',
  'signing-key': 'audit.entity.signingKey',
  'city-key': 'audit.entity.cityKey',
  'city-identity': 'audit.entity.cityIdentity',
  'county-key': 'audit.entity.countyKey',
  bundle: 'audit.entity.bundle',
  spreadsheet: 'audit.entity.spreadsheet',
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
  // Welfare homes, residents, their events and assessments, the allowance standard.
  total_beds: 'institution.totalBeds',
  nursing_beds: 'institution.nursingBeds',
  medical_room: 'institution.medicalRoom',
  medical_staff: 'institution.medicalStaff',
  license_number: 'institution.licenseNumber',
  registered_on: 'institution.registeredOn',
  license_authority: 'institution.licenseAuthority',
  closed_on: 'institution.closedOn',
  room: 'instBed.room',
  label: 'instBed.label',
  nursing: 'instBed.nursing',
  retired_on: 'instBed.retiredOn',
  institution_id: 'resident.institution',
  institution_name: 'resident.institution',
  bed_id: 'resident.bed',
  bed_label: 'resident.bed',
  category: 'resident.category',
  support_form: 'resident.supportForm',
  schooling_extension: 'resident.schoolingExtension',
  age_exception: 'resident.ageException',
  guardian_name: 'resident.guardianName',
  guardian_relation: 'resident.guardianRelation',
  guardian_phone: 'resident.guardianPhone',
  admitted_on: 'resident.admittedOn',
  event_date: 'audit.field.eventDate',
  leave_kind: 'resident.leaveKind',
  exit_reason: 'resident.exitReason',
  reason: 'audit.field.reason',
  note: 'resident.eventNote',
  reverses: 'audit.field.reverses',
  reverses_event_id: 'audit.field.reverses',
  resident_id: 'audit.field.id',
  seq: 'audit.field.seq',
  created_by: 'audit.field.updatedBy',
  created_installation: 'audit.field.updatedInstallation',
  assessment: 'resident.tab.assessments',
  method: 'resident.method',
  assessed_on: 'resident.assessedOn',
  assessor: 'resident.assessor',
  failed_tasks: 'resident.failedTasks',
  self_care_level: 'resident.level',
  gbt_level: 'resident.gbtLevel',
  event_id: 'audit.field.id',
  basic_living_fen: 'welfare.amount.basicLivingFen',
  care_self_care_concentrated_fen: 'welfare.amount.careSelfCareConcentratedFen',
  care_partial_concentrated_fen: 'welfare.amount.carePartialConcentratedFen',
  care_complete_concentrated_fen: 'welfare.amount.careCompleteConcentratedFen',
  care_self_care_dispersed_fen: 'welfare.amount.careSelfCareDispersedFen',
  care_partial_dispersed_fen: 'welfare.amount.carePartialDispersedFen',
  care_complete_dispersed_fen: 'welfare.amount.careCompleteDispersedFen',
  orphan_concentrated_fen: 'welfare.amount.orphanConcentratedFen',
  orphan_dispersed_fen: 'welfare.amount.orphanDispersedFen',
  // The renovation catalogue's prices, the cap by year, the yearly targets.
  reference_price_fen: 'renoItem.referencePrice',
  from_year: 'renoCap.fromYear',
  cap_fen: 'renoCap.cap',
  q1: 'renoTarget.q1',
  q2: 'renoTarget.q2',
  q3: 'renoTarget.q3',
  q4: 'renoTarget.q4',
  budget_fen: 'renoTarget.budget',
};

/** Fields whose label depends on the kind of record. */
const ENTITY_FIELD_KEYS: Record<string, Record<string, MessageKey>> = {
  station: { name: 'station.name' },
  institution: { name: 'institution.name', type: 'institution.type', notes: 'resident.notes' },
  resident: { kind: 'audit.field.eventKind' },
  'renovation-case': RENOVATION_CASE_FIELD_KEYS,
  'renovation-item': {
    code: 'renoItem.code',
    name: 'renoItem.name',
    category: 'renoItem.category',
    basic: 'renoItem.basic',
    local: 'renoItem.local',
    subsidised: 'renoItem.subsidisedSwitch',
    unit: 'renoItem.unit',
    active: 'renoItem.activeSwitch',
  },
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
export function auditValueText(field: string, value: unknown, t: Translate, entity?: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const key = snake(field);
  if (key.endsWith('_fen') && typeof value === 'number') return `${formatFen(value)} ${t('money.yuan')}`;
  if (entity === 'renovation-case') {
    const text = renovationAuditValue(key, value, t);
    if (text !== null) return text;
  }
  if (entity === 'renovation-item') {
    // The catalogue's own category list and yes/no flags (not the residents' categories).
    if (key === 'category') return labelled('renovation.itemCategory', value, t);
    if (['basic', 'local', 'subsidised', 'active'].includes(key)) return value === true || value === 1 ? t('common.yes') : value === false || value === 0 ? t('common.no') : null;
  }
  switch (key) {
    case 'kind':
      return entity === 'resident' ? labelled('welfare.event', value, t) : labelled('station.kind', value, t);
    case 'type':
      return labelled('welfare.type', value, t);
    case 'category':
      return labelled('welfare.category', value, t);
    case 'support_form':
      return labelled('welfare.supportForm', value, t);
    case 'leave_kind':
      return labelled('welfare.leave', value, t);
    case 'exit_reason':
      return labelled('welfare.exit', value, t);
    case 'self_care_level':
      return labelled('welfare.level', value, t);
    case 'gbt_level':
      return typeof value === 'number' ? labelled('welfare.gbt', String(value), t) : null;
    case 'failed_tasks': {
      const list = asList(value);
      return list ? list.map((task) => labelled('welfare.task', task, t) ?? String(task)).join('、') || '—' : null;
    }
    case 'medical_room':
    case 'nursing':
    case 'schooling_extension':
      return value === true || value === 1 ? t('common.yes') : value === false || value === 0 ? t('common.no') : null;
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
    case 'operating_fen_per_month':
      return typeof value === 'number' ? `${formatFen(value)} ${t('money.yuan')}` : null;
    default:
      return null;
  }
}

import type { MessageKey } from '../../i18n';

export const AUDIT_ENTITIES = ['person', 'staff', 'office'] as const;

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
};

const ENTITY_KEYS: Record<string, MessageKey> = {
  person: 'audit.entity.person',
  staff: 'audit.entity.staff',
  office: 'audit.entity.office',
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

export function fieldLabelKey(field: string): MessageKey | null {
  return FIELD_KEYS[field] ?? null;
}

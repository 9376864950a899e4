import type { Generated } from 'kysely';

/** Columns every register row carries (DESIGN.md §4): id, version, who/when/where it last changed. */
export interface RecordMeta {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  updated_installation: string;
}

export interface OfficeTable {
  singleton: number;
  installation_id: string;
  mode: 'county' | 'city';
  division_code: string;
  name: string;
  created_at: string;
}

export interface StaffTable extends RecordMeta {
  username: string;
  display_name: string;
  role: 'viewer' | 'clerk' | 'admin';
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
}

export interface PersonTable extends RecordMeta {
  name: string;
  name_pinyin: string;
  name_initials: string;
  id_number: string | null;
  id_number_reversed: string | null;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string | null;
  hukou_division_code: string | null;
  address: string | null;
  notes: string | null;
}

export interface AuditEntryTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  installation_id: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export interface Database {
  office: OfficeTable;
  staff: StaffTable;
  person: PersonTable;
  audit_entry: AuditEntryTable;
}

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

export interface StationTable extends RecordMeta {
  name: string;
  name_pinyin: string;
  name_initials: string;
  kind: 'county_centre' | 'street_centre' | 'town_centre' | 'village_station' | 'canteen';
  town_code: string | null;
  village_code: string | null;
  address: string | null;
  task_year: number | null;
  funding_fen: number | null;
  planned_date: string | null;
  construction_date: string | null;
  completed_date: string | null;
  accepted_date: string | null;
  operating_date: string | null;
  suspended_date: string | null;
  closed_date: string | null;
  operating_mode: 'self' | 'commissioned' | 'local' | null;
  operator_name: string | null;
  operator_credit_code: string | null;
  floor_area: number | null;
  beds: number | null;
  staff: number | null;
  /** JSON array of service type codes. */
  services_json: string;
  medical_partner_name: string | null;
  medical_partner_type: 'hospital' | 'township_health_centre' | 'village_clinic' | null;
  medical_agreement_start: string | null;
  medical_agreement_end: string | null;
  tcm_base_date: string | null;
  one_stop_settlement: number;
  notes: string | null;
}

export interface StatMonthTable {
  month: string;
  submitted_at: string | null;
  submitted_by: string | null;
}

export interface StationMonthStatTable {
  station_id: string;
  month: string;
  meals: number;
  /** Sum of the services' home visits, kept for the reports' SQL. */
  home_visits: number;
  /** Sum of the services' on-site counts. */
  on_site: number;
  /** JSON {serviceType: {home, onSite}}. */
  services_json: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
  updated_installation: string;
}

export interface FamilyBedTable extends RecordMeta {
  person_id: string;
  station_id: string;
  install_date: string;
  devices_json: string;
  devices_other: string | null;
  end_date: string | null;
  end_reason: string | null;
  notes: string | null;
}

export interface BedRateTable {
  id: string;
  effective_from: string;
  build_fen: number;
  operating_fen_per_month: number;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface SubsidyStatementTable {
  id: string;
  month: string;
  operator_name: string;
  /** JSON of the SubsidyStatement as issued (lines, rate, totals). */
  body_json: string;
  total_fen: number;
  issued_at: string;
  issued_by: string | null;
  issued_installation: string;
}

export interface YearTargetTable {
  year: number;
  stations: number;
  family_beds: number;
  home_visits: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
  updated_installation: string;
}

export interface Database {
  office: OfficeTable;
  staff: StaffTable;
  person: PersonTable;
  audit_entry: AuditEntryTable;
  station: StationTable;
  stat_month: StatMonthTable;
  station_month_stat: StationMonthStatTable;
  family_bed: FamilyBedTable;
  bed_rate: BedRateTable;
  subsidy_statement: SubsidyStatementTable;
  year_target: YearTargetTable;
}

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

export interface InstitutionTable extends RecordMeta {
  name: string;
  name_pinyin: string;
  name_initials: string;
  type: 'nursing_home' | 'welfare_home' | 'welfare_centre' | 'other';
  town_code: string | null;
  village_code: string | null;
  address: string | null;
  operator_name: string | null;
  operator_credit_code: string | null;
  total_beds: number;
  nursing_beds: number;
  medical_room: number;
  medical_staff: number;
  one_stop_settlement: number;
  license_number: string | null;
  registered_on: string | null;
  license_authority: string | null;
  closed_on: string | null;
  notes: string | null;
}

export interface InstitutionBedTable extends RecordMeta {
  institution_id: string;
  room: string;
  label: string;
  nursing: number;
  retired_on: string | null;
}

/** One stay in care; status…leave_since are derived from the stay's events. */
export interface ResidentTable extends RecordMeta {
  person_id: string;
  category: 'tekun_elderly' | 'tekun_disabled' | 'orphan' | 'de_facto_unsupported' | 'other';
  support_form: 'concentrated' | 'dispersed';
  schooling_extension: number;
  age_exception: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_phone: string | null;
  notes: string | null;
  status: 'present' | 'leave' | 'exited' | 'void';
  admitted_on: string;
  exited_on: string | null;
  exit_reason: string | null;
  institution_id: string;
  bed_id: string | null;
  leave_since: string | null;
}

export interface ResidentEventTable {
  seq: Generated<number>;
  id: string;
  resident_id: string;
  kind: 'admit' | 'move' | 'leave' | 'return' | 'reassess' | 'exit' | 'reversal';
  event_date: string;
  institution_id: string | null;
  bed_id: string | null;
  leave_kind: 'hospital' | 'family' | 'other' | null;
  exit_reason: 'death' | 'regained_support' | 'over_income' | 'voluntary' | 'age_out' | 'transfer_out' | null;
  reverses_event_id: string | null;
  reason: string | null;
  note: string | null;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface AbilityAssessmentTable {
  id: string;
  event_id: string;
  resident_id: string;
  person_id: string;
  method: 'six_task' | 'gbt42195';
  assessed_on: string;
  assessor: string;
  /** JSON array of the six-task keys the person cannot do alone. */
  failed_tasks_json: string | null;
  self_care_level: 'self_care' | 'partial' | 'complete' | null;
  gbt_level: number | null;
  note: string | null;
}

/** Derived from the events: [from_date, to_date) in one place (to_date null: still there). */
export interface ResidencePeriodTable {
  resident_id: string;
  person_id: string;
  institution_id: string;
  bed_id: string | null;
  from_date: string;
  to_date: string | null;
  on_leave: number;
}

export interface AllowanceStandardTable {
  id: string;
  effective_from: string;
  basic_living_fen: number | null;
  care_self_care_concentrated_fen: number | null;
  care_partial_concentrated_fen: number | null;
  care_complete_concentrated_fen: number | null;
  care_self_care_dispersed_fen: number | null;
  care_partial_dispersed_fen: number | null;
  care_complete_dispersed_fen: number | null;
  orphan_concentrated_fen: number | null;
  orphan_dispersed_fen: number | null;
  note: string | null;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface RenovationCaseTable extends RecordMeta {
  case_number: string;
  category: 'tekun_dispersed' | 'dibao' | 'dibao_edge' | 'other';
  /** JSON array of 'advanced_age' | 'disabled_care' | 'disability'. */
  conditions_json: string;
  town_code: string;
  village_code: string | null;
  address: string | null;
  phone: string | null;
  plan_year: number;
  duplicate_reason: string | null;
  notes: string | null;
  /** Derived from the steps. */
  state: string;
  state_date: string;
  applied_on: string;
}

export interface RenovationCasePersonTable {
  case_id: string;
  person_id: string;
  position: number;
}

export interface RenovationStepTable {
  seq: Generated<number>;
  id: string;
  case_id: string;
  step:
    | 'applied'
    | 'town_reviewed'
    | 'county_reviewed'
    | 'publicised'
    | 'assessed'
    | 'plan_signed'
    | 'works_started'
    | 'works_completed'
    | 'accepted'
    | 'acceptance_failed'
    | 'paid'
    | 'satisfaction'
    | 'rejected'
    | 'withdrawn'
    | 'correction';
  step_date: string;
  responsible: string;
  ability_level: 'self_care' | 'partial' | 'complete' | null;
  needs: string | null;
  accepting_body: string | null;
  amount_fen: number | null;
  voucher_number: string | null;
  score: number | null;
  reason: string | null;
  note: string | null;
  corrects_step_id: string | null;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface RenovationItemTable extends RecordMeta {
  code: string;
  name: string;
  category: 'floor' | 'door' | 'bedroom' | 'toilet_bath' | 'kitchen' | 'environment' | 'supplies';
  basic: number;
  subsidised: number;
  local: number;
  unit: string;
  reference_price_fen: number | null;
  active: number;
}

export interface RenovationPlanLineTable {
  id: string;
  case_id: string;
  position: number;
  item_id: string;
  quantity: number;
  unit_price_fen: number;
  subsidised: number;
  note: string | null;
}

export interface RenovationAttachmentTable {
  id: string;
  case_id: string;
  kind: 'photo' | 'document';
  tag: 'before' | 'during' | 'after' | 'signed_plan' | 'acceptance_form' | 'invoice' | 'other';
  plan_line_id: string | null;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  thumbnail_sha256: string | null;
  note: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface RenovationCapTable {
  id: string;
  from_year: number;
  cap_fen: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
  created_installation: string;
}

export interface RenovationTargetTable {
  year: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  budget_fen: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
  updated_installation: string;
}

export type KeystoreKind = 'os-keystore' | 'passphrase' | 'file';
export type PeriodKind = 'month' | 'quarter' | 'year';
export type BundlePurpose = 'regular' | 'reexport' | 'correction';

export interface SigningKeyTable {
  id: string;
  /** Raw Ed25519 public key, hex. */
  public_key: string;
  private_key_sealed: Buffer;
  keystore: KeystoreKind;
  created_at: string;
  created_by: string | null;
  retired_at: string | null;
  replaced_by: string | null;
  rotation_file: string | null;
}

export interface CityKeyTable {
  id: string;
  city_code: string;
  office: string;
  /** age X25519 recipient (age1…). */
  recipient: string;
  key_file: string;
  imported_at: string;
  imported_by: string | null;
  retired_at: string | null;
}

export interface BundleExportTable {
  id: string;
  sequence: number;
  period_kind: PeriodKind;
  period_label: string;
  purpose: BundlePurpose;
  of_sequence: number | null;
  reason: string | null;
  statement: Buffer;
  statement_hash: string;
  /** JSON [{contents, records, plainSha256}]. */
  contents: string;
  file_name: string;
  file_size: number | null;
  file_sha256: string | null;
  signing_key_id: string;
  city_key_id: string;
  created_at: string;
  created_by: string | null;
}

export interface CityIdentityTable {
  id: string;
  recipient: string;
  identity_sealed: Buffer;
  keystore: KeystoreKind;
  created_at: string;
  created_by: string | null;
  retired_at: string | null;
}

export interface CountyKeyTable {
  id: string;
  county_code: string;
  office: string;
  public_key: string;
  key_file: string;
  enrolled_at: string;
  enrolled_by: string | null;
  retired_at: string | null;
  replaced_by: string | null;
  rotation_file: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface BundleImportTable {
  id: string;
  county_code: string;
  sequence: number;
  statement: Buffer;
  statement_hash: string;
  period_kind: PeriodKind;
  period_label: string;
  period_end: string;
  purpose: BundlePurpose;
  of_sequence: number | null;
  reason: string | null;
  created_at: string;
  created_by_name: string;
  county_key_id: string;
  file_name: string;
  file_size: number;
  file_sha256: string;
  missing_sequences: string | null;
  summary: string;
  imported_at: string;
  imported_by: string | null;
}

export interface BundleRecordTable {
  bundle_id: string;
  register: string;
  record_id: string;
  search: string;
  data: string;
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
  institution: InstitutionTable;
  institution_bed: InstitutionBedTable;
  resident: ResidentTable;
  resident_event: ResidentEventTable;
  ability_assessment: AbilityAssessmentTable;
  residence_period: ResidencePeriodTable;
  allowance_standard: AllowanceStandardTable;
  renovation_case: RenovationCaseTable;
  renovation_case_person: RenovationCasePersonTable;
  renovation_step: RenovationStepTable;
  renovation_item: RenovationItemTable;
  renovation_plan_line: RenovationPlanLineTable;
  renovation_attachment: RenovationAttachmentTable;
  renovation_cap: RenovationCapTable;
  renovation_target: RenovationTargetTable;
  signing_key: SigningKeyTable;
  city_key: CityKeyTable;
  bundle_export: BundleExportTable;
  city_identity: CityIdentityTable;
  county_key: CountyKeyTable;
  bundle_import: BundleImportTable;
  bundle_record: BundleRecordTable;
  import_mapping: ImportMappingTable;
  import_run: ImportRunTable;
  import_change: ImportChangeTable;
}

export interface ImportMappingTable {
  register: string;
  /** JSON array of the file's headers. */
  headers: string;
  /** JSON object: column key → file column index or null. */
  mapping: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ImportRunTable {
  id: string;
  register: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  imported_at: string;
  imported_by: string | null;
  imported_by_name: string;
  undone_at: string | null;
  undone_by_name: string | null;
  undo_reason: string | null;
}

export interface ImportChangeTable {
  seq: Generated<number>;
  import_id: string;
  tbl: string;
  /** JSON array of the primary key's values. */
  pk: string;
  op: 'insert' | 'update' | 'delete';
  before: string | null;
  after: string | null;
}

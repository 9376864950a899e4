import { z } from 'zod';
import { CASE_STATES, HOUSEHOLD_CATEGORIES, HOUSEHOLD_CONDITIONS } from '../contract/areas/renovation-enums';
import { BED_DEVICES, LIFECYCLE_STEPS, OPERATING_MODES, PARTNER_TYPES, SERVICE_TYPES, STATION_KINDS } from '../contract/areas/station-enums';
import { EXIT_REASONS, INSTITUTION_TYPES, RESIDENT_CATEGORIES, SELF_CARE_LEVELS, SUPPORT_FORMS } from '../contract/areas/welfare-enums';

/**
 * What a bundle's data files hold. Each file is JSON Lines: a header line, then one canonical
 * JSON record per line. The city validates every line against these schemas (strict: an unknown
 * field is refused) before anything reaches its database.
 *
 * Everything is an integer or a string: canonical JSON has no fractions, so rates travel in per
 * mille and money in fen.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-\d{2}$/);
const count = z.number().int().min(0).max(1_000_000_000);
const perMille = z.number().int().min(0).max(1_000_000).nullable();
const code = z.string().regex(/^\d{6,12}$/);
const text = (max: number) => z.string().min(1).max(max);

export const CONTENTS_HEADER = z.strictObject({
  contents: z.string().regex(/^[a-z][a-z_]{0,40}$/),
  county: z.string().regex(/^\d{6}$/),
  period: z.string().max(10),
  records: count,
});
export type ContentsHeader = z.infer<typeof CONTENTS_HEADER>;

const coverageGroup = z.strictObject({
  total: count,
  covered: count,
  ratePerMille: perMille,
  uncovered: z.array(z.strictObject({ code, name: text(60) })).max(10_000),
});

const progressCounts = {
  applied: count,
  assessed: count,
  worksStarted: count,
  accepted: count,
  paid: count,
  closed: count,
  subsidyPaidFen: count,
};

/**
 * The period's report rows: what the city tables show for this county. Figures are "as of the
 * period end"; for the station progress row they run from 1 January of the period's year to its
 * end, so a year bundle's row is exactly the county's 进展情况表 row for that year.
 */
export const SUMMARY_SCHEMA = z.strictObject({
  county: z.strictObject({ code: z.string().regex(/^\d{6}$/), name: text(40), office: text(80) }),
  period: z.string().max(10),
  asOf: date,
  progress: z.strictObject({
    year: z.number().int().min(2000).max(2100),
    /** 建设任务 of the year, 已建成 by the period end, 完成率 ‰, 家床安装户数 and 上门服务人次 year to date. */
    tasks: count,
    built: count,
    ratePerMille: perMille,
    bedsInstalled: count,
    homeVisits: count,
    target: z.strictObject({ stations: count, familyBeds: count, homeVisits: count }).nullable(),
  }),
  coverage: z.strictObject({ goalPerMille: count, streets: coverageGroup, towns: coverageGroup }),
  /** Service counts of each month of the period. */
  services: z.array(z.strictObject({ month, home: count, onSite: count, meals: count, stationsReporting: count })).max(12),
  residents: z.strictObject({
    institutions: z.array(
      z.strictObject({ id: z.uuid(), name: text(100), totalBeds: count, residents: count, onLeave: count, ratePerMille: perMille }),
    ).max(1000),
    total: z.strictObject({ totalBeds: count, residents: count, onLeave: count, ratePerMille: perMille }),
    byCategory: z.array(z.strictObject({ category: z.enum(RESIDENT_CATEGORIES), total: count })).max(20),
    /** Children in care on the period end (orphans, de-facto unsupported children): a count only. */
    children: count,
  }),
  renovations: z.strictObject({
    year: z.number().int().min(2000).max(2100),
    target: count.nullable(),
    ...progressCounts,
    cases: count,
    open: count,
    byState: z.array(z.strictObject({ state: z.enum(CASE_STATES), count })).max(20),
  }),
});
export type BundleSummary = z.infer<typeof SUMMARY_SCHEMA>;

export interface RegisterColumn {
  key: string;
  label: { 'zh-CN': string; en: string };
}

export interface RegisterDef {
  // The register's name on screen is the renderer's (i18n "bundle.register.<name>"), checked by a test.
  /** Strict record schema: every record carries a string `id` (the county's record id). */
  schema: z.ZodType<{ id: string } & Record<string, unknown>>;
  /** Columns the city's drill-down shows, in order. */
  columns: RegisterColumn[];
  /** The record's dates that must not lie after the period end. */
  dates(record: Record<string, unknown>): (string | null | undefined)[];
  /** Text the city's drill-down searches (names, codes). */
  search(record: Record<string, unknown>): string;
}

const recordId = z.uuid();
/** Money in 分 (up to the stations' own limit of 10⁸ 元). */
const fen = z.number().int().min(0).max(100_000_000_000);
const year = z.number().int().min(1900).max(2100);
const sex = z.enum(['M', 'F']).nullable();
const flag = z.boolean();

const col = (key: string, zh: string, en: string): RegisterColumn => ({ key, label: { 'zh-CN': zh, en } });
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const words = (...parts: unknown[]) =>
  parts
    .map((p) => (typeof p === 'string' || typeof p === 'number' ? String(p) : ''))
    .filter(Boolean)
    .join(' ');

/**
 * A station as it stood on the period end: lifecycle dates after the end are left out (null), and
 * `state` is the latest step dated on or before it.
 */
const stationRecord = z.strictObject({
  id: recordId,
  name: text(100),
  kind: z.enum(STATION_KINDS),
  townCode: code.nullable(),
  villageCode: code.nullable(),
  taskYear: z.number().int().min(2000).max(2100).nullable(),
  fundingFen: fen.nullable(),
  /** The lifecycle step reached by the period end. */
  state: z.enum(LIFECYCLE_STEPS),
  plannedDate: date.nullable(),
  constructionDate: date.nullable(),
  completedDate: date.nullable(),
  acceptedDate: date.nullable(),
  operatingDate: date.nullable(),
  suspendedDate: date.nullable(),
  closedDate: date.nullable(),
  operatingMode: z.enum(OPERATING_MODES).nullable(),
  operatorName: z.string().max(100).nullable(),
  beds: count.nullable(),
  staff: count.nullable(),
  services: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length),
  medicalPartnerType: z.enum(PARTNER_TYPES).nullable(),
  /** A TCM application base (中医药应用特色基地) by the period end. */
  tcmBase: flag,
  oneStopSettlement: flag,
});

/** One station's figures for one month; id = `<station id>/<YYYY-MM>`. */
const stationMonthRecord = z.strictObject({
  id: z.string().regex(/^[0-9a-f-]{36}\/\d{4}-(0[1-9]|1[0-2])$/),
  stationId: recordId,
  stationName: text(100),
  month,
  homeVisits: count,
  onSite: count,
  meals: count,
  /** Per service type (in SERVICE_TYPES order), only the types with figures. */
  services: z.array(z.strictObject({ type: z.enum(SERVICE_TYPES), home: count, onSite: count })).max(SERVICE_TYPES.length),
  /** The month was submitted (locked) by the county. */
  submitted: flag,
});

/** A family care bed installed by the period end; an end after the period end is not shown yet. */
const familyBedRecord = z.strictObject({
  id: recordId,
  /** Null for a child (never named in a bundle outside the children's own fields). */
  personId: recordId.nullable(),
  personName: text(100).nullable(),
  stationId: recordId,
  stationName: text(100),
  installDate: date,
  devices: z.array(z.enum(BED_DEVICES)).max(BED_DEVICES.length),
  endDate: date.nullable(),
  endReason: z.string().max(200).nullable(),
  /** Installed and not ended on the period end. */
  active: flag,
});

const institutionRecord = z.strictObject({
  id: recordId,
  name: text(100),
  type: z.enum(INSTITUTION_TYPES),
  townCode: code.nullable(),
  villageCode: code.nullable(),
  operatorName: z.string().max(100).nullable(),
  totalBeds: count,
  nursingBeds: count,
  /** Beds of the bed register not retired on the period end. */
  registeredBeds: count,
  medicalRoom: flag,
  medicalStaff: count,
  oneStopSettlement: flag,
  closedOn: date.nullable(),
});

const stayStatus = z.enum(['present', 'leave', 'exited']);

/**
 * A stay in care admitted by the period end, as it stood on that day. A child's stay (a children's
 * category, or under 18 on the period end) carries only what the city's tables need: no name, no
 * ID number, no person id, no guardian, no bed, no birth date — the birth year only.
 */
const residentRecord = z.discriminatedUnion('child', [
  z.strictObject({
    id: recordId,
    child: z.literal(false),
    personId: recordId,
    personName: text(100),
    category: z.enum(RESIDENT_CATEGORIES),
    supportForm: z.enum(SUPPORT_FORMS),
    sex,
    birthYear: year.nullable(),
    institutionId: recordId,
    institutionName: text(100),
    bed: z.string().max(60).nullable(),
    admittedOn: date,
    exitedOn: date.nullable(),
    exitReason: z.enum(EXIT_REASONS).nullable(),
    status: stayStatus,
    selfCareLevel: z.enum(SELF_CARE_LEVELS).nullable(),
    gbtLevel: z.number().int().min(0).max(4).nullable(),
  }),
  z.strictObject({
    id: recordId,
    child: z.literal(true),
    category: z.enum(RESIDENT_CATEGORIES),
    sex,
    birthYear: year.nullable(),
    institutionId: recordId,
    institutionName: text(100),
    admittedOn: date,
    exitedOn: date.nullable(),
    status: stayStatus,
  }),
]);

/** A renovation case applied for by the period end, in the state it had reached on that day. */
const renovationCaseRecord = z.strictObject({
  id: recordId,
  caseNumber: text(40),
  category: z.enum(HOUSEHOLD_CATEGORIES),
  conditions: z.array(z.enum(HOUSEHOLD_CONDITIONS)).max(HOUSEHOLD_CONDITIONS.length),
  townCode: code,
  villageCode: code.nullable(),
  planYear: z.number().int().min(2000).max(2100),
  appliedOn: date,
  state: z.enum(CASE_STATES),
  stateDate: date,
  /** The adult applicants (people register); the first one's name for the drill-down. */
  applicantIds: z.array(recordId).max(20),
  applicantName: z.string().max(100).nullable(),
  /** The signed plan's subsidy (一户一策), once signed by the period end. */
  subsidyFen: fen.nullable(),
  /** Subsidy paid by the period end. */
  paidFen: fen,
});

/** The adults the other registers refer to (family-bed users, adult residents, renovation applicants). */
const personRecord = z.strictObject({
  id: recordId,
  name: text(100),
  idNumber: z.string().regex(/^\d{17}[\dX]$|^\d{15}$/).nullable(),
  sex,
  birthDate: date.nullable(),
  /** 户籍地 division code. */
  hukouCode: code.nullable(),
});

const dateFields =
  (...keys: string[]) =>
  (r: Record<string, unknown>) =>
    keys.map((k) => r[k] as string | null | undefined);

/**
 * Every register a bundle carries, in file order (after the summary). Records are sorted by id,
 * so the same database always gives the same bytes.
 */
export const REGISTERS: Record<string, RegisterDef> = {
  stations: {
    schema: stationRecord,
    columns: [
      col('name', '名称', 'Name'),
      col('kind', '类型', 'Kind'),
      col('townCode', '乡镇（街道）', 'Town'),
      col('taskYear', '任务年度', 'Task year'),
      col('state', '状态', 'State'),
      col('completedDate', '建成日期', 'Completed'),
      col('operatingDate', '运营日期', 'Operating since'),
      col('operatorName', '运营方', 'Operator'),
    ],
    dates: dateFields('plannedDate', 'constructionDate', 'completedDate', 'acceptedDate', 'operatingDate', 'suspendedDate', 'closedDate'),
    search: (r) => words(r.name, r.townCode, r.villageCode, r.operatorName),
  },
  station_month_stats: {
    schema: stationMonthRecord,
    columns: [
      col('stationName', '站点', 'Station'),
      col('month', '月份', 'Month'),
      col('homeVisits', '上门服务人次', 'Home visits'),
      col('onSite', '到站服务人次', 'On-site services'),
      col('meals', '助餐人次', 'Meals'),
      col('submitted', '已报送', 'Submitted'),
    ],
    dates: (r) => [`${str(r.month)}-01`],
    search: (r) => words(r.stationName, r.month),
  },
  family_beds: {
    schema: familyBedRecord,
    columns: [
      col('personName', '服务对象', 'Person'),
      col('stationName', '服务站点', 'Station'),
      col('installDate', '安装日期', 'Installed'),
      col('active', '在用', 'Active'),
      col('endDate', '撤床日期', 'Ended'),
    ],
    dates: dateFields('installDate', 'endDate'),
    search: (r) => words(r.personName, r.stationName),
  },
  institutions: {
    schema: institutionRecord,
    columns: [
      col('name', '名称', 'Name'),
      col('type', '类型', 'Type'),
      col('townCode', '乡镇（街道）', 'Town'),
      col('totalBeds', '床位数', 'Beds'),
      col('nursingBeds', '护理床位', 'Nursing beds'),
      col('medicalStaff', '医护人员', 'Medical staff'),
      col('closedOn', '关闭日期', 'Closed'),
    ],
    dates: dateFields('closedOn'),
    search: (r) => words(r.name, r.townCode, r.operatorName),
  },
  residents: {
    schema: residentRecord,
    columns: [
      col('personName', '姓名', 'Name'),
      col('category', '类别', 'Category'),
      col('birthYear', '出生年份', 'Birth year'),
      col('institutionName', '供养机构', 'Institution'),
      col('status', '状态', 'Status'),
      col('admittedOn', '入院日期', 'Admitted'),
      col('exitedOn', '离院日期', 'Exited'),
      col('selfCareLevel', '自理能力', 'Self-care'),
    ],
    dates: dateFields('admittedOn', 'exitedOn'),
    // A child's stay has no name: it is found by its institution and category only.
    search: (r) => words(r.personName, r.institutionName, r.category),
  },
  renovation_cases: {
    schema: renovationCaseRecord,
    columns: [
      col('caseNumber', '编号', 'Case'),
      col('applicantName', '申请人', 'Applicant'),
      col('townCode', '乡镇（街道）', 'Town'),
      col('planYear', '计划年度', 'Plan year'),
      col('state', '进度', 'State'),
      col('stateDate', '日期', 'Since'),
      col('subsidyFen', '补贴（分）', 'Subsidy (fen)'),
      col('paidFen', '已拨付（分）', 'Paid (fen)'),
    ],
    dates: dateFields('appliedOn', 'stateDate'),
    search: (r) => words(r.caseNumber, r.applicantName, r.townCode),
  },
  people: {
    schema: personRecord,
    columns: [
      col('name', '姓名', 'Name'),
      col('idNumber', '身份证号', 'ID number'),
      col('sex', '性别', 'Sex'),
      col('birthDate', '出生日期', 'Birth date'),
      col('hukouCode', '户籍地', 'Hukou'),
    ],
    dates: () => [],
    search: (r) => words(r.name, r.idNumber),
  },
};

export type StationRecord = z.infer<typeof stationRecord>;
export type StationMonthRecord = z.infer<typeof stationMonthRecord>;
export type FamilyBedRecord = z.infer<typeof familyBedRecord>;
export type InstitutionRecord = z.infer<typeof institutionRecord>;
export type ResidentRecord = z.infer<typeof residentRecord>;
export type RenovationCaseRecord = z.infer<typeof renovationCaseRecord>;
export type PersonRecord = z.infer<typeof personRecord>;

export const SUMMARY_CONTENTS = 'summary';

/** The schema of one record of a file's contents; null for contents this version does not know. */
export function recordSchemaFor(contents: string): z.ZodType | null {
  if (contents === SUMMARY_CONTENTS) return SUMMARY_SCHEMA;
  return Object.hasOwn(REGISTERS, contents) ? REGISTERS[contents]!.schema : null;
}

/** The dates of a record that must not lie after the period's end. */
export function recordDatesOf(contents: string, record: unknown): string[] {
  if (contents === SUMMARY_CONTENTS) return [(record as BundleSummary).asOf];
  const def = Object.hasOwn(REGISTERS, contents) ? REGISTERS[contents] : undefined;
  if (!def) return [];
  return def.dates(record as Record<string, unknown>).filter((d): d is string => typeof d === 'string');
}

import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Database, StationTable } from '../../../../db/schema';
import {
  LIFECYCLE_STEPS,
  OPERATING_MODES,
  PARTNER_TYPES,
  SERVICE_TYPES,
  STATION_KINDS,
  stationInput,
  type LifecycleStep,
} from '../../../contract/areas/stations';
import { AppError } from '../../../contract/errors';
import type { Locale } from '../../../contract/messages';
import { divisionName } from '../../places';
import { lifecycleOf } from '../../stations/lifecycle';
import { checkStationFields, createStation, updateStation } from '../../stations/stations';
import { applyEach, given, refusalProblem, schemaProblems, type FieldToColumn } from '../row-helpers';
import type { CellValue, ImportColumn, ImportRegister, RowProblem, RowValues } from '../types';

/**
 * 养老服务站点: one row per station, matched by name + town (the same name in another town is
 * another station). An update starts from the record, so a column the file lacks, or a blank cell,
 * keeps the record's value; rows are written through the station service, one by one.
 */

type StationRecord = Selectable<StationTable>;
type StationDraft = ReturnType<typeof recordDraft>;
type StationInput = z.output<typeof stationInput>;

const STEP_HEADERS: Record<LifecycleStep, [string, string]> = {
  planned: ['列入计划日期', 'Planned on'],
  construction: ['开工日期', 'Construction started'],
  completed: ['建成日期', 'Completed on'],
  accepted: ['验收日期', 'Accepted on'],
  operating: ['运营日期', 'Operating since'],
  suspended: ['暂停运营日期', 'Suspended on'],
  closed: ['关闭日期', 'Closed on'],
};
const STEP_EXAMPLES: Partial<Record<LifecycleStep, string>> = {
  planned: '2021-03-01',
  construction: '2021-04-15',
  completed: '2021-08-20',
  accepted: '2021-09-10',
  operating: '2021-10-01',
};

const w = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const STATION_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: w('站点名称', 'Station name'), aliases: ['名称', '站点', '设施名称'], kind: { type: 'text', max: 80 }, required: true, example: '星岩社区居家养老服务站' },
  {
    key: 'kind',
    header: w('类型', 'Kind'),
    aliases: ['站点类型', '设施类型'],
    kind: { type: 'choice', values: STATION_KINDS, labelPrefix: 'station.kind' },
    required: true,
    example: '村（居）居家养老服务站',
  },
  {
    key: 'townCode',
    header: w('所属镇（街道）', 'Town or street'),
    aliases: ['乡镇/街道', '镇（街道）', '所属乡镇', '乡镇', '镇街'],
    kind: { type: 'town' },
    note: w('居家养老服务指导中心不填，其他站点必填。', 'Leave blank for the county guidance centre; required for every other station.'),
    example: '云城街道',
  },
  {
    key: 'villageCode',
    header: w('所属村（居）', 'Village or community'),
    aliases: ['村/社区', '村（社区）', '所属村', '村居'],
    kind: { type: 'village', townColumn: 'townCode' },
    example: '星岩社区居民委员会',
  },
  { key: 'address', header: w('地址', 'Address'), kind: { type: 'text', max: 200 }, example: '云城区星岩四路 8 号' },
  { key: 'taskYear', header: w('建设任务年度', 'Task year'), aliases: ['任务年度', '年度'], kind: { type: 'integer', min: 2000, max: 2100 }, example: 2021 },
  { key: 'fundingFen', header: w('建设资金（元）', 'Funding (yuan)'), aliases: ['建设资金', '资金（元）'], kind: { type: 'yuan', max: 1_000_000_000 }, example: 150000 },
  ...LIFECYCLE_STEPS.map(
    (step): ImportColumn => ({
      key: step,
      header: w(...STEP_HEADERS[step]),
      kind: { type: 'date' },
      example: STEP_EXAMPLES[step] ?? null,
    }),
  ),
  {
    key: 'state',
    header: w('状态', 'State'),
    kind: { type: 'choice', values: [...LIFECYCLE_STEPS, 'none'], labelPrefix: 'station.state' },
    note: w(
      '与“状态日期”一起使用（本程序导出的站点表有这两列）：状态日期记为该阶段的日期；已填该阶段日期列的，以日期列为准。',
      'Used with "State date" (the station list exported by this program has both): the date becomes that step\'s date, unless the step\'s own date column is filled.',
    ),
    example: null,
  },
  { key: 'stateDate', header: w('状态日期', 'State date'), kind: { type: 'date' }, example: null },
  {
    key: 'operatingMode',
    header: w('运营方式', 'Operating mode'),
    kind: { type: 'choice', values: OPERATING_MODES, labelPrefix: 'station.mode' },
    example: '委托第三方运营',
  },
  { key: 'operatorName', header: w('运营机构', 'Operator'), aliases: ['运营单位', '运营机构名称'], kind: { type: 'text', max: 100 }, example: '云浮市乐龄养老服务中心' },
  {
    key: 'operatorCreditCode',
    header: w('统一社会信用代码', 'Unified social credit code'),
    aliases: ['信用代码', '运营机构统一社会信用代码'],
    kind: { type: 'text', max: 32 },
    example: '52445302MJL1234560',
  },
  { key: 'floorArea', header: w('建筑面积（平方米）', 'Floor area (m²)'), aliases: ['建筑面积', '面积'], kind: { type: 'decimal', min: 0, max: 1_000_000 }, example: 320.5 },
  { key: 'beds', header: w('床位数', 'Beds'), aliases: ['床位', '床位（张）'], kind: { type: 'integer', min: 0, max: 1_000_000 }, example: 10 },
  { key: 'staff', header: w('工作人员数', 'Staff'), aliases: ['工作人员', '工作人员（人）'], kind: { type: 'integer', min: 0, max: 1_000_000 }, example: 4 },
  {
    key: 'services',
    header: w('服务项目', 'Services'),
    kind: { type: 'choice', values: SERVICE_TYPES, labelPrefix: 'service', multiple: true },
    example: '助餐、助洁、巡访关爱',
  },
  { key: 'medicalPartnerName', header: w('合作医疗机构', 'Medical partner'), aliases: ['合作机构'], kind: { type: 'text', max: 100 }, example: '云城区人民医院' },
  {
    key: 'medicalPartnerType',
    header: w('医疗机构类型', 'Medical partner type'),
    aliases: ['合作机构类型'],
    kind: { type: 'choice', values: PARTNER_TYPES, labelPrefix: 'partner' },
    example: '医院',
  },
  { key: 'medicalAgreementStart', header: w('医养协议开始日期', 'Agreement start'), aliases: ['医养协议开始', '协议开始日期'], kind: { type: 'date' }, example: '2021-10-01' },
  {
    key: 'medicalAgreementEnd',
    header: w('医养协议结束日期', 'Agreement end'),
    aliases: ['医养协议结束', '协议结束日期'],
    kind: { type: 'date' },
    note: w('可以是将来的日期。', 'May lie in the future.'),
    example: '2026-09-30',
  },
  {
    key: 'tcmBaseDate',
    header: w('中医药特色基地认定日期', 'TCM base since'),
    aliases: ['中医药应用特色基地认定日期'],
    kind: { type: 'date' },
    note: w('不是中医药应用特色基地的留空。', 'Leave blank unless the station is a TCM application base.'),
    example: null,
  },
  { key: 'oneStopSettlement', header: w('一站式结算', 'One-stop settlement'), aliases: ['医保一站式结算'], kind: { type: 'boolean' }, example: '否' },
  { key: 'notes', header: w('备注', 'Notes'), kind: { type: 'text', max: 1000 }, example: null },
];

const COLUMN_KEYS = new Set(STATION_COLUMNS.map((c) => c.key));

/** 'station.lifecycle.accepted' / 'lifecycle.accepted' / 'townCode' → the column key. */
const toColumn: FieldToColumn = (field) => {
  const key = field.replace(/^station\./, '').replace(/^lifecycle\./, '');
  return COLUMN_KEYS.has(key) ? key : null;
};

/** A record as the contract input of stations.update: the base an import row overrides. */
function recordDraft(r: StationRecord) {
  return {
    name: r.name,
    kind: r.kind,
    townCode: r.town_code,
    villageCode: r.village_code,
    address: r.address,
    taskYear: r.task_year,
    fundingFen: r.funding_fen,
    lifecycle: lifecycleOf(r),
    operatingMode: r.operating_mode,
    operatorName: r.operator_name,
    operatorCreditCode: r.operator_credit_code,
    floorArea: r.floor_area,
    beds: r.beds,
    staff: r.staff,
    services: JSON.parse(r.services_json) as string[],
    medicalPartnerName: r.medical_partner_name,
    medicalPartnerType: r.medical_partner_type,
    medicalAgreementStart: r.medical_agreement_start,
    medicalAgreementEnd: r.medical_agreement_end,
    tcmBaseDate: r.tcm_base_date,
    oneStopSettlement: r.one_stop_settlement === 1,
    notes: r.notes,
  };
}

/** A new station's base: nothing filled. */
const EMPTY_DRAFT: StationDraft = {
  name: '',
  kind: 'village_station',
  townCode: null,
  villageCode: null,
  address: null,
  taskYear: null,
  fundingFen: null,
  lifecycle: { planned: null, construction: null, completed: null, accepted: null, operating: null, suspended: null, closed: null },
  operatingMode: null,
  operatorName: null,
  operatorCreditCode: null,
  floorArea: null,
  beds: null,
  staff: null,
  services: [],
  medicalPartnerName: null,
  medicalPartnerType: null,
  medicalAgreementStart: null,
  medicalAgreementEnd: null,
  tcmBaseDate: null,
  oneStopSettlement: false,
  notes: null,
};

/**
 * The row over `base` (the record, or nothing for a new station): a blank cell or a missing column
 * keeps the base's value, the clear marker clears it (no services; not one-stop).
 */
function draftOf(values: RowValues, base: StationDraft): StationDraft {
  const draft: Record<string, unknown> = { ...base, lifecycle: { ...base.lifecycle } };
  const lifecycle = draft.lifecycle as Record<string, unknown>;
  for (const key of COLUMN_KEYS) {
    if (key === 'state' || key === 'stateDate') continue;
    const step = (LIFECYCLE_STEPS as readonly string[]).includes(key);
    const value = given(values[key], step ? lifecycle[key] : draft[key]);
    if (step) lifecycle[key] = value;
    else draft[key] = value;
  }
  draft.services ??= [];
  draft.oneStopSettlement ??= false;
  // The exported list's 状态 + 状态日期: the step's date, unless the file dates that step itself.
  const { state, stateDate } = values;
  if (typeof state === 'string' && state !== 'none' && typeof stateDate === 'string' && !isGiven(values[state])) {
    lifecycle[state] = stateDate;
  }
  // Each service once, in catalogue order (as the service stores them), so equal selections compare equal.
  const services = draft.services as string[];
  draft.services = SERVICE_TYPES.filter((s) => services.includes(s));
  return draft as StationDraft;
}

const isGiven = (value: CellValue | undefined) => value !== null && value !== undefined;

/** Column keys whose value differs between the record and the parsed row. */
function changedColumns(before: StationDraft, after: StationInput): string[] {
  const changes: string[] = [];
  for (const key of COLUMN_KEYS) {
    if (key === 'state' || key === 'stateDate') continue;
    const step = (LIFECYCLE_STEPS as readonly string[]).includes(key) ? (key as LifecycleStep) : null;
    const a = step ? before.lifecycle[step] : (before as unknown as Record<string, unknown>)[key];
    const b = step ? after.lifecycle[step] : (after as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push(key);
  }
  return changes;
}

export function stationKey(name: string, townCode: string | null): string {
  return `${name}\u0000${townCode ?? ''}`;
}

interface StationPayload {
  id: string | null;
  version: number;
  station: StationInput;
}

export const stationsRegister: ImportRegister<StationPayload> = {
  name: 'stations',
  title: w('养老服务站点', 'Elderly-care stations'),
  matchedBy: w('按站点名称 + 所属镇（街道）匹配：已有的站点更新，没有的新增。', 'Matched by station name + town: existing stations are updated, others created.'),
  columns: STATION_COLUMNS,
  async begin(env) {
    const records = await env.db.selectFrom('station').selectAll().execute();
    const byKey = new Map(records.map((r) => [stationKey(r.name, r.town_code), r]));
    return {
      check(values) {
        const name = typeof values.name === 'string' ? values.name.trim() : '';
        const townCode = typeof values.townCode === 'string' ? values.townCode : null;
        const record = byKey.get(stationKey(name, townCode));
        const base = record ? recordDraft(record) : EMPTY_DRAFT;
        const payload = draftOf(values, base);
        const parsed = stationInput.safeParse(payload);
        if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, payload, toColumn) };
        try {
          checkStationFields(parsed.data, env.county);
        } catch (error) {
          if (error instanceof AppError) return { ok: false, problems: [refusalProblem(error, toColumn)] };
          throw error;
        }
        const station = parsed.data;
        const town = divisionName(townCode);
        const label = town ? `${name}（${town}）` : name;
        const key = stationKey(name, townCode);
        if (!record) return { ok: true, plan: { action: 'create', key, label, payload: { id: null, version: 0, station } } };
        const changes = changedColumns(base, station);
        return {
          ok: true,
          plan: {
            action: changes.length > 0 ? 'update' : 'unchanged',
            key,
            label,
            changes,
            payload: { id: record.id, version: record.version, station },
          },
        };
      },
      apply(rows, progress) {
        return applyEach(
          env,
          rows,
          progress,
          async ({ plan: { payload } }) => {
            const { station } = payload;
            if (payload.id) await updateStation(env.ctx, { id: payload.id, version: payload.version, station });
            else await createStation(env.ctx, { station });
          },
          toColumn,
        );
      },
    };
  },
};

/** A station as the other registers find it by name (+ town). */
export interface StationRef {
  id: string;
  name: string;
  townCode: string | null;
}

/**
 * Finds stations by name, with the town when the row gives one; a name shared by stations of
 * several towns needs the town. Problems name `nameColumn` (and `townColumn` for a wrong town).
 */
export async function stationFinder(db: Kysely<Database>, locale: Locale) {
  const stations = await db.selectFrom('station').selectAll().execute();
  const byName = new Map<string, StationRecord[]>();
  for (const s of stations) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  return (
    name: string,
    townCode: string | null,
    nameColumn: string,
  ): { ok: true; station: StationRecord } | { ok: false; problem: RowProblem } => {
    const named = byName.get(name.trim()) ?? [];
    const found = townCode ? named.filter((s) => s.town_code === townCode) : named;
    if (found.length === 1) return { ok: true, station: found[0]! };
    if (found.length > 1) return { ok: false, problem: { column: nameColumn, code: 'IMPORT_STATION_AMBIGUOUS', params: { value: name } } };
    const town = townCode ? divisionName(townCode) : '';
    const where = town ? (locale === 'zh-CN' ? `（${town}）` : ` in ${town}`) : '';
    return { ok: false, problem: { column: nameColumn, code: 'IMPORT_STATION_NOT_FOUND', params: { value: name, town: where } } };
  };
}

import type { Selectable } from 'kysely';
import type { InstitutionTable } from '../../../../db/schema';
import type { Input, Parsed } from '../../../contract';
import { INSTITUTION_TYPES, institutionInput } from '../../../contract/areas/welfare-homes';
import { createInstitution, updateInstitution } from '../../welfare-homes/institutions';
import { applyEach, schemaProblems } from '../row-helpers';
import { CLEAR, type CellValue, type ImportColumn, type ImportRegister, type RowValues } from '../types';

/**
 * 供养机构: one row per institution, matched by its name. Every field of the institution form; a
 * column left out of the file (or a blank cell) keeps what the record has, like the form would.
 */

type InstitutionFields = Input<'institutions.create'>['institution'];
type Key = keyof InstitutionFields;
type ParsedFields = Parsed<'institutions.create'>['institution'];
type Payload = { id: string; version: number; institution: ParsedFields } | { id: null; institution: ParsedFields };

const count = { type: 'integer', min: 0, max: 100_000 } as const;

const COLUMNS: readonly (ImportColumn & { key: Key })[] = [
  {
    key: 'name',
    header: { 'zh-CN': '机构名称', en: 'Name' },
    aliases: ['供养机构', '供养机构名称', '敬老院名称', '名称'],
    kind: { type: 'text', max: 80 },
    required: true,
    example: '腰古镇敬老院',
  },
  {
    key: 'type',
    header: { 'zh-CN': '机构类型', en: 'Type' },
    aliases: ['类型'],
    kind: { type: 'choice', values: INSTITUTION_TYPES, labelPrefix: 'welfare.type' },
    required: true,
    example: '敬老院',
  },
  { key: 'townCode', header: { 'zh-CN': '所属镇（街道）', en: 'Town or street' }, aliases: ['镇（街道）', '所属镇街', '镇街'], kind: { type: 'town' }, example: '腰古镇' },
  {
    key: 'villageCode',
    header: { 'zh-CN': '所属村（居）', en: 'Village or community' },
    aliases: ['村（居）', '所属村（社区）', '村居'],
    kind: { type: 'village', townColumn: 'townCode' },
    example: '水东村',
  },
  { key: 'address', header: { 'zh-CN': '地址', en: 'Address' }, aliases: ['详细地址', '机构地址'], kind: { type: 'text', max: 200 }, example: '腰古镇水东村一巷 1 号' },
  { key: 'operatorName', header: { 'zh-CN': '运营机构', en: 'Operator' }, aliases: ['运营单位', '运营方'], kind: { type: 'text', max: 100 }, example: null },
  {
    key: 'operatorCreditCode',
    header: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
    aliases: ['信用代码', '运营机构统一社会信用代码'],
    kind: { type: 'text', max: 32 },
    example: null,
  },
  { key: 'totalBeds', header: { 'zh-CN': '床位总数', en: 'Total beds' }, aliases: ['床位数', '总床位'], kind: count, required: true, example: 40 },
  {
    key: 'nursingBeds',
    header: { 'zh-CN': '护理型床位数', en: 'Nursing beds' },
    aliases: ['护理型床位', '护理床位数'],
    kind: count,
    required: true,
    note: { 'zh-CN': '不能多于床位总数。', en: 'At most the total beds.' },
    example: 12,
  },
  { key: 'medicalRoom', header: { 'zh-CN': '医务室', en: 'Medical room' }, aliases: ['有无医务室', '设医务室'], kind: { type: 'boolean' }, example: '是' },
  { key: 'medicalStaff', header: { 'zh-CN': '医护人员数', en: 'Medical staff' }, aliases: ['医护人员'], kind: count, example: 2 },
  {
    key: 'oneStopSettlement',
    header: { 'zh-CN': '一站式结算', en: 'One-stop settlement' },
    aliases: ['医保一站式结算'],
    kind: { type: 'boolean' },
    example: '否',
  },
  { key: 'licenseNumber', header: { 'zh-CN': '登记证号', en: 'Registration number' }, aliases: ['登记证书号', '备案号'], kind: { type: 'text', max: 60 }, example: null },
  { key: 'registeredOn', header: { 'zh-CN': '登记日期', en: 'Registered on' }, aliases: ['登记时间'], kind: { type: 'date' }, example: '2015-06-01' },
  { key: 'licenseAuthority', header: { 'zh-CN': '登记机关', en: 'Registering authority' }, aliases: ['发证机关'], kind: { type: 'text', max: 100 }, example: null },
  {
    key: 'closedOn',
    header: { 'zh-CN': '停办日期', en: 'Closed on' },
    aliases: ['关闭日期'],
    kind: { type: 'date' },
    note: { 'zh-CN': '停办后不再接收入住；停办时不能还有在院人员。', en: 'No admissions after it; nobody may still live there.' },
    example: null,
  },
  { key: 'notes', header: { 'zh-CN': '备注', en: 'Notes' }, kind: { type: 'text', max: 1000 }, example: null },
];

const KEYS = new Set<string>(COLUMNS.map((c) => c.key));

/** What the form would show for the stored record: the update's starting point. */
function fieldsOf(r: Selectable<InstitutionTable>): InstitutionFields {
  return {
    name: r.name,
    type: r.type,
    townCode: r.town_code,
    villageCode: r.village_code,
    address: r.address,
    operatorName: r.operator_name,
    operatorCreditCode: r.operator_credit_code,
    totalBeds: r.total_beds,
    nursingBeds: r.nursing_beds,
    medicalRoom: r.medical_room === 1,
    medicalStaff: r.medical_staff,
    oneStopSettlement: r.one_stop_settlement === 1,
    licenseNumber: r.license_number,
    registeredOn: r.registered_on,
    licenseAuthority: r.license_authority,
    closedOn: r.closed_on,
    notes: r.notes,
  };
}

/** A new institution's fields where the form has defaults (no medical room, no staff). */
const DEFAULTS: Partial<Record<Key, CellValue>> = { medicalRoom: false, medicalStaff: 0, oneStopSettlement: false };

/** The row over the base: a blank or absent cell keeps the base's value; the clear marker empties it. */
function merged(values: RowValues, base: Partial<Record<Key, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const key of KEYS) {
    const value = values[key];
    if (value === CLEAR) out[key] = DEFAULTS[key as Key] ?? null;
    else if (value !== undefined && value !== null) out[key] = value;
  }
  // A village is only meaningful with the town it was read against.
  if (out.townCode !== base.townCode && (values.villageCode === undefined || values.villageCode === null)) out.villageCode = null;
  return out;
}

const toColumn = (field: string) => {
  const key = field.replace(/^institution\./, '');
  return KEYS.has(key) ? key : null;
};

export const institutionsRegister: ImportRegister<Payload> = {
  name: 'institutions',
  title: { 'zh-CN': '供养机构', en: 'Welfare institutions' },
  matchedBy: { 'zh-CN': '按机构名称匹配：已有同名机构时更新，否则新增', en: 'By name: an institution of the same name is updated, otherwise one is added' },
  columns: COLUMNS,
  async begin(env) {
    const existing = new Map((await env.db.selectFrom('institution').selectAll().execute()).map((r) => [r.name, r]));
    return {
      check(values) {
        const name = typeof values.name === 'string' ? values.name.trim() : '';
        const record = existing.get(name);
        const before = record ? fieldsOf(record) : null;
        const payload = merged(values, before ?? DEFAULTS);
        const parsed = institutionInput.safeParse(payload);
        if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, payload, toColumn) };
        const fields = parsed.data;
        if (fields.nursingBeds > fields.totalBeds) {
          return { ok: false, problems: [{ column: 'nursingBeds', code: 'NURSING_BEDS_OVER_TOTAL', params: { total: fields.totalBeds } }] };
        }
        const base = { key: fields.name, label: fields.name };
        if (!record || !before) return { ok: true, plan: { ...base, action: 'create', payload: { id: null, institution: fields } } };
        const changes = COLUMNS.filter((c) => (fields[c.key] ?? null) !== (before[c.key] ?? null)).map((c) => c.key);
        return {
          ok: true,
          plan: {
            ...base,
            action: changes.length ? 'update' : 'unchanged',
            changes,
            payload: { id: record.id, version: record.version, institution: fields },
          },
        };
      },
      apply(rows, progress) {
        return applyEach(
          env,
          rows,
          progress,
          async ({ plan: { action, payload } }) => {
            if (action === 'unchanged') return;
            if (payload.id === null) await createInstitution(env.ctx, { institution: payload.institution });
            else await updateInstitution(env.ctx, { id: payload.id, version: payload.version, institution: payload.institution });
          },
          toColumn,
        );
      },
    };
  },
};

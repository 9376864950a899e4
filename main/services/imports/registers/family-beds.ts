import type { z } from 'zod';
import { BED_DEVICES, bedInput } from '../../../contract/areas/family-beds';
import { maskIdNumber, parseIdNumber } from '../../../contract/validators/id-number';
import { createBed, updateBed } from '../../family-beds/family-beds';
import { applyEach, given, schemaProblems, type FieldToColumn } from '../row-helpers';
import type { ImportColumn, ImportRegister, RowProblem } from '../types';
import { stationFinder } from './stations';

/**
 * 家庭养老床位: one row per bed, for a person already in the people register (import people
 * first) and a station already registered. A bed is matched by person + install date; an update
 * keeps the record's value where the row's cell is blank. Written through the beds service, row by
 * row, so its rules (no two beds of one person on the same day, end not before install) hold.
 */

type BedInput = z.output<typeof bedInput>;

const w = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const BED_COLUMNS: readonly ImportColumn[] = [
  { key: 'personName', header: w('老人姓名', 'Name'), aliases: ['姓名', '服务对象', '服务对象姓名'], kind: { type: 'text', max: 50 }, required: true, example: '陈桂英' },
  {
    key: 'idNumber',
    header: w('身份证号', 'ID number'),
    aliases: ['公民身份号码', '身份证号码', '证件号码', '身份证'],
    kind: { type: 'idNumber' },
    required: true,
    note: w('人员名册中须已有此人（请先导入人员）。', 'The person must already be in the people register (import people first).'),
    example: '445302193806150024',
  },
  { key: 'stationName', header: w('服务站点', 'Station'), aliases: ['责任站点', '站点名称', '站点'], kind: { type: 'text', max: 80 }, required: true, example: '星岩社区居家养老服务站' },
  {
    key: 'stationTown',
    header: w('站点所属镇（街道）', "Station's town"),
    aliases: ['所属镇（街道）', '乡镇/街道'],
    kind: { type: 'town' },
    note: w('有同名站点时必填，用来区分。', 'Needed when stations of several towns share the name.'),
    example: '云城街道',
  },
  { key: 'installDate', header: w('安装日期', 'Installed on'), aliases: ['建床日期'], kind: { type: 'date' }, required: true, example: '2021-11-08' },
  {
    key: 'devices',
    header: w('设备', 'Devices'),
    aliases: ['安装设备', '智能设备'],
    kind: { type: 'choice', values: BED_DEVICES, labelPrefix: 'device', multiple: true },
    example: '紧急呼叫按钮、红外探测器、网关',
  },
  { key: 'devicesOther', header: w('其他设备说明', 'Other devices'), aliases: ['其他设备'], kind: { type: 'text', max: 100 }, example: null },
  {
    key: 'endDate',
    header: w('撤床日期', 'Ended on'),
    kind: { type: 'date' },
    note: w('仍在使用的留空。', 'Leave blank while the bed is in use.'),
    example: null,
  },
  { key: 'endReason', header: w('撤床原因', 'End reason'), kind: { type: 'text', max: 200 }, example: null },
  { key: 'notes', header: w('备注', 'Notes'), kind: { type: 'text', max: 1000 }, example: null },
];

const COLUMN_KEYS = new Set(BED_COLUMNS.map((c) => c.key));
const FIELD_COLUMNS: Record<string, string> = { personId: 'idNumber', stationId: 'stationName' };

/** 'bed.endDate' / 'endDate' → 'endDate'; the person and station ids → their columns. */
const toColumn: FieldToColumn = (field) => {
  const key = field.replace(/^bed\./, '');
  return FIELD_COLUMNS[key] ?? (COLUMN_KEYS.has(key) ? key : null);
};

/** The columns a row may change, compared to find updates. */
const COMPARED = ['stationId', 'devices', 'devicesOther', 'endDate', 'endReason', 'notes'] as const;
const COMPARED_COLUMN: Record<(typeof COMPARED)[number], string> = {
  stationId: 'stationName',
  devices: 'devices',
  devicesOther: 'devicesOther',
  endDate: 'endDate',
  endReason: 'endReason',
  notes: 'notes',
};

interface BedPayload {
  id: string | null;
  version: number;
  bed: BedInput;
}

export const familyBedsRegister: ImportRegister<BedPayload> = {
  name: 'family_beds',
  title: w('家庭养老床位', 'Family care beds'),
  matchedBy: w('按身份证号 + 安装日期匹配：已有的床位更新，没有的新增。', 'Matched by ID number + install date: existing beds are updated, others created.'),
  columns: BED_COLUMNS,
  async begin(env) {
    const findStation = await stationFinder(env.db, env.locale);
    const people = new Map(
      (await env.db.selectFrom('person').select(['id', 'name', 'id_number']).where('id_number', 'is not', null).execute()).map((p) => [
        p.id_number!,
        p,
      ]),
    );
    const beds = new Map(
      (await env.db.selectFrom('family_bed').selectAll().execute()).map((b) => [`${b.person_id} ${b.install_date}`, b]),
    );

    return {
      check(values) {
        const problems: RowProblem[] = [];
        const parsedId = parseIdNumber(String(values.idNumber ?? ''), env.today);
        const name = String(values.personName ?? '').trim();
        let person: { id: string; name: string } | undefined;
        if (!parsedId.ok) {
          problems.push({ column: 'idNumber', code: parsedId.problem, params: parsedId.params });
        } else {
          person = people.get(parsedId.idNumber);
          if (!person) problems.push({ column: 'idNumber', code: 'IMPORT_PERSON_NOT_FOUND', params: { idNumber: maskIdNumber(parsedId.idNumber) } });
          else if (person.name !== name) {
            problems.push({
              column: 'personName',
              code: 'IMPORT_NAME_MISMATCH',
              params: { idNumber: maskIdNumber(parsedId.idNumber), registered: person.name, value: name },
            });
          }
        }
        const station = findStation(String(values.stationName ?? ''), (values.stationTown as string | null) ?? null, 'stationName');
        if (!station.ok) problems.push(station.problem);
        if (problems.length > 0 || !person || !station.ok || !parsedId.ok) return { ok: false, problems };

        const installDate = values.installDate as string;
        const record = beds.get(`${person.id} ${installDate}`);
        const base = record
          ? {
              devices: JSON.parse(record.devices_json) as string[],
              devicesOther: record.devices_other,
              endDate: record.end_date,
              endReason: record.end_reason,
              notes: record.notes,
            }
          : { devices: [] as string[], devicesOther: null, endDate: null, endReason: null, notes: null };
        const payload = {
          personId: person.id,
          stationId: station.station.id,
          installDate,
          devices: given(values.devices, base.devices) ?? [],
          devicesOther: given(values.devicesOther, base.devicesOther),
          endDate: given(values.endDate, base.endDate),
          endReason: given(values.endReason, base.endReason),
          notes: given(values.notes, base.notes),
        };
        const parsed = bedInput.safeParse(payload);
        if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, payload, toColumn) };
        const bed = parsed.data;
        // The rule the form shows at once; the service checks it again (with the overlap rule) when writing.
        if (bed.endDate !== null && bed.endDate < bed.installDate) return { ok: false, problems: [{ column: 'endDate', code: 'END_BEFORE_INSTALL' }] };

        const label = `${person.name} ${maskIdNumber(parsedId.idNumber)} ${installDate}`;
        const key = `${parsedId.idNumber} ${installDate}`;
        if (!record) return { ok: true, plan: { action: 'create', key, label, payload: { id: null, version: 0, bed } } };
        const inOrder = (devices: readonly string[]) => BED_DEVICES.filter((d) => devices.includes(d));
        const before: Record<(typeof COMPARED)[number], unknown> = { ...base, devices: inOrder(base.devices), stationId: record.station_id };
        const after: Record<(typeof COMPARED)[number], unknown> = { ...bed, devices: inOrder(bed.devices) };
        const changes = COMPARED.filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)).map(
          (field) => COMPARED_COLUMN[field],
        );
        return {
          ok: true,
          plan: { action: changes.length > 0 ? 'update' : 'unchanged', key, label, changes, payload: { id: record.id, version: record.version, bed } },
        };
      },
      apply(rows, progress) {
        return applyEach(
          env,
          rows,
          progress,
          async ({ plan: { payload } }) => {
            if (payload.id) await updateBed(env.ctx, { id: payload.id, version: payload.version, bed: payload.bed });
            else await createBed(env.ctx, { bed: payload.bed });
          },
          toColumn,
        );
      },
    };
  },
};

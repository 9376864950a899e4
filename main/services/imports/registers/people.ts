import type { Selectable } from 'kysely';
import type { PersonTable } from '../../../../db/schema';
import { childrenOf, fullName, getDivision } from '../../../../db/divisions';
import { personInput } from '../../../contract/areas/people';
import { checkCharacter, maskIdNumber } from '../../../contract/validators/id-number';
import { personRecordColumns, type PersonColumns } from '../../people/people';
import { bumpedMeta, newMeta } from '../../record-meta';
import { uuidv7 } from '../../records';
import { schemaProblems, type FieldToColumn } from '../row-helpers';
import { CLEAR, type CheckResult, type ImportColumn, type ImportEnv, type ImportRegister, type RowChecker, type RowProblem, type RowValues } from '../types';

/**
 * The people register (人员信息): the base every other register points at, and the one offices
 * bring in bulk (50 000 rows), so its write path skips the per-row service call: rows are
 * validated with the form's own schema (personInput) and stored through the same column
 * derivation as the form (personRecordColumns), created in batched inserts.
 *
 * Matching: by 身份证号; a row without one matches a person without one by name + birth date.
 * An empty cell (or a column the file does not have) keeps what the record holds: a spreadsheet
 * gap is far more often "not collected" than "erase this". The clear marker （清空） clears.
 */

type PersonRecord = Selectable<PersonTable>;

export type PersonPlan =
  | { kind: 'create'; columns: PersonColumns }
  | { kind: 'update'; id: string; version: number; columns: PersonColumns };

/** The 身份证号 column of an exported list holds these words for people without one. */
const NO_ID_WORDS = /^(无|没有|暂无)(身份证|证件)?(号|号码)?$|^no id( number| card)?$/i;

const INSERT_BATCH = 500;

const first17 = '44530219500312002';
const EXAMPLE_ID = first17 + checkCharacter(first17);

const columns: readonly ImportColumn[] = [
  { key: 'name', header: { 'zh-CN': '姓名', en: 'Name' }, aliases: ['姓 名', '名字', '老人姓名'], kind: { type: 'text', max: 50 }, required: true, example: '陈秀英' },
  {
    key: 'idNumber',
    header: { 'zh-CN': '身份证号', en: 'ID number' },
    aliases: ['公民身份号码', '身份证号码', '证件号码', '身份证', '身份证件号码'],
    kind: { type: 'idNumber' },
    note: {
      'zh-CN': '18 位（15 位的会自动升级）；请把此列设为文本格式。没有身份证号的留空，并填写性别和出生日期。',
      en: '18 digits (15-digit numbers are upgraded); format the column as text. Leave empty if the person has none, and give sex and birth date.',
    },
    example: EXAMPLE_ID,
  },
  {
    key: 'sex',
    header: { 'zh-CN': '性别', en: 'Sex' },
    kind: { type: 'choice', values: ['M', 'F'], labelPrefix: 'sex' },
    note: { 'zh-CN': '仅在没有身份证号时使用（有身份证号时由号码得出）。', en: 'Used only without an ID number (otherwise taken from it).' },
    example: null,
  },
  {
    key: 'birthDate',
    header: { 'zh-CN': '出生日期', en: 'Date of birth' },
    aliases: ['出生年月日'],
    kind: { type: 'date' },
    note: { 'zh-CN': '仅在没有身份证号时使用（有身份证号时由号码得出）。', en: 'Used only without an ID number (otherwise taken from it).' },
    example: null,
  },
  {
    key: 'phone',
    header: { 'zh-CN': '联系电话', en: 'Phone' },
    aliases: ['电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'],
    kind: { type: 'phone' },
    example: '13902345678',
  },
  {
    key: 'town',
    header: { 'zh-CN': '户籍镇（街道）', en: 'Hukou town' },
    aliases: ['镇（街道）', '镇街', '所属镇（街道）', '乡镇（街道）', '户籍镇街', '镇'],
    kind: { type: 'town' },
    example: '河口街道',
  },
  {
    key: 'village',
    header: { 'zh-CN': '户籍村（居）', en: 'Hukou village' },
    aliases: ['村（居）', '村（社区）', '村居', '所属村（居）', '户籍村（社区）', '村'],
    kind: { type: 'village', townColumn: 'town' },
    example: null,
  },
  {
    key: 'hukou',
    header: { 'zh-CN': '户籍地', en: 'Hukou' },
    aliases: ['户籍所在地', '户籍地址'],
    kind: { type: 'text', max: 100 },
    note: {
      'zh-CN': '行政区划全称，如导出的人员名册中的“广东省云浮市云城区河口街道”；已填户籍镇（街道）时可不填。',
      en: 'The full division name, as in an exported people list (广东省云浮市云城区河口街道); not needed when the town column is filled.',
    },
    example: null,
  },
  { key: 'address', header: { 'zh-CN': '详细地址', en: 'Address' }, aliases: ['地址', '住址', '家庭住址', '现住址'], kind: { type: 'text', max: 200 }, example: '河口街道城北路 12 号' },
  { key: 'notes', header: { 'zh-CN': '备注', en: 'Notes' }, kind: { type: 'text', max: 1000 }, example: null },
];

// ——— 户籍地 by full name (the exported list writes the division's full name) ———

let divisionsByName: Map<string, string> | undefined;

/** Full name → code for every province, city and county, and Guangdong's towns and villages (built once, ~30 000 names). */
function divisionNames(): Map<string, string> {
  if (divisionsByName) return divisionsByName;
  const names = new Map<string, string>();
  const visit = (code: string | null, deep: boolean) => {
    for (const d of childrenOf(code)) {
      const full = fullName(d.code);
      names.set(full, d.code);
      // Clerks drop the committee words: 星岩社区居民委员会 → 星岩社区; 云城街道办事处 → 云城街道.
      const short = full.replace(/(居民|村民)委员会$/, '').replace(/街道办事处$/, '街道');
      if (short !== full && !names.has(short)) names.set(short, d.code);
      if (d.level === 'province' || d.level === 'city' || deep) visit(d.code, deep || d.code === '44');
    }
  };
  visit(null, false);
  divisionsByName = names;
  return names;
}

/** A division by its code or full name, also written from the county, city or province down. */
function divisionByName(text: string, county: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (/^\d{6}(\d{3}(\d{3})?)?$/.test(compact)) return getDivision(compact) ? compact : null;
  const names = divisionNames();
  for (const prefix of ['', fullName(county), fullName(county.slice(0, 4)), fullName(county.slice(0, 2))]) {
    const code = names.get(prefix + compact);
    if (code) return code;
  }
  return null;
}

// ——— checking ———

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The record's values as the contract's input, so a file that leaves a field out keeps it. */
function recordInput(r: PersonRecord) {
  return {
    name: r.name,
    idNumber: r.id_number,
    sex: r.id_number ? null : r.sex,
    birthDate: r.id_number ? null : r.birth_date,
    phone: r.phone,
    hukouDivisionCode: r.hukou_division_code,
    address: r.address,
    notes: r.notes,
  };
}

/** What a clerk edits (compared for update vs unchanged), with the column a difference is shown under. */
const COMPARED: [keyof PersonColumns, string][] = [
  ['name', 'name'],
  ['sex', 'sex'],
  ['birth_date', 'birthDate'],
  ['phone', 'phone'],
  ['hukou_division_code', 'hukou'],
  ['address', 'address'],
  ['notes', 'notes'],
];

export function peopleChecker(env: ImportEnv, existing: PersonRecord[]): RowChecker<PersonPlan> {
  const byIdNumber = new Map<string, PersonRecord>();
  const byNameBirth = new Map<string, PersonRecord>();
  for (const r of existing) {
    if (r.id_number) byIdNumber.set(r.id_number, r);
    else if (r.birth_date) {
      const key = `${r.name}|${r.birth_date}`;
      // Two such records: the older one is matched (as the list shows it first after sorting by creation).
      if (!byNameBirth.has(key)) byNameBirth.set(key, r);
    }
  }

  return {
    check(values: RowValues, row: number): CheckResult<PersonPlan> {
      const hukou = hukouOf(values, env.county);
      if (!hukou.ok) return { ok: false, problems: [hukou.problem] };
      const hukouColumn = (['village', 'town', 'hukou'] as const).find((key) => values[key] !== null && values[key] !== undefined) ?? 'hukou';
      const toColumn: FieldToColumn = (field) => {
        const key = field.split('.')[0]!;
        if (key === 'hukouDivisionCode') return hukouColumn;
        return columns.some((c) => c.key === key) ? key : null;
      };

      const rawId = text(values.idNumber);
      const idText = rawId && !NO_ID_WORDS.test(rawId.trim()) ? rawId : null;
      const fromFile = {
        name: text(values.name),
        idNumber: idText,
        // Without an ID number these are the person's; with one they derive from it (as on the form).
        sex: idText ? null : text(values.sex),
        birthDate: idText ? null : text(values.birthDate),
        phone: text(values.phone),
        hukouDivisionCode: hukou.code,
        address: text(values.address),
        notes: text(values.notes),
      };
      // Check the file's own values first: a bad cell is the clerk's to fix, whatever the record holds.
      const own = personInput.safeParse(fromFile);
      if (!own.success) return { ok: false, problems: schemaProblems(own.error, fromFile, toColumn) };

      const parsedId = own.data.idNumber ?? null;
      const match = parsedId
        ? byIdNumber.get(parsedId.idNumber)
        : own.data.birthDate
          ? byNameBirth.get(`${own.data.name}|${own.data.birthDate}`)
          : undefined;
      const label = parsedId ? `${own.data.name} ${maskIdNumber(parsedId.idNumber)}` : `${own.data.name}${own.data.birthDate ? ` ${own.data.birthDate}` : ''}`;
      const key = parsedId ? `id:${parsedId.idNumber}` : own.data.birthDate ? `nb:${own.data.name}|${own.data.birthDate}` : `row:${row}`;

      if (!match) return { ok: true, plan: { action: 'create', key, label, payload: { kind: 'create', columns: personRecordColumns(own.data) } } };

      // Empty cells keep the record's values; the merged input is what the form would have saved.
      const merged = { ...recordInput(match) } as Record<string, unknown>;
      for (const [field, value] of Object.entries(fromFile)) if (value !== null) merged[field] = value;
      // The clear marker empties an optional field on purpose (a blank cell never does).
      for (const field of ['phone', 'address', 'notes'] as const) if (values[field] === CLEAR) merged[field] = null;
      if (hukou.code === null && [values.town, values.village, values.hukou].includes(CLEAR)) merged.hukouDivisionCode = null;
      const parsed = personInput.safeParse(merged);
      if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, merged, toColumn) };
      const next = personRecordColumns(parsed.data);
      const changes = COMPARED.filter(([column]) => next[column] !== match[column]).map(([, key]) => (key === 'hukou' ? hukouColumn : key));
      return {
        ok: true,
        plan: {
          action: changes.length > 0 ? 'update' : 'unchanged',
          key,
          label,
          changes,
          payload: { kind: 'update', id: match.id, version: match.version, columns: next },
        },
      };
    },

    async apply(rows, progress) {
      const creates: PersonTable[] = [];
      const meta = newMeta(env.ctx);
      const flush = async () => {
        if (creates.length === 0) return;
        env.ctx.host.insertMany('person', creates as unknown as Record<string, string | number | null>[]);
        progress.advance(creates.length);
        creates.length = 0;
        await progress.breathe();
      };
      for (const { plan } of rows) {
        const p = plan.payload;
        if (p.kind === 'create') {
          // One instant for the whole import (its records were created together); a new id each.
          creates.push({ ...meta, id: uuidv7(), ...p.columns });
          if (creates.length >= INSERT_BATCH) await flush();
          continue;
        }
        await env.db
          .updateTable('person')
          .set({ ...p.columns, ...bumpedMeta(env.ctx, p.version) })
          .where('id', '=', p.id)
          .where('version', '=', p.version)
          .execute();
        progress.advance();
        await progress.breathe();
      }
      await flush();
      // The write holds the import's transaction: nothing can change these rows between check and write.
      return new Map<number, RowProblem[]>();
    },
  };
}

/** The hukou code: the village's if given, else the town's, else the 户籍地 full name; null when all are empty. */
function hukouOf(values: RowValues, county: string): { ok: true; code: string | null } | { ok: false; problem: RowProblem } {
  const picked = text(values.village) ?? text(values.town);
  if (picked) return { ok: true, code: picked };
  const full = text(values.hukou);
  if (!full) return { ok: true, code: null };
  const code = divisionByName(full, county);
  return code ? { ok: true, code } : { ok: false, problem: { column: 'hukou', code: 'IMPORT_UNKNOWN_HUKOU', params: { value: full } } };
}

export const peopleRegister: ImportRegister<PersonPlan> = {
  name: 'people',
  title: { 'zh-CN': '人员信息', en: 'People' },
  matchedBy: {
    'zh-CN': '按身份证号匹配；没有身份证号的按姓名＋出生日期匹配；找不到则新增。空白单元格（或文件中没有的列）保留原有内容；填“（清空）”才清除',
    en: 'Matched by ID number; without one, by name + date of birth; otherwise added. Empty cells (or columns the file lacks) keep what the record holds; （清空） clears a value',
  },
  columns,
  async begin(env) {
    const existing = await env.db.selectFrom('person').selectAll().execute();
    return peopleChecker(env, existing);
  },
};

import type { Selectable } from 'kysely';
import type { InstitutionBedTable, ResidentTable } from '../../../../db/schema';
import type { Input, Parsed } from '../../../contract';
import { admissionInput, residentDetails } from '../../../contract/areas/residents';
import { CHILD_CATEGORIES, RESIDENT_CATEGORIES, SELF_CARE_TASKS, SUPPORT_FORMS, type ResidentCategory } from '../../../contract/areas/welfare-enums';
import { AppError } from '../../../contract/errors';
import { checkCharacter, maskIdNumber, parseIdNumber } from '../../../contract/validators/id-number';
import { checkAgeForCategory } from '../../residents/age-rules';
import { admitResident, updateResident } from '../../residents/residents';
import { applyEach, schemaProblems, type FieldToColumn } from '../row-helpers';
import { CLEAR, type CheckResult, type ImportColumn, type ImportRegister, type RowValues } from '../types';

/**
 * 在院人员: one row per stay (admission). The person is found in the people register by 身份证号
 * (a child without one by name + birth date), or registered with the admission as the admission
 * form allows. A stay already recorded (same person, institution and admission date) has its
 * details corrected like 'residents.update'; otherwise the row is admitted through
 * 'residents.admit', so occupancy, free beds and the age rules hold for imported rows too.
 * Moves, leaves and exits are events with their own dates and are not imported.
 */

type Details = Input<'residents.update'>['details'];
type DetailKey = keyof Details;
type Admission = Parsed<'residents.admit'>['admission'];

type Payload =
  | { kind: 'admit'; admission: Admission; /** Names a new person so a second stay of them in the file reuses the record. */ newPersonKey: string | null }
  | { kind: 'update'; id: string; version: number; details: Parsed<'residents.update'>['details'] };

const first17 = '44530219480312002';
const EXAMPLE_ID = first17 + checkCharacter(first17);

const COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: { 'zh-CN': '姓名', en: 'Name' }, aliases: ['姓 名', '供养对象姓名', '入住人员'], kind: { type: 'text', max: 50 }, required: true, example: '陈秀英' },
  {
    key: 'idNumber',
    header: { 'zh-CN': '身份证号', en: 'ID number' },
    aliases: ['公民身份号码', '身份证号码', '证件号码', '身份证'],
    kind: { type: 'idNumber' },
    note: {
      'zh-CN': '已在人员名册中的人按身份证号找到（姓名须一致），不在的随入住一并登记。只有儿童（孤儿、事实无人抚养儿童）可以没有身份证号，此时填写性别和出生日期。',
      en: 'A person of the people register is found by it (the name must agree); others are registered with the admission. Only children (orphans, de facto unsupported) may have none: then give sex and birth date.',
    },
    example: EXAMPLE_ID,
  },
  {
    key: 'sex',
    header: { 'zh-CN': '性别', en: 'Sex' },
    kind: { type: 'choice', values: ['M', 'F'], labelPrefix: 'sex' },
    note: { 'zh-CN': '仅在没有身份证号时使用。', en: 'Only without an ID number.' },
    example: null,
  },
  {
    key: 'birthDate',
    header: { 'zh-CN': '出生日期', en: 'Date of birth' },
    kind: { type: 'date' },
    note: { 'zh-CN': '仅在没有身份证号时使用。', en: 'Only without an ID number.' },
    example: null,
  },
  {
    key: 'institution',
    header: { 'zh-CN': '供养机构', en: 'Institution' },
    aliases: ['机构名称', '入住机构', '敬老院', '供养机构名称'],
    kind: { type: 'text', max: 80 },
    required: true,
    note: { 'zh-CN': '机构名称，须已在“供养机构”中登记。', en: 'The name of an institution already registered.' },
    example: '腰古镇敬老院',
  },
  {
    key: 'bed',
    header: { 'zh-CN': '床位号', en: 'Bed' },
    aliases: ['床位', '房间床位'],
    kind: { type: 'text', max: 41 },
    note: {
      'zh-CN': '机构登记了床位时必填：写成“房间-床位”，如 101-1（床位号在机构内唯一时可只写床位号）。只用于新入住，调换床位请在程序中办理。',
      en: 'Required when the institution keeps a bed register: room-bed, e.g. 101-1 (the bed alone when unique in the institution). New admissions only; moves are recorded in the program.',
    },
    example: null,
  },
  { key: 'admittedOn', header: { 'zh-CN': '入住日期', en: 'Admitted on' }, aliases: ['入院日期', '入住时间'], kind: { type: 'date' }, required: true, example: '2024-03-01' },
  {
    key: 'category',
    header: { 'zh-CN': '人员类别', en: 'Category' },
    aliases: ['供养类别', '对象类别'],
    kind: { type: 'choice', values: RESIDENT_CATEGORIES, labelPrefix: 'welfare.category' },
    required: true,
    example: '特困老年人',
  },
  {
    key: 'supportForm',
    header: { 'zh-CN': '供养方式', en: 'Support form' },
    kind: { type: 'choice', values: SUPPORT_FORMS, labelPrefix: 'welfare.supportForm' },
    required: true,
    example: '集中供养',
  },
  {
    key: 'schoolingExtension',
    header: { 'zh-CN': '在读延长', en: 'Schooling extension' },
    aliases: ['在校就读延长'],
    kind: { type: 'boolean' },
    note: { 'zh-CN': '年满 18 周岁仍在校就读的儿童填“是”。', en: '是 for a child over 18 still at school.' },
    example: null,
  },
  { key: 'ageException', header: { 'zh-CN': '年龄例外说明', en: 'Age exception' }, kind: { type: 'text', max: 200 }, example: null },
  { key: 'guardianName', header: { 'zh-CN': '监护人姓名', en: 'Guardian' }, aliases: ['监护人', '紧急联系人'], kind: { type: 'text', max: 50 }, example: '陈志强' },
  { key: 'guardianRelation', header: { 'zh-CN': '监护人关系', en: 'Relation' }, aliases: ['与监护人关系', '关系'], kind: { type: 'text', max: 20 }, example: '侄子' },
  { key: 'guardianPhone', header: { 'zh-CN': '监护人电话', en: 'Guardian phone' }, aliases: ['联系人电话', '监护人联系电话'], kind: { type: 'phone' }, example: '13902345678' },
  {
    key: 'assessedOn',
    header: { 'zh-CN': '入住评估日期', en: 'Assessed on' },
    aliases: ['评估日期'],
    kind: { type: 'date' },
    note: {
      'zh-CN': '留空即为入住日期；不能晚于入住日期。评估三列只用于新入住，已有的入住记录请在程序中办理复评。',
      en: 'Blank: the admission day; not after it. The three assessment columns serve new admissions only; reassess recorded stays in the program.',
    },
    example: '2024-03-01',
  },
  {
    key: 'assessor',
    header: { 'zh-CN': '评估人', en: 'Assessor' },
    kind: { type: 'text', max: 50 },
    note: { 'zh-CN': '新入住必填。', en: 'Required for a new admission.' },
    example: '王评估',
  },
  {
    key: 'failedTasks',
    header: { 'zh-CN': '评估不能自理的项目', en: 'Tasks failed' },
    aliases: ['不能独立完成的项目', '不能自理项目'],
    kind: { type: 'choice', values: SELF_CARE_TASKS, labelPrefix: 'welfare.task', multiple: true },
    note: { 'zh-CN': '六项中不能独立完成的，用“、”分隔；留空表示均能独立完成。', en: 'The six tasks failed, separated by 、; blank: none.' },
    example: '洗澡、如厕',
  },
  { key: 'notes', header: { 'zh-CN': '备注', en: 'Notes' }, kind: { type: 'text', max: 1000 }, example: null },
];

const DETAIL_KEYS: readonly DetailKey[] = ['category', 'supportForm', 'schoolingExtension', 'ageException', 'guardianName', 'guardianRelation', 'guardianPhone', 'notes'];

/** Contract field paths (with or without the request's 'admission.' prefix) → the file's columns. */
const FIELD_COLUMNS: [RegExp, string][] = [
  [/^(person\.)?name$/, 'name'],
  [/^person\.idNumber$|^personId$/, 'idNumber'],
  [/^person\.sex$/, 'sex'],
  [/^person\.birthDate$/, 'birthDate'],
  [/^institutionId$/, 'institution'],
  [/^bedId$/, 'bed'],
  [/^admittedOn$/, 'admittedOn'],
  [/^assessment\.assessedOn$/, 'assessedOn'],
  [/^assessment\.assessor$/, 'assessor'],
  [/^assessment\.failedTasks/, 'failedTasks'],
];
const toColumn: FieldToColumn = (field) => {
  const path = field.replace(/^admission\./, '');
  const detail = /^details\.(\w+)$/.exec(path)?.[1];
  if (detail) return (DETAIL_KEYS as readonly string[]).includes(detail) ? detail : null;
  return FIELD_COLUMNS.find(([pattern]) => pattern.test(path))?.[1] ?? null;
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function detailsOf(r: Selectable<ResidentTable>): Details {
  return {
    category: r.category,
    supportForm: r.support_form,
    schoolingExtension: r.schooling_extension === 1,
    ageException: r.age_exception,
    guardianName: r.guardian_name,
    guardianRelation: r.guardian_relation,
    guardianPhone: r.guardian_phone,
    notes: r.notes,
  };
}

const problem = (column: string | null, code: string, params?: Record<string, string | number>): CheckResult<Payload> => ({
  ok: false,
  problems: [{ column, code, ...(params ? { params } : {}) }],
});

type Bed = Pick<Selectable<InstitutionBedTable>, 'id' | 'room' | 'label' | 'retired_on'>;

/** A bed of the institution by "room-label" (also "room label", "room室label床"), or by its label when that is unique. */
function findBed(beds: readonly Bed[], cell: string): Bed | null | 'ambiguous' {
  const compact = cell.replace(/\s+/g, '');
  const exact = beds.find((b) => [`${b.room}-${b.label}`, `${b.room}－${b.label}`, `${b.room}室${b.label}床`, `${b.room}${b.label}`].includes(compact));
  if (exact) return exact;
  const byLabel = beds.filter((b) => b.label === compact || `${b.label}床` === compact);
  if (byLabel.length > 1) return 'ambiguous';
  return byLabel[0] ?? null;
}

export const residentsRegister: ImportRegister<Payload> = {
  name: 'residents',
  title: { 'zh-CN': '在院人员', en: 'Residents' },
  matchedBy: {
    'zh-CN': '按人员（身份证号）＋供养机构＋入住日期匹配：已有这次入住时更新类别和联系人等登记信息，否则办理入住。调换、暂时离院、离院等须在程序中办理，不能导入。',
    en: 'By person (ID number) + institution + admission date: a stay already recorded has its details updated, otherwise the person is admitted. Moves, leaves and exits are recorded in the program, not imported.',
  },
  columns: COLUMNS,
  async begin(env) {
    const db = env.db;
    const institutions = new Map((await db.selectFrom('institution').select(['id', 'name', 'closed_on']).execute()).map((r) => [r.name, r]));
    const bedsOf = new Map<string, Bed[]>();
    for (const b of await db.selectFrom('institution_bed').select(['id', 'institution_id', 'room', 'label', 'retired_on']).execute()) {
      const list = bedsOf.get(b.institution_id) ?? [];
      list.push(b);
      bedsOf.set(b.institution_id, list);
    }
    const byIdNumber = new Map<string, { id: string; name: string; birth_date: string | null }>();
    const byNameBirth = new Map<string, { id: string; name: string; birth_date: string | null }[]>();
    for (const p of await db.selectFrom('person').select(['id', 'name', 'id_number', 'birth_date']).execute()) {
      if (p.id_number) byIdNumber.set(p.id_number, p);
      else if (p.birth_date) {
        const key = `${p.name}|${p.birth_date}`;
        byNameBirth.set(key, [...(byNameBirth.get(key) ?? []), p]);
      }
    }
    // A stay is matched by where it began: the admission event's institution and the admission day.
    const stays = new Map<string, Selectable<ResidentTable>>();
    const stayRows = await db
      .selectFrom('resident as r')
      .innerJoin('resident_event as e', (join) => join.onRef('e.resident_id', '=', 'r.id').on('e.kind', '=', 'admit'))
      .selectAll('r')
      .select('e.institution_id as admitted_to')
      .where('r.status', '!=', 'void')
      .execute();
    for (const { admitted_to, ...stay } of stayRows) stays.set(`${stay.person_id}|${admitted_to}|${stay.admitted_on}`, stay);

    return {
      check(values: RowValues) {
        const name = text(values.name);
        const institutionName = text(values.institution);
        const admittedOn = text(values.admittedOn);
        const category = text(values.category) as ResidentCategory | null;
        if (!name || !institutionName || !admittedOn || !category) return problem(!name ? 'name' : !institutionName ? 'institution' : !admittedOn ? 'admittedOn' : 'category', 'REQUIRED');

        // Who: by ID number, or (a child without one) by name + birth date, or a new person.
        const idText = text(values.idNumber);
        let personId: string | null = null;
        let birthDate: string | null = null;
        let personKey: string;
        let label: string;
        let newPerson: Input<'residents.admit'>['admission']['person'] = null;
        if (idText) {
          const parsed = parseIdNumber(idText, env.today);
          if (!parsed.ok) return problem('idNumber', parsed.problem, parsed.params);
          const found = byIdNumber.get(parsed.idNumber);
          if (found && found.name !== name) {
            return problem('name', 'IMPORT_NAME_MISMATCH', { idNumber: maskIdNumber(parsed.idNumber), registered: found.name, value: name });
          }
          personId = found?.id ?? null;
          birthDate = parsed.birthDate;
          personKey = `id:${parsed.idNumber}`;
          label = `${name} ${maskIdNumber(parsed.idNumber)}`;
          if (!found) newPerson = { name, idNumber: parsed.idNumber };
        } else {
          if (!CHILD_CATEGORIES.includes(category)) return problem('idNumber', 'IMPORT_ADULT_NEEDS_ID');
          birthDate = text(values.birthDate);
          if (!birthDate) return problem('birthDate', 'IMPORT_CHILD_NEEDS_BIRTH_DATE');
          const found = byNameBirth.get(`${name}|${birthDate}`) ?? [];
          if (found.length > 1) return problem('name', 'IMPORT_PERSON_AMBIGUOUS', { name, birthDate });
          personId = found[0]?.id ?? null;
          personKey = `nb:${name}|${birthDate}`;
          label = `${name} ${birthDate}`;
          if (!found[0]) newPerson = { name, sex: text(values.sex) as 'M' | 'F' | null, birthDate };
        }

        const institution = institutions.get(institutionName);
        if (!institution) return problem('institution', 'IMPORT_INSTITUTION_NOT_FOUND', { value: institutionName });
        const key = `${personKey}|${institution.id}|${admittedOn}`;
        const stay = personId ? stays.get(`${personId}|${institution.id}|${admittedOn}`) : undefined;

        // The details: the stay's own where the row leaves a cell blank.
        const base: Partial<Details> = stay ? detailsOf(stay) : { schoolingExtension: false };
        const details: Record<string, unknown> = { ...base };
        for (const k of DETAIL_KEYS) {
          const value = values[k];
          if (value === CLEAR) details[k] = k === 'schoolingExtension' ? false : null;
          else if (value !== undefined && value !== null) details[k] = value;
        }
        const own = residentDetails.safeParse(details);
        if (!own.success) return { ok: false, problems: schemaProblems(own.error, { details }, (f) => toColumn(`details.${f}`)) };

        // The age rule the service applies, checked here so the preview shows it.
        try {
          checkAgeForCategory(own.data, birthDate, stay?.admitted_on ?? admittedOn, 'details.category');
        } catch (error) {
          if (error instanceof AppError) return problem('category', error.code, error.params);
          throw error;
        }

        if (stay) {
          const before = detailsOf(stay);
          const changes = DETAIL_KEYS.filter((k) => (own.data[k] ?? null) !== (before[k] ?? null));
          return {
            ok: true,
            plan: { action: changes.length ? 'update' : 'unchanged', key, label, changes, payload: { kind: 'update', id: stay.id, version: stay.version, details: own.data } },
          };
        }

        // A new stay: the bed (when the institution keeps a register), then the admission form's schema.
        const bedCell = text(values.bed);
        const beds = (bedsOf.get(institution.id) ?? []).filter((b) => !b.retired_on || b.retired_on > admittedOn);
        let bedId: string | null = null;
        if (bedCell) {
          const bed = findBed(bedsOf.get(institution.id) ?? [], bedCell);
          if (bed === 'ambiguous') return problem('bed', 'IMPORT_BED_AMBIGUOUS', { value: bedCell });
          if (!bed) return problem('bed', 'IMPORT_BED_NOT_FOUND', { value: bedCell, institution: institutionName });
          bedId = bed.id;
        } else if (beds.length > 0) return problem('bed', 'BED_REQUIRED');

        const payload = {
          personId,
          person: newPerson,
          institutionId: institution.id,
          bedId,
          admittedOn,
          details,
          assessment: {
            method: 'six_task',
            assessedOn: text(values.assessedOn) ?? admittedOn,
            // Absent (undefined), so a missing assessor reads as REQUIRED, not as a wrong type.
            assessor: text(values.assessor) ?? undefined,
            failedTasks: Array.isArray(values.failedTasks) ? values.failedTasks : [],
            note: null,
          },
          note: null,
        };
        const parsed = admissionInput.safeParse(payload);
        if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, payload, toColumn) };
        if (parsed.data.assessment.assessedOn > admittedOn) return problem('assessedOn', 'ASSESSMENT_AFTER_ADMISSION');
        return {
          ok: true,
          plan: { action: 'create', key, label, payload: { kind: 'admit', admission: parsed.data, newPersonKey: newPerson ? personKey : null } },
        };
      },

      async apply(rows, progress) {
        // A person registered by one row's admission is the same person in a later row of the file.
        const registered = new Map<string, string>();
        return applyEach(
          env,
          rows,
          progress,
          async ({ plan: { action, payload } }) => {
            if (action === 'unchanged') return;
            if (payload.kind === 'update') {
              await updateResident(env.ctx, { id: payload.id, version: payload.version, details: payload.details });
              return;
            }
            const known = payload.newPersonKey ? registered.get(payload.newPersonKey) : undefined;
            const admission = known ? { ...payload.admission, personId: known, person: null } : payload.admission;
            const saved = await admitResident(env.ctx, { admission });
            if (payload.newPersonKey && !known) registered.set(payload.newPersonKey, saved.resident.personId);
          },
          toColumn,
        );
      },
    };
  },
};

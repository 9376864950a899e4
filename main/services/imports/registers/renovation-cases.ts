import type { Parsed } from '../../../contract';
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CONDITIONS,
  caseCreateInput,
  householdInput,
  planLineInput,
  type CaseState,
} from '../../../contract/areas/renovations';
import { checkCharacter, maskIdNumber, parseIdNumber } from '../../../contract/validators/id-number';
import { planEditable } from '../../renovations/case-view';
import { createCase, updateCase } from '../../renovations/cases';
import { savePlan } from '../../renovations/plan';
import { applyEach, schemaProblems, type FieldToColumn } from '../row-helpers';
import { CLEAR, type CellValue, type CheckResult, type ImportColumn, type ImportRegister, type RowProblem, type RowValues } from '../types';

/**
 * 适老化改造: one row per household case, its plan lines in one cell ("如厕洗浴扶手×2；地面防滑处理×1@800").
 * The people must already be in the people register (import them first). A case is matched by its
 * applicant and plan year: its household and plan are updated while the workflow still allows it;
 * otherwise the case is opened ('renovations.create') and its plan saved ('renovations.savePlan').
 * The later steps (review, assessment, works, acceptance, payment) need their documents and are
 * recorded in the program, not imported.
 */

type Household = Parsed<'renovations.create'>['application']['household'];
type PlanLine = Parsed<'renovations.savePlan'>['lines'][number];

type Payload =
  | { kind: 'create'; application: Parsed<'renovations.create'>['application']; lines: PlanLine[] | null }
  | { kind: 'update'; id: string; version: number; household: Household | null; lines: PlanLine[] | null };

const first17 = '44530219450312002';
const EXAMPLE_ID = first17 + checkCharacter(first17);
const EXAMPLE_PLAN = '如厕洗浴扶手×2@150；地面防滑处理×1@800；手杖×1@60';

const COLUMNS: readonly ImportColumn[] = [
  { key: 'applicantName', header: { 'zh-CN': '申请人姓名', en: 'Applicant' }, aliases: ['申请人', '姓名', '户主姓名'], kind: { type: 'text', max: 50 }, required: true, example: '陈秀英' },
  {
    key: 'idNumber',
    header: { 'zh-CN': '申请人身份证号', en: 'Applicant ID number' },
    aliases: ['身份证号', '公民身份号码', '身份证号码', '证件号码'],
    kind: { type: 'idNumber' },
    required: true,
    note: { 'zh-CN': '须已在人员名册中登记（请先导入人员信息），姓名须一致。', en: 'Must be in the people register (import people first); the name must agree.' },
    example: EXAMPLE_ID,
  },
  {
    key: 'otherIdNumbers',
    header: { 'zh-CN': '其他家庭成员身份证号', en: 'Other members’ ID numbers' },
    aliases: ['家庭成员身份证号', '同户老人身份证号'],
    kind: { type: 'text', max: 200 },
    note: { 'zh-CN': '同户其他老人，多个用“、”分隔；须已在人员名册中登记。', en: 'Other elderly people of the household, separated by 、; must be registered.' },
    example: null,
  },
  {
    key: 'category',
    header: { 'zh-CN': '家庭类别', en: 'Household category' },
    aliases: ['困难类型', '对象类别'],
    kind: { type: 'choice', values: HOUSEHOLD_CATEGORIES, labelPrefix: 'renovation.category' },
    required: true,
    example: '分散供养特困',
  },
  {
    key: 'conditions',
    header: { 'zh-CN': '家庭情况', en: 'Conditions' },
    aliases: ['特殊情况'],
    kind: { type: 'choice', values: HOUSEHOLD_CONDITIONS, labelPrefix: 'renovation.condition', multiple: true },
    note: { 'zh-CN': '可多选，用“、”分隔；没有可不填。', en: 'Several separated by 、; may be blank.' },
    example: '高龄、失能',
  },
  { key: 'townCode', header: { 'zh-CN': '所属镇（街道）', en: 'Town or street' }, aliases: ['镇（街道）', '镇街', '乡镇（街道）'], kind: { type: 'town' }, required: true, example: '腰古镇' },
  { key: 'villageCode', header: { 'zh-CN': '所属村（居）', en: 'Village' }, aliases: ['村（居）', '村（社区）', '村居'], kind: { type: 'village', townColumn: 'townCode' }, example: '水东村' },
  { key: 'address', header: { 'zh-CN': '地址', en: 'Address' }, aliases: ['详细地址', '家庭住址', '住址'], kind: { type: 'text', max: 200 }, example: '水东村一巷 3 号' },
  { key: 'phone', header: { 'zh-CN': '联系电话', en: 'Phone' }, aliases: ['电话', '手机号码'], kind: { type: 'phone' }, example: '13902345678' },
  { key: 'planYear', header: { 'zh-CN': '计划年度', en: 'Plan year' }, aliases: ['年度', '改造年度'], kind: { type: 'integer', min: 2000, max: 2100 }, required: true, example: 2025 },
  {
    key: 'appliedOn',
    header: { 'zh-CN': '申请日期', en: 'Applied on' },
    aliases: ['申请时间'],
    kind: { type: 'date' },
    required: true,
    note: { 'zh-CN': '新建案件时记为“申请”步骤；已有案件不更改。', en: 'Recorded as the application step of a new case; an existing case keeps its own.' },
    example: '2025-03-02',
  },
  {
    key: 'responsible',
    header: { 'zh-CN': '受理人', en: 'Received by' },
    aliases: ['经办人'],
    kind: { type: 'text', max: 50 },
    required: true,
    note: { 'zh-CN': '新建案件时记为“申请”步骤的经办人；已有案件不更改。', en: 'Who received a new case’s application; an existing case keeps its own.' },
    example: '李受理',
  },
  {
    key: 'plan',
    header: { 'zh-CN': '改造项目', en: 'Plan lines' },
    aliases: ['改造方案', '改造内容'],
    kind: { type: 'text', max: 2000 },
    note: {
      'zh-CN': '项目目录中的名称×数量，可加“@单价（元）”（不写则按目录参考价），多项用“；”分隔，如“如厕洗浴扶手×2@150；手杖×1@60”。补助项目按目录计入补助。',
      en: 'Catalogue name×quantity, optionally @unit price in yuan (else the catalogue price), several separated by ；. Subsidised as the catalogue says.',
    },
    example: EXAMPLE_PLAN,
  },
  { key: 'duplicateReason', header: { 'zh-CN': '重复申请说明', en: 'Reason for a repeat case' }, kind: { type: 'text', max: 200 }, example: null },
  { key: 'notes', header: { 'zh-CN': '备注', en: 'Notes' }, kind: { type: 'text', max: 1000 }, example: null },
];

const HOUSEHOLD_KEYS = ['category', 'conditions', 'townCode', 'villageCode', 'address', 'phone', 'duplicateReason', 'notes'] as const;

const toColumn: FieldToColumn = (field) => {
  const path = field.replace(/^(application\.)?household\./, '').replace(/^application\./, '');
  if (path === 'personIds' || path === 'personIds.0') return 'idNumber';
  if (path.startsWith('personIds.')) return 'otherIdNumbers';
  if (path.startsWith('lines')) return 'plan';
  if (path === 'planYear' || path === 'appliedOn' || path === 'responsible') return path;
  return (HOUSEHOLD_KEYS as readonly string[]).includes(path) ? path : null;
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const fail = (problems: RowProblem[]): CheckResult<Payload> => ({ ok: false, problems });

/** Full-width and half-width brackets and spaces do not tell two item names apart. */
const itemKey = (name: string) => name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/** 名称×数量[@单价]: × may be typed x, X, * or ＊; the price in 元 with at most two decimals. */
const LINE = /^(.+?)\s*[×xX*＊]\s*(\d+)\s*(?:[@＠]\s*[¥￥]?\s*(\d+(?:\.\d{1,2})?)\s*元?)?$/;

interface Item {
  id: string;
  name: string;
  subsidised: number;
  reference_price_fen: number | null;
}

/** The plan cell as plan lines (null: the cell is blank, the plan stays as it is; the clear marker: no lines). */
function parsePlan(value: CellValue | undefined, items: Map<string, Item>): { ok: true; lines: PlanLine[] | null } | { ok: false; problems: RowProblem[] } {
  if (value === CLEAR) return { ok: true, lines: [] };
  const cell = text(value);
  if (!cell) return { ok: true, lines: null };
  const problems: RowProblem[] = [];
  const lines: PlanLine[] = [];
  for (const part of cell.split(/[;；\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const match = LINE.exec(part);
    if (!match) {
      problems.push({ column: 'plan', code: 'IMPORT_PLAN_LINE', params: { value: part } });
      continue;
    }
    const [, name, quantity, price] = match;
    const item = items.get(itemKey(name!));
    if (!item) {
      problems.push({ column: 'plan', code: 'IMPORT_ITEM_NOT_FOUND', params: { value: name! } });
      continue;
    }
    const unitPriceFen = price !== undefined ? Math.round(Number(price) * 100) : item.reference_price_fen;
    if (unitPriceFen === null) {
      problems.push({ column: 'plan', code: 'IMPORT_ITEM_NO_PRICE', params: { value: item.name } });
      continue;
    }
    const line = { itemId: item.id, quantity: Number(quantity), unitPriceFen, subsidised: item.subsidised === 1, note: null };
    const parsed = planLineInput.safeParse(line);
    if (!parsed.success) problems.push(...schemaProblems(parsed.error, line, () => 'plan'));
    else lines.push(parsed.data);
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines };
}

function sameLines(a: readonly Omit<PlanLine, 'note'>[], b: readonly Omit<PlanLine, 'note'>[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => l.itemId === b[i]!.itemId && l.quantity === b[i]!.quantity && l.unitPriceFen === b[i]!.unitPriceFen && l.subsidised === b[i]!.subsidised)
  );
}

/** The cell's ID numbers, each checked and found in the people register. */
function otherPeople(cell: string | null, byIdNumber: Map<string, { id: string; name: string }>, today: string) {
  const problems: RowProblem[] = [];
  const ids: string[] = [];
  for (const raw of (cell ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
    const parsed = parseIdNumber(raw, today);
    if (!parsed.ok) problems.push({ column: 'otherIdNumbers', code: parsed.problem, params: parsed.params });
    else {
      const person = byIdNumber.get(parsed.idNumber);
      if (!person) problems.push({ column: 'otherIdNumbers', code: 'IMPORT_PERSON_NOT_FOUND', params: { idNumber: maskIdNumber(parsed.idNumber) } });
      else ids.push(person.id);
    }
  }
  return { problems, ids };
}

export const renovationCasesRegister: ImportRegister<Payload> = {
  name: 'renovation_cases',
  title: { 'zh-CN': '适老化改造', en: 'Home renovations' },
  matchedBy: {
    'zh-CN': '按申请人身份证号＋计划年度匹配：已有案件时更新家庭信息和改造项目（方案签订后不能再改），否则新建案件。审核、评估、施工、验收、补助发放等后续步骤需附材料，须在程序中办理，不能导入。',
    en: 'By applicant ID number + plan year: an existing case has its household and plan updated (not after the plan is signed), otherwise a case is opened. Later steps (review, assessment, works, acceptance, payment) need their documents and are recorded in the program, not imported.',
  },
  columns: COLUMNS,
  async begin(env) {
    const db = env.db;
    const byIdNumber = new Map<string, { id: string; name: string }>();
    for (const p of await db.selectFrom('person').select(['id', 'name', 'id_number']).where('id_number', 'is not', null).execute()) {
      byIdNumber.set(p.id_number!, p);
    }
    const items = new Map<string, Item>();
    for (const i of await db.selectFrom('renovation_item').select(['id', 'name', 'subsidised', 'reference_price_fen']).execute()) items.set(itemKey(i.name), i);

    // Cases by applicant + plan year; one that went ahead (or may) wins over a rejected or withdrawn one.
    const cases = new Map<string, { id: string; version: number; state: CaseState; household: Household; lines: PlanLine[] }>();
    const caseRows = await db
      .selectFrom('renovation_case as c')
      .innerJoin('renovation_case_person as ap', (join) => join.onRef('ap.case_id', '=', 'c.id').on('ap.position', '=', 0))
      .selectAll('c')
      .select('ap.person_id')
      .orderBy('c.case_number')
      .execute();
    const people = new Map<string, string[]>();
    for (const cp of await db.selectFrom('renovation_case_person').select(['case_id', 'person_id']).orderBy('case_id').orderBy('position').execute()) {
      people.set(cp.case_id, [...(people.get(cp.case_id) ?? []), cp.person_id]);
    }
    const lines = new Map<string, PlanLine[]>();
    for (const l of await db.selectFrom('renovation_plan_line').selectAll().orderBy('case_id').orderBy('position').execute()) {
      const line = { itemId: l.item_id, quantity: l.quantity, unitPriceFen: l.unit_price_fen, subsidised: l.subsidised === 1, note: l.note };
      lines.set(l.case_id, [...(lines.get(l.case_id) ?? []), line]);
    }
    for (const c of caseRows) {
      const key = `${c.person_id}|${c.plan_year}`;
      const ended = (state: string) => state === 'rejected' || state === 'withdrawn';
      const held = cases.get(key);
      if (held && !ended(held.state) && ended(c.state)) continue;
      cases.set(key, {
        id: c.id,
        version: c.version,
        state: c.state as CaseState,
        household: {
          personIds: people.get(c.id) ?? [c.person_id],
          category: c.category,
          conditions: JSON.parse(c.conditions_json) as Household['conditions'],
          townCode: c.town_code,
          villageCode: c.village_code,
          address: c.address,
          phone: c.phone,
          planYear: c.plan_year,
          duplicateReason: c.duplicate_reason,
          notes: c.notes,
        },
        lines: lines.get(c.id) ?? [],
      });
    }

    return {
      check(values: RowValues) {
        const name = text(values.applicantName);
        const idText = text(values.idNumber);
        if (!name || !idText) return fail([{ column: !name ? 'applicantName' : 'idNumber', code: 'REQUIRED' }]);
        const parsedId = parseIdNumber(idText, env.today);
        if (!parsedId.ok) return fail([{ column: 'idNumber', code: parsedId.problem, params: parsedId.params }]);
        const applicant = byIdNumber.get(parsedId.idNumber);
        const masked = maskIdNumber(parsedId.idNumber);
        if (!applicant) return fail([{ column: 'idNumber', code: 'IMPORT_PERSON_NOT_FOUND', params: { idNumber: masked } }]);
        if (applicant.name !== name) return fail([{ column: 'applicantName', code: 'IMPORT_NAME_MISMATCH', params: { idNumber: masked, registered: applicant.name, value: name } }]);

        const others = otherPeople(text(values.otherIdNumbers), byIdNumber, env.today);
        const plan = parsePlan(values.plan, items);
        const problems = [...others.problems, ...(plan.ok ? [] : plan.problems)];
        if (problems.length) return fail(problems);
        const planLines = plan.ok ? plan.lines : null;

        const planYear = typeof values.planYear === 'number' ? values.planYear : null;
        const key = `${applicant.id}|${planYear}`;
        const label = `${name} ${masked}${planYear ? ` ${planYear}` : ''}`;
        const existing = cases.get(key);

        // The household: the case's own where the row leaves a cell blank.
        const household: Record<string, unknown> = existing ? { ...existing.household } : { conditions: [] };
        for (const k of HOUSEHOLD_KEYS) {
          const value = values[k];
          if (value === CLEAR) household[k] = k === 'conditions' ? [] : null;
          else if (value !== undefined && value !== null) household[k] = value;
        }
        household.planYear = planYear;
        // A blank cell keeps the household's other members; the clear marker leaves the applicant alone.
        const otherIds = values.otherIdNumbers === CLEAR ? [] : text(values.otherIdNumbers) ? others.ids : (existing?.household.personIds.slice(1) ?? []);
        household.personIds = [applicant.id, ...otherIds];

        if (!existing) {
          const application = { household, appliedOn: text(values.appliedOn) ?? undefined, responsible: text(values.responsible) ?? undefined, note: null };
          const parsed = caseCreateInput.safeParse(application);
          if (!parsed.success) return fail(schemaProblems(parsed.error, application, toColumn));
          return { ok: true, plan: { action: 'create', key, label, payload: { kind: 'create', application: parsed.data, lines: planLines } } };
        }

        const parsed = householdInput.safeParse(household);
        if (!parsed.success) return fail(schemaProblems(parsed.error, household, toColumn));
        const before = existing.household;
        const h = parsed.data;
        const changes: string[] = [];
        if (h.personIds.slice(1).join() !== before.personIds.slice(1).join()) changes.push('otherIdNumbers');
        if (h.category !== before.category) changes.push('category');
        if ([...h.conditions].sort().join() !== [...before.conditions].sort().join()) changes.push('conditions');
        for (const k of ['townCode', 'villageCode', 'address', 'phone', 'duplicateReason', 'notes'] as const) {
          if ((h[k] ?? null) !== (before[k] ?? null)) changes.push(k);
        }
        const householdChanged = changes.length > 0;
        const planChanged = planLines !== null && !sameLines(planLines, existing.lines);
        if (planChanged) changes.push('plan');
        // What the case's workflow allows, refused here with the service's own words.
        if (householdChanged && (existing.state === 'paid' || existing.state === 'satisfaction')) {
          return fail([{ column: changes[0]!, code: 'CASE_HOUSEHOLD_LOCKED', params: { state: existing.state } }]);
        }
        if (planChanged && (existing.state === 'rejected' || existing.state === 'withdrawn')) {
          return fail([{ column: 'plan', code: 'PLAN_CASE_CLOSED', params: { state: existing.state } }]);
        }
        if (planChanged && !planEditable(existing.state)) return fail([{ column: 'plan', code: 'PLAN_LOCKED' }]);
        return {
          ok: true,
          plan: {
            action: changes.length ? 'update' : 'unchanged',
            key,
            label,
            changes,
            payload: { kind: 'update', id: existing.id, version: existing.version, household: householdChanged ? h : null, lines: planChanged ? planLines : null },
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
            let id: string;
            let version: number;
            if (payload.kind === 'create') {
              const saved = await createCase(env.ctx, { application: payload.application });
              ({ id, version } = saved.case);
            } else {
              ({ id, version } = payload);
              if (payload.household) version = (await updateCase(env.ctx, { id, version, household: payload.household })).case.version;
            }
            if (payload.lines) await savePlan(env.ctx, { id, version, lines: payload.lines });
          },
          toColumn,
        );
      },
    };
  },
};

import type { CityRow, CityTable, CoverageCells, ProgressCells, RenovationCells, ResidentsCells } from '../../contract/areas/city';
import { formatMessage } from '../../contract/errors';
import { fieldLabel, type Locale } from '../../contract/messages';
import { getDivision } from '../../../db/divisions';
import { SERVICE_TYPES } from '../../contract/areas/station-enums';
import { RESIDENT_CATEGORIES } from '../../contract/areas/welfare-enums';
// The pages' own catalogues: an export says exactly what the screen says.
import en from '../../../renderer/src/i18n/en.json';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import { today } from '../clock';
import type { ExportContext, RunRequest, SheetMakers } from './exports';
import type { SheetColumn, SheetRow, TableSheet } from './sheet';

/** The report tables as sheets: one layout per report request, in the words of its page. */

/** Words only a spreadsheet needs (the pages show these things otherwise). */
const EXTRA = {
  'zh-CN': {
    'xlsx.exportedAt': '导出时间',
    'xlsx.exportedBy': '导出人',
    'xlsx.asOf': '截至 {date}',
    'xlsx.category': '类别',
    'xlsx.count': '总数',
    'xlsx.covered': '已建综合养老服务中心',
    'xlsx.uncovered': '未覆盖',
    'xlsx.goal': '目标：不低于 {rate}',
    'xlsx.status': '状态',
    'xlsx.operating': '运营中',
    'xlsx.operator': '运营机构',
    'xlsx.beds': '床位（张）',
    'xlsx.person': '姓名',
    'xlsx.installDate': '安装日期',
    'xlsx.endDate': '撤床日期',
    'xlsx.summary': '汇总',
    'xlsx.lines': '明细',
    'xlsx.totalYuan': '合计（元）',
    'xlsx.homeTotal': '上门合计',
    'xlsx.onSiteTotal': '站点合计',
    'xlsx.reported': '已填报',
    'xlsx.yes': '是',
    'xlsx.no': '否',
    'xlsx.statsTitle': '{month} 服务统计表',
    'xlsx.completenessTitle': '{year} 年服务统计报送情况',
    'xlsx.subsidyTitle': '{month} 家庭养老床位补贴结算单',
    'xlsx.residentsTitle': '{date} 供养机构入住情况',
    'xlsx.renovationsTitle': '{year} 年适老化改造进展',
    'xlsx.operatingStations': '运营站点',
    'xlsx.reportedStations': '已填报站点',
    'xlsx.town': '乡镇（街道）',
    'xlsx.standards': '适用标准：{list}',
    'xlsx.standardFrom': '{date} 起',
    'xlsx.none': '无',
  },
  en: {
    'xlsx.exportedAt': 'Exported',
    'xlsx.exportedBy': 'by',
    'xlsx.asOf': 'As of {date}',
    'xlsx.category': 'Category',
    'xlsx.count': 'Total',
    'xlsx.covered': 'With a comprehensive centre',
    'xlsx.uncovered': 'Not covered',
    'xlsx.goal': 'Goal: at least {rate}',
    'xlsx.status': 'Status',
    'xlsx.operating': 'Operating',
    'xlsx.operator': 'Operator',
    'xlsx.beds': 'Beds',
    'xlsx.person': 'Name',
    'xlsx.installDate': 'Installed',
    'xlsx.endDate': 'Ended',
    'xlsx.summary': 'Summary',
    'xlsx.lines': 'Lines',
    'xlsx.totalYuan': 'Total (yuan)',
    'xlsx.homeTotal': 'Home, total',
    'xlsx.onSiteTotal': 'On site, total',
    'xlsx.reported': 'Reported',
    'xlsx.yes': 'yes',
    'xlsx.no': 'no',
    'xlsx.statsTitle': 'Service figures {month}',
    'xlsx.completenessTitle': 'Service figures reporting {year}',
    'xlsx.subsidyTitle': 'Family care bed subsidy statements {month}',
    'xlsx.residentsTitle': 'Welfare homes on {date}',
    'xlsx.renovationsTitle': 'Age-friendly renovations {year}',
    'xlsx.operatingStations': 'Operating stations',
    'xlsx.reportedStations': 'Reported',
    'xlsx.town': 'Town',
    'xlsx.standards': 'Standards: {list}',
    'xlsx.standardFrom': 'from {date}',
    'xlsx.none': 'none',
  },
} as const;

type CatalogueKey = keyof typeof zh;
export type WordKey = CatalogueKey | keyof (typeof EXTRA)['zh-CN'];
export type Words = (key: WordKey, params?: Record<string, string | number>) => string;

/** A translator over the pages' catalogues and the words above; {name} placeholders filled from params. */
export function words(locale: Locale): Words {
  const table: Record<string, string> = locale === 'en' ? { ...en, ...EXTRA.en } : { ...zh, ...EXTRA['zh-CN'] };
  return (key, params) => {
    const text = table[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}

/** "2021" → 2021 年, "2021-Q3" → 2021 年第三季度, "2021-07" → 2021 年 7 月. */
export function periodText(label: string, w: Words): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return w('period.quarter', { year: quarter[1]!, quarter: w(`period.q${quarter[2]}` as WordKey) });
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return w('period.month', { year: month[1]!, month: Number(month[2]) });
  if (/^\d{4}$/.test(label)) return w('period.year', { year: label });
  return label;
}

function percentText(perMille: number): string {
  return `${perMille / 10}%`;
}

interface Table {
  name: string;
  /** Without the office: the engine's file name and, after the office name, the title row. */
  title: string;
  /** The period and filters; the export stamp is appended. */
  scope: string[];
  columns: SheetColumn[];
  rows: SheetRow[];
  total?: SheetRow;
  notes?: string[];
}

function sheet(ctx: ExportContext, t: Table): TableSheet {
  return {
    name: t.name,
    title: `${ctx.office.name} ${t.title}`,
    subtitle: [...t.scope, ctx.stamp].filter(Boolean).join(' · '),
    columns: t.columns,
    rows: t.rows,
    ...(t.total ? { total: t.total } : {}),
    ...(t.notes?.length ? { notes: t.notes } : {}),
  };
}

const int = (key: string, header: string): SheetColumn => ({ key, header, kind: 'integer' });
const text = (key: string, header: string): SheetColumn => ({ key, header, kind: 'text' });
const fen = (key: string, header: string): SheetColumn => ({ key, header, kind: 'fen' });
const rate = (key: string, header: string): SheetColumn => ({ key, header, kind: 'perMille' });

// ---- city tables: one row per county in the city's order, 合计, and the bundle each came from ----

type CityKind = 'progress' | 'coverage' | 'residents' | 'renovations';
interface CellsByKind {
  progress: ProgressCells;
  coverage: CoverageCells;
  residents: ResidentsCells;
  renovations: RenovationCells;
}

function cityColumns(kind: CityKind, w: Words): SheetColumn[] {
  switch (kind) {
    case 'progress':
      return [
        int('tasks', w('reports.tasks')),
        int('built', w('reports.built')),
        rate('ratePerMille', w('reports.rate')),
        int('bedsInstalled', w('reports.bedsInstalled')),
        int('homeVisits', w('reports.homeVisits')),
      ];
    case 'coverage':
      return [
        int('streetsTotal', w('cityTables.streetsTotal')),
        int('streetsCovered', w('cityTables.streetsCovered')),
        rate('streetsRatePerMille', w('cityTables.streetsRate')),
        int('townsTotal', w('cityTables.townsTotal')),
        int('townsCovered', w('cityTables.townsCovered')),
        rate('townsRatePerMille', w('cityTables.townsRate')),
      ];
    case 'residents':
      return [
        int('institutions', w('homes.fig.institutions')),
        int('totalBeds', w('homes.totalBeds')),
        int('residents', w('homes.residents')),
        int('onLeave', w('homes.onLeave')),
        rate('ratePerMille', w('homes.rate')),
        int('tekunElderly', w('welfare.category.tekun_elderly')),
        int('children', w('cityTables.children')),
      ];
    case 'renovations':
      return [
        int('target', w('renoProgress.col.target')),
        int('cases', w('renoProgress.col.cases')),
        int('open', w('renoProgress.col.open')),
        int('applied', w('renoProgress.col.applied')),
        int('assessed', w('renoProgress.col.assessed')),
        int('worksStarted', w('renoProgress.col.worksStarted')),
        int('accepted', w('renoProgress.col.accepted')),
        int('paid', w('renoProgress.col.paid')),
        int('closed', w('renoProgress.col.closed')),
        fen('subsidyPaidFen', w('renoProgress.col.subsidyPaidYuan')),
      ];
  }
}

function citySheet<K extends CityKind>(kind: K, ctx: ExportContext, table: CityTable<CellsByKind[K]>): TableSheet {
  const w = words(ctx.locale);
  const period = periodText(table.period, w);
  const title = w(`cityTables.title.${kind}` as WordKey, { period });
  const row = (r: CityRow<CellsByKind[K]>): SheetRow => ({
    county: r.countyName,
    ...(r.cells ?? {}),
    source: r.source ? w('cityTables.sourceCsv', { sequence: r.source.sequence, file: r.source.fileName }) : w('cityTables.notReported'),
  });
  return sheet(ctx, {
    name: w(`cityTables.tab.${kind}` as WordKey),
    title,
    scope: [period, w('cityTables.countiesReporting', { count: table.countiesReporting, of: table.rows.length })],
    columns: [text('county', w('reports.county')), ...cityColumns(kind, w), text('source', w('cityTables.source'))],
    rows: table.rows.map(row),
    total: { county: w('homes.total'), ...table.total },
    notes: [w(`cityTables.help.${kind}` as WordKey)],
  });
}

function cityMaker<K extends CityKind>(kind: K, request: `cityTables.${K}`) {
  return async (ctx: ExportContext, input: { period: string }, run: RunRequest) => {
    const table = (await run(request as 'cityTables.progress', input)) as unknown as CityTable<CellsByKind[K]>;
    const one = citySheet(kind, ctx, table);
    return { fileName: one.title.slice(ctx.office.name.length + 1), sheets: [one] };
  };
}

// ---- the county's report tables ----

export const REPORT_SHEETS: SheetMakers = {
  /** The bulletin's 进展情况表, the county's row of it. */
  'reports.progress': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const row = await run('reports.progress', input);
    const title = w('reports.progressTitle', { year: input.year });
    const notes = [w('reports.progressHelp')];
    if (row.target) {
      const t = row.target;
      notes.unshift(
        `${w('reports.targetRow', { year: t.year })}：${w('reports.tasks')} ${t.stations}，${w('reports.bedsInstalled')} ${t.familyBeds}，${w('reports.homeVisits')} ${t.homeVisits}`,
      );
    }
    const one = sheet(ctx, {
      name: w('cityTables.tab.progress'),
      title,
      scope: [w('period.year', { year: input.year })],
      columns: [text('county', w('reports.county')), ...cityColumns('progress', w)],
      rows: [{ county: getDivision(ctx.office.divisionCode)?.name ?? ctx.office.divisionName, tasks: row.tasks, built: row.built, ratePerMille: row.ratePerMille, bedsInstalled: row.bedsInstalled, homeVisits: row.homeVisits }],
      notes,
    });
    return { fileName: title, sheets: [one] };
  },

  'reports.coverage': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const coverage = await run('reports.coverage', input);
    const title = w('reports.coverageTitle');
    const group = (label: string, g: typeof coverage.streets): SheetRow => ({
      category: label,
      total: g.total,
      covered: g.covered,
      rate: g.ratePerMille,
      uncovered: g.uncovered.map((u) => u.name).join('、'),
    });
    const one = sheet(ctx, {
      name: w('cityTables.tab.coverage'),
      title,
      scope: [w('xlsx.asOf', { date: today(ctx.request.clock) })],
      columns: [
        text('category', w('xlsx.category')),
        int('total', w('xlsx.count')),
        int('covered', w('xlsx.covered')),
        rate('rate', w('bundles.summary.coverageRate')),
        { ...text('uncovered', w('xlsx.uncovered')), width: 50 },
      ],
      rows: [group(w('reports.streets'), coverage.streets), group(w('reports.towns'), coverage.towns)],
      notes: [w('xlsx.goal', { rate: percentText(coverage.goalPerMille) }), w('reports.coverageHelp', { rate: percentText(coverage.goalPerMille) })],
    });
    return { fileName: title, sheets: [one] };
  },

  'stats.month': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const month = await run('stats.month', input);
    const title = w('xlsx.statsTitle', { month: periodText(input.month, w) });
    const serviceColumns = SERVICE_TYPES.flatMap((s) => [
      int(`${s}.home`, `${w(`service.${s}` as WordKey)}·${w('stats.home')}`),
      int(`${s}.onSite`, `${w(`service.${s}` as WordKey)}·${w('stats.onSite')}`),
    ]);
    const total: SheetRow = { station: w('stats.totals'), meals: month.totals.meals, home: month.totals.home, onSite: month.totals.onSite };
    const rows = month.rows.map((r) => {
      const row: SheetRow = {
        station: r.stationName,
        kind: w(`station.kind.${r.kind}` as WordKey),
        town: r.townName,
        status: r.operating ? w('xlsx.operating') : w('stats.notOperating'),
        meals: r.meals,
      };
      let home = 0;
      let onSite = 0;
      for (const s of SERVICE_TYPES) {
        const c = r.services[s];
        if (!c) continue;
        row[`${s}.home`] = c.home;
        row[`${s}.onSite`] = c.onSite;
        home += c.home;
        onSite += c.onSite;
        total[`${s}.home`] = Number(total[`${s}.home`] ?? 0) + c.home;
        total[`${s}.onSite`] = Number(total[`${s}.onSite`] ?? 0) + c.onSite;
      }
      if (r.reported) Object.assign(row, { home, onSite });
      return row;
    });
    const one = sheet(ctx, {
      name: w('stats.gridLabel'),
      title,
      scope: [
        periodText(input.month, w),
        month.submitted ? w('stats.submittedBy', { at: chinaMinute(month.submitted.at), by: month.submitted.by }) : w('stats.notSubmitted'),
      ],
      columns: [
        text('station', w('stats.station')),
        text('kind', w('station.kind')),
        text('town', w('station.town')),
        text('status', w('xlsx.status')),
        int('home', w('xlsx.homeTotal')),
        int('onSite', w('xlsx.onSiteTotal')),
        int('meals', w('stats.mealsCount')),
        ...serviceColumns,
      ],
      rows,
      total,
    });
    return { fileName: title, sheets: [one] };
  },

  'stats.completeness': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const c = await run('stats.completeness', input);
    const title = w('xlsx.completenessTitle', { year: input.year });
    const scope = [w('period.year', { year: input.year })];
    const byMonth = sheet(ctx, {
      name: w('completeness.byMonth'),
      title,
      scope,
      columns: [
        { key: 'month', header: w('period.monthLabel'), kind: 'month' },
        int('operating', w('xlsx.operatingStations')),
        int('reported', w('xlsx.reportedStations')),
        { ...text('missing', w('completeness.missing')), width: 60 },
      ],
      rows: c.months.map((m) => ({ month: m.month, operating: m.operating, reported: m.reported, missing: m.missing.map((s) => s.name).join('、') })),
    });
    const byStation = sheet(ctx, {
      name: w('completeness.byStation'),
      title,
      scope,
      columns: [
        text('name', w('stats.station')),
        int('monthsOperating', w('completeness.monthsOperating')),
        int('monthsReported', w('completeness.monthsReported')),
        rate('rate', w('completeness.rate')),
      ],
      rows: c.stations.map((s) => ({ name: s.name, monthsOperating: s.monthsOperating, monthsReported: s.monthsReported, rate: s.rate })),
    });
    return { fileName: title, sheets: [byMonth, byStation] };
  },

  /** One summary line per operator, then every bed line under its operator. */
  'subsidy.statements': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const statements = await run('subsidy.statements', input);
    const title = w('xlsx.subsidyTitle', { month: periodText(input.month, w) });
    const sum = (pick: (s: (typeof statements)[number]['totals']) => number) => statements.reduce((n, s) => n + pick(s.totals), 0);
    const summary = sheet(ctx, {
      name: w('xlsx.summary'),
      title,
      scope: [periodText(input.month, w)],
      columns: [
        text('operator', w('xlsx.operator')),
        int('beds', w('xlsx.beds')),
        fen('buildFen', w('subsidy.buildYuan')),
        fen('operatingFen', w('subsidy.operatingYuan')),
        fen('totalFen', w('xlsx.totalYuan')),
        text('status', w('xlsx.status')),
      ],
      rows: statements.map((s) => ({
        operator: s.operatorName,
        ...s.totals,
        status: s.issuedAt ? w('subsidy.issuedBy', { at: chinaMinute(s.issuedAt), by: s.issuedByName ?? '—' }) : w('subsidy.draft'),
      })),
      total: { operator: w('homes.total'), beds: sum((t) => t.beds), buildFen: sum((t) => t.buildFen), operatingFen: sum((t) => t.operatingFen), totalFen: sum((t) => t.totalFen) },
      notes: [
        w('subsidy.rule'),
        ...statements.slice(0, 1).map((s) =>
          w('subsidy.rateUsed', { build: yuanText(s.rate.buildFen), operating: yuanText(s.rate.operatingFenPerMonth), from: s.rate.effectiveFrom, on: s.rateAppliesOn }),
        ),
      ],
    });
    const lines = sheet(ctx, {
      name: w('xlsx.lines'),
      title,
      scope: [periodText(input.month, w)],
      columns: [
        text('operator', w('xlsx.operator')),
        text('person', w('xlsx.person')),
        { key: 'installDate', header: w('xlsx.installDate'), kind: 'date' },
        { key: 'endDate', header: w('xlsx.endDate'), kind: 'date' },
        fen('buildFen', w('subsidy.buildYuan')),
        int('activeDays', w('subsidy.activeDays')),
        fen('operatingFen', w('subsidy.operatingYuan')),
        fen('totalFen', w('xlsx.totalYuan')),
      ],
      rows: statements.flatMap((s) =>
        s.lines.map((l) => ({
          operator: s.operatorName,
          person: l.personName,
          installDate: l.installDate,
          endDate: l.endDate,
          buildFen: l.buildFen,
          activeDays: l.activeDays,
          operatingFen: l.operatingFen,
          totalFen: l.buildFen + l.operatingFen,
        })),
      ),
      total: { operator: w('homes.total'), buildFen: sum((t) => t.buildFen), operatingFen: sum((t) => t.operatingFen), totalFen: sum((t) => t.totalFen) },
    });
    return { fileName: title, sheets: [summary, lines] };
  },

  'allowance.roster': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const roster = await run('allowance.roster', input);
    const title = w('roster.title', { institution: roster.institutionName, month: periodText(roster.month, w) });
    const standards = roster.standards.map((s) => w('xlsx.standardFrom', { date: s.effectiveFrom })).join('、') || w('xlsx.none');
    const t = roster.totals;
    const one = sheet(ctx, {
      name: w('allowances.tab.roster'),
      title,
      scope: [periodText(roster.month, w), w('roster.subtitle', { office: ctx.office.name, days: roster.daysInMonth, residents: t.residents, today: today(ctx.request.clock) })],
      columns: [
        int('no', w('roster.no')),
        text('name', w('xlsx.person')),
        text('idNumber', w('person.idNumber' as WordKey)),
        text('category', w('roster.category')),
        text('supportForm', w('roster.supportForm')),
        int('days', w('roster.days')),
        text('level', w('roster.level')),
        fen('basicLivingFen', w('roster.basicLivingYuan')),
        fen('careFen', w('roster.careYuan')),
        fen('orphanFen', w('roster.orphanYuan')),
        fen('totalFen', w('roster.totalYuan')),
      ],
      rows: roster.lines.map((l, i) => ({
        no: i + 1,
        name: l.name,
        idNumber: l.idNumber,
        category: w(`welfare.category.${l.category}` as WordKey),
        supportForm: w(`welfare.supportForm.${l.supportForm}` as WordKey),
        days: l.days,
        level: l.level ? w(`welfare.level.${l.level}` as WordKey) : w('resident.unassessed'),
        basicLivingFen: l.basicLivingFen,
        careFen: l.careFen,
        orphanFen: l.orphanFen,
        totalFen: l.totalFen,
      })),
      total: {
        no: w('roster.totals', { residents: t.residents }),
        days: t.days,
        basicLivingFen: t.basicLivingFen,
        careFen: t.careFen,
        orphanFen: t.orphanFen,
        totalFen: t.totalFen,
      },
      notes: [
        w('xlsx.standards', { list: standards }),
        w('roster.rule'),
        // What the page flags beside a line (a standard not set, days without an assessment).
        ...roster.lines.flatMap((l) =>
          l.problems.map((p) => {
            const params = p.params && typeof p.params.item === 'string' ? { ...p.params, item: fieldLabel(p.params.item, ctx.locale) } : p.params;
            return `${w('roster.problems')} · ${l.name}：${formatMessage(p.code, undefined, params, ctx.locale)}`;
          }),
        ),
      ],
    });
    return { fileName: title, sheets: [one] };
  },

  /** Occupancy per institution, and residents by category and self-care level: two sheets. */
  'residents.overview': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const o = await run('residents.overview', input);
    const title = w('xlsx.residentsTitle', { date: o.onDate });
    const perMille = (r: number | null) => (r === null ? null : Math.round(r * 1000));
    const occupancy = sheet(ctx, {
      name: w('homes.occupancy'),
      title,
      scope: [w('homes.occupancyNote', { date: o.onDate })],
      columns: [
        text('name', w('roster.institution')),
        text('type', w('homes.type')),
        int('totalBeds', w('homes.totalBeds')),
        int('nursingBeds', w('homes.nursingBeds')),
        int('residents', w('homes.residents')),
        int('onLeave', w('homes.onLeave')),
        rate('rate', w('homes.rate')),
      ],
      rows: o.occupancy.map((r) => ({ ...r, type: w(`welfare.type.${r.type}` as WordKey), rate: perMille(r.rate) })),
      total: { name: w('homes.total'), ...o.occupancyTotal, rate: perMille(o.occupancyTotal.rate) },
    });
    const levels = ['self_care', 'partial', 'complete', 'unassessed', 'total'] as const;
    const byCategory = sheet(ctx, {
      name: w('homes.byCategory'),
      title,
      scope: [w('xlsx.asOf', { date: o.onDate }), w('homes.byCategoryNote')],
      columns: [
        text('category', w('roster.category')),
        int('self_care', w('welfare.level.self_care')),
        int('partial', w('welfare.level.partial')),
        int('complete', w('welfare.level.complete')),
        int('unassessed', w('resident.unassessed')),
        int('total', w('homes.total')),
      ],
      rows: RESIDENT_CATEGORIES.flatMap((category) => {
        const found = o.byCategory.find((r) => r.category === category);
        return found ? [{ ...found, category: w(`welfare.category.${category}` as WordKey) }] : [];
      }),
      total: Object.fromEntries([['category', w('homes.total')], ...levels.map((l) => [l, o.byCategory.reduce((n, r) => n + r[l], 0)])]),
    });
    return { fileName: title, sheets: [occupancy, byCategory] };
  },

  /** By quarter (against the year's target), by town, and the stuck cases: three sheets. */
  'renovations.progress': async (ctx, input, run) => {
    const w = words(ctx.locale);
    const p = await run('renovations.progress', input);
    const title = w('xlsx.renovationsTitle', { year: p.year });
    const scope = [w('renoProgress.planYear') + ' ' + w('period.year', { year: p.year })];
    const steps = [
      int('applied', w('renoProgress.col.applied')),
      int('assessed', w('renoProgress.col.assessed')),
      int('worksStarted', w('renoProgress.col.worksStarted')),
      int('accepted', w('renoProgress.col.accepted')),
      int('paid', w('renoProgress.col.paid')),
      int('closed', w('renoProgress.col.closed')),
      fen('subsidyPaidFen', w('renoProgress.col.subsidyPaidYuan')),
    ];
    const quarterTarget = p.target ? p.target.quarters.reduce((a, b) => a + b, 0) : null;
    const byQuarter = sheet(ctx, {
      name: w('renoProgress.byQuarter'),
      title,
      scope,
      columns: [text('quarter', w('renoProgress.quarter')), int('target', w('renoProgress.col.target')), ...steps],
      rows: p.quarters.map((q) => ({ ...q, quarter: w(`renoProgress.q${q.quarter}` as WordKey) })),
      total: { ...p.total, quarter: w('renoProgress.yearTotal'), target: quarterTarget },
      notes: [
        w('renoProgress.quarterHelp'),
        p.budgetFen === null ? w('renoProgress.noBudget') : `${w('renoProgress.spentVsBudget')}：${yuanText(p.spentFen)} / ${yuanText(p.budgetFen)}`,
        ...(p.target ? [] : [w('renoProgress.noTargetShort')]),
      ],
    });
    const byTown = sheet(ctx, {
      name: w('renoProgress.byTown'),
      title,
      scope,
      columns: [text('townName', w('xlsx.town')), int('cases', w('renoProgress.col.cases')), int('open', w('renoProgress.col.open')), ...steps],
      rows: p.byTown.map((r) => ({ ...r })),
      total: { ...p.total, townName: w('renoProgress.total') },
    });
    const stuck = sheet(ctx, {
      name: w('renoProgress.stuckTitle'),
      title,
      scope,
      columns: [
        text('caseNumber', w('renoProgress.col.caseNumber')),
        text('applicantName', w('renoProgress.col.applicant')),
        text('townName', w('xlsx.town')),
        text('state', w('renoProgress.col.state')),
        { key: 'since', header: w('renoProgress.col.since'), kind: 'date' },
        int('days', w('renoProgress.col.days')),
      ],
      rows: p.stuck.map((s) => ({ ...s, state: w(`renovation.state.${s.state}` as WordKey) })),
    });
    return { fileName: title, sheets: [byQuarter, byTown, stuck] };
  },

  'cityTables.progress': cityMaker('progress', 'cityTables.progress'),
  'cityTables.coverage': cityMaker('coverage', 'cityTables.coverage'),
  'cityTables.residents': cityMaker('residents', 'cityTables.residents'),
  'cityTables.renovations': cityMaker('renovations', 'cityTables.renovations'),
};

function yuanText(fen: number): string {
  return (fen / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** An ISO instant as 2026-11-22 10:00, China time. */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

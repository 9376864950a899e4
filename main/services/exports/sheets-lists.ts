import type { Input, Output } from '../../contract';
import { AppError } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import type zh from '../../../renderer/src/i18n/zh-CN.json';
import { divisionName } from '../places';
import type { ExportContext, RunRequest, SheetMaker, SheetMakers } from './exports';
import type { CellKind, SheetColumn, SheetRow, TableSheet, WorkbookSpec } from './sheet';
import { words as reportWords, type WordKey } from './sheets-reports';

/**
 * The list pages as workbooks: every page of the list (not only the one on screen) with the
 * page's own filters, the columns the page shows, codes in the words the page uses (the
 * renderer's catalogue, so a kind or a state reads the same on screen and on paper), and a
 * subtitle naming the filters. Rows come only from the list request itself, so what a role may
 * not see there (full ID numbers, children's names) is not in the file either.
 */

/** More rows than this is no longer a table anyone reads; the filters narrow it down. */
export const MAX_EXPORT_ROWS = 200_000;
/** The largest page the cursor lists accept (fields.ts pageLimit). */
const CURSOR_PAGE = 500;
/** The largest page the city's drill-down accepts. */
const OFFSET_PAGE = 200;

type Key = keyof typeof zh;

/** The reports' translator, with coded values in words: `code('station.kind', 'canteen')`; an unknown code stays as it is. */
function words(locale: Locale) {
  const w = reportWords(locale);
  const t = (key: Key, params?: Record<string, string | number>) => w(key, params);
  const code = (prefix: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') return '';
    const key = `${prefix}.${value}`;
    const text = w(key as WordKey);
    return text === key ? value : text;
  };
  return { t, code };
}

function refuseTooMany(count: number): void {
  if (count > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_MANY_ROWS', undefined, { count, max: MAX_EXPORT_ROWS });
}

type CursorList = 'people.list' | 'stations.list' | 'beds.list' | 'residents.list' | 'renovations.list';

/** Every page of a cursor list, from the first, in the list's own order (the last page's answer beside). */
async function allPages<K extends CursorList>(
  run: RunRequest,
  request: K,
  input: Input<K>,
): Promise<{ rows: Output<K>['rows'][number][]; last: Output<K> }> {
  const rows: Output<K>['rows'][number][] = [];
  let after: string | null = null;
  for (;;) {
    const page: Output<K> = await run(request, { ...input, limit: CURSOR_PAGE, after });
    refuseTooMany(page.total);
    rows.push(...(page.rows as Output<K>['rows'][number][]));
    if (!page.nextCursor) return { rows, last: page };
    after = page.nextCursor;
  }
}

/** The subtitle: the filters in words (or "all records"), then the engine's stamp (when, by whom). */
function subtitle(ctx: ExportContext, filters: (string | false | 0 | null | undefined)[]): string {
  const { t } = words(ctx.locale);
  const zhCN = ctx.locale === 'zh-CN';
  const named = filters.filter((f): f is string => !!f);
  const what = named.length > 0 ? t('export.filters', { filters: named.join(zhCN ? '；' : '; ') }) : t('export.noFilters');
  return `${what}${zhCN ? '。' : '. '}${ctx.stamp}`;
}

/** One sheet named for the page; the engine puts the office in front of the file name. */
function sheetOf(ctx: ExportContext, titleKey: Key, parts: Omit<TableSheet, 'name' | 'title'>): WorkbookSpec {
  const table = words(ctx.locale).t(titleKey);
  return { fileName: table, sheets: [{ name: table.slice(0, 31), title: `${ctx.office.name} ${table}`, ...parts }] };
}

const column = (key: string, header: string, kind: CellKind, width?: number): SheetColumn => ({ key, header, kind, ...(width ? { width } : {}) });

const people: SheetMaker<'people.list'> = async (ctx, filters, run) => {
  const { rows } = await allPages(run, 'people.list', filters);
  const { locale } = ctx;
  const { t, code } = words(locale);
  return sheetOf(ctx, 'nav.people', {
    subtitle: subtitle(ctx, [filters.query && t('export.query', { query: filters.query })]),
    columns: [
      column('name', t('person.name'), 'text', 12),
      column('idNumber', t('person.idNumber'), 'text', 22),
      column('sex', t('person.sex'), 'text', 6),
      column('birthDate', t('person.birthDate'), 'date'),
      column('phone', t('person.phone'), 'text', 15),
      column('hukou', t('person.hukou'), 'text', 24),
      column('updatedAt', t('people.updatedAt'), 'dateTime'),
    ],
    rows: rows.map((r) => ({
      name: r.name,
      idNumber: r.idNumber ?? (r.hasIdNumber ? '' : t('person.noIdNumber')),
      sex: code('sex', r.sex),
      birthDate: r.birthDate,
      phone: r.phone,
      hukou: r.hukouDivisionName || r.hukouDivisionCode,
      updatedAt: r.updatedAt,
    })),
  });
};

const stations: SheetMaker<'stations.list'> = async (ctx, filters, run) => {
  const { rows } = await allPages(run, 'stations.list', filters);
  const { locale } = ctx;
  const { t, code } = words(locale);
  return sheetOf(ctx, 'nav.stations', {
    subtitle: subtitle(ctx, [
      filters.kind && code('station.kind', filters.kind),
      filters.townCode && divisionName(filters.townCode),
      filters.state && code('station.state', filters.state),
      filters.operatingMode && code('station.mode', filters.operatingMode),
      filters.taskYear && t('export.taskYear', { year: filters.taskYear }),
      filters.query && t('export.query', { query: filters.query }),
    ]),
    columns: [
      column('name', t('station.name'), 'text', 28),
      column('kind', t('station.kind'), 'text', 22),
      column('town', t('station.town'), 'text', 14),
      column('village', t('station.village'), 'text', 18),
      column('state', t('station.state'), 'text', 10),
      column('stateDate', t('export.col.stateDate'), 'date'),
      column('taskYear', t('station.taskYearShort'), 'integer', 10),
      column('operatingMode', t('export.col.operatingMode'), 'text', 14),
      column('operatorName', t('station.operatorName'), 'text', 24),
      column('updatedAt', t('people.updatedAt'), 'dateTime'),
    ],
    rows: rows.map((r) => ({
      name: r.name,
      kind: code('station.kind', r.kind),
      town: r.townName || (r.kind === 'county_centre' ? t('station.wholeCounty') : ''),
      village: r.villageName,
      state: code('station.state', r.state ?? 'none'),
      stateDate: r.stateDate,
      taskYear: r.taskYear,
      operatingMode: code('station.mode', r.operatingMode),
      operatorName: r.operatorName,
      updatedAt: r.updatedAt,
    })),
  });
};

const beds: SheetMaker<'beds.list'> = async (ctx, filters, run) => {
  const { rows } = await allPages(run, 'beds.list', filters);
  const { locale } = ctx;
  const { t, code } = words(locale);
  // The station filter is an id: its name is on every row the filter lets through.
  const stationName = filters.stationId ? (rows[0]?.stationName ?? '') : null;
  return sheetOf(ctx, 'nav.beds', {
    subtitle: subtitle(ctx, [
      stationName,
      filters.status && code('bed.status', filters.status),
      filters.query && t('export.query', { query: filters.query }),
    ]),
    columns: [
      column('person', t('bed.person'), 'text', 12),
      column('idNumber', t('person.idNumber'), 'text', 22),
      column('station', t('bed.station'), 'text', 24),
      column('operator', t('bed.operator'), 'text', 24),
      column('installDate', t('bed.installDate'), 'date'),
      column('devices', t('bed.devices'), 'text', 30),
      column('status', t('bed.status'), 'text', 8),
      column('endDate', t('bed.endDate'), 'date'),
      column('endReason', t('bed.endReason'), 'text', 16),
    ],
    rows: rows.map((r) => ({
      person: r.personName,
      idNumber: r.personIdNumber ?? t('person.noIdNumber'),
      station: r.stationName,
      operator: r.operatorName,
      installDate: r.installDate,
      devices: r.devices.map((d) => (d === 'other' && r.devicesOther ? r.devicesOther : code('device', d))).join(locale === 'zh-CN' ? '、' : ', '),
      status: code('bed.status', r.status),
      endDate: r.endDate,
      endReason: r.endReason,
    })),
  });
};

const institutions: SheetMaker<'institutions.list'> = async (ctx, filters, run) => {
  // Not paged: one row per home of the county.
  const rows = await run('institutions.list', filters);
  const { locale } = ctx;
  refuseTooMany(rows.length);
  const { t, code } = words(locale);
  const total = {
    totalBeds: rows.reduce((n, r) => n + r.totalBeds, 0),
    nursingBeds: rows.reduce((n, r) => n + r.nursingBeds, 0),
    registeredBeds: rows.reduce((n, r) => n + r.registeredBeds, 0),
    residents: rows.reduce((n, r) => n + r.residents, 0),
    onLeave: rows.reduce((n, r) => n + r.onLeave, 0),
  };
  // Residents ÷ total beds in ‰, as the page's 入住率 (a rate of sums, never an average of rates).
  const rate = (residents: number, beds: number) => (beds > 0 ? Math.round((residents * 1000) / beds) : null);
  return sheetOf(ctx, 'nav.institutions', {
    subtitle: subtitle(ctx, [filters.includeClosed && t('institutions.includeClosed'), filters.query && t('export.query', { query: filters.query })]),
    columns: [
      column('name', t('institution.name'), 'text', 28),
      column('type', t('institution.type'), 'text', 16),
      column('town', t('station.town'), 'text', 14),
      column('totalBeds', t('institution.totalBeds'), 'integer'),
      column('nursingBeds', t('institution.nursingBeds'), 'integer'),
      column('registeredBeds', t('institutions.registeredBeds'), 'integer'),
      column('residents', t('institutions.residentsToday'), 'integer'),
      column('onLeave', t('export.col.onLeave'), 'integer'),
      column('occupancy', t('institutions.occupancy'), 'perMille'),
      column('closedOn', t('institution.closedOn'), 'date'),
    ],
    rows: rows.map((r) => ({
      name: r.name,
      type: code('welfare.type', r.type),
      town: r.townName,
      totalBeds: r.totalBeds,
      nursingBeds: r.nursingBeds,
      registeredBeds: r.registeredBeds,
      residents: r.residents,
      onLeave: r.onLeave,
      occupancy: rate(r.residents, r.totalBeds),
      closedOn: r.closedOn,
    })),
    total: { name: t('homes.total'), ...total, occupancy: rate(total.residents, total.totalBeds) },
  });
};

const residents: SheetMaker<'residents.list'> = async (ctx, filters, run) => {
  const { rows, last } = await allPages(run, 'residents.list', filters);
  const { onDate } = last;
  const { locale } = ctx;
  const { t, code } = words(locale);
  const institutionName = filters.institutionId ? (rows[0]?.institutionName ?? '') : null;
  const sep = locale === 'zh-CN' ? '、' : ', ';
  return sheetOf(ctx, 'nav.residents', {
    subtitle: subtitle(ctx, [
      t('export.onDate', { date: onDate }),
      code('resident.scope', filters.scope ?? 'current'),
      institutionName,
      filters.category && code('welfare.category', filters.category),
      filters.query && t('export.query', { query: filters.query }),
    ]),
    columns: [
      column('name', t('person.name'), 'text', 12),
      column('idNumber', t('person.idNumber'), 'text', 22),
      column('sex', t('person.sex'), 'text', 6),
      column('age', t('resident.age'), 'integer', 6),
      column('category', t('resident.category'), 'text', 16),
      column('supportForm', t('resident.supportForm'), 'text', 10),
      column('institution', t('resident.institution'), 'text', 24),
      column('bed', t('resident.bed'), 'text', 10),
      column('admittedOn', t('resident.admittedOn'), 'date'),
      column('exitedOn', t('resident.exitDate'), 'date'),
      column('status', t('resident.status'), 'text', 8),
      column('level', t('resident.level'), 'text', 10),
      column('flags', t('resident.flags'), 'text', 24),
    ],
    rows: rows.map((r) => ({
      name: r.name,
      idNumber: r.idNumber ?? '',
      sex: code('sex', r.sex),
      age: r.age,
      category: code('welfare.category', r.category),
      supportForm: code('welfare.supportForm', r.supportForm),
      institution: r.institutionName,
      bed: r.bedLabel,
      admittedOn: r.admittedOn,
      exitedOn: r.exitedOn,
      status: code('welfare.status', r.status),
      level: r.selfCareLevel ? code('welfare.level', r.selfCareLevel) : t('resident.unassessed'),
      flags: r.flags.map((f) => code('welfare.flag', f)).join(sep),
    })),
  });
};

const renovations: SheetMaker<'renovations.list'> = async (ctx, filters, run) => {
  const { rows } = await allPages(run, 'renovations.list', filters);
  const { locale } = ctx;
  const { t, code } = words(locale);
  const sep = locale === 'zh-CN' ? '、' : ', ';
  return sheetOf(ctx, 'nav.renovations', {
    subtitle: subtitle(ctx, [
      filters.planYear && t('export.planYear', { year: filters.planYear }),
      filters.state && code('renovation.state', filters.state),
      filters.townCode && divisionName(filters.townCode),
      filters.stuckOnly && t('renovations.stuck'),
      filters.query && t('export.query', { query: filters.query }),
    ]),
    columns: [
      column('caseNumber', t('renovations.caseNumber'), 'text', 16),
      column('applicant', t('renovations.applicant'), 'text', 12),
      column('people', t('export.col.people'), 'integer', 8),
      column('category', t('renovations.category'), 'text', 14),
      column('conditions', t('renovations.conditions'), 'text', 14),
      column('town', t('renovations.town'), 'text', 14),
      column('village', t('renovations.village'), 'text', 18),
      column('planYear', t('renovations.planYear'), 'integer', 10),
      column('state', t('renovations.state'), 'text', 12),
      column('stateDate', t('export.col.stateDate'), 'date'),
      column('daysInState', t('export.col.daysInState'), 'integer', 10),
      column('subsidy', t('renovations.subsidyYuan'), 'fen', 14),
    ],
    rows: rows.map((r) => ({
      caseNumber: r.caseNumber,
      applicant: r.applicantName,
      people: r.people,
      category: code('renovation.category', r.category),
      conditions: r.conditions.map((c) => code('renovation.condition', c)).join(sep),
      town: r.townName,
      village: r.villageName,
      planYear: r.planYear,
      state: code('renovation.state', r.state),
      stateDate: r.stateDate,
      daysInState: r.daysInState,
      subsidy: r.subsidyFen,
    })),
    total: { caseNumber: t('homes.total'), subsidy: rows.reduce((n, r) => n + r.subsidyFen, 0) },
  });
};

/** The city's drill-down fields that hold a code, by register (as the renderer's record-cells.ts). */
const RECORD_CODES: Record<string, string> = {
  'stations.kind': 'station.kind',
  'stations.state': 'station.state',
  'institutions.type': 'welfare.type',
  'residents.category': 'welfare.category',
  'residents.status': 'welfare.status',
  'residents.selfCareLevel': 'welfare.level',
  'renovation_cases.state': 'renovation.state',
  'people.sex': 'sex',
};

/** A drill-down column's cell kind, from what its key says the value is. */
function recordKind(key: string): CellKind {
  if (/Fen$/.test(key)) return 'fen';
  if (/(Date|On)$/.test(key)) return 'date';
  if (key === 'month') return 'month';
  return 'text';
}

const cityRecords: SheetMaker<'cityRecords.list'> = async (ctx, filters, run) => {
  const { locale } = ctx;
  type Page = Output<'cityRecords.list'>;
  const rows: Page['rows'] = [];
  let first: Page | null = null;
  // Offset paging from the first row, whatever page the screen is on.
  for (let offset = 0; ; offset += OFFSET_PAGE) {
    const page = await run('cityRecords.list', { ...filters, offset, limit: OFFSET_PAGE });
    refuseTooMany(page.total);
    first ??= page;
    rows.push(...page.rows);
    if (page.rows.length < OFFSET_PAGE || rows.length >= page.total) break;
  }
  const { t, code } = words(locale);
  const bundle = await ctx.request
    .database()
    .selectFrom('bundle_import')
    .select(['county_code', 'sequence'])
    .where('id', '=', filters.bundleId)
    .executeTakeFirst();
  const register = code('bundle.register', filters.register);
  const columns = (first?.columns ?? []).map((c) => {
    const kind = recordKind(c.key);
    // Money is written in 元 (the cell format), so the header must not say 分.
    const header = kind === 'fen' ? c.label[locale].replace('（分）', '（元）').replace('(fen)', '(yuan)') : c.label[locale];
    // Numbers that are not money are counts or years.
    const numeric = first?.rows.some((r) => typeof r.data[c.key] === 'number');
    return column(c.key, header, kind === 'text' && numeric ? 'integer' : kind);
  });
  const cell = (key: string, value: unknown): string | number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      if (key === 'townCode' || key === 'hukouCode') return divisionName(value) || value;
      const prefix = RECORD_CODES[`${filters.register}.${key}`];
      return prefix ? code(prefix, value) : value;
    }
    if (Array.isArray(value)) return value.map((v) => String(cell(key, v) ?? '')).join(locale === 'zh-CN' ? '、' : ', ');
    return JSON.stringify(value);
  };
  const county = divisionName(bundle?.county_code ?? null);
  return {
    fileName: `${county}-${register}`,
    sheets: [
      {
        name: register.slice(0, 31),
        title: `${ctx.office.name} ${t('nav.city-tables')} · ${county}${register}`,
        subtitle: subtitle(ctx, [
          t('export.register', { register, county, sequence: bundle?.sequence ?? '' }),
          filters.query && t('export.query', { query: filters.query }),
        ]),
        columns,
        rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, cell(c.key, r.data[c.key])])) as SheetRow),
      },
    ],
  };
};

/** The list pages' layouts, by the list request the page sends (exports.ts joins them to the reports'). */
export const LIST_SHEETS: SheetMakers = {
  'people.list': people,
  'stations.list': stations,
  'beds.list': beds,
  'institutions.list': institutions,
  'residents.list': residents,
  'renovations.list': renovations,
  'cityRecords.list': cityRecords,
};

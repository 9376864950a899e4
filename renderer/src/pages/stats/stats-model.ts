import { SERVICE_TYPES, type Input, type LedgerError, type MonthSheet, type ServiceType, type StatRow } from '../../contract';

/** One number cell of a row: a service's 上门 or 站点 count, or the meals count. */
export type CellKey = `${ServiceType}.home` | `${ServiceType}.onSite` | 'meals';

/** The grid's columns, left to right (the order Tab moves in). */
export const COLUMNS: readonly CellKey[] = [...SERVICE_TYPES.flatMap((s) => [`${s}.home` as const, `${s}.onSite` as const]), 'meals'];

/** The contract's upper bound of a count. */
export const MAX_COUNT = 10_000_000;

export type RowDraft = Readonly<Record<CellKey, string>>;

export function draftOf(row: StatRow): RowDraft {
  const draft = {} as Record<CellKey, string>;
  for (const s of SERVICE_TYPES) {
    const counts = row.services[s];
    draft[`${s}.home`] = counts ? String(counts.home) : '';
    draft[`${s}.onSite`] = counts ? String(counts.onSite) : '';
  }
  draft.meals = row.meals === null ? '' : String(row.meals);
  return draft;
}

export function draftsOf(sheet: MonthSheet): Record<string, RowDraft> {
  return Object.fromEntries(sheet.rows.map((r) => [r.stationId, draftOf(r)]));
}

/** Digits only, full-width digits accepted, leading zeros dropped ("007" → "7"). */
export function cleanDigits(text: string): string {
  const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  return digits.replace(/^0+(?=\d)/, '');
}

function same(a: string, b: string): boolean {
  return a === b || (a !== '' && b !== '' && Number(a) === Number(b));
}

export function isCellDirty(draft: RowDraft, original: RowDraft, key: CellKey): boolean {
  return !same(draft[key], original[key]);
}

export function isRowDirty(draft: RowDraft | undefined, original: RowDraft | undefined): boolean {
  if (!draft || !original) return false;
  return COLUMNS.some((key) => isCellDirty(draft, original, key));
}

export function cellTooLarge(value: string): boolean {
  return value !== '' && Number(value) > MAX_COUNT;
}

type StatRowInput = Input<'stats.save'>['rows'][number];

/** The whole row as the contract takes it: empty cells count as 0; a service with both cells empty is left out. */
export function rowInput(stationId: string, draft: RowDraft): StatRowInput {
  const services: StatRowInput['services'] = {};
  for (const s of SERVICE_TYPES) {
    const home = draft[`${s}.home`];
    const onSite = draft[`${s}.onSite`];
    if (home === '' && onSite === '') continue;
    services[s] = { home: Number(home || 0), onSite: Number(onSite || 0) };
  }
  return { stationId, meals: Number(draft.meals || 0), services };
}

/** A refusal placed on the grid: the station's row, and the cell when the path names one. */
export interface GridError {
  stationId: string;
  cell: CellKey | null;
  error: LedgerError;
}

/**
 * "rows.3.services.meals.home" → the 4th row sent, cell meals.home; "rows.3.meals" → its meals
 * cell; "rows.3" / "rows.3.stationId" → the row. null when the path names no row.
 */
export function locateError(error: LedgerError, sentStationIds: readonly string[]): GridError | null {
  const m = /^rows\.(\d+)(?:\.(.*))?$/.exec(error.field ?? '');
  if (!m) return null;
  const stationId = sentStationIds[Number(m[1])];
  if (!stationId) return null;
  const rest = m[2] ?? '';
  let cell: CellKey | null = null;
  if (rest === 'meals') cell = 'meals';
  else {
    const s = /^services\.(\w+)(?:\.(home|onSite))?/.exec(rest);
    if (s && (SERVICE_TYPES as readonly string[]).includes(s[1]!)) cell = `${s[1] as ServiceType}.${(s[2] as 'home' | 'onSite' | undefined) ?? 'home'}`;
  }
  return { stationId, cell, error };
}

/** Column sums over the rows as typed (live while the clerk types). */
export function columnTotals(drafts: Record<string, RowDraft>): Record<CellKey, number> {
  const totals = Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Record<CellKey, number>;
  for (const draft of Object.values(drafts)) {
    for (const c of COLUMNS) totals[c] += Number(draft[c] || 0);
  }
  return totals;
}

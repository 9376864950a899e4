import type { CityTable, CoverageCells, ProgressCells, RenovationCells, ResidentsCells } from '../contract/areas/city';
import { yuan } from '../contract/money';
import { percent } from './cli-support';

/**
 * The city tables as `welfare-ledger city report …` prints them: one row per county in the
 * city's order, then 合计. Tab-separated (like `report progress`), or RFC 4180 CSV.
 */

export type CityReportKind = 'progress' | 'coverage' | 'residents' | 'renovations';
export const CITY_REPORT_KINDS: readonly CityReportKind[] = ['progress', 'coverage', 'residents', 'renovations'];


interface Layout<T> {
  headers: string[];
  cells(c: T): (string | number)[];
}

const LAYOUTS: { [K in CityReportKind]: Layout<CellsOf<K>> } = {
  progress: {
    headers: ['建设任务', '已建成', '完成率', '家床安装户数', '开展上门服务人次'],
    cells: (c) => [c.tasks, c.built, percent(c.ratePerMille), c.bedsInstalled, c.homeVisits],
  },
  coverage: {
    headers: ['街道数', '已覆盖街道', '街道覆盖率', '乡镇数', '已覆盖乡镇', '乡镇覆盖率'],
    cells: (c) => [c.streetsTotal, c.streetsCovered, percent(c.streetsRatePerMille), c.townsTotal, c.townsCovered, percent(c.townsRatePerMille)],
  },
  residents: {
    headers: ['供养机构', '床位', '在院人数', '其中请假', '入住率', '特困老年人', '儿童'],
    cells: (c) => [c.institutions, c.totalBeds, c.residents, c.onLeave, percent(c.ratePerMille), c.tekunElderly, c.children],
  },
  renovations: {
    headers: ['年度目标户数', '案件', '未办结', '申请', '评估', '开工', '验收', '补助发放', '终止', '补助金额（元）'],
    cells: (c) => [c.target ?? '—', c.cases, c.open, c.applied, c.assessed, c.worksStarted, c.accepted, c.paid, c.closed, yuan(c.subsidyPaidFen)],
  },
};

export type CellsOf<K extends CityReportKind> = {
  progress: ProgressCells;
  coverage: CoverageCells;
  residents: ResidentsCells;
  renovations: RenovationCells;
}[K];

/** Header, county rows ("—" where no bundle arrived), 合计. */
export function cityTableRows<K extends CityReportKind>(kind: K, table: CityTable<CellsOf<K>>): string[][] {
  const layout = LAYOUTS[kind] as Layout<CellsOf<K>>;
  const blank = layout.headers.map(() => '—');
  return [
    ['县（市、区）', ...layout.headers],
    ...table.rows.map((r) => [r.countyName, ...(r.cells ? layout.cells(r.cells).map(String) : blank)]),
    ['合计', ...layout.cells(table.total).map(String)],
  ];
}

export function tsv(rows: string[][]): string[] {
  return rows.map((r) => r.join('\t'));
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. */
export function csv(rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

import type { CityTable, CoverageCells, ProgressCells, RenovationCells, ResidentsCells } from '../../contract';
import type { MessageKey, Params } from '../../i18n';
import { formatFen } from '../../money';
import { csvCell } from '../allowances/roster-csv';
import { perMilleText } from '../reports/report-format';

type T = (key: MessageKey, params?: Params) => string;

export const CITY_TABS = ['progress', 'coverage', 'residents', 'renovations'] as const;
export type CityTab = (typeof CITY_TABS)[number];

export interface CellsByTab {
  progress: ProgressCells;
  coverage: CoverageCells;
  residents: ResidentsCells;
  renovations: RenovationCells;
}

/** A column of a city table: its heading and how a county's (or the total's) cells show in it. */
export interface CityColumn<C> {
  key: string;
  label: string;
  text(cells: C): string;
}

const n = (v: number) => String(v);

/** The columns of each tab, after the county column; the progress tab is the seed's 进展情况表. */
export function columnsOf(tab: CityTab, t: T): CityColumn<unknown>[] {
  const columns: { [Tab in CityTab]: CityColumn<CellsByTab[Tab]>[] } = {
    progress: [
      { key: 'tasks', label: t('reports.tasks'), text: (c) => n(c.tasks) },
      { key: 'built', label: t('reports.built'), text: (c) => n(c.built) },
      { key: 'rate', label: t('reports.rate'), text: (c) => perMilleText(c.ratePerMille) },
      { key: 'beds', label: t('reports.bedsInstalled'), text: (c) => n(c.bedsInstalled) },
      { key: 'visits', label: t('reports.homeVisits'), text: (c) => n(c.homeVisits) },
    ],
    coverage: [
      { key: 'streetsTotal', label: t('cityTables.streetsTotal'), text: (c) => n(c.streetsTotal) },
      { key: 'streetsCovered', label: t('cityTables.streetsCovered'), text: (c) => n(c.streetsCovered) },
      { key: 'streetsRate', label: t('cityTables.streetsRate'), text: (c) => perMilleText(c.streetsRatePerMille) },
      { key: 'townsTotal', label: t('cityTables.townsTotal'), text: (c) => n(c.townsTotal) },
      { key: 'townsCovered', label: t('cityTables.townsCovered'), text: (c) => n(c.townsCovered) },
      { key: 'townsRate', label: t('cityTables.townsRate'), text: (c) => perMilleText(c.townsRatePerMille) },
    ],
    residents: [
      { key: 'institutions', label: t('homes.fig.institutions'), text: (c) => n(c.institutions) },
      { key: 'beds', label: t('homes.totalBeds'), text: (c) => n(c.totalBeds) },
      { key: 'residents', label: t('homes.residents'), text: (c) => n(c.residents) },
      { key: 'leave', label: t('homes.onLeave'), text: (c) => n(c.onLeave) },
      { key: 'rate', label: t('homes.rate'), text: (c) => perMilleText(c.ratePerMille) },
      { key: 'tekun', label: t('welfare.category.tekun_elderly'), text: (c) => n(c.tekunElderly) },
      { key: 'children', label: t('cityTables.children'), text: (c) => n(c.children) },
    ],
    renovations: [
      { key: 'target', label: t('renoProgress.col.target'), text: (c) => (c.target === null ? '—' : n(c.target)) },
      { key: 'cases', label: t('renoProgress.col.cases'), text: (c) => n(c.cases) },
      { key: 'open', label: t('renoProgress.col.open'), text: (c) => n(c.open) },
      { key: 'applied', label: t('renoProgress.col.applied'), text: (c) => n(c.applied) },
      { key: 'assessed', label: t('renoProgress.col.assessed'), text: (c) => n(c.assessed) },
      { key: 'worksStarted', label: t('renoProgress.col.worksStarted'), text: (c) => n(c.worksStarted) },
      { key: 'accepted', label: t('renoProgress.col.accepted'), text: (c) => n(c.accepted) },
      { key: 'paid', label: t('renoProgress.col.paid'), text: (c) => n(c.paid) },
      { key: 'closed', label: t('renoProgress.col.closed'), text: (c) => n(c.closed) },
      { key: 'subsidy', label: t('renoProgress.col.subsidyPaidYuan'), text: (c) => formatFen(c.subsidyPaidFen) },
    ],
  };
  return columns[tab];
}

/**
 * The table as a CSV file Excel opens as it is (UTF-8 with a BOM, CRLF): a title line, the
 * headings, one line per county (未报送 where none arrived, and the bundle each came from), 合计.
 */
export function cityTableCsv<C>(
  title: string,
  columns: CityColumn<C>[],
  table: CityTable<C>,
  words: { county: string; source: string; total: string; notReported: string; sourceText(sequence: number, fileName: string): string },
): string {
  const lines: string[] = [];
  const line = (cells: string[]) => lines.push(cells.map(csvCell).join(','));
  line([title]);
  line([words.county, ...columns.map((c) => c.label), words.source]);
  for (const row of table.rows) {
    if (row.cells && row.source) line([row.countyName, ...columns.map((c) => c.text(row.cells!)), words.sourceText(row.source.sequence, row.source.fileName)]);
    else line([row.countyName, ...columns.map(() => ''), words.notReported]);
  }
  line([words.total, ...columns.map((c) => c.text(table.total)), '']);
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** 全市汇总-建设进展-2021.csv, without the characters Windows refuses in a file name. */
export function cityCsvFileName(prefix: string, tabName: string, period: string): string {
  return `${prefix}-${tabName}-${period}.csv`.replace(/[\\/:*?"<>|]/g, '_');
}

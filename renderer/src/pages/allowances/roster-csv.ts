/**
 * The allowance roster as a CSV file Excel opens as it is: UTF-8 with a BOM (or Excel reads GBK),
 * CRLF lines, ID numbers written as ="…" (or Excel turns them into 4.45302E+17 and drops the X),
 * amounts in 元 with two decimals and no grouping commas.
 */
import type { AllowanceRoster, ResidentCategory, RosterLine, SelfCareLevel, SupportForm } from '../../contract';
import { fenToYuanInput } from '../../money';

export interface RosterCsvText {
  office: string;
  institution: string;
  month: string;
  daysInMonth: string;
  /** Column titles, in the order of the columns. */
  columns: string[];
  totals: string;
  residents(count: number): string;
  category(v: ResidentCategory): string;
  supportForm(v: SupportForm): string;
  level(v: SelfCareLevel): string;
  problems(line: RosterLine): string[];
}

/** A cell as CSV: quoted when it holds a separator, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** An ID number Excel keeps as text: the formula ="…" yields the string itself. */
function idCell(idNumber: string | null): string {
  return idNumber ? `="${idNumber.replace(/"/g, '')}"` : '';
}

const yuan = (fen: number) => fenToYuanInput(fen);

export function rosterCsv(roster: AllowanceRoster, officeName: string, text: RosterCsvText): string {
  const rows: string[] = [];
  const row = (cells: string[]) => rows.push(cells.map(csvCell).join(','));
  row([
    `${text.office}：${officeName}`,
    `${text.institution}：${roster.institutionName}`,
    `${text.month}：${roster.month}`,
    `${text.daysInMonth}：${roster.daysInMonth}`,
  ]);
  row(text.columns);
  roster.lines.forEach((line, index) => {
    const cells = [
      String(index + 1),
      line.name,
      '', // the ID cell, written raw below
      text.category(line.category),
      text.supportForm(line.supportForm),
      String(line.days),
      line.level ? text.level(line.level) : '',
      yuan(line.basicLivingFen),
      yuan(line.careFen),
      yuan(line.orphanFen),
      yuan(line.totalFen),
      text.problems(line).join('；'),
    ].map(csvCell);
    cells[2] = idCell(line.idNumber);
    rows.push(cells.join(','));
  });
  const { totals } = roster;
  row([
    text.totals,
    text.residents(totals.residents),
    '',
    '',
    '',
    String(totals.days),
    '',
    yuan(totals.basicLivingFen),
    yuan(totals.careFen),
    yuan(totals.orphanFen),
    yuan(totals.totalFen),
    '',
  ]);
  return `\ufeff${rows.join('\r\n')}\r\n`;
}

/** 津贴花名册-<institution>-<month>.csv, without the characters Windows refuses in a file name. */
export function rosterFileName(prefix: string, institutionName: string, month: string): string {
  return `${prefix}-${institutionName}-${month}.csv`.replace(/[\\/:*?"<>|]/g, '_');
}

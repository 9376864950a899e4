import type { ProgressCounts, RenovationProgress } from '../contract/areas/renovations';
import { STUCK_AFTER_DAYS } from '../contract/areas/renovations';
import { paramText, type Locale } from '../contract/messages';
import { yuan } from '../contract/money';
import { alignedRows } from './roster-table';

/** A plan year's renovation progress as `welfare-ledger report renovations` prints it: aligned tables, money in 元. */

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

const COUNT_HEADERS = ['申请', '评估', '开工', '验收', '补助发放', '终止', '补助金额（元）'];

function countCells(c: ProgressCounts): string[] {
  return [c.applied, c.assessed, c.worksStarted, c.accepted, c.paid, c.closed].map(String).concat(yuan(c.subsidyPaidFen));
}

/** Spent against budget, to a tenth of a per cent, computed from whole 分. */
function share(spentFen: number, budgetFen: number): string {
  return budgetFen > 0 ? `${Math.round((spentFen * 1000) / budgetFen) / 10}%` : '—';
}

export function renovationProgressText(progress: RenovationProgress, countyName: string, locale: Locale): string[] {
  const p = progress;
  const targets = p.quarters.map((q) => q.target);
  const targetTotal = p.target ? String(targets.reduce<number>((sum, t) => sum + (t ?? 0), 0)) : '—';
  const quarterRows = [
    ['季度', '目标户数', ...COUNT_HEADERS],
    ...p.quarters.map((q) => [QUARTER_NAMES[q.quarter - 1]!, q.target === null ? '—' : String(q.target), ...countCells(q)]),
    ['合计', targetTotal, ...countCells(p.total)],
  ];
  const townRows = [
    ['乡镇（街道）', '案件', '未办结', ...COUNT_HEADERS],
    ...p.byTown.map((t) => [t.townName, String(t.cases), String(t.open), ...countCells(t)]),
    ['合计', String(p.total.cases), String(p.total.open), ...countCells(p.total)],
  ];
  const figures = (n: number) => [false, ...Array<boolean>(n).fill(true)];
  const budget =
    p.budgetFen === null
      ? `年度预算：未设置；已发放补助 ${yuan(p.spentFen)} 元`
      : `年度预算 ${yuan(p.budgetFen)} 元，已发放补助 ${yuan(p.spentFen)} 元（${share(p.spentFen, p.budgetFen)}），余 ${yuan(p.budgetFen - p.spentFen)} 元`;
  const out = [
    `${countyName}  ${p.year} 年居家适老化改造进度（按各步骤日期统计）`,
    '',
    ...alignedRows(quarterRows, figures(quarterRows[0]!.length - 1)),
    '',
    ...alignedRows(townRows, figures(townRows[0]!.length - 1)),
    '',
    budget,
    '',
  ];
  if (p.stuck.length === 0) {
    out.push(`没有停留超过 ${STUCK_AFTER_DAYS} 天的案件。`);
  } else {
    out.push(`停留超过 ${STUCK_AFTER_DAYS} 天的案件（${p.stuck.length} 件）：`);
    const stuckRows = [
      ['案件编号', '申请人', '乡镇（街道）', '当前步骤', '起始日期', '天数'],
      ...p.stuck.map((s) => [s.caseNumber, s.applicantName, s.townName, String(paramText('state', s.state, locale)), s.since, String(s.days)]),
    ];
    out.push(...alignedRows(stuckRows, [false, false, false, false, false, true]));
  }
  return out;
}

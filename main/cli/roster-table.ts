import type { AllowanceRoster } from '../contract/areas/welfare-homes';
import type { ResidentCategory, SelfCareLevel } from '../contract/areas/welfare-enums';
import { formatMessage } from '../contract/errors';
import { fieldLabel, type Locale } from '../contract/messages';
import { yuan } from '../contract/money';

/** The allowance roster as `welfare-ledger report roster` prints it: an aligned text table for a terminal or a printer. */

const CATEGORY_LABELS: Record<ResidentCategory, string> = {
  tekun_elderly: '特困老年人',
  tekun_disabled: '特困残疾人',
  orphan: '孤儿',
  de_facto_unsupported: '事实无人抚养儿童',
  other: '其他',
};

const LEVEL_LABELS: Record<SelfCareLevel, string> = { self_care: '全自理', partial: '部分丧失', complete: '完全丧失' };

export { yuan };

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a text takes in a terminal: Chinese characters and full-width punctuation take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Rows padded to each column's widest cell; columns marked `right` (figures) aligned right. */
export function alignedRows(rows: readonly string[][], right: readonly boolean[]): string[] {
  const widths = right.map((_, i) => Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return right[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

export function rosterText(roster: AllowanceRoster, locale: Locale): string[] {
  const header = ['姓名', '类别', '天数', '自理能力', '基本生活费', '照料护理费', '孤儿基本生活费', '合计（元）'];
  const right = [false, false, true, false, true, true, true, true];
  const body = roster.lines.map((l) => [
    l.name,
    CATEGORY_LABELS[l.category],
    String(l.days),
    l.level ? LEVEL_LABELS[l.level] : '—',
    yuan(l.basicLivingFen),
    yuan(l.careFen),
    yuan(l.orphanFen),
    yuan(l.totalFen),
  ]);
  const t = roster.totals;
  const totals = [`合计（${t.residents} 人）`, '', String(t.days), '', yuan(t.basicLivingFen), yuan(t.careFen), yuan(t.orphanFen), yuan(t.totalFen)];
  const standards = roster.standards.map((s) => `${s.effectiveFrom} 起`).join('、') || '无';
  const out = [
    `${roster.institutionName}  ${roster.month} 津贴花名册（本月 ${roster.daysInMonth} 天）`,
    `适用标准：${standards}`,
    '',
    ...alignedRows([header, ...body, totals], right),
  ];
  const problems = roster.lines.flatMap((l) =>
    l.problems.map((p) => {
      // The item a standard left unset is named by its field label, not its key.
      const params = p.params && typeof p.params.item === 'string' ? { ...p.params, item: fieldLabel(p.params.item, locale) } : p.params;
      return `  ${l.name}：${formatMessage(p.code, undefined, params, locale)}`;
    }),
  );
  if (problems.length > 0) out.push('', '问题：', ...problems);
  return out;
}

/** One plain-text table per group: name | median ms | p95 ms | target | met? | note. */
import { RSS_TARGET_MB, type GroupResult } from './result';

const ms = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const met = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'MISS');

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return n;
}
const pad = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;

export function printGroup(g: GroupResult): void {
  const rows = [
    ...g.rows.map((r) => [r.name, ms(r.median), ms(r.p95), r.target ?? '', met(r.met), r.note ?? '']),
    ['peak RSS (this group\'s process)', '—', '—', `≤ ${RSS_TARGET_MB} MB`, met(g.peakRssMb <= RSS_TARGET_MB), `${g.peakRssMb} MB`],
  ];
  const header = ['benchmark', 'median ms', 'p95 ms', 'target', 'met?', ''];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  console.log(`\n${g.group} (repeat ${g.repeat}): ${g.about}`);
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? padStart(c, widths[i]!) : pad(c, widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** The same table as Markdown, for the README's Performance section. */
export function markdownGroup(g: GroupResult): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = [`**${g.group}** (repeat ${g.repeat}): ${esc(g.about)}`, '', '| benchmark | median ms | p95 ms | target | met? | note |', '|---|---:|---:|---|---|---|'];
  for (const r of g.rows) lines.push(`| ${esc(r.name)} | ${ms(r.median)} | ${ms(r.p95)} | ${esc(r.target ?? '')} | ${met(r.met)} | ${esc(r.note ?? '')} |`);
  lines.push(`| peak RSS | — | — | ≤ ${RSS_TARGET_MB} MB | ${met(g.peakRssMb <= RSS_TARGET_MB)} | ${g.peakRssMb} MB |`);
  return lines.join('\n');
}

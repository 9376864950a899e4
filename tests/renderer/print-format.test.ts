import { describe, expect, it } from 'vitest';
import { cellText, pageCounterContent, totalCells } from '../../renderer/src/pages/print/print-format';
import type { SheetColumn } from '../../renderer/src/contract';

describe('the print view’s cells', () => {
  it('read as on paper: 元 with two decimals and separators, percentages, plain counts, China time', () => {
    expect(cellText('fen', 3788000)).toBe('37,880.00');
    expect(cellText('perMille', 1000)).toBe('100.0%');
    expect(cellText('perMille', 667)).toBe('66.7%');
    expect(cellText('integer', 8534)).toBe('8534');
    expect(cellText('dateTime', '2026-11-22T02:05:09.000Z')).toBe('2026-11-22 10:05');
    expect(cellText('fen', '—')).toBe('—');
    expect(cellText('fen', null)).toBe('');
  });

  it('spread the 合计 label over the empty columns after it, and no further', () => {
    const columns: SheetColumn[] = [
      { key: 'no', header: '序号', kind: 'integer' },
      { key: 'name', header: '姓名', kind: 'text' },
      { key: 'days', header: '天数', kind: 'integer' },
      { key: 'level', header: '自理能力', kind: 'text' },
      { key: 'totalFen', header: '合计（元）', kind: 'fen' },
    ];
    const cells = totalCells(columns, { no: '合计（2 人）', days: 62, totalFen: 428000 });
    expect(cells.map((c) => [c.text, c.span])).toEqual([
      ['合计（2 人）', 2],
      ['62', 1],
      ['', 1],
      ['4,280.00', 1],
    ]);
  });

  it('number the pages in the footer from the translated template', () => {
    expect(pageCounterContent('第 {page} 页 / 共 {pages} 页')).toBe('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
    expect(pageCounterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
  });
});

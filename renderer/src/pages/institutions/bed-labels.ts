/**
 * Bed numbers as a clerk types them for one room: "1-6", "1,2,3", "1、3、5", "A1-A4", "01-12".
 * Expanded here into the labels array institutionBeds.add takes (at most 50 at once).
 */

export const MAX_BEDS_AT_ONCE = 50;
const MAX_LABEL = 20;

export type BedLabelsParse =
  | { ok: true; labels: string[] }
  | { ok: false; problem: 'empty' | 'tooMany' | 'tooLong' | 'badRange' | 'duplicate'; detail?: string };

/** "A1-A4" or "1-6" (also with –, ~, ～ or 至); the second prefix may be left out ("A1-4"). */
const RANGE = /^(\D*?)(\d+)\s*(?:-|–|—|~|～|至)\s*(\D*?)(\d+)$/;

export function expandBedLabels(text: string): BedLabelsParse {
  const parts = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .split(/[,，、;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, problem: 'empty' };
  const labels: string[] = [];
  for (const part of parts) {
    const range = RANGE.exec(part);
    if (range) {
      const [, prefix = '', from = '', secondPrefix = '', to = ''] = range;
      const start = Number(from);
      const end = Number(to);
      if ((secondPrefix && secondPrefix !== prefix) || end < start) return { ok: false, problem: 'badRange', detail: part };
      if (end - start + 1 + labels.length > MAX_BEDS_AT_ONCE) return { ok: false, problem: 'tooMany' };
      // "01-12" keeps its zero padding: 01, 02, … 12.
      const width = from.startsWith('0') ? from.length : 0;
      for (let n = start; n <= end; n++) labels.push(prefix + String(n).padStart(width, '0'));
    } else {
      labels.push(part);
    }
    if (labels.length > MAX_BEDS_AT_ONCE) return { ok: false, problem: 'tooMany' };
  }
  const long = labels.find((l) => l.length > MAX_LABEL);
  if (long) return { ok: false, problem: 'tooLong', detail: long };
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) return { ok: false, problem: 'duplicate', detail: label };
    seen.add(label);
  }
  return { ok: true, labels };
}

/** Rooms in the order a building is walked: "2" before "10", "A101" before "A102". */
export function compareRooms(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}

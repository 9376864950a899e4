/** What a group's child process hands back to the parent, and how one row of a table is judged. */

export interface BenchRow {
  name: string;
  /** Milliseconds; null when the row is a size or a rate rather than a timing. */
  median: number | null;
  p95: number | null;
  /** Human-readable goal, e.g. "p95 ≤ 20 ms"; null when the row is informational. */
  target: string | null;
  /** Whether the goal was met; null when there is none. */
  met: boolean | null;
  /** Anything else worth a column: MB/s, sizes, the page reached. */
  note?: string;
  /** Raw figures for bench-results.json. */
  data?: Record<string, unknown>;
}

export interface GroupResult {
  group: string;
  repeat: number;
  /** Peak resident set of the group's own process (process.resourceUsage().maxRSS). */
  peakRssMb: number;
  /** What the group ran on (data set, sizes) in one line. */
  about: string;
  rows: BenchRow[];
  extra?: Record<string, unknown>;
}

export const RSS_TARGET_MB = 400;

/** A timing judged on its p95 (lists) or on both median and p95 (reports, startup). */
export function timingRow(name: string, samples: { median: number; p95: number }, goalMs: number | null, on: 'p95' | 'median' = 'p95', note?: string): BenchRow {
  const figure = on === 'p95' ? samples.p95 : samples.median;
  return {
    name,
    median: round(samples.median),
    p95: round(samples.p95),
    target: goalMs === null ? null : `${on} ≤ ${goalMs} ms`,
    met: goalMs === null ? null : figure <= goalMs,
    ...(note ? { note } : {}),
  };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

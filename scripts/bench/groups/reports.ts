/**
 * reports: the dashboard and every report table a county shows, for the latest full year (its
 * December for the monthly ones), through core.dispatch on the large county, read-only; the city
 * tables' figures are what bundles.preview computes for the year (a county has no city tables of
 * its own: the city's are built from those figures). Goal: ≤ 150 ms each, median and p95.
 */
import { openOffice, type Client } from '../client';
import { LARGE_ADMIN, type LargeCountyRef } from '../large-data';
import { timingRow, type BenchRow, type GroupResult } from '../result';
import { peakRssMb, repeatFor, stats, timed } from '../stats';

const GOAL_MS = 150;

export async function runReports(ref: LargeCountyRef): Promise<GroupResult> {
  const repeat = repeatFor(5);
  const year = new Date().getFullYear() - 1;
  const month = `${year}-12`;
  const client = await openOffice(ref.dataDir, LARGE_ADMIN);
  try {
    const institutions = await client.call('institutions.list', {});
    const largest = [...institutions].sort((a, b) => b.residents - a.residents)[0] ?? null;
    const reports: [string, (c: Client) => Promise<unknown>][] = [
      [`reports.dashboard ${year}`, (c) => c.call('reports.dashboard', { year })],
      [`reports.progress ${year}`, (c) => c.call('reports.progress', { year })],
      ['reports.coverage', (c) => c.call('reports.coverage', {})],
      ['residents.overview (today)', (c) => c.call('residents.overview', { onDate: null })],
      ...(largest ? [[`allowance.roster ${month} (largest institution)`, (c: Client) => c.call('allowance.roster', { institutionId: largest.id, month })] as [string, (c: Client) => Promise<unknown>]] : []),
      [`renovations.progress ${year}`, (c) => c.call('renovations.progress', { year })],
      [`stats.completeness ${year}`, (c) => c.call('stats.completeness', { year })],
      [`stats.month ${month}`, (c) => c.call('stats.month', { month })],
      [`subsidy.statements ${month}`, (c) => c.call('subsidy.statements', { month })],
      [`bundles.preview ${year} (the city tables' figures)`, (c) => c.call('bundles.preview', { period: String(year) })],
    ];
    const rows: BenchRow[] = [];
    for (const [name, run] of reports) {
      try {
        await run(client); // once untimed: statements prepared, as on a screen already visited
        const samples = stats(await timed(repeat, () => run(client)));
        // Both figures are judged: a report is opened rarely, so the median alone would hide a slow one.
        const row = timingRow(name, samples, GOAL_MS, 'p95');
        rows.push({ ...row, target: `≤ ${GOAL_MS} ms`, met: samples.median <= GOAL_MS && samples.p95 <= GOAL_MS });
      } catch (error) {
        rows.push({ name, median: null, p95: null, target: `≤ ${GOAL_MS} ms`, met: false, note: `failed: ${(error as Error).message}` });
      }
    }
    return { group: 'reports', repeat, peakRssMb: peakRssMb(), about: `year ${year}, month ${month}`, rows };
  } finally {
    client.core.close();
  }
}

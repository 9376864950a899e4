import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { generateLargeCounty } from '../../../scripts/large-county/generate';
import { createKeyedCounty, exportPeriod, type KeyedCounty } from '../../../tests/support/bundles';
import { periodOf } from './period';
import { buildSnapshot, snapshotCounts } from './snapshot';

/**
 * The preview counts what a bundle would carry without building it: its counts and summary must be
 * exactly those of the bundle an export then writes, or the 报送包 page would promise one thing and
 * send another.
 */

const byContents = (files: { contents: string; records: number }[]) => Object.fromEntries(files.map((f) => [f.contents, f.records]));

describe('bundle preview on the demo county', () => {
  let county: KeyedCounty;
  beforeAll(async () => {
    county = await createKeyedCounty('445302', { demo: true });
  }, 60_000);
  afterAll(() => county.close());

  it('shows the counts and the summary of the bundle the export then writes', async () => {
    for (const label of ['2021', '2022-Q3', '2021-07']) {
      const preview = await county.admin.call('bundles.preview', { period: label });
      const { row } = await exportPeriod(county.admin, county.office, label);
      expect(byContents(preview.counts)).toEqual(byContents(row.counts));
      expect(preview.counts.map((c) => c.contents)).toEqual(row.counts.map((c) => c.contents));
      const db = openDatabase(county.office.dbPath, { readonly: true });
      try {
        const built = await buildSnapshot(db.db, { code: '445302', name: '云城区', office: preview.summary.county.office }, periodOf(label));
        expect(preview.summary).toEqual(built.summary);
      } finally {
        db.close();
      }
      // Something is carried: a comparison of empty bundles would prove nothing.
      expect(row.counts.find((c) => c.contents === 'people')!.records).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('bundle preview on a generated county (scale 0.01)', () => {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-preview-'));
  let dbPath = '';
  beforeAll(async () => {
    const dataDir = join(root, 'data');
    await generateLargeCounty({ dataDir, seed: 7, scale: 0.01 });
    dbPath = resolve(dataDir, (JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { databasePath: string }).databasePath);
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('counts every register as the snapshot writes it, children kept out of people, for a year, a quarter and a month', async () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const county = { code: '445381', name: '罗定市', office: '罗定市民政局' };
      for (const label of ['2025', '2024', '2023-Q2', '2022-11']) {
        const counted = await snapshotCounts(db.db, county, periodOf(label));
        const built = await buildSnapshot(db.db, county, periodOf(label));
        expect(counted.counts).toEqual(byContents(built.files));
        expect(counted.summary).toEqual(built.summary);
      }
      const year = byContents((await buildSnapshot(db.db, county, periodOf('2025'))).files);
      for (const register of ['family_beds', 'residents', 'renovation_cases', 'people']) expect(year[register]).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 240_000);
});

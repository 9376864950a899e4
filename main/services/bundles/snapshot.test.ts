import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf } from '../../../db/divisions';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { createCountyOffice } from '../../../tests/support/bundles';
import type { TestOffice } from '../../../tests/support/office';
import { CONTENTS_HEADER, REGISTERS, SUMMARY_SCHEMA } from '../../bundles/content';
import { CHILD_CATEGORIES } from '../../contract/areas/welfare-enums';
import { periodOf } from './period';
import { idFor } from '../../../tests/support/id-numbers';
import { caseInput } from '../../../tests/support/renovations';
import { buildSnapshot, REGISTER_ORDER, type SnapshotFile } from './snapshot';

/** The demo county 云城区 (2021 reproduces its bulletin row), read as bundles would carry it. */
let office: TestOffice;
let db: OpenedDatabase;
const county = { code: '445302', name: '云城区', office: '云城区民政局' };

beforeAll(async () => {
  office = await createCountyOffice('445302');
  await office.admin.call('demo.fill', {});
  db = openDatabase(office.dbPath);
}, 60_000);
afterAll(() => {
  db.close();
  office.close();
});

function lines(file: SnapshotFile): unknown[] {
  const text = file.plain.toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
}

function records(files: SnapshotFile[], contents: string): Record<string, unknown>[] {
  return lines(files.find((f) => f.contents === contents)!).slice(1) as Record<string, unknown>[];
}

async function count(sql: string): Promise<number> {
  return (db.sqlite.prepare(sql).get() as { n: number }).n;
}

describe('period snapshot', () => {
  it('is byte-identical when read twice from the same database (records sorted by id)', async () => {
    const a = await buildSnapshot(db.db, county, periodOf('2021'));
    const b = await buildSnapshot(db.db, county, periodOf('2021'));
    expect(a.files.map((f) => f.contents)).toEqual(['summary', ...REGISTER_ORDER]);
    for (const [i, file] of a.files.entries()) expect(file.plain.equals(b.files[i]!.plain)).toBe(true);
    for (const name of REGISTER_ORDER) {
      const ids = records(a.files, name).map((r) => r.id as string);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('carries a header naming the contents, county, period and record count, and records valid for the city', async () => {
    const { files } = await buildSnapshot(db.db, county, periodOf('2022-Q3'));
    for (const file of files) {
      const [header, ...rest] = lines(file);
      expect(CONTENTS_HEADER.parse(header)).toEqual({ contents: file.contents, county: '445302', period: '2022-Q3', records: rest.length });
      expect(file.records).toBe(rest.length);
      const schema = file.contents === 'summary' ? SUMMARY_SCHEMA : REGISTERS[file.contents]!.schema;
      for (const r of rest) expect(schema.safeParse(r).success).toBe(true);
    }
  });

  it('holds the registers as of the period end: counts match the records dated by then', async () => {
    const { files } = await buildSnapshot(db.db, county, periodOf('2021'));
    const counts = Object.fromEntries(files.map((f) => [f.contents, f.records]));
    expect(counts.summary).toBe(1);
    expect(counts.station_month_stats).toBe(await count(`SELECT count(*) n FROM station_month_stat WHERE month <= '2021-12'`));
    expect(counts.family_beds).toBe(await count(`SELECT count(*) n FROM family_bed WHERE install_date <= '2021-12-31'`));
    expect(counts.institutions).toBe(await count(`SELECT count(*) n FROM institution`));
    expect(counts.residents).toBe(await count(`SELECT count(*) n FROM resident WHERE status != 'void' AND admitted_on <= '2021-12-31'`));
    expect(counts.renovation_cases).toBe(await count(`SELECT count(*) n FROM renovation_case WHERE applied_on <= '2021-12-31'`));
    expect(counts.stations).toBeGreaterThanOrEqual(13);
    expect(counts.stations).toBeLessThan(await count(`SELECT count(*) n FROM station`));
    // Every month of a register is on or before the end; nothing after it travels.
    for (const r of records(files, 'station_month_stats')) expect(r.month as string <= '2021-12').toBe(true);
    for (const r of records(files, 'stations')) {
      for (const key of ['plannedDate', 'constructionDate', 'completedDate', 'acceptedDate', 'operatingDate', 'suspendedDate', 'closedDate']) {
        expect(r[key] === null || (r[key] as string) <= '2021-12-31').toBe(true);
      }
    }
    const later = await buildSnapshot(db.db, county, periodOf('2025'));
    expect(later.files.find((f) => f.contents === 'family_beds')!.records).toBeGreaterThan(counts.family_beds!);
  });

  it("a year bundle's summary progress row is exactly the county's reports.progress row for that year", async () => {
    for (const year of [2021, 2022, 2025]) {
      const { summary } = await buildSnapshot(db.db, county, periodOf(String(year)));
      const row = await office.admin.call('reports.progress', { year });
      expect(summary.progress).toEqual({
        year,
        tasks: row.tasks,
        built: row.built,
        ratePerMille: row.ratePerMille,
        bedsInstalled: row.bedsInstalled,
        homeVisits: row.homeVisits,
        target: row.target ? { stations: row.target.stations, familyBeds: row.target.familyBeds, homeVisits: row.target.homeVisits } : null,
      });
      expect(summary).toMatchObject({ county, period: String(year), asOf: `${year}-12-31` });
    }
    const { summary } = await buildSnapshot(db.db, county, periodOf('2021'));
    expect(summary.progress).toMatchObject({ tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534 });
    expect(summary.services.map((s) => s.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`));
    expect(summary.services.reduce((sum, s) => sum + s.home, 0)).toBe(8534);
  });

  it('runs a quarter or month row from 1 January to the period end, and its services over the period only', async () => {
    const q2 = (await buildSnapshot(db.db, county, periodOf('2021-Q2'))).summary;
    const year = (await buildSnapshot(db.db, county, periodOf('2021'))).summary;
    expect(q2.asOf).toBe('2021-06-30');
    expect(q2.services.map((s) => s.month)).toEqual(['2021-04', '2021-05', '2021-06']);
    const firstHalf = year.services.slice(0, 6).reduce((sum, s) => sum + s.home, 0);
    expect(q2.progress.homeVisits).toBe(firstHalf);
    expect(q2.progress.bedsInstalled).toBe(await count(`SELECT count(*) n FROM family_bed WHERE install_date BETWEEN '2021-01-01' AND '2021-06-30'`));
    expect(q2.progress.tasks).toBe(13);
    const month = (await buildSnapshot(db.db, county, periodOf('2021-07'))).summary;
    expect(month.services).toEqual([year.services[6]]);
  });

  it("carries children's stays without name, ID number, person, guardian or bed, and no child in the people register", async () => {
    const children = db.sqlite
      .prepare(
        `SELECT r.id, r.person_id, p.name, p.id_number, r.guardian_name FROM resident r JOIN person p ON p.id = r.person_id
         WHERE r.category IN (${CHILD_CATEGORIES.map((c) => `'${c}'`).join(',')}) AND r.status != 'void' AND r.admitted_on <= '2025-12-31'`,
      )
      .all() as { id: string; person_id: string; name: string; id_number: string | null; guardian_name: string | null }[];
    expect(children.length).toBeGreaterThan(0);
    const { files } = await buildSnapshot(db.db, county, periodOf('2025'));
    const stays = new Map(records(files, 'residents').map((r) => [r.id as string, r]));
    const everything = Buffer.concat(files.map((f) => f.plain)).toString('utf8');
    for (const child of children) {
      const stay = stays.get(child.id)!;
      expect(Object.keys(stay).sort()).toEqual(['admittedOn', 'birthYear', 'category', 'child', 'exitedOn', 'id', 'institutionId', 'institutionName', 'sex', 'status']);
      expect(stay.child).toBe(true);
      expect(everything).not.toContain(child.person_id);
      expect(everything).not.toContain(child.name);
      if (child.id_number) expect(everything).not.toContain(child.id_number);
      if (child.guardian_name) expect(everything).not.toContain(child.guardian_name);
    }
    // Adults do carry their person: the people register has them, with the ID number.
    const adults = [...stays.values()].filter((s) => s.child === false);
    expect(adults.length).toBeGreaterThan(0);
    const people = new Map(records(files, 'people').map((p) => [p.id as string, p]));
    for (const a of adults) expect(people.get(a.personId as string)).toMatchObject({ name: a.personName });
    expect([...people.values()].some((p) => typeof p.idNumber === 'string')).toBe(true);
  });

  it('never names a minor that a bed or a renovation household refers to', async () => {
    const { person: grandchild } = await office.admin.call('people.create', { person: { name: '未成年测试', idNumber: idFor('2012-04-05', 17) } });
    const { person: grandma } = await office.admin.call('people.create', { person: { name: '成年测试', idNumber: idFor('1944-04-05', 18) } });
    const station = (await office.admin.call('stations.list', { limit: 1 })).rows[0]!;
    const bed = await office.admin.call('beds.create', { bed: { personId: grandchild.id, stationId: station.id, installDate: '2024-05-04', devices: ['camera'] } });
    const application = await caseInput(office, { personIds: [grandchild.id, grandma.id], planYear: 2024, appliedOn: '2024-03-02' });
    const created = await office.admin.call('renovations.create', { application });
    const { files } = await buildSnapshot(db.db, county, periodOf('2024'));
    expect(records(files, 'family_beds').find((b) => b.id === bed.id)).toMatchObject({ personId: null, personName: null });
    expect(records(files, 'renovation_cases').find((c) => c.id === created.case.id)).toMatchObject({ applicantIds: [grandma.id], applicantName: '成年测试' });
    expect(records(files, 'people').some((p) => p.id === grandma.id)).toBe(true);
    const everything = Buffer.concat(files.map((f) => f.plain)).toString('utf8');
    for (const secret of [grandchild.id, grandchild.name, grandchild.idNumber!]) expect(everything).not.toContain(secret);
  });

  it('cuts at the period end: a station completed after it is not completed in the bundle', async () => {
    const town = childrenOf('445302').find((d) => d.townKind === 'town')!;
    const station = await office.admin.call('stations.create', {
      station: {
        name: '期末测试综合养老服务中心',
        kind: 'town_centre',
        townCode: town.code,
        taskYear: 2021,
        lifecycle: { planned: '2021-03-01', construction: '2021-06-01', completed: '2022-02-10', accepted: null, operating: null, suspended: null, closed: null },
        services: ['meals'],
        oneStopSettlement: false,
      },
    });
    const in2021 = await buildSnapshot(db.db, county, periodOf('2021'));
    expect(records(in2021.files, 'stations').find((s) => s.id === station.id)).toMatchObject({ state: 'construction', completedDate: null, constructionDate: '2021-06-01' });
    expect(in2021.summary.progress).toMatchObject({ tasks: 14, built: 13 });
    expect(in2021.summary.progress).toMatchObject({ tasks: (await office.admin.call('reports.progress', { year: 2021 })).tasks });
    const in2021Q1 = await buildSnapshot(db.db, county, periodOf('2021-Q1'));
    expect(records(in2021Q1.files, 'stations').find((s) => s.id === station.id)).toMatchObject({ state: 'planned', constructionDate: null });
    const in2020 = await buildSnapshot(db.db, county, periodOf('2020'));
    expect(records(in2020.files, 'stations').some((s) => s.id === station.id)).toBe(false);
    const in2022 = await buildSnapshot(db.db, county, periodOf('2022-Q1'));
    expect(records(in2022.files, 'stations').find((s) => s.id === station.id)).toMatchObject({ state: 'completed', completedDate: '2022-02-10' });
  });
});

/**
 * lists: the list and search requests the pages make (same inputs as renderer/src/pages/*Page.tsx,
 * 50 rows a page), through core.dispatch on the large county, read-only. Each is timed on its first
 * page and on a deep page: the harness follows nextCursor 100 pages in (untimed), then times the
 * fetch of the next page with that cursor. Goal: p95 ≤ 20 ms each.
 */
import Database from 'better-sqlite3';
import { childrenOf } from '../../../db/divisions';
import { namePinyin } from '../../../main/services/people/pinyin';
import { openOffice, type Client } from '../client';
import { databasePathOf, LARGE_ADMIN, type LargeCountyRef } from '../large-data';
import { timingRow, type BenchRow, type GroupResult } from '../result';
import { peakRssMb, repeatFor, stats, timed } from '../stats';

const GOAL_MS = 20;
const PAGE = 50;
const DEEP_PAGES = 100;

interface Probe {
  name: string;
  /** One page after `after` (null: the first); the cursor of the page after it. */
  page(after: string | number | null): Promise<string | number | null>;
}

/** Search terms taken from the data itself, so they find rows whatever the generator's seed. */
function searchTerms(databasePath: string) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const surname = (db.prepare(`SELECT substr(name, 1, 1) AS s, count(*) AS n FROM person GROUP BY s ORDER BY n DESC LIMIT 1`).get() as { s: string } | undefined)?.s ?? '陈';
    // A full name held by exactly one person, from the middle of the register (not the first rows written).
    const rare =
      (db.prepare(`SELECT name FROM person WHERE rowid > (SELECT max(rowid) / 2 FROM person) GROUP BY name HAVING count(*) = 1 LIMIT 1`).get() as { name: string } | undefined)?.name ?? '李四';
    const withId = db.prepare(`SELECT id_number AS id FROM person WHERE id_number IS NOT NULL AND rowid > (SELECT max(rowid) / 3 FROM person) LIMIT 1`).get() as { id: string } | undefined;
    const town = (db.prepare(`SELECT town_code AS t, count(*) AS n FROM station WHERE town_code IS NOT NULL GROUP BY t ORDER BY n DESC LIMIT 1`).get() as { t: string } | undefined)?.t ?? null;
    const caseTown = (db.prepare(`SELECT town_code AS t, count(*) AS n FROM renovation_case GROUP BY t ORDER BY n DESC LIMIT 1`).get() as { t: string } | undefined)?.t ?? null;
    const state = (db.prepare(`SELECT state AS s, count(*) AS n FROM renovation_case GROUP BY s ORDER BY n DESC LIMIT 1`).get() as { s: string } | undefined)?.s ?? null;
    const entity = (db.prepare(`SELECT entity AS e FROM audit_entry WHERE entity = 'person' LIMIT 1`).get() as { e: string } | undefined)?.e ?? 'person';
    return { surname, rare, idTail: withId ? withId.id.slice(-4) : '0012', initials: namePinyin(rare).initials.slice(0, 3), town, caseTown, state, entity };
  } finally {
    db.close();
  }
}

function probes(client: Client, terms: ReturnType<typeof searchTerms>, institutionId: string | null): Probe[] {
  const people = (query: string | undefined) => async (after: string | number | null) =>
    (await client.call('people.list', { query, limit: PAGE, after: after as string | null })).nextCursor;
  const stationFilters = { kind: null, townCode: null, state: null, operatingMode: null, taskYear: null };
  const stations = (f: Record<string, unknown>) => async (after: string | number | null) =>
    (await client.call('stations.list', { ...stationFilters, ...f, limit: PAGE, after: after as string | null } as never)).nextCursor;
  const caseFilters = { planYear: null, state: null, townCode: null };
  const cases = (f: Record<string, unknown>) => async (after: string | number | null) =>
    (await client.call('renovations.list', { ...caseFilters, ...f, limit: PAGE, after: after as string | null } as never)).nextCursor;
  const audit = (f: { entity?: string }) => async (after: string | number | null) =>
    (await client.call('audit.list', { actorId: null, entity: f.entity ?? null, entityId: null, from: null, to: null, limit: PAGE, beforeSeq: after as number | null })).nextCursor;
  const list: Probe[] = [
    { name: `people, name prefix "${terms.surname}" (common surname)`, page: people(terms.surname) },
    { name: `people, full name "${terms.rare}" (rare)`, page: people(terms.rare) },
    { name: `people, pinyin initials "${terms.initials}"`, page: people(terms.initials) },
    { name: `people, ID tail "${terms.idTail}"`, page: people(terms.idTail) },
    { name: 'people, all', page: people(undefined) },
    { name: 'stations, all', page: stations({}) },
    ...(terms.town ? [{ name: `stations, town ${childName(terms.town)}`, page: stations({ townCode: terms.town }) }] : []),
    { name: 'stations, kind village_station', page: stations({ kind: 'village_station' }) },
    ...(institutionId ? [{ name: 'residents, by institution (largest)', page: async (after: string | number | null) =>
      (await client.call('residents.list', { onDate: null, institutionId, category: null, scope: 'current', limit: PAGE, after: after as string | null } as never)).nextCursor }] : []),
    ...(terms.state ? [{ name: `renovation cases, state ${terms.state}`, page: cases({ state: terms.state }) }] : []),
    ...(terms.caseTown ? [{ name: `renovation cases, town ${childName(terms.caseTown)}`, page: cases({ townCode: terms.caseTown }) }] : []),
    { name: 'family beds, all', page: async (after) => (await client.call('beds.list', { stationId: null, status: null, limit: PAGE, after: after as string | null })).nextCursor },
    { name: 'audit, all', page: audit({}) },
    { name: `audit, entity ${terms.entity}`, page: audit({ entity: terms.entity }) },
  ];
  return list;
}

function childName(code: string): string {
  const parent = code.slice(0, 6);
  return childrenOf(parent).find((d) => d.code === code)?.name ?? code;
}

export async function runLists(ref: LargeCountyRef): Promise<GroupResult> {
  const repeat = repeatFor(20);
  const terms = searchTerms(databasePathOf(ref.dataDir));
  const client = await openOffice(ref.dataDir, LARGE_ADMIN);
  try {
    const institutions = await client.call('institutions.list', {});
    const largest = [...institutions].sort((a, b) => b.residents - a.residents)[0]?.id ?? null;
    const rows: BenchRow[] = [];
    for (const probe of probes(client, terms, largest)) {
      await probe.page(null); // warm the statement cache as a page already shown has
      rows.push(timingRow(`${probe.name} — first page`, stats(await timed(repeat, () => probe.page(null))), GOAL_MS));
      let cursor: string | number | null = null;
      let depth = 0;
      for (let next = await probe.page(null); next !== null && depth < DEEP_PAGES; depth++) {
        cursor = next;
        next = await probe.page(cursor);
      }
      if (cursor === null) {
        rows.push({ name: `${probe.name} — deep page`, median: null, p95: null, target: null, met: null, note: 'one page only' });
        continue;
      }
      const deep = cursor;
      rows.push(timingRow(`${probe.name} — page ${depth + 1}`, stats(await timed(repeat, () => probe.page(deep))), GOAL_MS, 'p95', depth < DEEP_PAGES ? `list ends at page ${depth + 1}` : undefined));
    }
    return { group: 'lists', repeat, peakRssMb: peakRssMb(), about: `${PAGE} rows a page, deep = ${DEEP_PAGES} pages in; terms from the data`, rows, extra: { terms } };
  } finally {
    client.core.close();
  }
}

/**
 * Before/after figures of the person searches on a quick 200 000-person database (not a test: run
 * `npx tsx tests/perf/measure-search.ts [people]`). The database is migrated to 0006, filled with
 * bulk INSERTs, timed with the old queries, then migrated to 0007 and timed with the new ones.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { namePinyin } from '../../main/services/people/pinyin';
import { nameFtsPhrase } from '../../main/services/paging';

const PEOPLE = Number(process.argv[2] ?? 200_000);
const SURNAMES = [...'陈李黄梁林罗谭何张邓冯叶苏莫彭曾区麦潘吴王刘杨赵周徐孙马朱胡郭高郑谢宋唐许韩'];
const GIVEN = [...'桂英秀玉珍亚妹凤娇少芳金好带娣惠兰月娥瑞群丽二彩霞素芬伯明炳坤志强国华树根福永康锦荣德汉文耀祖石生家旺水启'];

/** A deterministic pseudo-random stream (same database every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Fills the person table; returns the ID number of the one person named 欧阳靖雯. */
function fill(db: BetterSqlite3.Database): string {
  const next = random(9);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const insert = db.prepare(`INSERT INTO person (id, name, name_pinyin, name_initials, id_number, id_number_reversed, sex, version,
    created_at, updated_at, updated_installation) VALUES (?, ?, ?, ?, ?, ?, 'M', 1, '2026-01-01', '2026-01-01', 'bench')`);
  let rare = '';
  db.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const name = i === 4242 ? '欧阳靖雯' : pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
      const { full, initials } = namePinyin(name);
      const idNumber = `445302${String(19300101 + i).padStart(8, '0')}${String(i % 1000).padStart(3, '0')}${i % 10}`;
      insert.run(`p${String(i).padStart(7, '0')}`, name, full, initials, idNumber, [...idNumber].reverse().join(''));
      if (i === 4242) rare = idNumber;
    }
  })();
  return rare;
}

function time(db: BetterSqlite3.Database, label: string, query: string, params: unknown[]): void {
  const statement = db.prepare(query);
  statement.all(...params);
  const runs = 5;
  const start = process.hrtime.bigint();
  let rows = 0;
  for (let i = 0; i < runs; i++) rows = statement.all(...params).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms  (${rows} rows)`);
}

const PAGE = 'SELECT * FROM person WHERE %s ORDER BY name_pinyin, id LIMIT 51';
const COUNT = 'SELECT count(*) AS total FROM person WHERE %s';
const both = (db: BetterSqlite3.Database, label: string, where: string, params: unknown[]) => {
  time(db, `${label}: page`, PAGE.replace('%s', where), params);
  time(db, `${label}: count`, COUNT.replace('%s', where), params);
};

const dir = mkdtempSync(join(tmpdir(), 'measure-search-'));
try {
  const db = new BetterSqlite3(join(dir, 'office.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('cache_size = -65536');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
  let start = Date.now();
  const rareId = fill(db);
  const tail = [...rareId.slice(-6)].reverse().join('');
  const tailEnd = tail.slice(0, -1) + String.fromCharCode(tail.charCodeAt(tail.length - 1) + 1);
  console.log(`filled ${PEOPLE} people in ${Date.now() - start} ms\n-- before (0006, LIKE)`);
  const searches: [string, string][] = [['common name 张', '张'], ['rare name 靖雯', '靖雯'], ['absent name 犇', '犇']];
  for (const [label, text] of searches) both(db, label, `name LIKE ? ESCAPE '\\'`, [`%${text}%`]);
  both(db, 'pinyin zs', 'name_initials LIKE ? OR name_pinyin LIKE ?', ['zs%', 'zs%']);
  both(db, 'ID tail (6 digits)', 'id_number_reversed LIKE ?', [`${tail}%`]);
  start = Date.now();
  migrate(db);
  console.log(`\nmigration 0007 (fills the name index) in ${Date.now() - start} ms\n-- after (0007, FTS + ranges)`);
  const fts = 'person.rowid IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?)';
  for (const [label, text] of searches) both(db, label, fts, [nameFtsPhrase(text)]);
  both(db, 'pinyin zs', '(name_initials >= ? AND name_initials < ?) OR (name_pinyin >= ? AND name_pinyin < ?)', ['zs', 'zt', 'zs', 'zt']);
  both(db, 'ID tail (6 digits)', 'id_number_reversed >= ? AND id_number_reversed < ?', [tail, tailEnd]);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import type { Input, RequestName } from '../../main/contract';
import { importFile, writeXlsx } from '../support/imports';
import { idFor } from '../support/id-numbers';
import { namePinyin } from '../../main/services/people/pinyin';
import { uuidv7 } from '../../main/services/records';
import { createTestOffice, type TestClient, type TestOffice } from '../support/office';

/** Searching people at scale (migration 0007): what a clerk types finds the same people as before, through indexes. */

const OUYANG = idFor('1941-05-06', 21);
const ZHANG = idFor('1950-07-08', 33);

let office: TestOffice;
let c: TestClient;
const names = async (query: string) => (await c.call('people.list', { query, limit: 200 })).rows.map((r) => r.name).sort();

beforeAll(async () => {
  office = await createTestOffice();
  c = office.admin;
  for (const [name, idNumber] of [
    ['欧阳靖雯', OUYANG],
    ['张三丰', ZHANG],
    ['李靖', null],
    ['丰张', null],
    ['买买提·艾力', null],
  ] as const) {
    await c.call('people.create', { person: { name, ...(idNumber ? { idNumber } : {}) } });
  }
}, 60_000);
afterAll(() => office?.close());

describe('searching people', () => {
  it('finds a name by any part of it: given name, surname, the whole name', async () => {
    expect(await names('靖')).toEqual(['李靖', '欧阳靖雯']);
    expect(await names('靖雯')).toEqual(['欧阳靖雯']);
    expect(await names('欧阳')).toEqual(['欧阳靖雯']);
    expect(await names('张三丰')).toEqual(['张三丰']);
    expect(await names('三丰')).toEqual(['张三丰']);
    // The characters in the order typed, next to each other.
    expect(await names('丰张')).toEqual(['丰张']);
    expect(await names('张丰')).toEqual([]);
    // The middle dot of a minority name is not needed, nor does it hurt.
    expect(await names('买买提艾力')).toEqual(['买买提·艾力']);
    expect(await names('提·艾')).toEqual(['买买提·艾力']);
  });

  it('treats quotes, FTS operators and punctuation as plain text: no error, and punctuation alone finds nobody', async () => {
    expect(await names('张"三')).toEqual(['张三丰']);
    expect(await names('张 OR 李')).toEqual([]);
    expect(await names('靖*')).toEqual(['李靖', '欧阳靖雯']);
    const none = await c.call('people.list', { query: '"·*()' });
    expect(none).toMatchObject({ rows: [], total: 0, nextCursor: null });
  });

  it('finds pinyin by initials or by the start of the full pinyin, in any case', async () => {
    expect(await names('zsf')).toEqual(['张三丰']);
    expect(await names('ZSF')).toEqual(['张三丰']);
    expect(await names('zhangsan')).toEqual(['张三丰']);
    expect(await names('oy')).toEqual(['欧阳靖雯']);
    expect(await names('zsg')).toEqual([]);
  });

  it('finds the last digits of an ID number, including a final X', async () => {
    expect(await names(ZHANG.slice(-6))).toEqual(['张三丰']);
    expect(await names(OUYANG.slice(-4).toLowerCase())).toEqual(['欧阳靖雯']);
    expect(await names(`9${ZHANG.slice(-5)}`.replace(/^9(?=9)/, '8'))).toEqual([]);
  });

  it('follows renames and deletions, also when a deleted person’s row number is reused', async () => {
    const li = (await c.call('people.list', { query: '李靖' })).rows[0]!;
    const person = await c.call('people.get', { id: li.id });
    await c.call('people.update', { id: li.id, version: person.version, person: { name: '李卫国' } });
    expect(await names('靖')).toEqual(['欧阳靖雯']);
    expect(await names('卫国')).toEqual(['李卫国']);

    // An import's undo deletes the people it added; the next person may get the same rowid.
    const report = await importFile(c, 'people', '人员.xlsx', await writeXlsx(['姓名', '身份证号'], [['司马懿', idFor('1939-01-02', 45)]]));
    expect(await names('司马')).toEqual(['司马懿']);
    await c.call('imports.undo', { id: report.importId!, reason: '导错了文件' });
    await c.call('people.create', { person: { name: '王五' } });
    expect(await names('司马')).toEqual([]);
    expect(await names('王五')).toEqual(['王五']);
  });
});

/** Pages through a list with its cursor; every row once, as many as the total says. */
async function pageThrough(client: TestClient, request: RequestName, input: Record<string, unknown>) {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let i = 0; i < 500; i++) {
    const page = (await client.call(request, { limit: 3, ...input, ...(after ? { after } : {}) } as Input<typeof request>)) as {
      rows: { id: string }[];
      nextCursor: string | null;
      total: number;
    };
    total = page.total;
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor;
    if (!after) break;
  }
  return { ids, total };
}

describe('paging through a search or a list with the cursor', () => {
  let demo: TestOffice;
  beforeAll(async () => {
    demo = await createTestOffice();
    await demo.admin.call('demo.fill', {});
    // Several people whose names share the pinyin (陈 + 英/莺…): ties on the sort key cross pages.
    for (const name of ['陈英', '陈莺', '陈鹰', '陈英', '陈樱', '陈应', '陈瑛']) await demo.admin.call('people.create', { person: { name } });
  }, 120_000);
  afterAll(() => demo?.close());

  it.each([
    ['people.list', { query: '陈' }],
    ['people.list', { query: 'cy' }],
    ['people.list', {}],
    ['beds.list', {}],
    ['beds.list', { query: '陈' }],
    ['residents.list', { scope: 'all' }],
    ['renovations.list', {}],
    ['renovations.list', { query: '陈' }],
  ] as [RequestName, Record<string, unknown>][])('%s %j returns every match exactly once', async (request, input) => {
    const { ids, total } = await pageThrough(demo.admin, request, input);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
  });

  it('pages a name found thousands of times (read by walking the pinyin index) like a rare one: in order, each once, as a scan finds them', async () => {
    // Written straight into the file (the triggers keep the name index): 2 500 people named 甘…, more
    // than the number from which a name search walks the pinyin index instead of sorting its matches.
    const db = new BetterSqlite3(demo.dbPath);
    try {
      const insert = db.prepare(
        `INSERT INTO person (id, name, name_pinyin, name_initials, version, created_at, updated_at, updated_by, updated_installation)
         VALUES (?, ?, ?, ?, 1, '2026-11-22T02:00:00.000Z', '2026-11-22T02:00:00.000Z', NULL, 'test')`,
      );
      const given = '一二三四五六七八九十百千万';
      db.transaction(() => {
        for (let i = 0; i < 2_500; i++) {
          const name = `甘${given[i % given.length]}${given[Math.floor(i / given.length) % given.length]}`;
          const { full, initials } = namePinyin(name);
          insert.run(uuidv7(Date.UTC(2026, 0, 1) + i), name, full, initials);
        }
      })();
      const { ids, total } = await pageThrough(demo.admin, 'people.list', { query: '甘', limit: 100 });
      const expected = db.prepare(`SELECT id FROM person WHERE instr(name, '甘') > 0 ORDER BY name_pinyin, id`).all() as { id: string }[];
      expect(total).toBe(expected.length);
      expect(total).toBeGreaterThanOrEqual(2_500);
      expect(ids).toEqual(expected.map((r) => r.id));
    } finally {
      db.close();
    }
  });

  it('finds the same people by name as a plain scan of the names would', async () => {
    const db = new BetterSqlite3(demo.dbPath, { readonly: true });
    try {
      for (const text of ['陈', '英', '演示', '秀英', '明']) {
        const expected = (db.prepare('SELECT id FROM person WHERE instr(name, ?) > 0').all(text) as { id: string }[]).map((r) => r.id).sort();
        const { ids } = await pageThrough(demo.admin, 'people.list', { query: text });
        expect(ids.sort(), text).toEqual(expected);
      }
    } finally {
      db.close();
    }
  });
});

describe('migration 0007', () => {
  it('indexes the names of people already in the database, spelt as the triggers spell new ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-migration-'));
    const db = new BetterSqlite3(join(dir, 'office.sqlite'));
    const add = (id: string, name: string) =>
      db
        .prepare(
          `INSERT INTO person (id, name, name_pinyin, name_initials, version, created_at, updated_at, updated_installation)
           VALUES (?, ?, 'x', 'x', 1, '2026-01-01', '2026-01-01', 'x')`,
        )
        .run(id, name);
    const matching = (phrase: string) =>
      (db.prepare(`SELECT p.id FROM person p WHERE p.rowid IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?) ORDER BY p.id`).all(phrase) as { id: string }[]).map(
        (r) => r.id,
      );
    try {
      migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
      add('p1', '欧阳靖雯');
      // A character outside the Basic Multilingual Plane: one character to SQL and to the migration alike.
      add('p2', '𠮷田靖');
      migrate(db);
      add('p3', '𠮷川');
      expect(matching('"靖 雯"')).toEqual(['p1']);
      expect(matching('"靖"')).toEqual(['p1', 'p2']);
      expect(matching('"𠮷"')).toEqual(['p2', 'p3']);
      expect(matching('"𠮷 田"')).toEqual(['p2']);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

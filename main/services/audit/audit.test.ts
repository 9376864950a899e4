import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestOffice, type TestOffice } from '../../../tests/support/office';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

describe('audit trail', () => {
  it('cannot be edited or deleted, even with direct SQL', () => {
    const db = new BetterSqlite3(office.dbPath);
    expect(() => db.exec("UPDATE audit_entry SET summary = 'forged'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_entry')).toThrow(/append-only/);
    db.close();
  });

  it('records setup, the first admin and the login', async () => {
    const { rows } = await office.admin.call('audit.list', { limit: 10 });
    expect(rows.map((r) => `${r.entity}:${r.action}`).reverse()).toEqual(['office:setup', 'staff:create', 'staff:login']);
  });

  it('filters by actor, record and date, newest first, in pages', async () => {
    const clerk = await office.clientWithRole('clerk', 'chen');
    const staff = await office.admin.call('staff.list', {});
    const chen = staff.find((s) => s.username === 'chen')!;
    for (let i = 0; i < 5; i++) await clerk.call('people.create', { person: { name: `人员${i}` } });
    office.clock.advanceMinutes(60 * 24 * 2);
    await office.admin.login('admin', ADMIN.password);
    await office.admin.call('people.create', { person: { name: '后来' } });

    const byChen = await office.admin.call('audit.list', { actorId: chen.id, entity: 'person', limit: 3 });
    expect(byChen.rows.map((r) => r.summary)).toEqual(['人员4', '人员3', '人员2']);
    const more = await office.admin.call('audit.list', { actorId: chen.id, entity: 'person', limit: 3, beforeSeq: byChen.nextCursor });
    expect(more.rows.map((r) => r.summary)).toEqual(['人员1', '人员0']);
    expect(more.nextCursor).toBeNull();

    const lastDay = await office.admin.call('audit.list', { entity: 'person', from: '2026-11-24', to: '2026-11-24', limit: 50 });
    expect(lastDay.rows.map((r) => r.summary)).toEqual(['后来']);
    const firstDay = await office.admin.call('audit.list', { entity: 'person', to: '2026-11-22', limit: 50 });
    expect(firstDay.rows).toHaveLength(5);
  });
});

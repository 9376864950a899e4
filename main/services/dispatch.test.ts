import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT } from '../contract';
import { auditRequests } from '../contract/areas/audit';
import { authRequests } from '../contract/areas/auth';
import { divisionRequests } from '../contract/areas/divisions';
import { peopleRequests } from '../contract/areas/people';
import { setupRequests } from '../contract/areas/setup';
import { staffRequests } from '../contract/areas/staff';
import { createTestOffice, TestClient, type TestOffice } from '../../tests/support/office';
import { HANDLERS } from './handlers';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

/** Every row of every table, read from the file by another connection. */
function snapshot(o: TestOffice): string {
  const db = new BetterSqlite3(o.dbPath, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

describe('the contract', () => {
  it('declares each request once and has exactly one handler per request', () => {
    const areas = [setupRequests, divisionRequests, authRequests, staffRequests, peopleRequests, auditRequests];
    const declared = areas.flatMap((a) => Object.keys(a));
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(CONTRACT).sort());
  });
});

describe('rejections at the boundary', () => {
  const cases: [string, string, unknown, string, string?][] = [
    ['unknown request', 'people.drop', {}, 'UNKNOWN_REQUEST'],
    ['prototype name', '__proto__', {}, 'UNKNOWN_REQUEST'],
    ['name not a string', 42 as unknown as string, {}, 'UNKNOWN_REQUEST'],
    ['wrong type', 'people.create', { person: { name: 42 } }, 'WRONG_TYPE', 'person.name'],
    ['missing field', 'people.create', { person: {} }, 'REQUIRED', 'person.name'],
    ['blank name', 'people.create', { person: { name: '   ' } }, 'REQUIRED', 'person.name'],
    ['unknown field', 'people.create', { person: { name: '张三', salary: 1 } }, 'UNKNOWN_FIELD', 'person'],
    ['prototype pollution key', 'people.create', JSON.parse('{"person":{"name":"张三","__proto__":{"admin":true}}}'), 'UNKNOWN_FIELD', 'person'],
    ['huge string', 'people.create', { person: { name: 'x'.repeat(10_000) } }, 'TOO_LONG', 'person.name'],
    ['huge payload', 'people.create', { person: { name: '张三', notes: 'x'.repeat(2_000_000) } }, 'PAYLOAD_TOO_LARGE'],
    ['not an object', 'people.create', 'DROP TABLE person', 'WRONG_TYPE'],
    ['array instead of object', 'people.create', [], 'WRONG_TYPE'],
    ['bad enum', 'staff.create', { username: 'aa', displayName: 'a', role: 'root', password: 'password-1', passwordConfirm: 'password-1' }, 'INVALID_CHOICE', 'role'],
    ['fractional version', 'people.update', { id: '01900000-0000-7000-8000-000000000000', version: 1.5, person: { name: 'a' } }, 'NOT_INTEGER', 'version'],
    ['bad record id', 'people.get', { id: "1' OR '1'='1" }, 'INVALID_INPUT', 'id'],
    ['bad date', 'people.create', { person: { name: '张三', birthDate: '2023-02-30' } }, 'DATE_INVALID', 'person.birthDate'],
    ['bad phone', 'people.create', { person: { name: '张三', phone: '123' } }, 'PHONE_INVALID', 'person.phone'],
    ['page too large', 'people.list', { limit: 100_000 }, 'TOO_LARGE', 'limit'],
    ['bad cursor', 'people.list', { after: 'not json' }, 'INVALID_INPUT', 'after'],
    ['cyclic or non-JSON payload', 'people.list', { limit: 10n }, 'INVALID_INPUT'],
    ['missing record', 'people.get', { id: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND', 'id'],
  ];
  for (const [label, name, input, code, field] of cases) {
    it(`refuses ${label} with ${code} and changes nothing`, async () => {
      await office.admin.call('people.create', { person: { name: '基准' } });
      const before = snapshot(office);
      const error = await office.admin.refusal(name, input);
      expect(error.code).toBe(code);
      if (field) expect(error.field).toBe(field);
      expect(error.message.length).toBeGreaterThan(0);
      expect(snapshot(office)).toBe(before);
    });
  }

  it('checks the role before the input, so strangers learn nothing about the schema', async () => {
    const stranger = new TestClient(office.core);
    expect((await stranger.refusal('people.create', { nonsense: true })).code).toBe('NOT_LOGGED_IN');
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('staff.create', { nonsense: true })).code).toBe('FORBIDDEN');
  });

  it('rolls back a handler that fails half-way and reports INTERNAL without internals', async () => {
    const rogue = new BetterSqlite3(office.dbPath);
    rogue.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_entry WHEN NEW.summary LIKE '触发失败%'
                BEGIN SELECT RAISE(ABORT, 'secret internals'); END`);
    rogue.close();
    const before = snapshot(office);
    const error = await office.admin.refusal('people.create', { person: { name: '触发失败' } });
    expect(error.code).toBe('INTERNAL');
    expect(JSON.stringify(error)).not.toContain('secret internals');
    expect(snapshot(office)).toBe(before);
  });

  it('answers in Chinese by default and can be translated', async () => {
    const error = await office.admin.refusal('people.create', { person: { name: '' } });
    expect(error.message).toBe('姓名：不能为空。');
    const { translateError } = await import('../contract/errors');
    expect(translateError(error, 'en')).toBe('Name: is required.');
  });

});

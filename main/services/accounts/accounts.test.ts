import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestOffice, TestClient, type TestOffice } from '../../../tests/support/office';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

describe('login and lockout', () => {
  it('counts wrong passwords and locks the account for 5 minutes after the fifth', async () => {
    const client = new TestClient(office.core);
    for (const left of [4, 3, 2, 1]) {
      expect(await client.call('auth.login', { username: 'admin', password: 'wrong-password' })).toEqual({ status: 'wrong-password', attemptsLeft: left });
    }
    const locked = await client.call('auth.login', { username: 'admin', password: 'wrong-password' });
    expect(locked.status).toBe('locked');
    // Even the right password is refused while locked.
    expect((await client.call('auth.login', { username: 'admin', password: ADMIN.password })).status).toBe('locked');
    office.clock.advanceMinutes(4);
    expect((await client.call('auth.login', { username: 'admin', password: ADMIN.password })).status).toBe('locked');
    office.clock.advanceMinutes(1.1);
    expect((await client.call('auth.login', { username: 'Admin', password: ADMIN.password })).status).toBe('ok');
    const { rows } = await office.admin.call('audit.list', { entity: 'staff', limit: 50 });
    expect(rows.filter((r) => r.action === 'login-failed')).toHaveLength(4);
    expect(rows.filter((r) => r.action === 'lock')).toHaveLength(1);
  });

  it('does not tell unknown usernames apart from wrong passwords by status', async () => {
    const client = new TestClient(office.core);
    expect(await client.call('auth.login', { username: 'nobody', password: 'whatever1' })).toEqual({ status: 'wrong-password', attemptsLeft: null });
  });

  it('stores only salted scrypt hashes and never writes them to the audit trail', async () => {
    office.core.close();
    const db = new BetterSqlite3(office.dbPath, { readonly: true });
    const { password_hash } = db.prepare('SELECT password_hash FROM staff').get() as { password_hash: string };
    expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    const audit = db.prepare('SELECT before_json, after_json FROM audit_entry').all();
    expect(JSON.stringify(audit)).not.toContain('scrypt$');
    expect(JSON.stringify(audit)).not.toContain(ADMIN.password);
    db.close();
  });

  it('locks the session after 15 idle minutes, on the main side', async () => {
    await office.admin.call('people.list', { limit: 1 });
    office.clock.advanceMinutes(14);
    await office.admin.call('people.list', { limit: 1 });
    office.clock.advanceMinutes(15.5);
    expect((await office.admin.refusal('people.list', { limit: 1 })).code).toBe('SESSION_EXPIRED');
    expect((await office.admin.refusal('people.list', { limit: 1 })).code).toBe('NOT_LOGGED_IN');
  });
});

describe('staff accounts', () => {
  it('enforces roles on the main side', async () => {
    const viewer = await office.clientWithRole('viewer');
    const clerk = await office.clientWithRole('clerk');
    expect((await viewer.refusal('people.create', { person: { name: '张三' } })).code).toBe('FORBIDDEN');
    expect((await clerk.refusal('staff.list', {})).code).toBe('FORBIDDEN');
    expect((await clerk.refusal('audit.list', {})).code).toBe('FORBIDDEN');
    await clerk.call('people.create', { person: { name: '张三' } });
    expect((await new TestClient(office.core).refusal('people.list', {})).code).toBe('NOT_LOGGED_IN');
  });

  it('applies a role change or disabling at the next request', async () => {
    const clerk = await office.clientWithRole('clerk', 'wang');
    const staff = await office.admin.call('staff.list', {});
    const wang = staff.find((s) => s.username === 'wang')!;
    const demoted = await office.admin.call('staff.update', { id: wang.id, version: wang.version, displayName: '王科员', role: 'viewer', disabled: false });
    expect((await clerk.refusal('people.create', { person: { name: '张三' } })).code).toBe('FORBIDDEN');
    await office.admin.call('staff.update', { id: wang.id, version: demoted.version, displayName: '王科员', role: 'viewer', disabled: true });
    expect((await clerk.refusal('people.list', {})).code).toBe('NOT_LOGGED_IN');
    expect(await new TestClient(office.core).call('auth.login', { username: 'wang', password: 'password-1234' })).toEqual({ status: 'disabled' });
  });

  it('refuses duplicate usernames, short passwords and mismatched confirmation, naming the field', async () => {
    const base = { username: 'ADMIN', displayName: '重复', role: 'clerk' as const, password: 'password-1234', passwordConfirm: 'password-1234' };
    expect(await office.admin.refusal('staff.create', base)).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
    expect(await office.admin.refusal('staff.create', { ...base, username: 'x1', password: 'short', passwordConfirm: 'short' })).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'password' });
    expect(await office.admin.refusal('staff.create', { ...base, username: 'x1', passwordConfirm: 'password-12345' })).toMatchObject({ code: 'PASSWORD_MISMATCH', field: 'passwordConfirm' });
    expect(await office.admin.refusal('staff.create', { ...base, username: 'has space' })).toMatchObject({ code: 'USERNAME_INVALID', field: 'username' });
    expect(await office.admin.call('staff.list', {})).toHaveLength(1);
  });

  it('stops admins disabling or demoting themselves, so an active admin always remains', async () => {
    const [me] = await office.admin.call('staff.list', {});
    expect((await office.admin.refusal('staff.update', { id: me!.id, version: me!.version, displayName: me!.displayName, role: 'clerk', disabled: false })).code).toBe('CANNOT_CHANGE_SELF');
    const other = await office.clientWithRole('admin', 'second');
    const list = await other.call('staff.list', {});
    const first = list.find((s) => s.username === 'admin')!;
    const demoted = await other.call('staff.update', { id: first.id, version: first.version, displayName: first.displayName, role: 'clerk', disabled: false });
    expect(demoted.role).toBe('clerk');
    const second = list.find((s) => s.username === 'second')!;
    expect((await other.refusal('staff.update', { id: second.id, version: second.version, displayName: 'x', role: 'clerk', disabled: false })).code).toBe('CANNOT_CHANGE_SELF');
  });

  it('resets a password, which also lifts a lockout', async () => {
    const client = new TestClient(office.core);
    await office.clientWithRole('clerk', 'zhao');
    for (let i = 0; i < 5; i++) await client.call('auth.login', { username: 'zhao', password: 'nope-nope' });
    const zhao = (await office.admin.call('staff.list', {})).find((s) => s.username === 'zhao')!;
    expect(zhao.lockedUntil).not.toBeNull();
    await office.admin.call('staff.resetPassword', { id: zhao.id, version: zhao.version, password: 'new-password-1', passwordConfirm: 'new-password-1' });
    expect((await client.call('auth.login', { username: 'zhao', password: 'new-password-1' })).status).toBe('ok');
  });

  it('lets a user change their own password only with the current one', async () => {
    expect(await office.admin.refusal('auth.changePassword', { currentPassword: 'bad', newPassword: 'another-pass-1', passwordConfirm: 'another-pass-1' })).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    await office.admin.call('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'another-pass-1', passwordConfirm: 'another-pass-1' });
    expect((await new TestClient(office.core).call('auth.login', { username: 'admin', password: 'another-pass-1' })).status).toBe('ok');
  });
});

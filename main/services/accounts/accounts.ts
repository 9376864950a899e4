import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { LoginResult, SessionUser } from '../../contract/areas/auth';
import type { StaffMember } from '../../contract/areas/staff';
import type { Role } from '../../contract/define';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta, newMeta } from '../record-meta';
import { checkNewPassword, hashPassword, verifyAgainstNobody, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 5;
export const IDLE_LOCK_MINUTES = 15;

type StaffRow = Selectable<StaffTable>;

export function toSessionUser(row: StaffRow): SessionUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Inserts a staff account; used by setup (first admin) and by admins. */
export async function insertStaff(
  ctx: RequestContext,
  db: Kysely<Database>,
  input: { username: string; displayName: string; role: Role; password: string; passwordConfirm: string },
): Promise<StaffRow> {
  checkNewPassword(input.password, input.passwordConfirm);
  const taken = await db
    .selectFrom('staff')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw new AppError('USERNAME_TAKEN', 'username', { username: input.username });
  const row: StaffRow = {
    ...newMeta(ctx),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    password_hash: await hashPassword(input.password),
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
  };
  await db.insertInto('staff').values(row).execute();
  await recordAudit(
    ctx,
    { action: 'create', entity: 'staff', entityId: row.id, summary: `${row.display_name} (${row.username})`, after: row },
    db,
  );
  return row;
}

export async function login(ctx: RequestContext, input: Parsed<'auth.login'>): Promise<LoginResult> {
  const db = ctx.database();
  const now = isoNow(ctx.clock);
  const row = await db
    .selectFrom('staff')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (!row) {
    await verifyAgainstNobody(input.password);
    return { status: 'wrong-password', attemptsLeft: null };
  }
  const who = { actorId: row.id, actorName: row.display_name };
  if (row.disabled) return { status: 'disabled' };
  if (row.locked_until && row.locked_until > now) return { status: 'locked', until: row.locked_until };
  const failedBefore = row.locked_until ? 0 : row.failed_logins; // an expired lock starts a fresh count
  if (!(await verifyPassword(input.password, row.password_hash))) {
    const failed = failedBefore + 1;
    const lockedUntil =
      failed >= MAX_FAILED_LOGINS ? new Date(ctx.clock.now().getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await db
      .updateTable('staff')
      .set({ failed_logins: lockedUntil ? 0 : failed, locked_until: lockedUntil })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(ctx, {
      ...who,
      action: lockedUntil ? 'lock' : 'login-failed',
      entity: 'staff',
      entityId: row.id,
      summary: `${row.username} ×${failed}`,
    });
    return lockedUntil ? { status: 'locked', until: lockedUntil } : { status: 'wrong-password', attemptsLeft: MAX_FAILED_LOGINS - failed };
  }
  await db
    .updateTable('staff')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', row.id)
    .execute();
  const user = toSessionUser(row);
  ctx.session.user = user;
  ctx.session.lastActivity = ctx.clock.now().getTime();
  await recordAudit(ctx, { ...who, action: 'login', entity: 'staff', entityId: row.id, summary: row.username });
  return { status: 'ok', user };
}

export async function logout(ctx: RequestContext): Promise<null> {
  const user = ctx.session.user;
  if (user && ctx.db) {
    await recordAudit(ctx, { action: 'logout', entity: 'staff', entityId: user.id, summary: user.username });
  }
  ctx.session.user = null;
  return null;
}

/** The current account as stored: a disabled or deleted account ends the session. */
export async function currentStaff(db: Kysely<Database>, userId: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', userId).where('disabled', '=', 0).executeTakeFirst();
}

export async function changeOwnPassword(ctx: RequestContext, input: Parsed<'auth.changePassword'>): Promise<null> {
  const db = ctx.database();
  const row = await getStaff(db, ctx.actor().id);
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError('WRONG_PASSWORD', 'currentPassword');
  }
  checkNewPassword(input.newPassword, input.passwordConfirm, 'newPassword');
  await db
    .updateTable('staff')
    .set({ password_hash: await hashPassword(input.newPassword), ...bumpedMeta(ctx, row.version) })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(ctx, { action: 'change-password', entity: 'staff', entityId: row.id, summary: row.username });
  return null;
}

async function getStaff(db: Kysely<Database>, id: string): Promise<StaffRow> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'id');
  return row;
}

export async function listStaff(ctx: RequestContext): Promise<StaffMember[]> {
  const rows = await ctx.database().selectFrom('staff').selectAll().orderBy('username').execute();
  return rows.map(toStaffMember);
}

export async function createStaff(ctx: RequestContext, input: Parsed<'staff.create'>): Promise<StaffMember> {
  return toStaffMember(await insertStaff(ctx, ctx.database(), input));
}

export async function updateStaff(ctx: RequestContext, input: Parsed<'staff.update'>): Promise<StaffMember> {
  const db = ctx.database();
  const before = await getStaff(db, input.id);
  await assertVersion(db, before, input.version);
  const isSelf = before.id === ctx.actor().id;
  // The acting admin stays an active admin, so the office can never lose its last one.
  if (isSelf && (input.disabled || input.role !== before.role)) throw new AppError('CANNOT_CHANGE_SELF');
  const after: StaffRow = {
    ...before,
    display_name: input.displayName,
    role: input.role,
    disabled: input.disabled ? 1 : 0,
    ...bumpedMeta(ctx, before.version),
  };
  await db
    .updateTable('staff')
    .set({
      display_name: after.display_name,
      role: after.role,
      disabled: after.disabled,
      version: after.version,
      updated_at: after.updated_at,
      updated_by: after.updated_by,
      updated_installation: after.updated_installation,
    })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'staff',
    entityId: before.id,
    summary: `${after.display_name} (${after.username})`,
    before,
    after,
  });
  return toStaffMember(after);
}

export async function resetStaffPassword(ctx: RequestContext, input: Parsed<'staff.resetPassword'>): Promise<StaffMember> {
  const db = ctx.database();
  const before = await getStaff(db, input.id);
  await assertVersion(db, before, input.version);
  checkNewPassword(input.password, input.passwordConfirm);
  const meta = bumpedMeta(ctx, before.version);
  await db
    .updateTable('staff')
    .set({ password_hash: await hashPassword(input.password), failed_logins: 0, locked_until: null, ...meta })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(ctx, {
    action: 'reset-password',
    entity: 'staff',
    entityId: before.id,
    summary: `${before.display_name} (${before.username})`,
  });
  return toStaffMember({ ...before, failed_logins: 0, locked_until: null, ...meta });
}

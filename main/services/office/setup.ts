import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Kysely } from 'kysely';
import { fullName, getDivision } from '../../../db/divisions';
import type { Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { OfficeInfo, SetupStatus } from '../../contract/areas/setup';
import { AppError } from '../../contract/errors';
import { insertStaff } from '../accounts/accounts';
import { checkNewPassword } from '../accounts/password';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import { makeContext, type RequestContext } from '../context';
import { uuidv7 } from '../records';

export function setupStatus(ctx: RequestContext): SetupStatus {
  return {
    configured: ctx.office !== null,
    office: ctx.office,
    defaultDatabasePath: ctx.host.defaultDatabasePath(),
    problem: ctx.host.problem(),
    newestBackup: ctx.host.problem()?.code === 'DATABASE_DAMAGED' ? ctx.host.newestBackup() : null,
  };
}

/** Checks everything the wizard asks before a file is created, so a refusal leaves nothing behind. */
function checkSetupInput(input: Parsed<'setup.create'>): void {
  const division = getDivision(input.divisionCode);
  const level = input.mode === 'county' ? 'county' : 'city';
  if (!division) throw new AppError('DIVISION_UNKNOWN', 'divisionCode', { code: input.divisionCode });
  if (division.level !== level) {
    throw new AppError(level === 'county' ? 'DIVISION_NOT_COUNTY' : 'DIVISION_NOT_CITY', 'divisionCode');
  }
  if (!isAbsolute(input.databasePath) || !/\.sqlite$/i.test(input.databasePath)) {
    throw new AppError('DATABASE_PATH_INVALID', 'databasePath');
  }
  if (existsSync(input.databasePath)) throw new AppError('DATABASE_PATH_EXISTS', 'databasePath');
  checkNewPassword(input.admin.password, input.admin.passwordConfirm, 'admin.password', 'admin.passwordConfirm');
}

export async function createOffice(ctx: RequestContext, input: Parsed<'setup.create'>): Promise<OfficeInfo> {
  if (ctx.office) throw new AppError('ALREADY_SET_UP');
  checkSetupInput(input);
  const office: OfficeInfo = {
    mode: input.mode,
    divisionCode: input.divisionCode,
    divisionName: fullName(input.divisionCode),
    name: input.officeName,
    installationId: uuidv7(),
  };
  return ctx.host.createDatabase(input.databasePath, async (db: Kysely<Database>) => {
    const officeCtx = makeContext(ctx.session, ctx.clock, office, db, ctx.host);
    const createdAt = isoNow(ctx.clock);
    await db
      .insertInto('office')
      .values({
        singleton: 1,
        installation_id: office.installationId,
        mode: office.mode,
        division_code: office.divisionCode,
        name: office.name,
        created_at: createdAt,
      })
      .execute();
    await recordAudit(
      officeCtx,
      { action: 'setup', entity: 'office', entityId: office.installationId, summary: `${office.name} (${office.divisionName})`, after: office, actorName: input.admin.displayName },
      db,
    );
    await insertStaff(officeCtx, db, { ...input.admin, role: 'admin' }).catch((error: unknown) => {
      // The wizard's fields are under "admin." in the form.
      if (error instanceof AppError && error.field) throw new AppError(error.code, `admin.${error.field}`, error.params);
      throw error;
    });
    return office;
  });
}

export async function readOffice(db: Kysely<Database>): Promise<OfficeInfo | null> {
  const row = await db.selectFrom('office').selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    mode: row.mode,
    divisionCode: row.division_code,
    divisionName: fullName(row.division_code),
    name: row.name,
    installationId: row.installation_id,
  };
}

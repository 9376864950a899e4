import { z } from 'zod';
import { request, type LedgerError } from '../define';
import { password, requiredText, username } from '../fields';
import type { BackupInfo } from './backups';

export interface OfficeInfo {
  mode: 'county' | 'city';
  divisionCode: string;
  divisionName: string;
  name: string;
  installationId: string;
}

export interface SetupStatus {
  configured: boolean;
  office: OfficeInfo | null;
  /** Where the wizard proposes to create the database. */
  defaultDatabasePath: string;
  /** Set when a configured database cannot be opened (e.g. made by a newer version). */
  problem: LedgerError | null;
  /**
   * When the problem is DATABASE_DAMAGED: the newest automatic backup that passes inspection,
   * offered for restore (`welfare-ledger restore`); null when there is none. Absent otherwise.
   */
  newestBackup?: BackupInfo | null;
}

export const adminInput = z.strictObject({
  username,
  displayName: requiredText(40),
  password,
  passwordConfirm: password,
});

export const setupRequests = {
  'setup.status': request<SetupStatus>()({ access: 'public', input: z.strictObject({}) }),
  'setup.create': request<OfficeInfo>()({
    access: 'public',
    input: z.strictObject({
      mode: z.enum(['county', 'city']),
      /** A county (6 digits) for a county office, a prefecture-level city (4 digits) for the city office. */
      divisionCode: z.string().regex(/^\d{4}(\d{2})?$/),
      officeName: requiredText(60),
      databasePath: z.string().trim().min(1).max(1024),
      admin: adminInput,
    }),
  }),
};

import { z } from 'zod';
import { request, type Role } from '../define';
import { password, recordId, requiredText, username, version } from '../fields';

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
  updatedAt: string;
}

const role = z.enum(['viewer', 'clerk', 'admin']);

export const staffRequests = {
  'staff.list': request<StaffMember[]>()({ access: 'admin', input: z.strictObject({}) }),
  'staff.create': request<StaffMember>()({
    access: 'admin',
    input: z.strictObject({ username, displayName: requiredText(40), role, password, passwordConfirm: password }),
  }),
  'staff.update': request<StaffMember>()({
    access: 'admin',
    input: z.strictObject({
      id: recordId,
      version,
      displayName: requiredText(40),
      role,
      disabled: z.boolean(),
    }),
  }),
  'staff.resetPassword': request<StaffMember>()({
    access: 'admin',
    input: z.strictObject({ id: recordId, version, password, passwordConfirm: password }),
  }),
};

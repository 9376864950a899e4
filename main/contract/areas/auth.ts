import { z } from 'zod';
import { request, type Role } from '../define';
import { password } from '../fields';
import type { OfficeInfo } from './setup';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export type LoginResult =
  | { status: 'ok'; user: SessionUser }
  | { status: 'wrong-password'; /** null when the username is unknown. */ attemptsLeft: number | null }
  | { status: 'locked'; until: string }
  | { status: 'disabled' };

export interface Me {
  user: SessionUser | null;
  office: OfficeInfo | null;
  idleLockMinutes: number;
}

export const authRequests = {
  'auth.me': request<Me>()({ access: 'public', input: z.strictObject({}) }),
  'auth.login': request<LoginResult>()({
    access: 'public',
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  }),
  'auth.logout': request<null>()({ access: 'public', input: z.strictObject({}) }),
  /** Counts typing and clicking as activity for the idle lock (the page calls it while the user works). */
  'auth.touch': request<null>()({ access: 'viewer', input: z.strictObject({}) }),
  'auth.changePassword': request<null>()({
    access: 'viewer',
    input: z.strictObject({ currentPassword: password, newPassword: password, passwordConfirm: password }),
  }),
};

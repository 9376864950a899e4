import { createContext, useContext } from 'react';
import type { OfficeInfo, Role, SessionUser } from '../contract';
import { roleAtLeast } from '../contract';

/** The logged-in user and their office, as the app shell and its pages see them. */
export interface LoggedIn {
  user: SessionUser;
  office: OfficeInfo;
  idleLockMinutes: number;
}

export interface SessionValue extends LoggedIn {
  /** True while the lock screen covers the app: modals and drawers hide (their content is kept). */
  locked: boolean;
  /** Ends the session and returns to the login page. */
  logout(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside the app shell');
  return value;
}

/** What the UI offers a role; the main side enforces the same rules anyway. */
export function useCan() {
  const { user } = useSession();
  return {
    edit: roleAtLeast(user.role, 'clerk'),
    admin: roleAtLeast(user.role, 'admin'),
    atLeast: (role: Role) => roleAtLeast(user.role, role),
  };
}

/**
 * For modals and drawers of the app: hidden (content kept) while the lock screen shows, and hidden
 * at once, without the closing animation, so nothing stays readable behind the lock screen.
 */
export function useLockAwareOverlay(opened: boolean) {
  const { locked } = useSession();
  return { opened: opened && !locked, transitionProps: locked ? { duration: 0 } : undefined };
}

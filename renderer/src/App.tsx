import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, onDatabaseProblem, onSessionLost } from './client';
import type { LedgerError, OfficeInfo, SetupStatus, SessionUser } from './contract';
import { BootFailedPage, LoadingPage, ProblemPage } from './pages/boot/BootPages';
import { LoginPage, type LockReason } from './pages/login/LoginPage';
import { SetupWizard } from './pages/setup/SetupWizard';
import { AppShellLayout } from './pages/shell/AppShellLayout';
import { useIdleLock } from './session/idle-lock';
import { SessionContext, type LoggedIn, type SessionValue } from './session/session-context';

type Screen =
  | { kind: 'loading' }
  | { kind: 'boot-failed'; error: unknown }
  | { kind: 'problem'; problem: NonNullable<SetupStatus['problem']> }
  | { kind: 'wizard'; status: SetupStatus }
  | { kind: 'login'; office: OfficeInfo | null; username?: string; reason?: LockReason }
  /** `lock` set: the lock screen covers the still-mounted app; `generation` remounts it for another user. */
  | { kind: 'app'; session: LoggedIn; lock: { reason: LockReason } | null; generation: number };

async function loadSession(): Promise<LoggedIn | null> {
  const me = await call('auth.me', {});
  if (!me.user || !me.office) return null;
  return { user: me.user, office: me.office, idleLockMinutes: me.idleLockMinutes };
}

/** Boot: setup.status → problem | wizard | auth.me → login | app. */
export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const boot = useCallback(async () => {
    setScreen({ kind: 'loading' });
    try {
      const status = await call('setup.status', {});
      if (status.problem) return setScreen({ kind: 'problem', problem: status.problem });
      if (!status.configured) return setScreen({ kind: 'wizard', status });
      const session = await loadSession();
      setScreen(session ? { kind: 'app', session, lock: null, generation: 1 } : { kind: 'login', office: status.office });
    } catch (error) {
      setScreen({ kind: 'boot-failed', error });
    }
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  const lock = useCallback((reason: LockReason) => {
    setScreen((current) => (current.kind === 'app' && !current.lock ? { ...current, lock: { reason } } : current));
  }, []);

  // Any call refused with SESSION_EXPIRED / NOT_LOGGED_IN brings up the lock screen.
  useEffect(
    () =>
      onSessionLost((error: LedgerError) => {
        lock(error.code === 'SESSION_EXPIRED' ? 'idle' : 'session-ended');
      }),
    [lock],
  );

  // The start-up integrity check runs in the background: damage it finds reaches the screen at the next call.
  useEffect(() => onDatabaseProblem((problem: LedgerError) => setScreen({ kind: 'problem', problem })), []);

  const appActive = screen.kind === 'app' && !screen.lock;
  const idleMinutes = screen.kind === 'app' ? screen.session.idleLockMinutes : 0;
  useIdleLock(appActive, idleMinutes, () => {
    lock('idle');
    call('auth.logout', {}).catch(() => undefined);
  });

  const logout = useCallback(() => {
    const office = screen.kind === 'app' ? screen.session.office : null;
    call('auth.logout', {}).catch(() => undefined);
    setScreen({ kind: 'login', office });
  }, [screen]);

  /** After any successful login: reload who we are; keep the app's state if the same user unlocked it. */
  const loggedIn = useCallback(
    async (user: SessionUser) => {
      const session = await loadSession();
      if (!session) return void boot();
      setScreen((current) => {
        if (current.kind === 'app' && current.session.user.id === user.id) {
          return { kind: 'app', session, lock: null, generation: current.generation };
        }
        const generation = current.kind === 'app' ? current.generation + 1 : 1;
        return { kind: 'app', session, lock: null, generation };
      });
    },
    [boot],
  );

  const sessionValue = useMemo<SessionValue | null>(
    () => (screen.kind === 'app' ? { ...screen.session, locked: screen.lock !== null, logout } : null),
    [screen, logout],
  );

  switch (screen.kind) {
    case 'loading':
      return <LoadingPage />;
    case 'boot-failed':
      return <BootFailedPage error={screen.error} onRetry={() => void boot()} />;
    case 'problem':
      return <ProblemPage problem={screen.problem} onRetry={() => void boot()} />;
    case 'wizard':
      return (
        <SetupWizard
          status={screen.status}
          onCreated={(office, username) => setScreen({ kind: 'login', office, username })}
        />
      );
    case 'login':
      return <LoginPage office={screen.office} initialUsername={screen.username} reason={screen.reason} onLoggedIn={loggedIn} />;
    case 'app':
      return (
        <>
          {screen.lock && (
            <LoginPage
              office={screen.session.office}
              initialUsername={screen.session.user.username}
              reason={screen.lock.reason}
              onLoggedIn={loggedIn}
            />
          )}
          <div style={screen.lock ? { display: 'none' } : undefined} aria-hidden={screen.lock ? true : undefined}>
            <SessionContext value={sessionValue}>
              <AppShellLayout key={screen.generation} />
            </SessionContext>
          </div>
        </>
      );
  }
}

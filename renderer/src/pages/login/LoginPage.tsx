import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { CenteredPage } from '../../components/CenteredPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { LoginResult, OfficeInfo, SessionUser } from '../../contract';
import { formatTimeOrDateTime } from '../../format';
import { useT } from '../../i18n';
import { PasswordField } from '../../components/PasswordField';

/** Why the lock screen shows: idle (here or on the main side), or the session ended otherwise. */
export type LockReason = 'idle' | 'session-ended';

type Refusal = Exclude<LoginResult, { status: 'ok' }>;

/** The login page, and the lock screen (with `reason`) after idle or a lost session. */
export function LoginPage(props: {
  office: OfficeInfo | null;
  initialUsername?: string;
  reason?: LockReason;
  onLoggedIn(user: SessionUser): Promise<void> | void;
}) {
  const { t } = useT();
  const [username, setUsername] = useState(props.initialUsername ?? '');
  const [password, setPassword] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A known username (after setup, or on the lock screen) needs only the password.
    (props.initialUsername ? passwordRef : usernameRef).current?.focus();
  }, [props.initialUsername]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    const nowMissing = { username: !name, password: !password };
    setMissing(nowMissing);
    if (nowMissing.username || nowMissing.password) return;
    setBusy(true);
    setRefusal(null);
    setError(null);
    try {
      const result = await call('auth.login', { username: name, password });
      if (result.status === 'ok') {
        setPassword('');
        await props.onLoggedIn(result.user);
        return;
      }
      setRefusal(result);
      // A wrong password is cleared for the next try; a locked or disabled account's is kept (it was not checked).
      if (result.status === 'wrong-password') setPassword('');
      passwordRef.current?.focus();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredPage>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <div>
            <Title order={3}>{props.reason ? t('login.lockedTitle') : t('login.title')}</Title>
            {props.office && (
              <Text size="sm" c="dimmed">
                {props.office.name}（{props.office.divisionName}）
              </Text>
            )}
          </div>
          {props.reason && (
            <Alert color="orange" variant="light">
              {props.reason === 'idle' ? t('login.reason.idle') : t('login.reason.sessionEnded')}
            </Alert>
          )}
          {refusal && <RefusalAlert refusal={refusal} />}
          <ErrorAlert error={error} />
          <TextInput
            ref={usernameRef}
            label={t('field.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={missing.username ? t('login.usernameMissing') : undefined}
            autoComplete="username"
            spellCheck={false}
          />
          <PasswordField
            ref={passwordRef}
            label={t('field.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password ? t('login.passwordMissing') : undefined}
            autoComplete="current-password"
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredPage>
  );
}

function RefusalAlert({ refusal }: { refusal: Refusal }) {
  const { t } = useT();
  switch (refusal.status) {
    case 'wrong-password':
      return (
        <Alert color="red" variant="light" role="alert">
          {typeof refusal.attemptsLeft === 'number'
            ? t('login.wrongPasswordAttemptsLeft', { count: refusal.attemptsLeft })
            : t('login.wrongPassword')}
        </Alert>
      );
    case 'locked':
      return (
        <Alert color="red" variant="light" role="alert">
          {t('login.locked', { time: formatTimeOrDateTime(refusal.until) })}
        </Alert>
      );
    case 'disabled':
      return (
        <Alert color="red" variant="light" role="alert">
          {t('login.disabled')}
        </Alert>
      );
  }
}

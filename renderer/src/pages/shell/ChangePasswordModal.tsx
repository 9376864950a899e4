import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';
import { PasswordField } from '../../components/PasswordField';

const FIELDS = ['currentPassword', 'newPassword', 'passwordConfirm'] as const;

/** 修改密码: current, new, again → auth.changePassword. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(opened);
  return (
    <Modal {...overlay} onClose={onClose} title={t('password.changeTitle')} centered>
      <ChangePasswordForm onClose={onClose} />
    </Modal>
  );
}

function ChangePasswordForm({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', passwordConfirm: '' });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = useFormErrors(FIELDS);

  const set = (field: (typeof FIELDS)[number], value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    errors.setFieldError(field, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if (!values.currentPassword) return errors.setFieldError('currentPassword', clientError('REQUIRED', 'currentPassword'));
    if ([...values.newPassword].length < 8) return errors.setFieldError('newPassword', clientError('PASSWORD_TOO_SHORT', 'newPassword'));
    if (values.newPassword !== values.passwordConfirm) {
      return errors.setFieldError('passwordConfirm', clientError('PASSWORD_MISMATCH', 'passwordConfirm'));
    }
    setBusy(true);
    try {
      await call('auth.changePassword', values);
      setDone(true);
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Stack>
        <Alert color="green" variant="light" role="status">
          {t('password.changed')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <ErrorAlert error={errors.general} />
        <PasswordField
          label={t('password.current')}
          value={values.currentPassword}
          onChange={(e) => set('currentPassword', e.currentTarget.value)}
          error={errors.errorFor('currentPassword')}
          autoComplete="current-password"
          data-autofocus
        />
        <PasswordField
          label={t('password.new')}
          description={t('field.passwordHelp')}
          value={values.newPassword}
          onChange={(e) => set('newPassword', e.currentTarget.value)}
          error={errors.errorFor('newPassword')}
          autoComplete="new-password"
        />
        <PasswordField
          label={t('password.again')}
          value={values.passwordConfirm}
          onChange={(e) => set('passwordConfirm', e.currentTarget.value)}
          error={errors.errorFor('passwordConfirm')}
          autoComplete="new-password"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('password.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

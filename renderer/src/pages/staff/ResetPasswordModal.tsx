import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import type { StaffMember } from '../../contract';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';
import { REQUIRED_LABEL } from '../../components/required-label';
import { PasswordField } from '../../components/PasswordField';

const FIELDS = ['password', 'passwordConfirm'] as const;

/** 重置密码: a new password twice → staff.resetPassword (also ends a lockout). */
export function ResetPasswordModal(props: { opened: boolean; member: StaffMember | null; onClose(): void; onDone(member: StaffMember): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened && props.member !== null);
  return (
    <Modal
      {...overlay}
      onClose={props.onClose}
      title={props.member ? t('staff.resetTitle', { username: props.member.username }) : ''}
      centered
    >
      {props.member && <ResetPasswordForm key={props.member.id} {...props} member={props.member} />}
    </Modal>
  );
}

function ResetPasswordForm({ member, onClose, onDone }: { member: StaffMember; onClose(): void; onDone(member: StaffMember): void }) {
  const { t } = useT();
  const [values, setValues] = useState({ password: '', passwordConfirm: '' });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const set = (key: (typeof FIELDS)[number], value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.setFieldError(key, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if ([...values.password].length < 8) return errors.setFieldError('password', clientError('PASSWORD_TOO_SHORT', 'password'));
    if (values.password !== values.passwordConfirm) {
      return errors.setFieldError('passwordConfirm', clientError('PASSWORD_MISMATCH', 'passwordConfirm'));
    }
    setBusy(true);
    try {
      onDone(await call('staff.resetPassword', { id: member.id, version: member.version, ...values }));
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm">{t('staff.resetHelp', { name: member.displayName })}</Text>
        <ErrorAlert error={errors.general} />
        <PasswordField
          label={t('password.new')}
          description={t('field.passwordHelp')}
          value={values.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={errors.errorFor('password')}
          autoComplete="new-password"
          labelProps={REQUIRED_LABEL}
          data-autofocus
        />
        <PasswordField
          label={t('password.again')}
          value={values.passwordConfirm}
          onChange={(e) => set('passwordConfirm', e.currentTarget.value)}
          error={errors.errorFor('passwordConfirm')}
          autoComplete="new-password"
          labelProps={REQUIRED_LABEL}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('staff.resetSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

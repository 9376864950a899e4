import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { RoleSelect } from '../../components/RoleSelect';
import type { Role, StaffMember } from '../../contract';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';
import { REQUIRED_LABEL } from '../../components/required-label';
import { PasswordField } from '../../components/PasswordField';

const FIELDS = ['username', 'displayName', 'role', 'password', 'passwordConfirm'] as const;

/** 新增工作人员. */
export function StaffCreateModal(props: { opened: boolean; onClose(): void; onCreated(member: StaffMember): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened);
  return (
    <Modal {...overlay} onClose={props.onClose} title={t('staff.newTitle')} centered>
      <StaffCreateForm {...props} />
    </Modal>
  );
}

function StaffCreateForm({ onClose, onCreated }: { onClose(): void; onCreated(member: StaffMember): void }) {
  const { t } = useT();
  const [values, setValues] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '', passwordConfirm: '' });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.setFieldError(key, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<(typeof FIELDS)[number], ReturnType<typeof clientError>>> = {};
    if (!values.username.trim()) found.username = clientError('REQUIRED', 'username');
    else if (!/^[A-Za-z0-9._-]{2,32}$/.test(values.username.trim())) found.username = clientError('USERNAME_INVALID', 'username');
    if (!values.displayName.trim()) found.displayName = clientError('REQUIRED', 'displayName');
    if ([...values.password].length < 8) found.password = clientError('PASSWORD_TOO_SHORT', 'password');
    else if (values.password !== values.passwordConfirm) found.passwordConfirm = clientError('PASSWORD_MISMATCH', 'passwordConfirm');
    errors.setFieldErrors(found);
    errors.setGeneral(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onCreated(
        await call('staff.create', {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          password: values.password,
          passwordConfirm: values.passwordConfirm,
        }),
      );
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <ErrorAlert error={errors.general} />
        <TextInput
          label={t('field.username')}
          description={t('field.usernameHelp')}
          value={values.username}
          onChange={(e) => set('username', e.currentTarget.value)}
          error={errors.errorFor('username')}
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          labelProps={REQUIRED_LABEL}
          data-autofocus
        />
        <TextInput
          label={t('field.displayName')}
          value={values.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
          error={errors.errorFor('displayName')}
          maxLength={40}
          labelProps={REQUIRED_LABEL}
        />
        <RoleSelect value={values.role} onChange={(role) => set('role', role)} error={errors.errorFor('role')} />
        <PasswordField
          label={t('field.password')}
          description={t('field.passwordHelp')}
          value={values.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={errors.errorFor('password')}
          autoComplete="new-password"
          labelProps={REQUIRED_LABEL}
        />
        <PasswordField
          label={t('field.passwordConfirm')}
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
            {t('staff.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { RoleSelect } from '../../components/RoleSelect';
import type { StaffMember } from '../../contract';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';
import { REQUIRED_LABEL } from '../../components/required-label';

const FIELDS = ['displayName', 'role', 'disabled'] as const;

/** 编辑工作人员: name, role, disabled → staff.update with the version read. */
export function StaffEditModal(props: { opened: boolean; member: StaffMember | null; isSelf: boolean; onClose(): void; onSaved(member: StaffMember): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened && props.member !== null);
  return (
    <Modal
      {...overlay}
      onClose={props.onClose}
      title={props.member ? t('staff.editTitle', { username: props.member.username }) : ''}
      centered
    >
      {props.member && <StaffEditForm key={props.member.id} {...props} member={props.member} />}
    </Modal>
  );
}

function StaffEditForm({ member, isSelf, onClose, onSaved }: { member: StaffMember; isSelf: boolean; onClose(): void; onSaved(member: StaffMember): void }) {
  const { t } = useT();
  const [values, setValues] = useState({ displayName: member.displayName, role: member.role, disabled: member.disabled });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if (!values.displayName.trim()) return errors.setFieldError('displayName', clientError('REQUIRED', 'displayName'));
    setBusy(true);
    try {
      onSaved(
        await call('staff.update', {
          id: member.id,
          version: member.version,
          displayName: values.displayName.trim(),
          role: values.role,
          disabled: values.disabled,
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
          label={t('field.displayName')}
          value={values.displayName}
          onChange={(e) => {
            const displayName = e.currentTarget.value;
            setValues((v) => ({ ...v, displayName }));
            errors.setFieldError('displayName', null);
          }}
          error={errors.errorFor('displayName')}
          maxLength={40}
          labelProps={REQUIRED_LABEL}
          data-autofocus
        />
        <RoleSelect
          value={values.role}
          onChange={(role) => setValues((v) => ({ ...v, role }))}
          error={errors.errorFor('role')}
          disabled={isSelf}
        />
        <Switch
          label={t('staff.disableAccount')}
          description={t('staff.disableHelp')}
          checked={values.disabled}
          onChange={(e) => {
            const disabled = e.currentTarget.checked;
            setValues((v) => ({ ...v, disabled }));
          }}
          error={errors.errorFor('disabled')}
          disabled={isSelf}
        />
        {isSelf && (
          <Text size="sm" c="dimmed">
            {t('staff.selfNote')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

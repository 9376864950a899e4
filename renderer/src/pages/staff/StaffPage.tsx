import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { StaffMember } from '../../contract';
import { formatDateTime, formatTimeOrDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/session-context';
import { ResetPasswordModal } from './ResetPasswordModal';
import { StaffCreateModal } from './StaffCreateModal';
import { StaffEditModal } from './StaffEditModal';

/** The open dialog; kept (with open: false) while it closes so its content does not vanish mid-animation. */
type Dialog = ({ kind: 'create' } | { kind: 'edit'; member: StaffMember } | { kind: 'reset'; member: StaffMember }) & { open: boolean };

/** 工作人员 (admins): accounts, roles, disabling, password resets. */
export function StaffPage() {
  const { t } = useT();
  const { user } = useSession();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const closeDialog = () => setDialog((d) => (d ? { ...d, open: false } : d));
  /** What was just done, worded at render time (so it follows the language switch). */
  const [notice, setNotice] = useState<{ key: MessageKey; name: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setStaff(await call('staff.list', {}));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const done = (key: MessageKey, member: StaffMember) => {
    closeDialog();
    setNotice({ key, name: member.displayName });
    void load();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.staff')}</Title>
        <Button
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'create', open: true });
          }}
        >
          {t('staff.new')}
        </Button>
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {t(notice.key, { name: notice.name })}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {staff && (
        <Table striped withTableBorder verticalSpacing="xs" bg="white" aria-label={t('nav.staff')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.username')}</Table.Th>
              <Table.Th>{t('field.displayName')}</Table.Th>
              <Table.Th>{t('field.role')}</Table.Th>
              <Table.Th>{t('staff.status')}</Table.Th>
              <Table.Th>{t('staff.lastLogin')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Td>
                  {member.username}
                  {member.id === user.id && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t('staff.self')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{member.displayName}</Table.Td>
                <Table.Td>{t(`role.${member.role}`)}</Table.Td>
                <Table.Td>
                  <StaffStatus member={member} />
                </Table.Td>
                <Table.Td>{member.lastLoginAt ? formatDateTime(member.lastLoginAt, false) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', member, open: true })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'reset', member, open: true })}>
                      {t('staff.resetPassword')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <StaffCreateModal
        opened={dialog?.kind === 'create' && dialog.open}
        onClose={closeDialog}
        onCreated={(m) => done('staff.created', m)}
      />
      <StaffEditModal
        opened={dialog?.kind === 'edit' && dialog.open}
        member={dialog?.kind === 'edit' ? dialog.member : null}
        isSelf={dialog?.kind === 'edit' && dialog.member.id === user.id}
        onClose={closeDialog}
        onSaved={(m) => done('staff.updated', m)}
      />
      <ResetPasswordModal
        opened={dialog?.kind === 'reset' && dialog.open}
        member={dialog?.kind === 'reset' ? dialog.member : null}
        onClose={closeDialog}
        onDone={(m) => done('staff.passwordReset', m)}
      />
    </Stack>
  );
}

function StaffStatus({ member }: { member: StaffMember }) {
  const { t } = useT();
  if (member.disabled) {
    return (
      <Badge color="gray" variant="light">
        {t('staff.disabled')}
      </Badge>
    );
  }
  if (member.lockedUntil && new Date(member.lockedUntil).getTime() > Date.now()) {
    return (
      <Badge color="orange" variant="light">
        {t('staff.lockedUntil', { time: formatTimeOrDateTime(member.lockedUntil) })}
      </Badge>
    );
  }
  return (
    <Badge color="green" variant="light">
      {t('staff.active')}
    </Badge>
  );
}

import { Alert, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { KeyFile, KeysStatus, SigningKeyInfo } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { downloadKeyFile } from './key-files';
import { KeySection } from './KeySection';
import { useActions } from '../../hooks/useActions';

/** The county's signing key: its fingerprint; for an admin, make it, export its public file, rotate it. */
export function SigningKeySection(props: { status: KeysStatus; onChanged(status: KeysStatus): void }) {
  const { t } = useT();
  const can = useCan();
  const actions = useActions<'create' | 'rotate' | 'export'>();
  const { busy } = actions;
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotation, setRotation] = useState<KeyFile | null>(null);
  const key = props.status.signing;

  const act = (what: 'create' | 'rotate' | 'export') =>
    actions.run(what, async () => {
      try {
        if (what === 'export') return downloadKeyFile(await call('keys.publicFile', {}));
        if (what === 'create') {
          props.onChanged(await call('keys.create', {}));
          return t('keys.created');
        }
        const { status, rotationFile } = await call('keys.rotate', {});
        props.onChanged(status);
        setRotation(rotationFile);
      } finally {
        setConfirmRotate(false);
      }
    });

  return (
    <KeySection title={t('keys.signingTitle')} testId="signing-key" actions={actions} help={t('keys.signingHelp')}>
      {rotation && (
        <Alert color="green" variant="light" role="status" title={t('keys.rotated')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setRotation(null)}>
          <Stack gap="xs">
            <Text size="sm">{t('keys.rotatedHelp')}</Text>
            <Button w="fit-content" onClick={() => downloadKeyFile(rotation)}>
              {t('keys.downloadRotation')}
            </Button>
          </Stack>
        </Alert>
      )}
      {key ? (
        <>
          <FingerprintView fingerprint={key.fingerprint} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <SummaryItem label={t('keys.createdAt')}>{formatDateTime(key.createdAt, false)}</SummaryItem>
            <SummaryItem label={t('keys.createdBy')}>{key.createdBy}</SummaryItem>
            <SummaryItem label={t('keys.protectedBy')}>{t(`keys.keystore.${key.keystore}`)}</SummaryItem>
          </SimpleGrid>
          {!key.usableHere && (
            <Alert color="orange" variant="light" data-testid="key-elsewhere">
              {t('keys.notUsableHere', { kind: t(`keys.keystore.${key.keystore}`) })}
            </Alert>
          )}
          {can.admin && (
            <Group gap="sm">
              <Button variant="default" onClick={() => void act('export')} loading={busy === 'export'}>
                {t('keys.exportPublic')}
              </Button>
              <Button variant="default" color="orange" onClick={() => setConfirmRotate(true)} disabled={busy !== null}>
                {t('keys.rotate')}
              </Button>
            </Group>
          )}
          {can.admin && (
            <Text size="xs" c="dimmed">
              {t('keys.exportPublicHelp')}
            </Text>
          )}
        </>
      ) : (
        <Group gap="sm" justify="space-between">
          <Text size="sm" data-testid="no-signing-key">
            {t(can.admin ? 'keys.noSigningAdmin' : 'keys.noSigning')}
          </Text>
          {can.admin && (
            <Button onClick={() => void act('create')} loading={busy === 'create'}>
              {t('keys.createSigning')}
            </Button>
          )}
        </Group>
      )}
      {props.status.retiredSigning.length > 0 && <RetiredKeys keys={props.status.retiredSigning} />}
      <ConfirmModal
        opened={confirmRotate}
        title={t('keys.rotateTitle')}
        confirmLabel={t('keys.rotate')}
        color="orange"
        busy={busy === 'rotate'}
        onCancel={() => setConfirmRotate(false)}
        onConfirm={() => void act('rotate')}
      >
        {t('keys.rotateText')}
      </ConfirmModal>
    </KeySection>
  );
}

/** Keys rotated out: their fingerprints, and each one's rotation statement again (a lost file). */
function RetiredKeys({ keys }: { keys: SigningKeyInfo[] }) {
  const { t } = useT();
  const [error, setError] = useState<unknown>(null);
  const download = async (keyId: string) => {
    setError(null);
    try {
      downloadKeyFile(await call('keys.rotationFile', { keyId }));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('keys.retiredTitle')}
      </Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('keys.retiredTitle')}>
          <Table.Thead className="nowrap-head">
            <Table.Tr>
              <Table.Th>{t('fingerprint.digits')}</Table.Th>
              <Table.Th>{t('keys.createdAt')}</Table.Th>
              <Table.Th>{t('keys.retiredAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td ff="monospace">{k.fingerprint.digits}</Table.Td>
                <Table.Td className="money">{formatDateTime(k.createdAt, false)}</Table.Td>
                <Table.Td className="money">{formatDateTime(k.retiredAt, false)}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="subtle" onClick={() => void download(k.id)}>
                    {t('keys.downloadRotation')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

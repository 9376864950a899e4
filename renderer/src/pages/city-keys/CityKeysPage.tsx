import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ActionModal } from '../../components/ActionModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CountyKeyRow, CountyStatus } from '../../contract';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { KeyFileCheck } from '../keys/KeyFileCheck';
import { CountyCard } from './CountyCard';
import { RevokeModal } from './RevokeModal';

/**
 * 县区密钥 (city): each county of the city with the key its bundles must be signed with, where its
 * sequence stands, and its key history. An admin enrolls a county's key (fingerprint checked by
 * phone), takes in a rotation statement, or revokes a key.
 */
export function CityKeysPage() {
  const { t } = useT();
  const can = useCan();
  const [counties, setCounties] = useState<CountyStatus[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'enroll' | 'rotate' | null>(null);
  const [revoking, setRevoking] = useState<CountyKeyRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setCounties(await call('cityKeys.list', {}));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const done = (message: string) => {
    setDialog(null);
    setRevoking(null);
    setNotice(message);
    void load();
  };

  const enroll = async (content: string, confirmedFingerprint: string) => {
    const key = await call('cityKeys.enroll', { content, confirmedFingerprint });
    done(t('cityKeys.enrolled', { county: key.countyName }));
  };

  const rotate = async (content: string) => {
    const key = await call('cityKeys.rotate', { content });
    done(t('cityKeys.rotated', { county: key.countyName }));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.city-keys')}</Title>
        {can.admin && (
          <Group gap="sm">
            <Button onClick={() => setDialog('enroll')}>{t('cityKeys.enroll')}</Button>
            <Button variant="default" onClick={() => setDialog('rotate')}>
              {t('cityKeys.importRotation')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('cityKeys.intro')}
      </Text>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {counties === null && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {counties?.length === 0 && (
        <Paper withBorder p="lg" radius="md" bg="white">
          <Text size="sm" c="dimmed">
            {t('cityKeys.noCounties')}
          </Text>
        </Paper>
      )}
      {counties?.map((county) => <CountyCard key={county.countyCode} county={county} onRevoke={setRevoking} />)}
      <ActionModal opened={dialog === 'enroll'} title={t('cityKeys.enrollTitle')} size={720} onClose={() => setDialog(null)}>
        <Stack gap="sm">
          <Text size="sm">{t('cityKeys.enrollHelp')}</Text>
          <KeyFileCheck kind="county-key" confirmLabel={t('cityKeys.enrollConfirm')} onConfirm={enroll} onCancel={() => setDialog(null)} />
        </Stack>
      </ActionModal>
      <ActionModal opened={dialog === 'rotate'} title={t('cityKeys.rotateTitle')} size={760} onClose={() => setDialog(null)}>
        <Stack gap="sm">
          <Text size="sm">{t('cityKeys.rotateHelp')}</Text>
          <KeyFileCheck kind="key-rotation" confirmLabel={t('cityKeys.rotateConfirm')} onConfirm={rotate} onCancel={() => setDialog(null)} />
        </Stack>
      </ActionModal>
      <RevokeModal keyRow={revoking} onClose={() => setRevoking(null)} onRevoked={(key) => done(t('cityKeys.revoked', { county: key.countyName }))} />
    </Stack>
  );
}

import { Alert, Button, Group, SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { KeysStatus } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { downloadKeyFile } from './key-files';
import { KeySection } from './KeySection';

/** City side: the city's own key pair (made once); its public file goes to every county. */
export function CityIdentitySection(props: { status: KeysStatus; onChanged(status: KeysStatus): void }) {
  const { t } = useT();
  const can = useCan();
  const [busy, setBusy] = useState<'create' | 'export' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = props.status.cityIdentity;

  const act = async (what: 'create' | 'export') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'create') {
        props.onChanged(await call('keys.create', {}));
        setNotice(t('keys.cityIdentityCreated'));
      } else {
        downloadKeyFile(await call('keys.publicFile', {}));
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <KeySection title={t('keys.cityIdentityTitle')} testId="city-identity">
      <Text size="sm" c="dimmed">
        {t('keys.cityIdentityHelp')}
      </Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {key ? (
        <>
          <FingerprintView fingerprint={key.fingerprint} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <SummaryItem label={t('keyFile.office')}>{key.office}</SummaryItem>
            <SummaryItem label={t('keys.createdAt')}>{formatDateTime(key.at, false)}</SummaryItem>
            <SummaryItem label={t('keys.createdBy')}>{key.by}</SummaryItem>
          </SimpleGrid>
          {can.admin && (
            <>
              <Group>
                <Button variant="default" onClick={() => void act('export')} loading={busy === 'export'}>
                  {t('keys.exportCityKey')}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {t('keys.exportCityKeyHelp')}
              </Text>
            </>
          )}
        </>
      ) : (
        <Group gap="sm" justify="space-between">
          <Text size="sm" data-testid="no-city-identity">
            {t(can.admin ? 'keys.noCityIdentityAdmin' : 'keys.noCityIdentity')}
          </Text>
          {can.admin && (
            <Button onClick={() => void act('create')} loading={busy === 'create'}>
              {t('keys.createCityIdentity')}
            </Button>
          )}
        </Group>
      )}
    </KeySection>
  );
}

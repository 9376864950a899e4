import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { KeysStatus } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { KeyFileCheck } from './KeyFileCheck';
import { KeySection } from './KeySection';

/** County side: the city's public key that bundles are encrypted to, and (admin) taking it in. */
export function CityKeySection(props: { status: KeysStatus; onChanged(status: KeysStatus): void }) {
  const { t } = useT();
  const can = useCan();
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const key = props.status.cityKey;

  const confirm = async (content: string, confirmedFingerprint: string) => {
    const status = await call('keys.importCityKey', { content, confirmedFingerprint });
    props.onChanged(status);
    setImporting(false);
    setNotice(t('keys.cityKeyImported', { office: status.cityKey?.office ?? '' }));
  };

  return (
    <KeySection title={t('keys.cityKeyTitle')} testId="city-key" help={t('keys.cityKeyHelp')}>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {key ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <SummaryItem label={t('keyFile.city')}>
              {key.cityName}（{key.cityCode}）
            </SummaryItem>
            <SummaryItem label={t('keyFile.office')}>{key.office}</SummaryItem>
            <SummaryItem label={t('keys.importedAt')}>
              {formatDateTime(key.at, false)}
              {key.by ? ` · ${key.by}` : ''}
            </SummaryItem>
          </SimpleGrid>
          <FingerprintView fingerprint={key.fingerprint} />
        </>
      ) : (
        <Text size="sm" data-testid="no-city-key">
          {t(can.admin ? 'keys.noCityKeyAdmin' : 'keys.noCityKey')}
        </Text>
      )}
      {can.admin &&
        (importing ? (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t(key ? 'keys.replaceCityKey' : 'keys.importCityKey')}
            </Text>
            <KeyFileCheck kind="city-key" confirmLabel={t('keys.importCityKeyConfirm')} onConfirm={confirm} onCancel={() => setImporting(false)} />
          </Stack>
        ) : (
          <Group>
            <Button
              variant={key ? 'default' : 'filled'}
              onClick={() => {
                setNotice(null);
                setImporting(true);
              }}
            >
              {t(key ? 'keys.replaceCityKey' : 'keys.importCityKey')}
            </Button>
          </Group>
        ))}
    </KeySection>
  );
}

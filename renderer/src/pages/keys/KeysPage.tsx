import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { KeysStatus } from '../../contract';
import { useT } from '../../i18n';
import { CityIdentitySection } from './CityIdentitySection';
import { CityKeySection } from './CityKeySection';
import { SigningKeySection } from './SigningKeySection';

/**
 * 密钥. A county: its signing key (made once, replaced by rotating) and the city's key its bundles
 * are encrypted to. The city: its own key pair, whose public half goes to the counties. Only
 * public halves and fingerprints are ever shown; administrators change things, others read.
 */
export function KeysPage() {
  const { t } = useT();
  const [status, setStatus] = useState<KeysStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const loaded = await call('keys.status', {});
      if (mine === seq.current) {
        setStatus(loaded);
        setError(null);
      }
    } catch (caught) {
      if (mine === seq.current) setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.keys')}</Title>
      <ErrorAlert error={error} />
      {!status && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {status && (
        <>
          {!status.keystore.strong && (
            <Alert color="yellow" variant="light" title={t('keys.weakTitle')} data-testid="weak-keystore">
              <Text size="sm">{t(status.keystore.kind === 'passphrase' ? 'keys.weakPassphrase' : 'keys.weakText')}</Text>
            </Alert>
          )}
          {status.mode === 'county' ? (
            <>
              <SigningKeySection status={status} onChanged={setStatus} />
              <CityKeySection status={status} onChanged={setStatus} />
            </>
          ) : (
            <CityIdentitySection status={status} onChanged={setStatus} />
          )}
        </>
      )}
    </Stack>
  );
}

import { Button, Group, SimpleGrid, Text } from '@mantine/core';
import { call } from '../../client';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { KeysStatus } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { downloadKeyFile } from './key-files';
import { KeySection } from './KeySection';
import { useActions } from '../../hooks/useActions';

/** City side: the city's own key pair (made once); its public file goes to every county. */
export function CityIdentitySection(props: { status: KeysStatus; onChanged(status: KeysStatus): void }) {
  const { t } = useT();
  const can = useCan();
  const actions = useActions<'create' | 'export'>();
  const { busy } = actions;
  const key = props.status.cityIdentity;

  const act = (what: 'create' | 'export') =>
    actions.run(what, async () => {
      if (what === 'export') return downloadKeyFile(await call('keys.publicFile', {}));
      props.onChanged(await call('keys.create', {}));
      return t('keys.cityIdentityCreated');
    });

  return (
    <KeySection title={t('keys.cityIdentityTitle')} testId="city-identity" actions={actions} help={t('keys.cityIdentityHelp')}>
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

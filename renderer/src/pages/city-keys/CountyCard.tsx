import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { CountyKeyRow, CountyStatus } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';

export const KEY_STATE_COLORS: Record<CountyKeyRow['state'], string> = { active: 'green', rotated: 'gray', revoked: 'red' };

/** One county: its active key's fingerprint, where its bundles stand, and every key it had. */
export function CountyCard(props: { county: CountyStatus; onRevoke(key: CountyKeyRow): void }) {
  const { t } = useT();
  const can = useCan();
  const { county } = props;
  const active = county.activeKey;
  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={county.countyName} data-testid="county-card" data-county={county.countyCode}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="sm" align="center">
            <Title order={5}>{county.countyName}</Title>
            <Text size="sm" c="dimmed">
              {county.countyCode}
            </Text>
            {active ? (
              <Badge color="green" variant="light" className="badge-full">
                {t('cityKeys.state.active')}
              </Badge>
            ) : (
              <Badge color="gray" variant="outline" className="badge-full" data-testid="no-key">
                {t('cityKeys.noKey')}
              </Badge>
            )}
          </Group>
          {can.admin && active && (
            <Button size="xs" variant="light" color="red" onClick={() => props.onRevoke(active)}>
              {t('cityKeys.revoke')}
            </Button>
          )}
        </Group>
        {!active && county.keys.length === 0 && county.bundles === 0 ? (
          <Text size="sm" c="dimmed">
            {t('cityKeys.noKeyHelp')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <SummaryItem label={t('cityKeys.office')}>{(active ?? county.keys[0])?.office}</SummaryItem>
            <SummaryItem label={t('cityKeys.lastSequence')}>{county.lastSequence === null ? t('cityKeys.noneYet') : String(county.lastSequence)}</SummaryItem>
            <SummaryItem label={t('cityKeys.lastImport')}>{county.lastImportedAt ? formatDateTime(county.lastImportedAt, false) : t('cityKeys.noneYet')}</SummaryItem>
            <SummaryItem label={t('cityKeys.bundles')}>{String(county.bundles)}</SummaryItem>
          </SimpleGrid>
        )}
        {active && <FingerprintView fingerprint={active.fingerprint} compact label={t('cityKeys.activeFingerprint')} />}
        {county.keys.length > 0 && <KeyHistory keys={county.keys} />}
      </Stack>
    </Paper>
  );
}

function KeyHistory({ keys }: { keys: CountyKeyRow[] }) {
  const { t } = useT();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder verticalSpacing={4} fz="sm" bg="white" aria-label={t('cityKeys.history')}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('cityKeys.history')}</Table.Th>
            <Table.Th>{t('cityKeys.stateCol')}</Table.Th>
            <Table.Th>{t('cityKeys.enrolledAt')}</Table.Th>
            <Table.Th>{t('cityKeys.endedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k.id} data-testid="key-history-row">
              <Table.Td ff="monospace">{k.fingerprint.digits}</Table.Td>
              <Table.Td>
                <Badge color={KEY_STATE_COLORS[k.state]} variant={k.state === 'active' ? 'light' : 'outline'} className="badge-full">
                  {t(`cityKeys.state.${k.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td className="money">
                {formatDateTime(k.enrolledAt, false)}
                {k.enrolledBy ? ` · ${k.enrolledBy}` : ''}
              </Table.Td>
              <Table.Td>
                {k.revokedAt ? (
                  <Text size="sm" c="red.8">
                    {t('cityKeys.revokedAt', { at: formatDateTime(k.revokedAt, false), reason: k.revokeReason ?? '' })}
                  </Text>
                ) : k.retiredAt ? (
                  t('cityKeys.rotatedAt', { at: formatDateTime(k.retiredAt, false) })
                ) : (
                  ''
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

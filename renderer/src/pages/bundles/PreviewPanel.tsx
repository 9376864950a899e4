import { Alert, Anchor, Button, Flex, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { requiredLabel } from '../../components/required-label';
import type { BundlePreview } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { hrefOf } from '../shell/router';
import { periodText, purposeLabel, registerLabel } from './bundle-labels';
import { SummaryView } from './SummaryView';

/**
 * What the period's bundle would carry — the records of each register and the report figures —
 * and the button that writes it. A period already sent is sent again only as a correction, with
 * its reason; a lost file is re-exported from the history instead.
 */
export function PreviewPanel(props: {
  preview: BundlePreview;
  busy: boolean;
  onExport(correctionReason: string | null): void;
}) {
  const { t, errorText } = useT();
  const { preview } = props;
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const correction = preview.alreadySent.length > 0;
  const ready = preview.signingKey !== null && preview.cityKey !== null;
  const registers = preview.counts.filter((c) => c.contents !== 'summary');

  const submit = () => {
    if (correction && !reason.trim()) {
      setReasonMissing(true);
      return;
    }
    props.onExport(correction ? reason.trim() : null);
  };

  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('bundles.previewTitle')} data-testid="bundle-preview">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={5}>{t('bundles.previewOf', { period: periodText(t, preview.period.label) })}</Title>
          <Text size="sm" c="dimmed">
            {t('bundles.periodRange', { start: preview.period.start, end: preview.period.end })}
          </Text>
        </Group>
        {!preview.signingKey && (
          <Alert color="orange" variant="light" data-testid="missing-signing-key">
            {errorText({ code: 'NO_SIGNING_KEY', message: '' })} <Anchor href={hrefOf('keys')}>{t('bundles.toKeys')}</Anchor>
          </Alert>
        )}
        {!preview.cityKey && (
          <Alert color="orange" variant="light" data-testid="missing-city-key">
            {errorText({ code: 'NO_CITY_KEY', message: '' })} <Anchor href={hrefOf('keys')}>{t('bundles.toKeys')}</Anchor>
          </Alert>
        )}
        <Flex gap="md" align="flex-start" wrap="wrap">
          <Stack gap={4} w={260}>
            <Text size="sm" fw={600}>
              {t('bundles.contents')}
            </Text>
            <Table withTableBorder verticalSpacing={4} bg="white" aria-label={t('bundles.contents')} data-testid="preview-counts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bundles.register')}</Table.Th>
                  <Table.Th ta="right">{t('bundles.records')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {registers.map((c) => (
                  <Table.Tr key={c.contents}>
                    <Table.Td>{registerLabel(t, c.contents)}</Table.Td>
                    <Table.Td ta="right" className="money">
                      {c.records}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              {t('bundles.contentsHelp', { end: preview.period.end })}
            </Text>
          </Stack>
          <Stack gap={4} style={{ flex: 1, minWidth: 480 }}>
            <Text size="sm" fw={600}>
              {t('bundles.reportFigures')}
            </Text>
            <SummaryView summary={preview.summary} />
          </Stack>
        </Flex>
        {preview.cityKey && (
          <Text size="sm" c="dimmed">
            {t('bundles.encryptedFor', { office: preview.cityKey.office, digits: preview.cityKey.fingerprint.digits.split(' ').slice(0, 2).join(' ') })}
          </Text>
        )}
        {correction && (
          <Alert color="orange" variant="light" title={t('bundles.alreadySentTitle')} data-testid="already-sent">
            <Stack gap={4}>
              {preview.alreadySent.map((s) => (
                <Text size="sm" key={s.sequence}>
                  {t('bundles.alreadySentLine', { sequence: s.sequence, purpose: purposeLabel(t, s.purpose), at: formatDateTime(s.createdAt, false) })}
                </Text>
              ))}
              <Text size="sm">{t('bundles.alreadySentHelp')}</Text>
            </Stack>
          </Alert>
        )}
        {correction && (
          <Textarea
            label={t('bundles.correctionReason')}
            description={t('bundles.correctionReasonHelp')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonMissing(false);
            }}
            error={reasonMissing ? t('bundles.correctionReasonMissing') : undefined}
            labelProps={requiredLabel(true)}
            autosize
            minRows={2}
            maxLength={500}
            disabled={props.busy}
          />
        )}
        <Group justify="space-between" align="center">
          <Text size="sm">{t('bundles.nextSequence', { sequence: preview.nextSequence })}</Text>
          <Button onClick={submit} disabled={!ready} loading={props.busy} color={correction ? 'orange' : undefined}>
            {t(correction ? 'bundles.exportCorrection' : 'bundles.export')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

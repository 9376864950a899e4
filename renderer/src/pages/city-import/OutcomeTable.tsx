import { Badge, Stack, Table, Text } from '@mantine/core';
import { JobProgress } from '../../components/JobProgress';
import { ListTable } from '../../components/ListTable';
import type { ImportOutcome, JobStatus } from '../../contract';
import { useT } from '../../i18n';
import { periodText, purposeLabel } from '../bundles/bundle-labels';

/** One picked file on its way through the import: waiting, running (its job), or its outcome. */
export interface ImportItem {
  key: string;
  fileName: string;
  state: 'waiting' | 'running' | 'finished';
  outcome: ImportOutcome | null;
  /** Refused before it reached the main side (too large to send, unreadable), already worded. */
  localProblem: string | null;
}

const OUTCOME_COLORS = { accepted: 'green', duplicate: 'gray', rejected: 'red' } as const;

/**
 * The import summary: a row per file with its county, period, sequence, what happened, and why in
 * plain words — a damaged copy is told to be copied again; a gap in the sequence is flagged.
 */
export function OutcomeTable(props: { items: ImportItem[]; job: JobStatus | null; jobTitle: string; onCancel(): Promise<void> }) {
  const { t } = useT();
  return (
    <ListTable
      label={t('cityImport.summaryTitle')}
      minWidth={1000}
      nowrapHead
      columns={6}
      isEmpty={props.items.length === 0}
      emptyText={t('cityImport.nothingPicked')}
      header={
        <>
          <Table.Th>{t('cityImport.file')}</Table.Th>
          <Table.Th>{t('cityImport.county')}</Table.Th>
          <Table.Th>{t('bundles.period')}</Table.Th>
          <Table.Th ta="right">{t('bundles.sequence')}</Table.Th>
          <Table.Th>{t('cityImport.outcome')}</Table.Th>
          <Table.Th>{t('cityImport.reason')}</Table.Th>
        </>
      }
    >
      {props.items.map((item) => (
        <Table.Tr key={item.key} data-testid="import-row" data-file={item.fileName}>
          <Table.Td>
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {item.fileName}
            </Text>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.outcome?.countyName ?? ''}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.outcome?.periodLabel ? periodText(t, item.outcome.periodLabel) : ''}</Table.Td>
          <Table.Td ta="right" className="money">
            {item.outcome?.sequence ?? ''}
          </Table.Td>
          <Table.Td>
            <StateBadge item={item} />
          </Table.Td>
          <Table.Td>
            {item.state === 'running' ? (
              <JobProgress job={props.job} title={props.jobTitle} onCancel={props.onCancel} />
            ) : (
              <OutcomeReason item={item} />
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function StateBadge({ item }: { item: ImportItem }) {
  const { t } = useT();
  if (item.state === 'waiting') return <Badge variant="outline" color="gray" className="badge-full">{t('cityImport.waiting')}</Badge>;
  if (item.state === 'running') return <Badge variant="light" color="blue" className="badge-full">{t('cityImport.running')}</Badge>;
  const outcome = item.outcome?.outcome ?? 'rejected';
  return (
    <Badge variant={outcome === 'rejected' ? 'filled' : 'light'} color={OUTCOME_COLORS[outcome]} className="badge-full" data-testid="outcome-badge">
      {t(`cityImport.outcome.${outcome}`)}
    </Badge>
  );
}

function OutcomeReason({ item }: { item: ImportItem }) {
  const { t, errorText } = useT();
  if (item.state === 'waiting') return null;
  if (item.localProblem) {
    return (
      <Text size="sm" c="red.8" data-testid="outcome-reason">
        {item.localProblem}
      </Text>
    );
  }
  const o = item.outcome;
  if (!o) return null;
  if (o.outcome === 'rejected') {
    return (
      <Stack gap={2} data-testid="outcome-reason">
        <Text size="sm" c="red.8">
          {o.error ? errorText(o.error) : t('cityImport.rejectedUnknown')}
        </Text>
        <Text size="xs" c="dimmed">
          {t(o.damaged ? 'cityImport.damagedHint' : 'cityImport.refusedHint')}
        </Text>
      </Stack>
    );
  }
  if (o.outcome === 'duplicate') {
    return (
      <Text size="sm" c="dimmed" data-testid="outcome-reason">
        {t('cityImport.duplicateText')}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="outcome-reason">
      <Text size="sm">
        {t('cityImport.acceptedText', { records: o.records })}
        {o.purpose && o.purpose !== 'regular' ? ` · ${purposeLabel(t, o.purpose)}` : ''}
      </Text>
      {o.missingSequences.length > 0 && (
        <Text size="sm" c="orange.8" fw={600} data-testid="missing-sequences">
          {t('cityImport.missing', { sequences: o.missingSequences.join('、') })}
        </Text>
      )}
    </Stack>
  );
}

import { Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AuditRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { AuditDiff } from '../audit/AuditDiff';
import { actionLabelKey } from '../audit/audit-labels';

/** 修改记录: the station's entries of the audit trail, newest first, each with its before → after diff. */
export function StationHistory({ stationId }: { stationId: string }) {
  const { t } = useT();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    call('stations.history', { id: stationId }).then(
      (loaded) => {
        if (!live) return;
        setRows(loaded);
        // The latest change is what one usually wants to see.
        setOpen(new Set(loaded.slice(0, 1).map((r) => r.seq)));
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [stationId]);

  if (error) return <ErrorAlert error={error} />;
  if (!rows) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }

  const toggle = (seq: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('station.historyIntro')}
      </Text>
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('station.tab.history')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.summary')}</Table.Th>
            <Table.Th w={90}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center" py="md">
                  {t('audit.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => {
            const expanded = open.has(row.seq);
            const actionKey = actionLabelKey(row.action);
            return (
              <Fragment key={row.seq}>
                <Table.Tr>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Table.Td>
                  <Table.Td>{row.actorName}</Table.Td>
                  <Table.Td>{actionKey ? t(actionKey) : row.action}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{row.summary}</Table.Td>
                  <Table.Td>
                    {(row.before !== null || row.after !== null) && (
                      <Button size="xs" variant={expanded ? 'light' : 'default'} onClick={() => toggle(row.seq)} aria-expanded={expanded}>
                        {t('audit.details')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr>
                    <Table.Td colSpan={5} bg="gray.0">
                      <AuditDiff before={row.before} after={row.after} entity="station" changedOnly />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { AuditRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { AuditDiff } from './AuditDiff';
import { actionLabelKey, entityLabelKey } from './audit-labels';

/** The trail: one row per entry, 详情 opens the before/after diff under it. No edit, no delete. */
export function AuditTable({ rows, onShowRecord }: { rows: AuditRow[]; onShowRecord(row: AuditRow): void }) {
  const { t } = useT();
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const toggle = (seq: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('nav.audit')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.object')}</Table.Th>
            <Table.Th>{t('audit.summary')}</Table.Th>
            <Table.Th w={90}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  {t('audit.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => {
            const open = expanded.has(row.seq);
            const actionKey = actionLabelKey(row.action);
            return (
              <Fragment key={row.seq}>
                <Table.Tr>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Table.Td>
                  <Table.Td>{row.actorName}</Table.Td>
                  <Table.Td>{actionKey ? t(actionKey) : row.action}</Table.Td>
                  <Table.Td>{t(entityLabelKey(row.entity))}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{row.summary}</Table.Td>
                  <Table.Td>
                    {(row.before !== null || row.after !== null) && (
                      <Button size="xs" variant={open ? 'light' : 'default'} onClick={() => toggle(row.seq)} aria-expanded={open}>
                        {t('audit.details')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr>
                    <Table.Td colSpan={6} bg="gray.0">
                      <Stack gap="xs" py="xs">
                          <Group gap="md">
                            <Text size="xs" c="dimmed">
                              {t('audit.seq', { seq: row.seq })}
                            </Text>
                            {row.entityId && (
                              <Text size="xs" c="dimmed" style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>
                                {t('audit.entityId')}: {row.entityId}
                              </Text>
                            )}
                            {row.entityId && (
                              <Button size="compact-xs" variant="subtle" onClick={() => onShowRecord(row)}>
                                {t('audit.showRecord')}
                              </Button>
                            )}
                          </Group>
                          <AuditDiff before={row.before} after={row.after} entity={row.entity} />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

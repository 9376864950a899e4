import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { AuditRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { AuditDiff } from './AuditDiff';
import { actionLabelKey, entityLabelKey } from './audit-labels';

/**
 * Entries of the trail: one row each, 详情 opens the before/after diff under it. No edit, no delete.
 * With `onShowRecord` it is the whole trail (record type and id shown, a link to the record's
 * entries); without it, one record's history: the newest entry opens, diffs show changed fields first.
 */
export function AuditTable({ rows, label, onShowRecord }: { rows: AuditRow[]; label: string; onShowRecord?(row: AuditRow): void }) {
  const { t } = useT();
  const trail = onShowRecord !== undefined;
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(trail ? [] : rows.slice(0, 1).map((r) => r.seq)));
  const toggle = (seq: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  const columns = trail ? 6 : 5;

  return (
    <Table.ScrollContainer minWidth={trail ? 900 : 0}>
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            {trail && <Table.Th>{t('audit.object')}</Table.Th>}
            <Table.Th>{t('audit.summary')}</Table.Th>
            <Table.Th w={90}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>
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
                  {trail && <Table.Td>{t(entityLabelKey(row.entity))}</Table.Td>}
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
                    <Table.Td colSpan={columns} bg="gray.0">
                      <Stack gap="xs" py={trail ? 'xs' : 0}>
                        {trail && (
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
                        )}
                        <AuditDiff before={row.before} after={row.after} entity={row.entity} changedOnly={!trail} />
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

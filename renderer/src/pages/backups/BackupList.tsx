import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { formatBytes, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { kindKey, type BackupInfo } from './backup-labels';

/** The backups kept, newest first: when, why, how big, and 检查 / 从此备份恢复 for each. */
export function BackupList(props: { backups: BackupInfo[]; busy: boolean; onInspect(path: string): void; onRestore(path: string): void }) {
  const { t } = useT();
  if (props.backups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('backups.none')}
      </Text>
    );
  }
  const rows = [...props.backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table striped withTableBorder verticalSpacing="xs" bg="white" aria-label={t('backups.listTitle')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('backups.when')}</Table.Th>
          <Table.Th>{t('backups.kind')}</Table.Th>
          <Table.Th ta="right">{t('backups.size')}</Table.Th>
          <Table.Th ta="right">{t('backups.files')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((backup) => (
          <Table.Tr key={backup.path}>
            <Table.Td title={backup.path}>{formatDateTime(backup.createdAt, false)}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={backup.kind === 'before-restore' ? 'orange' : backup.kind === 'manual' ? 'ledger' : 'gray'}>
                {t(kindKey(backup.kind))}
              </Badge>
            </Table.Td>
            <Table.Td ta="right" className="money">
              {formatBytes(backup.size)}
            </Table.Td>
            <Table.Td ta="right" className="money">
              {backup.files}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="default" disabled={props.busy} onClick={() => props.onInspect(backup.path)}>
                  {t('backups.inspect')}
                </Button>
                <Button size="xs" variant="default" color="orange" disabled={props.busy} onClick={() => props.onRestore(backup.path)}>
                  {t('backups.restoreThis')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

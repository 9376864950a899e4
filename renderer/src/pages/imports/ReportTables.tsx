import { Badge, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable';
import { useT } from '../../i18n';
import type { ImportAction, ImportIssue, ImportRowPreview } from './import-types';
import { PagedRows } from './PagedRows';

export const ACTION_COLORS: Record<ImportAction, string> = { create: 'green', update: 'blue', unchanged: 'gray', error: 'red' };

/** Every problem: the file's row number, its column header, the reason, and the cell as the file has it. */
export function IssuesTable({ issues }: { issues: readonly ImportIssue[] }) {
  const { t } = useT();
  return (
    <PagedRows
      items={issues}
      testId="issues-pager"
      render={(shown) => (
        <ListTable
          label={t('imports.issuesTitle')}
          minWidth={760}
          nowrapHead
          columns={4}
          isEmpty={shown.length === 0}
          emptyText={t('imports.noIssues')}
          header={
            <>
              <Table.Th ta="right" w={80}>
                {t('imports.rowNumber')}
              </Table.Th>
              <Table.Th w={160}>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.reason')}</Table.Th>
              <Table.Th w={220}>{t('imports.cellValue')}</Table.Th>
            </>
          }
        >
          {shown.map((issue, i) => (
            <Table.Tr key={`${issue.row}-${issue.column ?? ''}-${issue.code}-${i}`} data-testid="issue-row" data-row={issue.row}>
              <Table.Td ta="right" className="money">
                {issue.row}
              </Table.Td>
              <Table.Td>{issue.column ?? t('imports.wholeRow')}</Table.Td>
              <Table.Td>
                <Text size="sm" c="red.8">
                  {issue.message}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {issue.value ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    />
  );
}

/** What each row will do (or did): create, update (with the columns that change), unchanged, error. */
export function PreviewTable({ rows }: { rows: readonly ImportRowPreview[] }) {
  const { t } = useT();
  return (
    <PagedRows
      items={rows}
      testId="preview-pager"
      render={(shown) => (
        <ListTable
          label={t('imports.previewTitle')}
          minWidth={760}
          nowrapHead
          columns={4}
          isEmpty={shown.length === 0}
          emptyText={t('imports.noRows')}
          header={
            <>
              <Table.Th ta="right" w={80}>
                {t('imports.rowNumber')}
              </Table.Th>
              <Table.Th w={100}>{t('imports.action')}</Table.Th>
              <Table.Th>{t('imports.record')}</Table.Th>
              <Table.Th>{t('imports.changes')}</Table.Th>
            </>
          }
        >
          {shown.map((row) => (
            <Table.Tr key={row.row} data-testid="preview-row" data-row={row.row}>
              <Table.Td ta="right" className="money">
                {row.row}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={ACTION_COLORS[row.action]} className="badge-full">
                  {t(`imports.action.${row.action}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {row.changes.join('、')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    />
  );
}

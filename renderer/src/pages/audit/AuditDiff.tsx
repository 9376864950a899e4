import { Table, Text } from '@mantine/core';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { fieldLabelKey } from './audit-labels';

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  // Stored instants are UTC ISO strings: show local time like the rest of the app.
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value, null, 1);
}

/** Before / after side by side, one row per field; changed fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === null && after === null) {
      return (
        <Text size="sm" c="dimmed">
          {t('audit.noDetails')}
        </Text>
      );
    }
    return <Text className="diff-value">{show(after ?? before)}</Text>;
  }
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" aria-label={t('audit.diff')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const oldValue = b?.[field];
          const newValue = a?.[field];
          const changed = b !== null && a !== null && JSON.stringify(oldValue) !== JSON.stringify(newValue);
          const labelKey = fieldLabelKey(field);
          return (
            <Table.Tr key={field} className={changed ? 'diff-changed' : undefined} data-changed={changed || undefined}>
              <Table.Td>
                <Text size="sm" fw={changed ? 700 : 400}>
                  {labelKey ? t(labelKey) : field}
                </Text>
                {labelKey && (
                  <Text size="xs" c="dimmed">
                    {field}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="diff-value">{b ? show(oldValue) : ''}</Table.Td>
              <Table.Td className="diff-value">{a ? show(newValue) : ''}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

import { Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { auditValueText, fieldLabelKey } from './audit-labels';

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Nested records (an event's assessment, what a reversal undid) become rows "assessment.assessor". */
function flattened(record: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!record) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const nested = asRecord(value);
    if (nested) for (const [sub, v] of Object.entries(nested)) out[`${key}.${sub}`] = v;
    else out[key] = value;
  }
  return out;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  // Stored instants are UTC ISO strings: show local time like the rest of the app.
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value, null, 1);
}

/** Bookkeeping columns: left out when only the changes are shown. */
const BOOKKEEPING = new Set([
  'version',
  'updated_at',
  'updated_by',
  'updated_installation',
  'updatedAt',
  'updatedBy',
  'created_at',
  'created_by',
  'created_installation',
  'createdAt',
  'id',
  'seq',
  'name_pinyin',
  'name_initials',
  // The record an event or step belongs to is the record whose history this is.
  'resident_id',
  'case_id',
]);

/**
 * Before / after side by side, one row per field; changed fields highlighted. `changedOnly` shows
 * just what changed (or, for a new record, what was filled in), with a button for everything.
 */
export function AuditDiff({ before, after, entity, changedOnly = false }: { before: unknown; after: unknown; entity?: string; changedOnly?: boolean }) {
  const { t } = useT();
  const [showAll, setShowAll] = useState(false);
  const b = flattened(asRecord(before));
  const a = flattened(asRecord(after));
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
  const allFields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const isChanged = (field: string) => b !== null && a !== null && JSON.stringify(b[field]) !== JSON.stringify(a[field]);
  const isFilled = (field: string) => {
    const value = (a ?? b)?.[field];
    return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  };
  const brief = changedOnly && !showAll;
  const fields = brief
    ? allFields.filter((f) => !BOOKKEEPING.has(f) && (b && a ? isChanged(f) : isFilled(f)))
    : allFields;
  const last = (field: string) => field.split('.').at(-1)!;
  const text = (field: string, value: unknown) => auditValueText(last(field), value, t, entity) ?? show(value);
  /** "能力评估 · 评估人" for a nested field; the stored name when there is no label. */
  const label = (field: string): string | null => {
    const parts = field.split('.');
    const keys = parts.map((part) => fieldLabelKey(part, entity));
    if (keys.some((k) => k === null)) return null;
    return keys.map((k) => t(k!)).join(' · ');
  };

  return (
    <Stack gap={6} align="flex-start">
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" aria-label={t('audit.diff')} bg="white">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('audit.field')}</Table.Th>
            <Table.Th>{t('audit.before')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text size="sm" c="dimmed">
                  {t('audit.noChanges')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {fields.map((field) => {
            const oldValue = b?.[field];
            const newValue = a?.[field];
            const changed = isChanged(field);
            const labelText = label(field);
            return (
              <Table.Tr key={field} className={changed ? 'diff-changed' : undefined} data-changed={changed || undefined}>
                <Table.Td>
                  <Text size="sm" fw={changed ? 700 : 400}>
                    {labelText ?? field}
                  </Text>
                  {labelText && !brief && (
                    <Text size="xs" c="dimmed">
                      {field}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="diff-value">{b ? text(field, oldValue) : ''}</Table.Td>
                <Table.Td className="diff-value">{a ? text(field, newValue) : ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {changedOnly && (
        <Button size="compact-xs" variant="subtle" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('audit.showChangedOnly') : t('audit.showAllFields')}
        </Button>
      )}
    </Stack>
  );
}

import { Alert, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { ListTable } from '../../components/ListTable';
import { useT } from '../../i18n';
import { columnLetter, mappedTwice, sampleOf, unmappedRequired } from './import-mapping';
import type { ImportColumnInfo, ImportFileInfo, ImportMapping } from './import-types';

const NONE = 'none';

/**
 * Step 3: one line per column of the register (its header, required or not, how to fill it) and
 * the file's column that feeds it. Pre-filled by the main side; a required column left without a
 * file column is flagged here, before anything is checked.
 */
export function MappingTable(props: {
  columns: readonly ImportColumnInfo[];
  file: ImportFileInfo;
  mapping: ImportMapping;
  onChange(key: string, index: number | null): void;
  disabled: boolean;
}) {
  const { t } = useT();
  const { file, mapping } = props;
  // The file's columns as the drop-down lists them: "C 列：身份证号码 — 例：445302…".
  const options = useMemo(
    () => [
      { value: NONE, label: t('imports.notInFile') },
      ...file.headers.map((header, index) => {
        const sample = sampleOf(file, index);
        const name = t('imports.fileColumn', { letter: columnLetter(index), header });
        return { value: String(index), label: sample ? `${name} — ${t('imports.example', { value: sample })}` : name };
      }),
    ],
    [file, t],
  );
  const missing = new Set(unmappedRequired(props.columns, mapping).map((c) => c.key));
  const twice = mappedTwice(props.columns, mapping);

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="mapping-source">
        {file.mappingSource === 'remembered' ? t('imports.mappingRemembered') : t('imports.mappingByHeaders')}
      </Text>
      <ListTable
        label={t('imports.mappingTitle')}
        minWidth={880}
        nowrapHead
        columns={3}
        isEmpty={props.columns.length === 0}
        emptyText={t('imports.noColumns')}
        header={
          <>
            <Table.Th w={170}>{t('imports.registerColumn')}</Table.Th>
            <Table.Th>{t('imports.howToFill')}</Table.Th>
            <Table.Th w={420}>{t('imports.fileColumnTitle')}</Table.Th>
          </>
        }
      >
        {props.columns.map((column) => {
          const index = mapping[column.key];
          const chosen = typeof index === 'number' ? index : null;
          return (
            <Table.Tr key={column.key} data-testid="mapping-row" data-column={column.key}>
              <Table.Td>
                <Text size="sm" fw={600} className={column.required ? 'required-label' : undefined}>
                  {column.header}
                </Text>
                <Text size="xs" c="dimmed">
                  {column.required ? t('imports.required') : t('imports.optional')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{column.note}</Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={column.header}
                  data={options}
                  value={chosen === null ? NONE : String(chosen)}
                  onChange={(value) => props.onChange(column.key, value === null || value === NONE ? null : Number(value))}
                  allowDeselect={false}
                  searchable
                  disabled={props.disabled}
                  error={
                    missing.has(column.key)
                      ? t('imports.requiredNotMapped')
                      : chosen !== null && twice.has(chosen)
                        ? t('imports.mappedTwice', { headers: twice.get(chosen)!.join('、') })
                        : undefined
                  }
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
      {missing.size > 0 && (
        <Alert color="red" variant="light" role="alert" data-testid="mapping-missing">
          {t('imports.missingRequired', {
            columns: props.columns
              .filter((c) => missing.has(c.key))
              .map((c) => c.header)
              .join('、'),
          })}
        </Alert>
      )}
    </Stack>
  );
}

import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useT } from '../../i18n';
import { formatBytes } from '../../format';
import type { ImportFileInfo } from './import-types';
import { MAX_IMPORT_MB } from './import-types';

/** Step 2: the clerk's file, and what was found in it (sheet or encoding, header row, columns). */
export function FileStep(props: { file: ImportFileInfo | null; opening: boolean; disabled: boolean; onPick(file: File): void }) {
  const { t } = useT();
  // Emptied after each pick, so the same file (corrected in Excel meanwhile) can be picked again.
  const resetPick = useRef<() => void>(null);
  const { file } = props;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton
          onChange={(picked) => {
            resetPick.current?.();
            if (picked) props.onPick(picked);
          }}
          resetRef={resetPick}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          disabled={props.disabled}
        >
          {(buttonProps) => (
            <Button {...buttonProps} variant={file ? 'default' : 'filled'} loading={props.opening} disabled={props.disabled}>
              {file ? t('imports.pickAnother') : t('imports.pickFile')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('imports.pickHelp', { max: MAX_IMPORT_MB })}
        </Text>
      </Group>
      {file && (
        <Stack gap={2} data-testid="import-file-info">
          <Text size="sm">
            <Text span fw={600}>
              {file.fileName}
            </Text>{' '}
            <Text span c="dimmed">
              （{formatBytes(file.size)}）
            </Text>
          </Text>
          <Text size="sm" c="dimmed">
            {file.format === 'xlsx'
              ? t('imports.foundSheet', { sheet: file.sheet ?? '', row: file.headerRow, columns: file.headers.length })
              : t('imports.foundCsv', { encoding: file.encoding === 'gb18030' ? 'GBK / GB18030' : 'UTF-8', row: file.headerRow, columns: file.headers.length })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../download';
import { useActions } from '../../hooks/useActions';
import { useT } from '../../i18n';
import type { ImportRegisterInfo, ImportRegisterName } from './import-types';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: which register the file fills, how its rows find existing records, and its template. */
export function RegisterStep(props: {
  registers: ImportRegisterInfo[];
  value: ImportRegisterName;
  onChange(name: ImportRegisterName): void;
  disabled: boolean;
}) {
  const { t, locale } = useT();
  const { busy, error, run, clearError } = useActions();
  const current = props.registers.find((r) => r.name === props.value);

  const downloadTemplate = () =>
    run('run', async () => {
      const file = await call('imports.template', { register: props.value, locale });
      downloadBlob(file.fileName, base64Blob(file.contentBase64, XLSX_TYPE));
    });

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="md">
        <Select
          label={t('imports.register')}
          data={props.registers.map((r) => ({ value: r.name, label: r.title }))}
          value={props.value}
          onChange={(value) => value && props.onChange(value as ImportRegisterName)}
          allowDeselect={false}
          disabled={props.disabled}
          w={260}
        />
        <Button variant="default" onClick={() => void downloadTemplate()} loading={busy !== null} title={t('imports.templateHelp')}>
          {t('imports.downloadTemplate')}
        </Button>
      </Group>
      {current && (
        <Text size="sm" data-testid="import-matched-by">
          <Text span fw={600}>
            {t('imports.matchedBy')}
          </Text>
          {current.matchedBy}
        </Text>
      )}
      <ErrorAlert error={error} title={t('imports.templateFailed')} onClose={clearError} />
    </Stack>
  );
}

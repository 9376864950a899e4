import { Button, Stack } from '@mantine/core';
import { call } from '../client';
import type { ExportableRequest } from '../contract';
import { base64Blob, downloadBlob } from '../download';
import { useActions } from '../hooks/useActions';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * "导出 Excel": the table the page shows, as a workbook, with the SAME input the page sends for
 * its current view (filters, month, year…), so what is downloaded is what is on screen — every
 * page of it. A refusal shows under the button.
 */
export function ExportButton({ request, input, disabled }: { request: ExportableRequest; input: unknown; disabled?: boolean }) {
  const { t, locale } = useT();
  const { busy, error, run, clearError } = useActions();
  const download = () =>
    run('run', async () => {
      const file = await call('exports.xlsx', { request, input, locale });
      downloadBlob(file.fileName, base64Blob(file.contentBase64, XLSX_TYPE));
    });

  return (
    <Stack gap={4} align="flex-end">
      <Button variant="default" loading={busy !== null} disabled={disabled} onClick={() => void download()} title={t('export.buttonHelp')}>
        {t('export.button')}
      </Button>
      {error ? <ErrorAlert error={error} title={t('export.failed')} onClose={clearError} /> : null}
    </Stack>
  );
}

import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { call } from '../client';
import type { ExportableRequest, PrintableWorkbook } from '../contract';
import { useActions } from '../hooks/useActions';
import { useT } from '../i18n';
import { PrintView } from '../pages/print/PrintView';
import { ErrorAlert } from './ErrorAlert';

/**
 * "打印": the report the page shows (the SAME input as its current view, like 导出 Excel), laid
 * out on A4 pages with page numbers and a signature line, then the print dialog (which can also
 * save a PDF). 返回 closes the view; the page underneath is as it was. A refusal shows under the button.
 */
export function PrintButton({ request, input, disabled }: { request: ExportableRequest; input: unknown; disabled?: boolean }) {
  const { t, locale } = useT();
  const { busy, error, run, clearError } = useActions();
  const [workbook, setWorkbook] = useState<PrintableWorkbook | null>(null);
  const open = () => run('run', async () => setWorkbook(await call('exports.print', { request, input, locale })));

  return (
    <Stack gap={4} align="flex-end">
      <Button variant="default" loading={busy !== null} disabled={disabled} onClick={() => void open()} title={t('print.buttonHelp')}>
        {t('print.button')}
      </Button>
      {error ? <ErrorAlert error={error} title={t('print.failed')} onClose={clearError} /> : null}
      {workbook && <PrintView workbook={workbook} onClose={() => setWorkbook(null)} />}
    </Stack>
  );
}

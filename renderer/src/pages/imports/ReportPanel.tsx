import { Alert, Badge, Button, Checkbox, Group, Stack, Tabs, Text } from '@mantine/core';
import { useT } from '../../i18n';
import type { ImportAction, ImportReport } from './import-types';
import { ACTION_COLORS, IssuesTable, PreviewTable } from './ReportTables';

const ACTIONS: ImportAction[] = ['create', 'update', 'unchanged', 'error'];

/** The counts as badges: 新增 N / 更新 N / 未变 N / 错误 N. */
export function CountBadges({ report }: { report: ImportReport }) {
  const { t } = useT();
  return (
    <Group gap="xs" data-testid="import-counts">
      <Text size="sm">{t('imports.rowsRead', { rows: report.rows })}</Text>
      {ACTIONS.map((action) => (
        <Badge key={action} size="lg" variant={action === 'error' && report.counts.error > 0 ? 'filled' : 'light'} color={ACTION_COLORS[action]} data-testid={`count-${action}`}>
          {t(`imports.count.${action}`, { count: report.counts[action] })}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * Step 4: the preview's outcome — counts, every problem (row, column, reason, cell), what each row
 * will do — and the way on: download the rows in error, choose all-or-nothing, 确认导入.
 */
export function ReportPanel(props: {
  report: ImportReport;
  /** The mapping changed since this preview: it must be checked again before importing. */
  stale: boolean;
  busy: boolean;
  allOrNothing: boolean;
  onAllOrNothing(value: boolean): void;
  onCommit(): void;
  onDownloadErrors(): void;
  downloadingErrors: boolean;
}) {
  const { t } = useT();
  const { report } = props;
  const errors = report.counts.error;
  const writable = report.counts.create + report.counts.update;
  const blocked = props.allOrNothing && errors > 0;
  return (
    <Stack gap="sm">
      <CountBadges report={report} />
      {props.stale && (
        <Alert color="orange" variant="light" role="status">
          {t('imports.stale')}
        </Alert>
      )}
      {errors > 0 && (
        <Group gap="sm">
          <Text size="sm" c="red.8">
            {report.issuesTruncated ? t('imports.issuesTruncated', { shown: report.issues.length }) : t('imports.errorsHelp')}
          </Text>
          <Button variant="default" size="xs" onClick={props.onDownloadErrors} loading={props.downloadingErrors}>
            {t('imports.downloadErrors')}
          </Button>
        </Group>
      )}
      <Tabs defaultValue={report.issues.length > 0 ? 'issues' : 'rows'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="issues">{t('imports.issuesTab', { count: report.issues.length })}</Tabs.Tab>
          <Tabs.Tab value="rows">{t('imports.rowsTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="issues" pt="xs">
          <IssuesTable issues={report.issues} />
        </Tabs.Panel>
        <Tabs.Panel value="rows" pt="xs">
          <PreviewTable rows={report.preview} />
        </Tabs.Panel>
      </Tabs>
      <Group justify="space-between" align="center">
        <Checkbox
          label={t('imports.allOrNothing')}
          description={t('imports.allOrNothingHelp')}
          checked={props.allOrNothing}
          onChange={(e) => props.onAllOrNothing(e.currentTarget.checked)}
          disabled={props.busy}
        />
        <Button onClick={props.onCommit} disabled={props.busy || props.stale || writable === 0 || blocked}>
          {t('imports.commit')}
        </Button>
      </Group>
      {!props.stale && writable === 0 && (
        <Text size="sm" c="dimmed" ta="right">
          {t('imports.nothingToWrite')}
        </Text>
      )}
      {!props.stale && writable > 0 && blocked && (
        <Text size="sm" c="red.8" ta="right">
          {t('imports.blockedByErrors', { errors })}
        </Text>
      )}
      {!props.stale && writable > 0 && !blocked && (
        <Text size="sm" c="dimmed" ta="right" data-testid="commit-summary">
          {errors > 0 ? t('imports.willWriteSkipping', { create: report.counts.create, update: report.counts.update, errors }) : t('imports.willWrite', { create: report.counts.create, update: report.counts.update })}
        </Text>
      )}
    </Stack>
  );
}

import { Badge, Button, Stack, Table, Text, Tooltip } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { HashText } from '../bundles/HashText';
import type { ImportAction, ImportRegisterInfo, ImportRunRow } from './import-types';
import { ACTION_COLORS } from './ReportTables';

const COUNTED: ImportAction[] = ['create', 'update', 'unchanged', 'error'];

/**
 * 导入记录: the committed imports, newest first — when, into which register, which file (its
 * SHA-256, to tell two versions of one file apart), what each did, by whom — and each one's
 * state: undone (by whom, when, why) or the way to undo it.
 */
export function ImportHistory(props: {
  rows: ImportRunRow[] | null;
  error: unknown;
  registers: readonly ImportRegisterInfo[];
  /** An undo or an import is running: no second undo meanwhile. */
  busy: boolean;
  onUndo(run: ImportRunRow): void;
}) {
  const { t } = useT();
  const titleOf = (name: string) => props.registers.find((r) => r.name === name)?.title ?? name;
  const rows = props.rows ?? [];
  return (
    <Stack gap="xs">
      <ErrorAlert error={props.error} title={t('imports.historyFailed')} />
      <ListTable
        label={t('imports.historyTitle')}
        minWidth={900}
        nowrapHead
        columns={10}
        isEmpty={props.rows !== null && rows.length === 0}
        emptyText={t('imports.historyEmpty')}
        header={
          <>
            <Table.Th>{t('imports.importedAt')}</Table.Th>
            <Table.Th>{t('imports.historyRegister')}</Table.Th>
            <Table.Th>{t('imports.fileName')}</Table.Th>
            {COUNTED.map((action) => (
              <Table.Th key={action} ta="right">
                {t(`imports.action.${action}`)}
              </Table.Th>
            ))}
            <Table.Th>{t('imports.importedBy')}</Table.Th>
            <Table.Th>{t('imports.status')}</Table.Th>
          </>
        }
      >
        {rows.map((run) => (
          <Table.Tr key={run.id} data-testid="import-run" data-id={run.id} data-undone={run.undoneAt ? 'true' : 'false'}>
            <Table.Td className="money" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(run.importedAt, false)}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{titleOf(run.register)}</Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-all' }} td={run.undoneAt ? 'line-through' : undefined}>
                {run.fileName}
              </Text>
              <HashText hash={run.sha256} />
            </Table.Td>
            {COUNTED.map((action) => (
              <Table.Td key={action} ta="right" className="money" c={run.counts[action] > 0 ? `${ACTION_COLORS[action]}.8` : 'dimmed'} data-testid={`run-${action}`}>
                {run.counts[action]}
              </Table.Td>
            ))}
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{run.importedBy}</Table.Td>
            <Table.Td>
              <RunStatus run={run} busy={props.busy} onUndo={() => props.onUndo(run)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}

/** 已撤销 with who, when and why; or 撤销 (disabled, with the reason, when the import cannot be undone as a whole). */
function RunStatus(props: { run: ImportRunRow; busy: boolean; onUndo(): void }) {
  const { t } = useT();
  const { run } = props;
  if (run.undoneAt || run.undoBlocked === 'undone') {
    return (
      <Stack gap={2} maw={260} data-testid="run-undone">
        <Badge variant="light" color="gray" className="badge-full">
          {t('imports.undone')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('imports.undoneBy', { by: run.undoneBy ?? '—', at: formatDateTime(run.undoneAt, false) })}
        </Text>
        {run.undoReason && (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
            {t('imports.undoneReason', { reason: run.undoReason })}
          </Text>
        )}
      </Stack>
    );
  }
  if (run.undoBlocked === 'history') {
    // A disabled button gets no pointer events: it is marked disabled instead, so the tooltip shows.
    return (
      <Tooltip label={t('imports.undoBlockedHistory')} multiline w={300}>
        <Button size="xs" variant="light" color="red" data-disabled aria-disabled="true" onClick={(e) => e.preventDefault()}>
          {t('imports.undo')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button size="xs" variant="light" color="red" disabled={props.busy} onClick={props.onUndo}>
      {t('imports.undo')}
    </Button>
  );
}

import { Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, isSessionLost, LedgerCallError } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import { SESSION_LOST_NOTICE, clientError } from '../../components/form-errors';
import { MonthPicker } from '../../components/MonthPicker';
import type { MonthSheet } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { currentMonth } from '../../months';
import { useCan } from '../../session/session-context';
import { StatsGrid, type GridHandle } from './StatsGrid';
import { setLeaveGuard } from '../shell/router';
import {
  COLUMNS,
  MAX_COUNT,
  cellTooLarge,
  columnTotals,
  draftsOf,
  isRowDirty,
  locateError,
  rowInput,
  type CellKey,
  type GridError,
  type RowDraft,
} from './stats-model';

type Pending = { kind: 'month'; month: string } | { kind: 'submit' } | { kind: 'reopen' } | null;

/** 月度填报: the month picker, the grid, and 保存 / 上报本月 / 退回修改. */
export function MonthStats({ month, onMonthChange }: { month: string; onMonthChange(month: string): void }) {
  const { t, fieldErrorText } = useT();
  const can = useCan();
  const [sheet, setSheet] = useState<MonthSheet | null>(null);
  const [originals, setOriginals] = useState<Record<string, RowDraft>>({});
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>({});
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<unknown>(null);
  const [gridError, setGridError] = useState<GridError | null>(null);
  const [notice, setNotice] = useState<{ key: 'stats.saved' | 'stats.submittedNotice' | 'stats.reopenedNotice'; count?: number } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const gridRef = useRef<GridHandle | null>(null);
  const seq = useRef(0);

  const apply = useCallback((next: MonthSheet) => {
    const fresh = draftsOf(next);
    setSheet(next);
    setOriginals(fresh);
    setDrafts(fresh);
    setGridError(null);
  }, []);

  const load = useCallback(
    async (m: string) => {
      const mine = ++seq.current;
      setLoading(true);
      setLoadError(null);
      setGeneral(null);
      setNotice(null);
      try {
        const loaded = await call('stats.month', { month: m });
        if (mine === seq.current) apply(loaded);
      } catch (error) {
        if (mine === seq.current) {
          setSheet(null);
          setLoadError(error);
        }
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [apply],
  );

  useEffect(() => {
    void load(month);
  }, [month, load]);

  const rows = useMemo(() => sheet?.rows ?? [], [sheet]);
  const dirtyIds = useMemo(
    () => rows.filter((r) => isRowDirty(drafts[r.stationId], originals[r.stationId])).map((r) => r.stationId),
    [rows, drafts, originals],
  );
  const dirty = dirtyIds.length > 0;
  useEffect(() => {
    setLeaveGuard(dirty ? () => t('stats.leavePageText', { count: dirtyIds.length }) : null);
    return () => setLeaveGuard(null);
  }, [dirty, dirtyIds.length, t]);
  const totals = useMemo(() => columnTotals(drafts), [drafts]);
  const readOnly = !can.edit || !!sheet?.submitted;

  const onCell = useCallback((stationId: string, cell: CellKey, value: string) => {
    setDrafts((d) => {
      const row = d[stationId];
      if (!row || row[cell] === value) return d;
      return { ...d, [stationId]: { ...row, [cell]: value } };
    });
    setGridError((e) => (e && e.stationId === stationId && (e.cell === cell || e.cell === null) ? null : e));
    setNotice(null);
  }, []);

  const showGridError = (located: GridError) => {
    setGridError(located);
    requestAnimationFrame(() => gridRef.current?.focusCell(located.stationId, located.cell));
  };

  const save = async () => {
    if (!sheet || readOnly || busy || !dirty) return;
    setGeneral(null);
    setNotice(null);
    // Numbers beyond the contract's limit are caught here, on their cell.
    for (const [index, id] of dirtyIds.entries()) {
      const draft = drafts[id]!;
      const cell = COLUMNS.find((c) => cellTooLarge(draft[c]));
      if (cell) {
        const path = cell === 'meals' ? `rows.${index}.meals` : `rows.${index}.services.${cell}`;
        return showGridError({ stationId: id, cell, error: clientError('TOO_LARGE', path, { max: MAX_COUNT }) });
      }
    }
    setBusy(true);
    const sent = [...dirtyIds];
    try {
      const next = await call('stats.save', { month: sheet.month, rows: sent.map((id) => rowInput(id, drafts[id]!)) });
      apply(next);
      setNotice({ key: 'stats.saved', count: sent.length });
    } catch (error) {
      const located = error instanceof LedgerCallError ? locateError(error.error, sent) : null;
      if (located) showGridError(located);
      else setGeneral(isSessionLost(error) ? SESSION_LOST_NOTICE : error);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDrafts(originals);
    setGridError(null);
  };

  const runAction = async (action: 'submit' | 'reopen') => {
    if (!sheet) return;
    setBusy(true);
    setGeneral(null);
    try {
      const next = action === 'submit' ? await call('stats.submit', { month: sheet.month }) : await call('stats.reopen', { month: sheet.month });
      apply(next);
      setNotice({ key: action === 'submit' ? 'stats.submittedNotice' : 'stats.reopenedNotice' });
    } catch (error) {
      setGeneral(error);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const changeMonth = (next: string) => {
    if (next === month) return;
    if (dirty) setPending({ kind: 'month', month: next });
    else onMonthChange(next);
  };

  const operatingCount = rows.filter((r) => r.operating).length;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Group align="flex-end" gap="md">
          <MonthPicker value={month} onChange={changeMonth} max={currentMonth()} />
          {sheet && (
            <Stack gap={2} pb={4}>
              {sheet.submitted ? (
                <Group gap={6}>
                  <Badge color="green" variant="light">
                    {t('stats.submitted')}
                  </Badge>
                  <Text size="sm" data-testid="stats-submitted">
                    {t('stats.submittedBy', { at: formatDateTime(sheet.submitted.at, false), by: sheet.submitted.by })}
                  </Text>
                </Group>
              ) : (
                <Badge color="gray" variant="light">
                  {t('stats.notSubmitted')}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {t('stats.summary', { count: rows.length, operating: operatingCount })}
              </Text>
            </Stack>
          )}
        </Group>
        {sheet && (
          <Group gap="xs">
            {!readOnly && dirty && (
              <Button variant="subtle" color="gray" onClick={discard} disabled={busy}>
                {t('stats.discard')}
              </Button>
            )}
            {!readOnly && (
              <Button onClick={() => void save()} disabled={!dirty} loading={busy && pending === null}>
                {dirty ? t('stats.saveCount', { count: dirtyIds.length }) : t('common.save')}
              </Button>
            )}
            {can.edit && !sheet.submitted && (
              <Button variant="light" color="green" onClick={() => setPending({ kind: 'submit' })} disabled={dirty || busy || operatingCount === 0}>
                {t('stats.submit')}
              </Button>
            )}
            {can.admin && sheet.submitted && (
              <Button variant="light" color="orange" onClick={() => setPending({ kind: 'reopen' })} disabled={busy}>
                {t('stats.reopen')}
              </Button>
            )}
            {/* The workbook holds the saved figures: unsaved cells would silently be missing from it. */}
            <ExportButton request="stats.month" input={{ month: sheet.month }} disabled={dirty} />
            <PrintButton request="stats.month" input={{ month: sheet.month }} disabled={dirty} />
          </Group>
        )}
      </Group>

      {dirty && !readOnly && (
        <Text size="xs" c="orange.8">
          {t('stats.unsavedHint', { count: dirtyIds.length })} {t('export.saveFirst')}
        </Text>
      )}
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {t(notice.key, { count: notice.count ?? 0, month })}
        </Alert>
      )}
      <ErrorAlert error={general} onClose={() => setGeneral(null)} />
      {gridError && (
        <Alert color="red" variant="light" role="alert" title={t('stats.notSavedTitle')} data-testid="stats-grid-error">
          {fieldErrorText(gridError.error)}
        </Alert>
      )}
      <ErrorAlert error={loadError} />

      {loading && !sheet && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {sheet && (
        <StatsGrid
          rows={rows}
          drafts={drafts}
          originals={originals}
          totals={totals}
          readOnly={readOnly}
          gridError={gridError}
          onCell={onCell}
          handleRef={gridRef}
        />
      )}
      {sheet && !readOnly && rows.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('stats.keyboardHelp')}
        </Text>
      )}
      {sheet?.submitted && can.edit && !can.admin && (
        <Text size="xs" c="dimmed">
          {t('stats.submittedLockedHelp')}
        </Text>
      )}

      <ConfirmModal
        opened={pending?.kind === 'month'}
        title={t('stats.leaveTitle')}
        confirmLabel={t('stats.leaveConfirm')}
        color="red"
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending?.kind === 'month') onMonthChange(pending.month);
          setPending(null);
        }}
      >
        {t('stats.leaveText', { count: dirtyIds.length })}
      </ConfirmModal>
      <ConfirmModal
        opened={pending?.kind === 'submit'}
        title={t('stats.submitTitle', { month })}
        confirmLabel={t('stats.submit')}
        color="green"
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => void runAction('submit')}
      >
        {t('stats.submitText', { month, reported: rows.filter((r) => r.operating && r.reported).length, operating: operatingCount })}
      </ConfirmModal>
      <ConfirmModal
        opened={pending?.kind === 'reopen'}
        title={t('stats.reopenTitle', { month })}
        confirmLabel={t('stats.reopen')}
        color="orange"
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => void runAction('reopen')}
      >
        {t('stats.reopenText', { month })}
      </ConfirmModal>
    </Stack>
  );
}

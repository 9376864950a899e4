import { Badge, Text } from '@mantine/core';
import { memo, useCallback, useImperativeHandle, useRef, type KeyboardEvent, type RefObject } from 'react';
import { SERVICE_TYPES, type ServiceType, type StatRow } from '../../contract';
import { useT } from '../../i18n';
import { COLUMNS, cellTooLarge, cleanDigits, isCellDirty, type CellKey, type GridError, type RowDraft } from './stats-model';

export interface GridHandle {
  focusCell(stationId: string, cell: CellKey | null): void;
}

interface GridProps {
  rows: StatRow[];
  drafts: Record<string, RowDraft>;
  originals: Record<string, RowDraft>;
  totals: Record<CellKey, number>;
  readOnly: boolean;
  gridError: GridError | null;
  onCell(stationId: string, cell: CellKey, value: string): void;
  /** Lets the page move the keyboard to a cell (after a refusal). */
  handleRef: RefObject<GridHandle | null>;
}

function cellId(stationId: string, cell: CellKey | 'name'): string {
  return `stat-${stationId}-${cell.replace('.', '-')}`;
}

/**
 * The month's spreadsheet: one row per station, 上门 / 站点 per service, then 助餐人次.
 * Tab / Shift+Tab move across, Enter / ↓ down and Shift+Enter / ↑ up in the same column.
 * Rows of stations not operating in the month are greyed and cannot be typed in.
 */
export function StatsGrid(props: GridProps) {
  const { t } = useT();
  const tableRef = useRef<HTMLTableElement>(null);
  const { rows } = props;

  const focusAt = useCallback((rowIndex: number, colIndex: number, direction: 1 | -1) => {
    const table = tableRef.current;
    if (!table) return;
    for (let r = rowIndex; r >= 0 && r < rows.length; r += direction) {
      const input = table.querySelector<HTMLInputElement>(`input[data-row="${r}"][data-col="${colIndex}"]`);
      if (input && !input.disabled) {
        input.focus();
        input.select();
        return;
      }
    }
  }, [rows.length]);

  useImperativeHandle(props.handleRef, () => ({
    focusCell(stationId: string, cell: CellKey | null) {
      const target = document.getElementById(cellId(stationId, cell ?? 'name'));
      if (!target) return;
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (target instanceof HTMLInputElement && target.disabled) {
        document.getElementById(cellId(stationId, 'name'))?.focus();
        return;
      }
      target.focus();
      if (target instanceof HTMLInputElement) target.select();
    },
  }));

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const row = Number(input.dataset.row);
      const col = Number(input.dataset.col);
      if (event.key === 'Enter' || event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        const up = event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey);
        focusAt(up ? row - 1 : row + 1, col, up ? -1 : 1);
      }
    },
    [focusAt],
  );

  const serviceLabel = (s: ServiceType) => t(`service.${s}`);

  return (
    <div className="stats-grid-wrap">
      <table ref={tableRef} className="stats-grid" data-testid="stats-grid" aria-label={t('stats.gridLabel')}>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="col-name">
              {t('stats.station')}
            </th>
            <th rowSpan={2} scope="col" className="col-town">
              {t('station.town')}
            </th>
            {SERVICE_TYPES.map((s) => (
              <th key={s} colSpan={2} scope="colgroup" className="group-start">
                {serviceLabel(s)}
              </th>
            ))}
            <th rowSpan={2} scope="col" className="group-start col-meals">
              {t('stats.mealsCount')}
            </th>
          </tr>
          <tr>
            {SERVICE_TYPES.map((s) => [
              <th key={`${s}.home`} scope="col" className="group-start sub">
                {t('stats.home')}
              </th>,
              <th key={`${s}.onSite`} scope="col" className="sub">
                {t('stats.onSite')}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 2} className="stats-empty">
                <Text c="dimmed" ta="center" py="md">
                  {t('stats.noStations')}
                </Text>
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <GridRow
              key={row.stationId}
              row={row}
              index={index}
              draft={props.drafts[row.stationId]!}
              original={props.originals[row.stationId]!}
              readOnly={props.readOnly}
              error={props.gridError?.stationId === row.stationId ? props.gridError : null}
              onCell={props.onCell}
              onKeyDown={onKeyDown}
            />
          ))}
        </tbody>
        {rows.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row" className="col-name">
                {t('stats.totals')}
              </th>
              <td className="col-town" />
              {COLUMNS.map((c) => (
                <td key={c} className={`total${c.endsWith('.home') || c === 'meals' ? ' group-start' : ''}`} data-testid={`total-${c}`}>
                  {props.totals[c].toLocaleString('zh-CN')}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

interface RowProps {
  row: StatRow;
  index: number;
  draft: RowDraft;
  original: RowDraft;
  readOnly: boolean;
  error: GridError | null;
  onCell(stationId: string, cell: CellKey, value: string): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
}

const GridRow = memo(function GridRow({ row, index, draft, original, readOnly, error, onCell, onKeyDown }: RowProps) {
  const { t, fieldErrorText } = useT();
  const off = !row.operating;
  const rowError = error && !error.cell ? fieldErrorText(error.error) : null;
  const labelOf = (c: CellKey) => {
    if (c === 'meals') return `${row.stationName} ${t('stats.mealsCount')}`;
    const [service, where] = c.split('.') as [ServiceType, 'home' | 'onSite'];
    return `${row.stationName} ${t(`service.${service}`)} ${t(where === 'home' ? 'stats.home' : 'stats.onSite')}`;
  };
  return (
    <tr className={`${off ? 'stats-row-off' : ''}${rowError ? ' stats-row-error' : ''}`} data-station={row.stationId}>
      <th
        scope="row"
        className="col-name"
        id={cellId(row.stationId, 'name')}
        tabIndex={-1}
        title={rowError ?? undefined}
        aria-invalid={rowError ? true : undefined}
      >
        <span className="stats-name">
          <span className="stats-name-text" title={row.stationName}>
            {row.stationName}
          </span>
          {off && (
            <Badge size="xs" color="gray" variant="outline" style={{ flex: 'none' }}>
              {t('stats.notOperating')}
            </Badge>
          )}
        </span>
      </th>
      <td className="col-town">{row.townName}</td>
      {COLUMNS.map((c, col) => {
        const value = draft[c];
        const dirty = isCellDirty(draft, original, c);
        const serverError = error?.cell === c ? fieldErrorText(error.error) : null;
        const tooLarge = cellTooLarge(value);
        const message = serverError ?? (tooLarge ? t('stats.tooLarge') : null);
        const classes = ['stats-cell'];
        if (c.endsWith('.home') || c === 'meals') classes.push('group-start');
        if (dirty) classes.push('dirty');
        if (message) classes.push('invalid');
        return (
          <td key={c} className={classes.join(' ')}>
            <input
              id={cellId(row.stationId, c)}
              aria-label={labelOf(c)}
              aria-invalid={message ? true : undefined}
              title={message ?? (dirty ? t('stats.dirtyCell') : undefined)}
              value={value}
              inputMode="numeric"
              autoComplete="off"
              maxLength={9}
              disabled={off}
              readOnly={readOnly}
              data-row={index}
              data-col={col}
              data-dirty={dirty || undefined}
              onChange={(e) => onCell(row.stationId, c, cleanDigits(e.currentTarget.value))}
              onFocus={(e) => e.currentTarget.select()}
              onKeyDown={onKeyDown}
            />
          </td>
        );
      })}
    </tr>
  );
});

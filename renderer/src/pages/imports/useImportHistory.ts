import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import type { ImportRunRow } from './import-types';

/** How many past imports the page lists: enough for months of an office's imports. */
export const HISTORY_LIMIT = 50;

/**
 * The import history, newest first; `reload` after a commit or an undo. A reload that an older
 * one overtakes wins (the sequence number), so the list never goes back to an earlier state.
 */
export function useImportHistory() {
  const [rows, setRows] = useState<ImportRunRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const list = await call('imports.history', { limit: HISTORY_LIMIT });
      if (mine !== seq.current) return;
      setRows(list);
      setError(null);
    } catch (caught) {
      if (mine === seq.current) setError(caught);
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      // A reply arriving after the page closed is dropped.
      seq.current++;
    };
  }, [reload]);

  return { rows, error, reload };
}

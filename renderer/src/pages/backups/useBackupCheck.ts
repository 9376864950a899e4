import { useCallback, useRef, useState } from 'react';
import { call } from '../../client';
import type { BackupCheck } from './backup-labels';

/**
 * The backup being looked at for a restore: its path as typed (or chosen from the list) and what
 * 'backups.inspect' found. A later inspection wins over an earlier one still under way.
 */
export function useBackupCheck() {
  const [path, setPathState] = useState('');
  const [check, setCheck] = useState<BackupCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const setPath = useCallback((next: string) => {
    seq.current++;
    setPathState(next);
    setCheck(null);
    setError(null);
    setChecking(false);
  }, []);

  /** Inspects `target`; resolves with what was found (null when refused or superseded). */
  const inspect = useCallback(async (target: string): Promise<BackupCheck | null> => {
    const mine = ++seq.current;
    setPathState(target);
    setCheck(null);
    setError(null);
    setChecking(true);
    try {
      const found = await call('backups.inspect', { path: target });
      if (mine !== seq.current) return null;
      setCheck(found);
      return found;
    } catch (caught) {
      if (mine === seq.current) setError(caught);
      return null;
    } finally {
      if (mine === seq.current) setChecking(false);
    }
  }, []);

  return { path, setPath, check, checking, error, clearError: () => setError(null), inspect };
}

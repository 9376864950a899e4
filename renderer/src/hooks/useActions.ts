import { useState } from 'react';

/**
 * Buttons that call the main side: one action at a time (its button shows a spinner), the
 * refusal of the last one, and what was just done. `run`'s work returns the notice to show, if any.
 */
export function useActions<A extends string = 'run'>() {
  const [busy, setBusy] = useState<A | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = async (what: A, work: () => Promise<string | null | void>) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      const done = await work();
      if (done) setNotice(done);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, notice, run, clearError: () => setError(null), clearNotice: () => setNotice(null) };
}

export type Actions = ReturnType<typeof useActions>;

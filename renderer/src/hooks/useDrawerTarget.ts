import { useCallback, useState } from 'react';

export interface DrawerState<T> {
  target: T;
  open: boolean;
  /** Bumped on each open: the content's key, so a form opened again starts afresh. */
  session: number;
}

/**
 * What a list page's side drawer shows: a new record or the one opened from the list. Closing
 * keeps the target until the slide-out has ended (`exited`), so the content doesn't vanish mid-way.
 */
export function useDrawerTarget<T>() {
  const [drawer, setDrawer] = useState<DrawerState<T> | null>(null);
  const open = useCallback((target: T) => setDrawer((d) => ({ target, open: true, session: (d?.session ?? 0) + 1 })), []);
  /** Show another target in the drawer already there; `afresh` remounts its content. */
  const retarget = useCallback(
    (target: T, afresh = false) => setDrawer((d) => (d ? { ...d, target, session: afresh ? d.session + 1 : d.session } : d)),
    [],
  );
  const close = useCallback(() => setDrawer((d) => (d ? { ...d, open: false } : d)), []);
  const exited = useCallback(() => setDrawer((d) => (d && !d.open ? null : d)), []);
  return { drawer, open, retarget, close, exited };
}

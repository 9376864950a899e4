import { useEffect } from 'react';

/** The record id in "#/<route>/<id>" (a link from another page to one record of a list), if any. */
export function idInHash(route: string): string | null {
  const m = new RegExp(`^#/${route}/([0-9a-f-]{36})`).exec(window.location.hash);
  return m ? m[1]! : null;
}

/** Back to the list's own address "#/<route>" once the linked record is closed. */
export function leaveHashTarget(route: string): void {
  if (idInHash(route)) window.history.replaceState(null, '', `#/${route}`);
}

/** Opens the record named in the address, on arrival and whenever the address changes. `open` should be stable. */
export function useHashTarget(route: string, open: (id: string) => void): void {
  useEffect(() => {
    const fromHash = () => {
      const id = idInHash(route);
      if (id) open(id);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [route, open]);
}

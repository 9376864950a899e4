import { useCallback, useEffect, useRef, useState } from 'react';

/** The app's pages, addressed as #/people, #/stations, …, #/backups (in the navigation's order). */
export const ROUTES = [
  'people',
  'stations',
  'stats',
  'beds',
  'subsidy',
  'reports',
  'institutions',
  'residents',
  'allowances',
  'homes',
  'renovations',
  'renovation-progress',
  'renovation-settings',
  'imports',
  'bundles',
  'city-tables',
  'city-import',
  'city-keys',
  'keys',
  'staff',
  'audit',
  'backups',
] as const;
export type Route = (typeof ROUTES)[number];

function parseHash(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r === name) ?? null;
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

let leaveGuard: (() => string | null) | null = null;

/** A page with unsaved work registers what to ask before the user leaves it (null: nothing to ask). */
export function setLeaveGuard(guard: (() => string | null) | null): void {
  leaveGuard = guard;
}

function mayLeave(): boolean {
  const question = leaveGuard?.();
  return !question || window.confirm(question);
}

/** The current page from location.hash (people when unknown), and a way to go elsewhere. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash) ?? 'people');
  const current = useRef(route);
  useEffect(() => {
    const onChange = () => {
      const next = parseHash(window.location.hash) ?? 'people';
      if (next === current.current) return;
      if (!mayLeave()) {
        // The link already changed the address: put it back without another hashchange.
        window.history.replaceState(null, '', hrefOf(current.current));
        return;
      }
      current.current = next;
      setRoute(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    if (next === current.current || !mayLeave()) return;
    current.current = next;
    window.location.hash = hrefOf(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}

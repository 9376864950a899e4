import { useCallback, useEffect, useState } from 'react';

/** The app's pages, addressed as #/people, #/stations, …, #/audit (in the navigation's order). */
export const ROUTES = ['people', 'stations', 'stats', 'beds', 'subsidy', 'reports', 'staff', 'audit'] as const;
export type Route = (typeof ROUTES)[number];

function parseHash(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r === name) ?? null;
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

/** The current page from location.hash (people when unknown), and a way to go elsewhere. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash) ?? 'people');
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash) ?? 'people');
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = hrefOf(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}

import { Group, Loader } from '@mantine/core';
import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import type { Route } from './router';

type PageModule = () => Promise<{ default: ComponentType }>;

/** Each page's code, read the first time the page is opened: the window shows the login sooner. */
const LOADERS: Record<Route, PageModule> = {
  people: () => import('../people/PeoplePage').then((m) => ({ default: m.PeoplePage })),
  stations: () => import('../stations/StationsPage').then((m) => ({ default: m.StationsPage })),
  stats: () => import('../stats/StatsPage').then((m) => ({ default: m.StatsPage })),
  beds: () => import('../beds/BedsPage').then((m) => ({ default: m.BedsPage })),
  subsidy: () => import('../subsidy/SubsidyPage').then((m) => ({ default: m.SubsidyPage })),
  reports: () => import('../reports/ReportsPage'),
  institutions: () => import('../institutions/InstitutionsPage').then((m) => ({ default: m.InstitutionsPage })),
  residents: () => import('../residents/ResidentsPage').then((m) => ({ default: m.ResidentsPage })),
  allowances: () => import('../allowances/AllowancesPage').then((m) => ({ default: m.AllowancesPage })),
  homes: () => import('../homes/HomesOverviewPage').then((m) => ({ default: m.HomesOverviewPage })),
  renovations: () => import('../renovations/RenovationsPage').then((m) => ({ default: m.RenovationsPage })),
  'renovation-progress': () => import('../renovation-progress/RenovationProgressPage').then((m) => ({ default: m.RenovationProgressPage })),
  'renovation-settings': () => import('../renovation-settings/RenovationSettingsPage').then((m) => ({ default: m.RenovationSettingsPage })),
  imports: () => import('../imports/ImportsPage').then((m) => ({ default: m.ImportsPage })),
  bundles: () => import('../bundles/BundlesPage').then((m) => ({ default: m.BundlesPage })),
  'city-tables': () => import('../city-tables/CityTablesPage').then((m) => ({ default: m.CityTablesPage })),
  'city-import': () => import('../city-import/CityImportPage').then((m) => ({ default: m.CityImportPage })),
  'city-keys': () => import('../city-keys/CityKeysPage').then((m) => ({ default: m.CityKeysPage })),
  keys: () => import('../keys/KeysPage').then((m) => ({ default: m.KeysPage })),
  staff: () => import('../staff/StaffPage').then((m) => ({ default: m.StaffPage })),
  audit: () => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })),
  backups: () => import('../backups/BackupsPage').then((m) => ({ default: m.BackupsPage })),
};

export const PAGES = Object.fromEntries(Object.entries(LOADERS).map(([route, load]) => [route, lazy(load)])) as Record<
  Route,
  LazyExoticComponent<ComponentType>
>;

/**
 * Once the first page is up, fetch the code of the others the user may open while the app idles,
 * so later clicks in the navigation don't wait. (Vite caches each module: a page opened meanwhile
 * shares the same request.)
 */
export function usePreloadPages(routes: readonly Route[]) {
  const key = routes.join(',');
  useEffect(() => {
    const wanted = key.split(',') as Route[];
    const handle = window.setTimeout(() => {
      for (const route of wanted) void LOADERS[route]().catch(() => undefined);
    }, 1500);
    return () => window.clearTimeout(handle);
  }, [key]);
}

/** Shown while a page's code loads; only after a moment, so a quick load doesn't flash a spinner. */
export function PageLoading() {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const handle = window.setTimeout(() => setShow(true), 150);
    return () => window.clearTimeout(handle);
  }, []);
  return show ? (
    <Group justify="center" py="xl" data-testid="page-loading">
      <Loader />
    </Group>
  ) : null;
}

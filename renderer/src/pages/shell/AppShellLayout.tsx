import { Alert, AppShell, Badge, Button, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Suspense, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import type { DemoSummary } from '../../contract';
import { useT } from '../../i18n';
import { takeDemoWish } from '../../session/demo-wish';
import { useCan, useSession } from '../../session/session-context';
import { ChangePasswordModal } from './ChangePasswordModal';
import { PageLoading, PAGES, usePreloadPages } from './lazy-pages';
import { hrefOf, useHashRoute, type Route } from './router';

/** Pages of the county registers (a city office keeps none). */
const COUNTY_ROUTES: Route[] = ['stations', 'stats', 'beds', 'subsidy', 'reports', 'institutions', 'residents', 'allowances', 'homes', 'renovations', 'renovation-progress', 'renovation-settings', 'imports', 'bundles'];

/** Pages that only change data: a viewer is not shown them (the main side refuses them anyway). */
const EDITING_ROUTES: Route[] = ['imports'];

/** Pages of the city office: what the counties' verified bundles brought. */
const CITY_ROUTES: Route[] = ['city-tables', 'city-import', 'city-keys'];

/** Header (office, user, language, password, logout), navbar, and the current page. */
export function AppShellLayout() {
  const { t } = useT();
  const { user, office, logout } = useSession();
  const can = useCan();
  const [route] = useHashRoute();
  const [changingPassword, setChangingPassword] = useState(false);
  const [demo, setDemo] = useState<{ busy: boolean; summary: DemoSummary | null; error: unknown } | null>(null);
  const [contentKey, setContentKey] = useState(0);

  // Demo data asked for in the setup wizard: filled once, when the first administrator logs in.
  useEffect(() => {
    if (!can.admin || office.mode !== 'county' || !takeDemoWish(office.installationId)) return;
    setDemo({ busy: true, summary: null, error: null });
    call('demo.fill', {}).then(
      (summary) => {
        setDemo({ busy: false, summary, error: null });
        setContentKey((k) => k + 1);
      },
      (error: unknown) => setDemo({ busy: false, summary: null, error }),
    );
  }, [can.admin, office.mode, office.installationId]);

  // The city keeps no people: its pages are what the counties' bundles brought, the tables first.
  const allowed = ([
    ...(office.mode === 'county' ? (['people', ...COUNTY_ROUTES] as Route[]) : CITY_ROUTES),
    'keys',
    ...(can.admin ? (['staff', 'audit', 'backups'] as Route[]) : []),
  ] as Route[]).filter((r) => can.edit || !EDITING_ROUTES.includes(r));
  const home: Route = office.mode === 'county' ? 'people' : 'city-tables';
  const current = allowed.includes(route) ? route : home;
  const Page = PAGES[current];
  usePreloadPages(allowed);

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} c="ledger.8" truncate>
              {t('app.title')} · {office.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {office.divisionName}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" data-testid="current-user">
              {user.displayName}
            </Text>
            <Badge variant="light" data-testid="current-role">
              {t(`role.${user.role}`)}
            </Badge>
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => setChangingPassword(true)}>
              {t('shell.changePassword')}
            </Button>
            <Button variant="default" size="xs" onClick={logout}>
              {t('shell.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        {/* An admin's county list is taller than a laptop's window: the links scroll. */}
        <AppShell.Section grow component={ScrollArea}>
          {allowed.map((r) => (
            <NavLink key={r} href={hrefOf(r)} label={t(`nav.${r}`)} active={r === current} aria-current={r === current ? 'page' : undefined} />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {demo && (
          <Stack mb="md">
            {demo.busy && (
              <Alert color="ledger" variant="light" role="status" icon={<Loader size="xs" />}>
                {t('demo.filling')}
              </Alert>
            )}
            {demo.summary && (
              <Alert
                color="green"
                variant="light"
                role="status"
                title={t('demo.done')}
                withCloseButton
                closeButtonLabel={t('common.close')}
                onClose={() => setDemo(null)}
              >
                {t('demo.summary', { ...demo.summary })}
              </Alert>
            )}
            <ErrorAlert error={demo.error} title={t('demo.failed')} onClose={() => setDemo(null)} />
          </Stack>
        )}
        <div key={contentKey}>
          <Suspense fallback={<PageLoading />}>
            <Page />
          </Suspense>
        </div>
      </AppShell.Main>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </AppShell>
  );
}

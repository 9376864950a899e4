import { AppShell, Badge, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { useCan, useSession } from '../../session/session-context';
import { AuditPage } from '../audit/AuditPage';
import { PeoplePage } from '../people/PeoplePage';
import { StaffPage } from '../staff/StaffPage';
import { ChangePasswordModal } from './ChangePasswordModal';
import { hrefOf, useHashRoute, type Route } from './router';

/** Header (office, user, language, password, logout), navbar, and the current page. */
export function AppShellLayout() {
  const { t } = useT();
  const { user, office, logout } = useSession();
  const can = useCan();
  const [route] = useHashRoute();
  const [changingPassword, setChangingPassword] = useState(false);

  const allowed: Route[] = can.admin ? ['people', 'staff', 'audit'] : ['people'];
  const current = allowed.includes(route) ? route : 'people';

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
        {allowed.map((r) => (
          <NavLink key={r} href={hrefOf(r)} label={t(`nav.${r}`)} active={r === current} aria-current={r === current ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {current === 'people' && <PeoplePage />}
        {current === 'staff' && <StaffPage />}
        {current === 'audit' && <AuditPage />}
      </AppShell.Main>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </AppShell>
  );
}

import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { CenteredPage } from '../../components/CenteredPage';
import { translateError, type SetupStatus } from '../../contract';
import { useT } from '../../i18n';
import { DamagedDatabasePage } from './DamagedDatabasePage';

export function LoadingPage() {
  const { t } = useT();
  return (
    <Center mih="100vh">
      <Stack align="center" gap="sm">
        <Loader />
        <Text c="dimmed">{t('common.loading')}</Text>
      </Stack>
    </Center>
  );
}

/** A configured database that cannot be opened: said plainly (a damaged one with its newest good backup). */
export function ProblemPage({ problem, onRetry }: { problem: NonNullable<SetupStatus['problem']>; onRetry: () => void }) {
  const { t, locale } = useT();
  if (problem.code === 'DATABASE_DAMAGED') return <DamagedDatabasePage problem={problem} onRetry={onRetry} />;
  return (
    <CenteredPage width={640}>
      <Stack>
        <Alert color="red" variant="light" role="alert" title={t('boot.problemTitle')}>
          <Stack gap="xs">
            {/* The code stays on screen for support calls. */}
            <Text size="sm">{translateError(problem, locale)}</Text>
            <Text size="xs" c="dimmed">
              {t('boot.problemCode', { code: problem.code })}
            </Text>
          </Stack>
        </Alert>
        <Text size="sm">{t('boot.problemHelp')}</Text>
        <Button variant="default" onClick={onRetry} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    </CenteredPage>
  );
}

/** setup.status itself failed: the bridge is missing or the main side broke. */
export function BootFailedPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, errorText } = useT();
  return (
    <CenteredPage width={640}>
      <Stack>
        <Alert color="red" variant="light" role="alert" title={t('boot.failedTitle')}>
          {errorText(error)}
        </Alert>
        <Button variant="default" onClick={onRetry} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    </CenteredPage>
  );
}

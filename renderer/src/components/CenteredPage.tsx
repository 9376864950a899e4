import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages before login: app name, language switch, one card. */
export function CenteredPage({ children, width = 460 }: { children: ReactNode; width?: number }) {
  const { t } = useT();
  return (
    <Box mih="100vh" py={48}>
      <Container size={width}>
        <Stack gap="lg">
          <Group justify="space-between" align="center">
            <div>
              <Title order={2} c="ledger.8">
                {t('app.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('app.subtitle')}
              </Text>
            </div>
            <LanguageSwitch />
          </Group>
          <Paper withBorder shadow="xs" p="xl" radius="md">
            {children}
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}

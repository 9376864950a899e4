import { Group, Paper, Stack, Text } from '@mantine/core';
import type { Fingerprint } from '../contract';
import { useT } from '../i18n';

/**
 * A key's fingerprint as two people compare it over the phone: eight groups of five digits, large
 * and monospaced (two lines of four, so each line can be read out and confirmed), the six words,
 * and the full hex small underneath (for files and logs). Either the digits or the words suffice.
 */
export function FingerprintView(props: { fingerprint: Fingerprint; label?: string; compact?: boolean; testId?: string }) {
  const { t } = useT();
  const groups = props.fingerprint.digits.split(/\s+/).filter(Boolean);
  const lines = [groups.slice(0, 4), groups.slice(4)].filter((line) => line.length > 0);
  const size = props.compact ? 'lg' : '1.6rem';
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0" data-testid={props.testId ?? 'fingerprint'}>
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {props.label ?? t('fingerprint.label')}
        </Text>
        <Stack gap={2} aria-label={t('fingerprint.digits')} data-testid="fingerprint-digits">
          {lines.map((line, i) => (
            <Text key={i} ff="monospace" fw={700} fz={size} lh={1.25} style={{ letterSpacing: '0.06em', wordSpacing: '0.5em' }}>
              {line.join(' ')}
            </Text>
          ))}
        </Stack>
        <Group gap={6} wrap="wrap" aria-label={t('fingerprint.words')} data-testid="fingerprint-words">
          <Text size="xs" c="dimmed">
            {t('fingerprint.words')}
          </Text>
          {props.fingerprint.words.map((word, i) => (
            <Text key={i} fw={600} fz={props.compact ? 'md' : 'lg'} component="span">
              {word}
            </Text>
          ))}
        </Group>
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="fingerprint-hex">
          SHA-256 {props.fingerprint.hex}
        </Text>
      </Stack>
    </Paper>
  );
}

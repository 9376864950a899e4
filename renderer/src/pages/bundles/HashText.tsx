import { Button, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { useT } from '../../i18n';
import { shortHash } from './bundle-labels';

/**
 * A SHA-256: the first characters (or all of them) in monospace, the full value in a tooltip,
 * and 复制 to put it on the clipboard (to compare with what the other office sees).
 */
export function HashText({ hash, full }: { hash: string; full?: boolean }) {
  const { t } = useT();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={hash} disabled={full} multiline w={300} style={{ wordBreak: 'break-all' }}>
        <Text size="sm" ff="monospace" style={full ? { wordBreak: 'break-all' } : undefined} data-hash={hash}>
          {full ? hash : `${shortHash(hash)}…`}
        </Text>
      </Tooltip>
      <CopyButton value={hash} timeout={1500}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('bundles.copyHash')}>
            {copied ? t('bundles.copied') : t('bundles.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

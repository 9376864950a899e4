import { Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useLockAwareOverlay } from '../session/session-context';

/** The modal a record's drawer opens one of its small action forms in. */
export function ActionModal(props: { opened: boolean; title: string; size: number; onClose(): void; children: ReactNode }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened);
  return (
    <Modal
      {...overlay}
      // Above the drawer it opens from (both default to 200), below Select dropdowns (300).
      zIndex={250}
      onClose={props.onClose}
      title={<Text fw={700}>{props.title}</Text>}
      size={props.size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.children}
    </Modal>
  );
}

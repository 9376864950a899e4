import { Drawer, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useLockAwareOverlay } from '../session/session-context';

/**
 * The list pages' right-hand drawer for one record. While the screen lock hides it, its content
 * stays mounted (hidden), so nothing typed is lost; `onExited` runs after the slide-out.
 */
export function ListDrawer(props: { opened: boolean; onClose(): void; onExited(): void; size: number; title: ReactNode; children: ReactNode }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened);
  return (
    <Drawer
      {...overlay}
      onClose={props.onClose}
      onExitTransitionEnd={props.onExited}
      keepMounted
      keepMountedMode="display-none"
      position="right"
      size={props.size}
      title={<Text fw={700}>{props.title}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.children}
    </Drawer>
  );
}

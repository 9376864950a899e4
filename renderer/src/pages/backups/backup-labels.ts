import type { BackupKind } from '../../contract';
import type { MessageKey } from '../../i18n';

export type { BackupCheck, BackupInfo, BackupKind, BackupStatus } from '../../contract';

const KIND_KEYS: Record<BackupKind, MessageKey> = {
  exit: 'backups.kind.exit',
  daily: 'backups.kind.daily',
  manual: 'backups.kind.manual',
  'before-restore': 'backups.kind.before-restore',
};

/** 退出时 / 每日 / 手动 / 恢复前. */
export function kindKey(kind: BackupKind): MessageKey {
  return KIND_KEYS[kind];
}

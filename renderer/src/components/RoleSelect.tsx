import { Select } from '@mantine/core';
import type { Role } from '../contract';
import { useT } from '../i18n';

const ROLES: Role[] = ['clerk', 'viewer', 'admin'];

/** 角色: 科员 / 只读 / 管理员, with one line on what each may do. */
export function RoleSelect(props: { value: Role; onChange(role: Role): void; error?: string; disabled?: boolean; description?: string }) {
  const { t } = useT();
  return (
    <Select
      label={t('field.role')}
      description={props.description ?? t(`role.${props.value}.help`)}
      data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
      value={props.value}
      onChange={(value) => value && props.onChange(value as Role)}
      allowDeselect={false}
      error={props.error}
      disabled={props.disabled}
    />
  );
}

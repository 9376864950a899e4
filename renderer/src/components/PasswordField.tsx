import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { Ref } from 'react';
import { useT } from '../i18n';

/**
 * PasswordInput whose show/hide button is not named "…password…": Mantine's default aria-label
 * ("Toggle password visibility") would make getByLabel('Password') match two elements.
 */
export function PasswordField(props: PasswordInputProps & { ref?: Ref<HTMLInputElement> }) {
  const { t } = useT();
  return <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': t('common.showHide') }} />;
}

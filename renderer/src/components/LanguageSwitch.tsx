import { SegmentedControl } from '@mantine/core';
import type { Locale } from '../contract';
import { useT } from '../i18n';

/** 中文 / English, shown on the login page, in the wizard and in the app header. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useT();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.switch')}
      value={locale}
      onChange={(value) => setLocale(value as Locale)}
      data={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

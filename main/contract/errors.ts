import type { LedgerError } from './define';
import { fieldLabel, MESSAGES, paramText, type Locale } from './messages';

export type ErrorCode = keyof typeof MESSAGES;

/** A refusal the user can act on: thrown by services, carried to the client, translated there. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(formatMessage(code, field, params, 'en'));
    this.name = 'AppError';
  }

  toLedgerError(locale: Locale = 'zh-CN'): LedgerError {
    return {
      code: this.code,
      ...(this.field ? { field: this.field } : {}),
      ...(Object.keys(this.params).length ? { params: this.params } : {}),
      message: formatMessage(this.code, this.field, this.params, locale),
    };
  }
}

/** "{field}: reason" in the given language; unknown codes fall back to the generic one. */
export function formatMessage(
  code: string,
  field: string | undefined,
  params: Record<string, string | number> | undefined,
  locale: Locale,
): string {
  const entry = (MESSAGES as Record<string, { 'zh-CN': string; en: string }>)[code] ?? MESSAGES.INTERNAL;
  const values: Record<string, string | number> = { ...params, field: field ? fieldLabel(field, locale) : '' };
  const text = entry[locale].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    return value === undefined ? `{${key}}` : String(paramText(key, value, locale));
  });
  if (!field) return text;
  return locale === 'en' ? `${fieldLabel(field, locale)}: ${text}` : `${fieldLabel(field, locale)}：${text}`;
}

/** Re-translates an error received from the main side into the UI's current language. */
export function translateError(error: LedgerError, locale: Locale): string {
  return formatMessage(error.code, error.field, error.params, locale);
}

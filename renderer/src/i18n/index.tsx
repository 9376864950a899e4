import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fieldLabel, translateError, type LedgerError, type Locale } from '../contract';
import { LedgerCallError } from '../client';
import { formatDateTime } from '../format';
import en from './en.json';
import zh from './zh-CN.json';

export type MessageKey = keyof typeof zh;
export type Params = Record<string, string | number>;

/** Both catalogues must have every key: a key missing from en.json is a type error here. */
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export const LOCALE_STORAGE_KEY = 'ledger.locale';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return value === 'en' || value === 'zh-CN' ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Timestamps in error params (VERSION_CONFLICT's "at") are ISO instants: show them in local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
function localiseParams(params: LedgerError['params']): LedgerError['params'] {
  if (!params) return params;
  const result: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    result[key] = typeof value === 'string' && ISO_INSTANT.test(value) ? formatDateTime(value, false) : value;
  }
  return result;
}

export interface Translator {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** A UI string by key, with {name} placeholders filled from params. */
  t(key: MessageKey, params?: Params): string;
  /** An error from the main side (or any thrown value) in the current language, via translateError. */
  errorText(error: unknown): string;
  /**
   * The same, for display right under the field it concerns: the field's label is left out when
   * the contract has no label for it (it would otherwise show the raw path).
   */
  fieldErrorText(error: LedgerError): string;
}

const I18nContext = createContext<Translator | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = CATALOGUES[locale]['app.title'];
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this window only
    }
  }, []);

  const value = useMemo<Translator>(() => {
    const catalogue = CATALOGUES[locale];
    const t = (key: MessageKey, params?: Params) => interpolate(catalogue[key] ?? key, params);
    const translate = (error: LedgerError) => translateError({ ...error, params: localiseParams(error.params) }, locale);
    return {
      locale,
      setLocale,
      t,
      errorText(error: unknown) {
        if (error instanceof LedgerCallError) return translate(error.error);
        if (isLedgerError(error)) return translate(error);
        return t('error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
      },
      fieldErrorText(error: LedgerError) {
        if (error.field && fieldLabel(error.field, locale) === error.field) return translate({ ...error, field: undefined });
        return translate(error);
      },
    };
  }, [locale, setLocale]);

  return <I18nContext value={value}>{children}</I18nContext>;
}

function isLedgerError(value: unknown): value is LedgerError {
  return typeof value === 'object' && value !== null && typeof (value as LedgerError).code === 'string' && 'message' in value;
}

export function useT(): Translator {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value;
}

import type { BundlePurpose } from '../../contract';
import type { MessageKey, Params } from '../../i18n';
import { parsePeriodLabel } from './periods';

type T = (key: MessageKey, params?: Params) => string;

/** 2021 → "2021 年", 2021-Q3 → "2021 年第三季度", 2021-07 → "2021 年 7 月". */
export function periodText(t: T, label: string): string {
  const p = parsePeriodLabel(label);
  if (!p) return label;
  if (p.kind === 'year') return t('period.year', { year: p.year });
  if (p.kind === 'quarter') return t('period.quarter', { year: p.year, quarter: t(`period.q${p.part as 1 | 2 | 3 | 4}`) });
  return t('period.month', { year: p.year, month: p.part });
}

export const purposeLabel = (t: T, purpose: BundlePurpose) => t(`bundle.purpose.${purpose}`);

export const PURPOSE_COLORS: Record<BundlePurpose, string> = { regular: 'green', reexport: 'blue', correction: 'orange' };

/**
 * The registers a bundle may carry, named for clerks. A register this version does not know (sent
 * by a newer county app) shows under its own name.
 */
export const KNOWN_REGISTERS = ['summary', 'stations', 'station_month_stats', 'family_beds', 'institutions', 'residents', 'renovation_cases', 'people'] as const;

export function registerLabel(t: T, name: string): string {
  return (KNOWN_REGISTERS as readonly string[]).includes(name) ? t(`bundle.register.${name as (typeof KNOWN_REGISTERS)[number]}`) : name;
}

/** The first 12 hex characters, for tables (the full hash is one click away). */
export function shortHash(hex: string): string {
  return hex.slice(0, 12);
}

import type { Period, PeriodKind } from '../../contract/areas/bundles';
import { AppError } from '../../contract/errors';
import { periodRange } from '../../bundles/statement';

/** The kind of a period label: 2021 a year, 2021-Q3 a quarter, 2021-07 a month. */
export function periodKindOf(label: string): PeriodKind {
  if (/^\d{4}$/.test(label)) return 'year';
  return label.includes('Q') ? 'quarter' : 'month';
}

/** A period from its label, with its first and last day; PERIOD_FORMAT on the `period` field otherwise. */
export function periodOf(label: string): Period {
  const kind = periodKindOf(label);
  const range = periodRange(kind, label);
  if (!range) throw new AppError('PERIOD_FORMAT', 'period');
  return { kind, label, ...range };
}

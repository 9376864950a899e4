import { CASE_STATES, INSTITUTION_TYPES, LIFECYCLE_STEPS, RESIDENT_CATEGORIES, SELF_CARE_LEVELS, STATION_KINDS } from '../../contract';
import type { MessageKey, Params } from '../../i18n';

type T = (key: MessageKey, params?: Params) => string;

interface Vocabulary {
  values: readonly string[];
  label(t: T, value: string): string;
}

const vocab = (values: readonly string[], prefix: string): Vocabulary => ({
  values,
  label: (t, value) => t(`${prefix}.${value}` as MessageKey),
});

/**
 * Coded values the drill-down shows in words, by register and field (the same code means
 * different things in different registers: a station's "accepted" is not a renovation's).
 */
const VOCABULARIES: Record<string, Vocabulary> = {
  'stations.kind': vocab(STATION_KINDS, 'station.kind'),
  'stations.state': vocab(LIFECYCLE_STEPS, 'station.state'),
  'institutions.type': vocab(INSTITUTION_TYPES, 'welfare.type'),
  'residents.category': vocab(RESIDENT_CATEGORIES, 'welfare.category'),
  'residents.status': vocab(['present', 'leave', 'exited'], 'welfare.status'),
  'residents.selfCareLevel': vocab(SELF_CARE_LEVELS, 'welfare.level'),
  'renovation_cases.state': vocab(CASE_STATES, 'renovation.state'),
  'people.sex': vocab(['M', 'F'], 'sex'),
};

/**
 * A record's value as the drill-down table shows it: words for known codes, a town's name for its
 * code (`towns`: the county's towns and streets), 是/否, — for nothing.
 */
export function cellText(t: T, register: string, key: string, value: unknown, towns?: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string' && key === 'townCode' && towns?.has(value)) return towns.get(value)!;
  if (typeof value === 'string') {
    const field = `${register}.${key}`;
    const words = Object.hasOwn(VOCABULARIES, field) ? VOCABULARIES[field] : undefined;
    return words && words.values.includes(value) ? words.label(t, value) : value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => cellText(t, register, key, v, towns)).join('、');
  return JSON.stringify(value);
}

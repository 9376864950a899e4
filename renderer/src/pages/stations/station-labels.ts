import type { LifecycleStep, StationKind } from '../../contract';

/** Badge colours of the lifecycle states: grey while planned, green while operating, red once closed. */
export const STATE_COLORS: Record<LifecycleStep, string> = {
  planned: 'gray',
  construction: 'yellow',
  completed: 'cyan',
  accepted: 'teal',
  operating: 'green',
  suspended: 'orange',
  closed: 'red',
};

/** Which kind of town a centre must be in (街道综合养老服务中心 → a street; 乡镇… → a town). */
export function requiredTownKind(kind: StationKind | null): 'street' | 'town' | null {
  if (kind === 'street_centre') return 'street';
  if (kind === 'town_centre') return 'town';
  return null;
}

/** The county guidance centre serves the whole county: it has no town or village. */
export function needsTown(kind: StationKind | null): boolean {
  return kind !== 'county_centre';
}

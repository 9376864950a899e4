import type { ResidentEventView } from '../../contract';

/**
 * The latest event in force (neither a reversal nor reversed), by date and then by the order recorded:
 * the only one the main side lets be reversed.
 */
export function latestEffectiveEvent(events: readonly ResidentEventView[]): ResidentEventView | null {
  const effective = events.filter((e) => e.kind !== 'reversal' && e.reversedByEventId === null);
  const later = (a: ResidentEventView, b: ResidentEventView) => a.date > b.date || (a.date === b.date && a.seq > b.seq);
  return effective.reduce<ResidentEventView | null>((latest, e) => (!latest || later(e, latest) ? e : latest), null);
}

import { sql } from 'kysely';

type ToDate = 'residence_period.to_date' | 'rp.to_date' | 'm.to_date';

/**
 * A residence period [from, to) still runs after `day`: its end is open (null) or later. One test for
 * every reader of the periods (occupancy, lists, rosters, overlaps with closing or retiring dates).
 */
export function runsPast(toDate: ToDate, day: string) {
  return sql<boolean>`(${sql.ref(toDate)} IS NULL OR ${sql.ref(toDate)} > ${day})`;
}

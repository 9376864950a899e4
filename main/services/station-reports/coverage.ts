import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { childrenOf, type Division } from '../../../db/divisions';
import type { Coverage, CoverageGroup } from '../../contract/areas/station-reports';
import type { LifecycleStep } from '../../contract/areas/stations';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { LIFECYCLE_COLUMNS, lifecycleOf, stateOn } from '../stations/lifecycle';

/** The city's goal: at least 60 % of streets and of towns have a comprehensive centre. */
export const COVERAGE_GOAL_PER_MILLE = 600;

/** A centre counts once it has been accepted (验收) and until it is suspended or closed. */
const COVERING_STATES: ReadonlySet<LifecycleStep | null> = new Set(['accepted', 'operating']);

function group(divisions: Division[], covered: ReadonlySet<string>): CoverageGroup {
  const uncovered = divisions.filter((d) => !covered.has(d.code));
  const coveredCount = divisions.length - uncovered.length;
  return {
    total: divisions.length,
    covered: coveredCount,
    ratePerMille: divisions.length > 0 ? Math.round((coveredCount * 1000) / divisions.length) : null,
    uncovered: uncovered.map((d) => ({ code: d.code, name: d.name })),
  };
}

/**
 * Streets (街道) covered by a street comprehensive centre, towns (镇/乡) by a township one, each in a
 * covering state today. Farms, forest farms and development zones (townKind 'other') are neither
 * streets nor towns and are left out, as in the city's 8-street / 55-town count.
 */
export async function coverageOf(db: Kysely<Database>, countyCode: string, day: string): Promise<Coverage> {
  const centres = await db
    .selectFrom('station')
    .select(['kind', 'town_code', ...LIFECYCLE_COLUMNS])
    .where('kind', 'in', ['street_centre', 'town_centre'])
    .where('town_code', 'is not', null)
    .execute();
  const coveredStreets = new Set<string>();
  const coveredTowns = new Set<string>();
  for (const c of centres) {
    const state = stateOn(lifecycleOf(c), day);
    if (!COVERING_STATES.has(state)) continue;
    (c.kind === 'street_centre' ? coveredStreets : coveredTowns).add(c.town_code!);
  }
  const towns = childrenOf(countyCode);
  return {
    goalPerMille: COVERAGE_GOAL_PER_MILLE,
    streets: group(
      towns.filter((t) => t.townKind === 'street'),
      coveredStreets,
    ),
    towns: group(
      towns.filter((t) => t.townKind === 'town'),
      coveredTowns,
    ),
  };
}

export async function coverage(ctx: RequestContext): Promise<Coverage> {
  return coverageOf(ctx.database(), ctx.countyCode(), today(ctx.clock));
}

import type { Parsed } from '../../contract';
import type { OccupancyRow, ResidentsOverview } from '../../contract/areas/residents';
import { RESIDENT_CATEGORIES, RESIDENT_FLAGS } from '../../contract/areas/welfare-enums';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { flagsOn } from './flags';
import { overviewStays } from './overview-stays';
import { isChildStay, listedName } from './resident-view';

const FLAG_RANK = new Map(RESIDENT_FLAGS.map((flag, i) => [flag, i]));

/**
 * ISO dates (or '' for none) in code-unit order: the same order localeCompare gives them, without
 * its collation cost on the thousands of flags a large county raises.
 */
function byDate(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rate(residents: number, beds: number): number | null {
  return beds > 0 ? residents / beds : null;
}

/** Occupancy, residents by category and self-care level, and the flags, all as on one day. */
export async function overview(ctx: RequestContext, input: Parsed<'residents.overview'>): Promise<ResidentsOverview> {
  const db = ctx.database();
  ctx.countyCode();
  const role = ctx.actor().role;
  const day = today(ctx.clock);
  const onDate = input.onDate ?? day;
  const stays = await overviewStays(db, onDate);

  // Every institution names its stays (a closed one too); the table lists those open on the day.
  const institutions = await db
    .selectFrom('institution')
    .select(['id', 'name', 'type', 'total_beds', 'nursing_beds', 'closed_on'])
    .orderBy('name_pinyin')
    .orderBy('id')
    .execute();
  const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
  const staysAt = new Map<string, { residents: number; onLeave: number }>();
  for (const s of stays) {
    const at = staysAt.get(s.institution_id) ?? { residents: 0, onLeave: 0 };
    at.residents += 1;
    if (s.on_leave === 1) at.onLeave += 1;
    staysAt.set(s.institution_id, at);
  }
  const occupancy: OccupancyRow[] = institutions
    .filter((i) => i.closed_on === null || i.closed_on >= onDate)
    .map((i) => {
      const { residents, onLeave } = staysAt.get(i.id) ?? { residents: 0, onLeave: 0 };
      return {
        institutionId: i.id,
        name: i.name,
        type: i.type,
        totalBeds: i.total_beds,
        nursingBeds: i.nursing_beds,
        residents,
        onLeave,
        rate: rate(residents, i.total_beds),
      };
    });
  const sum = (pick: (r: OccupancyRow) => number) => occupancy.reduce((total, r) => total + pick(r), 0);
  const occupancyTotal = {
    totalBeds: sum((r) => r.totalBeds),
    nursingBeds: sum((r) => r.nursingBeds),
    residents: sum((r) => r.residents),
    onLeave: sum((r) => r.onLeave),
    rate: rate(sum((r) => r.residents), sum((r) => r.totalBeds)),
  };

  const byCategory = RESIDENT_CATEGORIES.flatMap((category) => {
    const ofCategory = stays.filter((s) => s.category === category);
    if (ofCategory.length === 0) return [];
    const counts = { category, self_care: 0, partial: 0, complete: 0, unassessed: 0, total: ofCategory.length };
    for (const s of ofCategory) counts[s.self_care_level ?? 'unassessed'] += 1;
    return [counts];
  });

  const flags = stays
    .flatMap((s) =>
      flagsOn(onDate, {
        birthDate: s.birth_date,
        leaveSince: s.on_leave === 1 ? s.from_date : null,
        lastAssessedOn: s.last_assessed_on,
      }).map((f) => ({
        residentId: s.id,
        name: listedName(s.name, isChildStay(s.category, s.birth_date, day), role),
        institutionName: institutionName.get(s.institution_id) ?? '',
        ...f,
      })),
    )
    .sort((a, b) => FLAG_RANK.get(a.flag)! - FLAG_RANK.get(b.flag)! || byDate(a.date ?? '', b.date ?? ''));

  return { onDate, occupancy, occupancyTotal, byCategory, flags };
}

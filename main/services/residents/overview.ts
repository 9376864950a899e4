import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { OccupancyRow, ResidentsOverview } from '../../contract/areas/residents';
import { RESIDENT_CATEGORIES, RESIDENT_FLAGS } from '../../contract/areas/welfare-enums';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { abilityByStay, effectiveAssessments } from './assessments';
import { flagsOn } from './flags';
import { isChildStay, listedName } from './resident-view';
import { runsPast } from './period-filters';

/** Every stay resident on `day` (present or on leave), with the period that covers the day. */
async function currentStays(db: Kysely<Database>, day: string) {
  return db
    .selectFrom('residence_period as rp')
    .innerJoin('resident as r', 'r.id', 'rp.resident_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('institution as i', 'i.id', 'rp.institution_id')
    .select([
      'r.id',
      'r.category',
      'p.name',
      'p.name_pinyin',
      'p.birth_date',
      'rp.institution_id',
      'i.name as institution_name',
      'rp.on_leave',
      'rp.from_date',
    ])
    .where('rp.from_date', '<=', day)
    .where(runsPast('rp.to_date', day))
    .orderBy('p.name_pinyin')
    .orderBy('r.id')
    .execute();
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
  const stays = await currentStays(db, onDate);
  const ability = abilityByStay(await effectiveAssessments(db, stays.map((s) => s.id), onDate));

  const institutions = await db
    .selectFrom('institution')
    .select(['id', 'name', 'type', 'total_beds', 'nursing_beds'])
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', onDate)]))
    .orderBy('name_pinyin')
    .orderBy('id')
    .execute();
  const occupancy: OccupancyRow[] = institutions.map((i) => {
    const here = stays.filter((s) => s.institution_id === i.id);
    const residents = here.length;
    return {
      institutionId: i.id,
      name: i.name,
      type: i.type,
      totalBeds: i.total_beds,
      nursingBeds: i.nursing_beds,
      residents,
      onLeave: here.filter((s) => s.on_leave === 1).length,
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
    for (const s of ofCategory) counts[ability.get(s.id)?.selfCareLevel ?? 'unassessed'] += 1;
    return [counts];
  });

  const flags = stays
    .flatMap((s) =>
      flagsOn(onDate, {
        birthDate: s.birth_date,
        leaveSince: s.on_leave === 1 ? s.from_date : null,
        lastAssessedOn: ability.get(s.id)?.lastAssessedOn ?? null,
      }).map((f) => ({
        residentId: s.id,
        name: listedName(s.name, isChildStay(s.category, s.birth_date, day), role),
        institutionName: s.institution_name,
        ...f,
      })),
    )
    .sort((a, b) => RESIDENT_FLAGS.indexOf(a.flag) - RESIDENT_FLAGS.indexOf(b.flag) || (a.date ?? '').localeCompare(b.date ?? ''));

  return { onDate, occupancy, occupancyTotal, byCategory, flags };
}

import type { Parsed } from '../../contract';
import type { ResidentPage, ResidentRow } from '../../contract/areas/residents';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { afterCursor, decodeCursor, keysetPage, personSearch, searchMode } from '../paging';
import { abilityByStay, effectiveAssessments } from './assessments';
import { ageOn } from '../calendar';
import { flagsOn } from './flags';
import { bedLabels, institutionNames, isChildStay, listedIdNumber, listedName } from './resident-view';
import { runsPast } from './period-filters';

/**
 * Residents as on a day: 'current' = a residence period covers the day (present or on leave, in the
 * institution of that period); 'exited' = exited by then; 'all' = every stay admitted by then that
 * was not voided (both in the stay's last institution). Ability and flags are the day's too.
 */
export async function listResidents(ctx: RequestContext, input: Parsed<'residents.list'>): Promise<ResidentPage> {
  const db = ctx.database();
  ctx.countyCode();
  const role = ctx.actor().role;
  const day = today(ctx.clock);
  const onDate = input.onDate ?? day;
  const scope = input.scope ?? 'current';
  const limit = input.limit ?? 50;
  const mode = searchMode(input.query);
  // The period covering the day, if any (a stay has at most one: its periods never overlap).
  let base = db
    .selectFrom('resident as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('residence_period as rp', (join) =>
      join
        .onRef('rp.resident_id', '=', 'r.id')
        .on('rp.from_date', '<=', onDate)
        .on(runsPast('rp.to_date', onDate)),
    );
  if (scope === 'current') {
    base = base.where('rp.resident_id', 'is not', null);
    if (input.institutionId) base = base.where('rp.institution_id', '=', input.institutionId);
  } else {
    if (scope === 'exited') base = base.where('r.exited_on', '<=', onDate);
    else base = base.where('r.status', '!=', 'void').where('r.admitted_on', '<=', onDate);
    if (input.institutionId) base = base.where('r.institution_id', '=', input.institutionId);
  }
  if (input.category) base = base.where('r.category', '=', input.category);
  const search = personSearch(mode, 'p');
  if (search) base = base.where(search);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let query = base
    .selectAll('r')
    .select([
      'p.name as person_name',
      'p.name_pinyin as person_pinyin',
      'p.id_number as person_id_number',
      'p.sex as person_sex',
      'p.birth_date as person_birth_date',
      'rp.institution_id as period_institution_id',
      'rp.bed_id as period_bed_id',
      'rp.on_leave as period_on_leave',
      'rp.from_date as period_from',
    ])
    .orderBy('p.name_pinyin')
    .orderBy('r.id')
    .limit(limit + 1);
  const after = decodeCursor(input.after);
  if (after) query = query.where(afterCursor(after, 'p.name_pinyin', 'r.id'));
  const page = keysetPage(await query.execute(), limit, (r) => [r.person_pinyin, r.id]);
  const ability = abilityByStay(await effectiveAssessments(db, page.rows.map((r) => r.id), onDate));
  const current = scope === 'current';
  const institutions = await institutionNames(db, page.rows.map((r) => (current ? r.period_institution_id : r.institution_id)));
  const beds = await bedLabels(db, page.rows.map((r) => (current ? r.period_bed_id : r.bed_id)));
  const rows = page.rows.map((r): ResidentRow => {
    const child = isChildStay(r.category, r.person_birth_date, day);
    const covered = r.period_from !== null;
    const institutionId = current ? r.period_institution_id! : r.institution_id;
    const bedId = current ? r.period_bed_id : r.bed_id;
    const leaveSince = covered && r.period_on_leave === 1 ? r.period_from : null;
    const a = ability.get(r.id);
    const status: ResidentRow['status'] =
      r.exited_on !== null && r.exited_on <= onDate ? 'exited' : covered ? (leaveSince ? 'leave' : 'present') : r.status;
    return {
      id: r.id,
      personId: r.person_id,
      name: listedName(r.person_name, child, role),
      idNumber: listedIdNumber(r.person_id_number, child, role),
      sex: r.person_sex,
      birthDate: r.person_birth_date,
      age: ageOn(r.person_birth_date, onDate),
      isChild: child,
      category: r.category,
      supportForm: r.support_form,
      status,
      institutionId,
      institutionName: institutions.get(institutionId) ?? '',
      bedLabel: bedId ? (beds.get(bedId) ?? null) : null,
      admittedOn: r.admitted_on,
      exitedOn: r.exited_on,
      selfCareLevel: a?.selfCareLevel ?? null,
      lastAssessedOn: a?.lastSixTaskOn ?? null,
      flags: covered
        ? flagsOn(onDate, { birthDate: r.person_birth_date, leaveSince, lastAssessedOn: a?.lastAssessedOn ?? null }).map((f) => f.flag)
        : [],
      version: r.version,
    };
  });
  return { rows, nextCursor: page.nextCursor, total: Number(total), onDate };
}

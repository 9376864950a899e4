import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { AllowanceRoster, RosterLine } from '../../contract/areas/welfare-homes';
import type { SelfCareLevel } from '../../contract/areas/welfare-enums';
import { AppError } from '../../contract/errors';
import { thisMonth } from '../clock';
import type { RequestContext } from '../context';
import { isChildStay, listedIdNumber, listedName } from '../residents/resident-view';
import {
  daysCovered,
  daysInMonth,
  firstDayOf,
  lastDayOf,
  rosterTotals,
  standardsInForceDuring,
  stayFigures,
  type LevelAssessment,
  type PeriodDates,
} from './allowance-arithmetic';
import { allStandards } from './allowance-standards';
import { getInstitutionRecord } from './institutions';
import { runsPast } from '../residents/period-filters';

/** Stays (not void) with a residence period in the institution overlapping the month: [from, to) meets [1st, last]. */
function staysInMonth(db: Kysely<Database>, institutionId: string, month: string) {
  return db
    .selectFrom('residence_period')
    .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
    .where('residence_period.institution_id', '=', institutionId)
    .where('resident.status', '!=', 'void')
    .where('residence_period.from_date', '<=', lastDayOf(month))
    .where(runsPast('residence_period.to_date', firstDayOf(month)));
}

/** The effective six-task assessments of the stays: those whose admit/reassess event was not reversed. */
async function assessmentsOf(db: Kysely<Database>, institutionId: string, month: string): Promise<Map<string, LevelAssessment[]>> {
  const rows = await db
    .selectFrom('ability_assessment as a')
    .innerJoin('resident_event as e', 'e.id', 'a.event_id')
    .select(['a.resident_id', 'a.assessed_on', 'a.self_care_level'])
    .where('a.method', '=', 'six_task')
    .where('a.resident_id', 'in', staysInMonth(db, institutionId, month).select('residence_period.resident_id'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('resident_event as x').select('x.id').whereRef('x.reverses_event_id', '=', 'a.event_id'))),
    )
    .orderBy('a.assessed_on')
    .orderBy('e.seq')
    .execute();
  const byStay = new Map<string, LevelAssessment[]>();
  for (const r of rows) {
    if (!r.self_care_level) continue;
    const list = byStay.get(r.resident_id) ?? [];
    list.push({ assessedOn: r.assessed_on, level: r.self_care_level as SelfCareLevel });
    byStay.set(r.resident_id, list);
  }
  return byStay;
}

/**
 * One institution's allowance roster for a month: a line for every stay with at least one day here
 * in the month, paid by the rule of allowance-arithmetic.ts (days here × the standard in force each
 * day, pro rata by days; leave days count). Computed from the records every time, never stored.
 */
export async function allowanceRoster(ctx: RequestContext, input: Parsed<'allowance.roster'>): Promise<AllowanceRoster> {
  const db = ctx.database();
  ctx.countyCode();
  const { month } = input;
  if (month > thisMonth(ctx.clock)) throw new AppError('MONTH_IN_FUTURE', 'month');
  const institution = await getInstitutionRecord(db, input.institutionId, 'institutionId');

  const periods = await staysInMonth(db, institution.id, month)
    .innerJoin('person', 'person.id', 'resident.person_id')
    .select([
      'residence_period.resident_id',
      'residence_period.from_date',
      'residence_period.to_date',
      'resident.category',
      'resident.support_form',
      'person.name',
      'person.name_pinyin',
      'person.id_number',
      'person.birth_date',
    ])
    .orderBy('person.name_pinyin')
    .orderBy('resident.id')
    .orderBy('residence_period.from_date')
    .execute();
  const periodsOf = new Map<string, PeriodDates[]>();
  for (const p of periods) periodsOf.set(p.resident_id, [...(periodsOf.get(p.resident_id) ?? []), { fromDate: p.from_date, toDate: p.to_date }]);

  const standards = await allStandards(db);
  const assessments = await assessmentsOf(db, institution.id, month);
  const role = ctx.actor().role;
  const lines: RosterLine[] = [];
  const done = new Set<string>();
  // Rows arrive sorted by the person's pinyin; one line per stay.
  for (const stay of periods) {
    if (done.has(stay.resident_id)) continue;
    done.add(stay.resident_id);
    const days = daysCovered(periodsOf.get(stay.resident_id) ?? [], month);
    if (days.length === 0) continue;
    const figures = stayFigures(
      { category: stay.category, supportForm: stay.support_form, assessments: assessments.get(stay.resident_id) ?? [] },
      days,
      standards,
      month,
    );
    // A child on any day of the month (the first day here is the youngest): the ID is always masked.
    const child = isChildStay(stay.category, stay.birth_date, days[0]!);
    lines.push({
      residentId: stay.resident_id,
      name: listedName(stay.name, child, role),
      idNumber: listedIdNumber(stay.id_number, child, role),
      category: stay.category,
      supportForm: stay.support_form,
      ...figures,
    });
  }

  return {
    institutionId: institution.id,
    institutionName: institution.name,
    month,
    daysInMonth: daysInMonth(month),
    standards: standardsInForceDuring(standards, month),
    lines,
    totals: rosterTotals(lines),
  };
}

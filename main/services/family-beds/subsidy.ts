import type { Kysely, Selectable } from 'kysely';
import type { BedRateTable, Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { BedRate, SubsidyLine, SubsidyStatement } from '../../contract/areas/family-beds';
import { AppError } from '../../contract/errors';
import { isRealDate } from '../../contract/validators/dates';
import { recordAudit } from '../audit/audit';
import { isoNow, thisMonth } from '../clock';
import type { RequestContext } from '../context';
import { namePinyin } from '../people/pinyin';
import { uuidv7 } from '../records';
import { bedSubsidy, firstDayOf, lastDayOf, rateInForce, totalsOf, type SubsidyFigures } from './subsidy-arithmetic';

type RateRecord = Selectable<BedRateTable> & { created_by_name: string | null };

function toRate(r: RateRecord): BedRate {
  return {
    id: r.id,
    effectiveFrom: r.effective_from,
    buildFen: r.build_fen,
    operatingFenPerMonth: r.operating_fen_per_month,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

async function allRates(db: Kysely<Database>): Promise<BedRate[]> {
  const rows = await db
    .selectFrom('bed_rate as r')
    .leftJoin('staff as s', 's.id', 'r.created_by')
    .selectAll('r')
    .select('s.display_name as created_by_name')
    .orderBy('r.effective_from', 'desc')
    .execute();
  return rows.map(toRate);
}

export async function listRates(ctx: RequestContext): Promise<BedRate[]> {
  ctx.countyCode();
  return allRates(ctx.database());
}

/** Adds a rate from a date on (future dates allowed: next year's standard); one rate per date. */
export async function createRate(ctx: RequestContext, input: Parsed<'bedRates.create'>): Promise<BedRate> {
  const db = ctx.database();
  ctx.countyCode();
  if (!isRealDate(input.effectiveFrom)) throw new AppError('DATE_INVALID', 'effectiveFrom');
  const taken = await db.selectFrom('bed_rate').select('id').where('effective_from', '=', input.effectiveFrom).executeTakeFirst();
  if (taken) throw new AppError('RATE_EXISTS', 'effectiveFrom', { date: input.effectiveFrom });
  const actor = ctx.actor();
  const row: Selectable<BedRateTable> = {
    id: uuidv7(ctx.clock.now().getTime()),
    effective_from: input.effectiveFrom,
    build_fen: input.buildFen,
    operating_fen_per_month: input.operatingFenPerMonth,
    created_at: isoNow(ctx.clock),
    created_by: actor.id,
    created_installation: ctx.officeInfo().installationId,
  };
  await db.insertInto('bed_rate').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'bed-rate', entityId: row.id, summary: row.effective_from, after: row });
  return toRate({ ...row, created_by_name: actor.displayName });
}

/**
 * Beds active on at least one day of the month with the person's name, by the person's pinyin.
 * Only the columns the lines need: a large county has tens of thousands of beds a month, and every
 * extra text column read per bed costs more than the arithmetic (the stations are read once apart).
 */
async function bedsOfMonth(db: Kysely<Database>, month: string) {
  return db
    .selectFrom('family_bed as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .select(['b.id', 'b.station_id', 'b.install_date', 'b.end_date', 'p.name as person_name'])
    .where('b.install_date', '<=', lastDayOf(month))
    .where((eb) => eb.or([eb('b.end_date', 'is', null), eb('b.end_date', '>=', firstDayOf(month))]))
    .orderBy('p.name_pinyin')
    .orderBy('b.install_date')
    .orderBy('b.id')
    .execute();
}

/** Who is paid for each station's beds: its operator, or the station itself when it has none. */
async function operatorOfStation(db: Kysely<Database>): Promise<Map<string, string>> {
  const stations = await db.selectFrom('station').select(['id', 'name', 'operator_name']).execute();
  return new Map(stations.map((s) => [s.id, s.operator_name ?? s.name]));
}

/**
 * Draft statements computed now, one per operator (the station's operator, or the station itself
 * when it has none), skipping operators listed in `skip` (already issued).
 */
async function draftStatements(db: Kysely<Database>, month: string, skip: ReadonlySet<string>): Promise<SubsidyStatement[]> {
  // The rate for a month is the one in force on the month's first day, for every bed and day of it.
  const rateAppliesOn = firstDayOf(month);
  const rate = rateInForce(await allRates(db), rateAppliesOn);
  if (!rate) throw new AppError('NOT_FOUND', 'month');
  const operators = await operatorOfStation(db);
  // The figures depend only on the active days' bounds and whether the bed was installed this month,
  // which a month's thousands of beds share: computed once per distinct bounds.
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const figures = new Map<string, SubsidyFigures>();
  const byOperator = new Map<string, { stationIds: Set<string>; lines: SubsidyLine[] }>();
  for (const bed of await bedsOfMonth(db, month)) {
    const operatorName = operators.get(bed.station_id)!;
    if (skip.has(operatorName)) continue;
    let group = byOperator.get(operatorName);
    if (!group) byOperator.set(operatorName, (group = { stationIds: new Set(), lines: [] }));
    group.stationIds.add(bed.station_id);
    const from = bed.install_date > first ? bed.install_date : first;
    const to = bed.end_date !== null && bed.end_date < last ? bed.end_date : last;
    const key = `${from}${to}${bed.install_date.startsWith(month) ? 1 : 0}`;
    let figure = figures.get(key);
    if (!figure) figures.set(key, (figure = bedSubsidy({ installDate: bed.install_date, endDate: bed.end_date }, month, rate)));
    // Lines arrive sorted by the person's pinyin.
    group.lines.push({
      bedId: bed.id,
      personName: bed.person_name,
      installDate: bed.install_date,
      endDate: bed.end_date,
      buildFen: figure.buildFen,
      activeDays: figure.activeDays,
      operatingFen: figure.operatingFen,
    });
  }
  return [...byOperator].map(([operatorName, group]) => ({
    id: null,
    month,
    operatorName,
    stationIds: [...group.stationIds].sort(),
    rateAppliesOn,
    rate,
    lines: group.lines,
    totals: totalsOf(group.lines),
    issuedAt: null,
    issuedByName: null,
  }));
}

async function issuedStatements(db: Kysely<Database>, month: string): Promise<SubsidyStatement[]> {
  const rows = await db.selectFrom('subsidy_statement').select('body_json').where('month', '=', month).execute();
  return rows.map((r) => JSON.parse(r.body_json) as SubsidyStatement);
}

function byOperatorPinyin(statements: SubsidyStatement[]): SubsidyStatement[] {
  const keyed = statements.map((s) => ({ s, key: namePinyin(s.operatorName).full }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.s.operatorName < b.s.operatorName ? -1 : 1));
  return keyed.map((k) => k.s);
}

/** Issued statements exactly as frozen; drafts for the operators without one. */
export async function statements(ctx: RequestContext, input: Parsed<'subsidy.statements'>): Promise<SubsidyStatement[]> {
  const db = ctx.database();
  ctx.countyCode();
  const issued = await issuedStatements(db, input.month);
  const drafts = await draftStatements(db, input.month, new Set(issued.map((s) => s.operatorName)));
  return byOperatorPinyin([...issued, ...drafts]);
}

/** Freezes the drafts of a month that has ended; a later rate or bed change never rewrites them. */
export async function issueStatements(ctx: RequestContext, input: Parsed<'subsidy.issue'>): Promise<SubsidyStatement[]> {
  const db = ctx.database();
  ctx.countyCode();
  if (input.month >= thisMonth(ctx.clock)) throw new AppError('MONTH_IN_FUTURE', 'month');
  const issued = await issuedStatements(db, input.month);
  const drafts = await draftStatements(db, input.month, new Set(issued.map((s) => s.operatorName)));
  if (drafts.length === 0) throw new AppError('STATEMENTS_ALREADY_ISSUED', undefined, { month: input.month });
  const actor = ctx.actor();
  const issuedAt = isoNow(ctx.clock);
  for (const draft of drafts) {
    const statement: SubsidyStatement = { ...draft, id: uuidv7(ctx.clock.now().getTime()), issuedAt, issuedByName: actor.displayName };
    await db
      .insertInto('subsidy_statement')
      .values({
        id: statement.id!,
        month: statement.month,
        operator_name: statement.operatorName,
        body_json: JSON.stringify(statement),
        total_fen: statement.totals.totalFen,
        issued_at: issuedAt,
        issued_by: actor.id,
        issued_installation: ctx.officeInfo().installationId,
      })
      .execute();
    await recordAudit(ctx, {
      action: 'issue',
      entity: 'subsidy-statement',
      entityId: statement.id,
      summary: `${statement.month} ${statement.operatorName}`,
      after: statement,
    });
  }
  return statements(ctx, input);
}

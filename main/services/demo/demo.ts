import type { z } from 'zod';
import { getDivision } from '../../../db/divisions';
import { CONTRACT, type Input, type Parsed, type RequestName } from '../../contract';
import type { DemoSummary } from '../../contract/areas/demo';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { createBed } from '../family-beds/family-beds';
import { createPerson } from '../people/people';
import { setTarget } from '../station-reports/station-reports';
import { saveMonth, submitMonth } from '../stations/service-stats';
import { createStation } from '../stations/stations';
import { exitResident, moveResident, reassess, returnFromLeave, startLeave } from '../residents/events';
import { admitResident } from '../residents/residents';
import { createStandard } from '../welfare-homes/allowance-standards';
import { addBeds } from '../welfare-homes/institution-beds';
import { createInstitution } from '../welfare-homes/institutions';
import { attach } from '../renovations/attachments';
import { createCase } from '../renovations/cases';
import { createCap, createItem, listItems } from '../renovations/catalogue';
import { savePlan } from '../renovations/plan';
import { setTarget as setRenovationTarget } from '../renovations/progress';
import { recordStep } from '../renovations/workflow';
import { planBeds, type BedHolderPlan, type DemoStation } from './demo-beds';
import { planHomes, type HomesPlan, type PlannedEvent } from './demo-homes';
import { DEMO_PHOTO_COLOURS, demoPhotoPng } from './demo-photos';
import { planRenovations, type CasePlan, type RenovationsPlan } from './demo-renovations';
import { countyLayout, figuresFor, type CountyFigures } from './demo-county';
import { DemoRandom } from './demo-random';
import { planStations, type StationDraft } from './demo-stations';
import { demoMonths, planStats, type StatRowDraft } from './demo-stats';

/**
 * Validates a generated request exactly as the dispatcher would, so demo records pass the same rules
 * as typed-in ones. A failure is a bug in the generator, not the user's doing.
 */
function validated<K extends RequestName>(name: K, payload: Input<K>): Parsed<K> {
  const result = (CONTRACT[name].input as z.ZodType).safeParse(payload);
  if (!result.success) throw new Error(`demo data refused by ${name}: ${JSON.stringify(result.error.issues[0])}`);
  return result.data as Parsed<K>;
}

async function isEmptyOffice(ctx: RequestContext): Promise<boolean> {
  const db = ctx.database();
  const station = await db.selectFrom('station').select('id').limit(1).executeTakeFirst();
  const person = await db.selectFrom('person').select('id').limit(1).executeTakeFirst();
  const institution = await db.selectFrom('institution').select('id').limit(1).executeTakeFirst();
  return !station && !person && !institution;
}

async function createStations(ctx: RequestContext, drafts: StationDraft[]): Promise<DemoStation[]> {
  const stations: DemoStation[] = [];
  for (const draft of drafts) {
    const s = await createStation(ctx, validated('stations.create', { station: draft }));
    stations.push({ id: s.id, kind: s.kind, townCode: s.townCode, villageCode: s.villageCode, lifecycle: s.lifecycle, services: s.services });
  }
  return stations;
}

async function createHolders(ctx: RequestContext, holders: BedHolderPlan[]): Promise<{ people: number; beds: number }> {
  let beds = 0;
  for (const holder of holders) {
    const { person } = await createPerson(ctx, validated('people.create', { person: holder.person }));
    for (const { stationId, bed } of holder.beds) {
      await createBed(ctx, validated('beds.create', { bed: { ...bed, personId: person.id, stationId } }));
      beds++;
    }
  }
  return { people: holders.length, beds };
}

/** Saves every month; all but the latest are submitted, as a county that reports on time would have them. */
async function saveStats(ctx: RequestContext, months: [string, StatRowDraft[]][]): Promise<number> {
  const withRows = months.filter(([, rows]) => rows.length > 0);
  for (const [i, [month, rows]] of withRows.entries()) {
    await saveMonth(ctx, validated('stats.save', { month, rows }));
    if (i < withRows.length - 1) await submitMonth(ctx, validated('stats.submit', { month }));
  }
  return withRows.length;
}

/** Applies one planned event to a stay and returns the stay's new version. */
async function applyEvent(
  ctx: RequestContext,
  stay: { id: string; version: number; institutionId: string },
  event: PlannedEvent,
  bedId: (ref: { room: string; label: string }) => string,
) {
  const { id, version, institutionId } = stay;
  const base = { id, version, date: event.date };
  switch (event.kind) {
    case 'move':
      return moveResident(ctx, validated('residents.move', { ...base, institutionId, bedId: bedId(event.bed), reason: event.reason }));
    case 'leave':
      return startLeave(ctx, validated('residents.leave', { ...base, leaveKind: event.leaveKind }));
    case 'return':
      return returnFromLeave(ctx, validated('residents.return', base));
    case 'exit':
      return exitResident(ctx, validated('residents.exit', { ...base, exitReason: event.exitReason }));
    case 'reassess':
      return reassess(
        ctx,
        validated('residents.assess', {
          id,
          version,
          assessment: { method: 'six_task', assessedOn: event.date, assessor: event.assessor, failedTasks: event.failedTasks },
        }),
      );
  }
}

/**
 * Institutions and their bed registers, the two demo standards, then every admission and event in
 * date order across all stays (so a bed is always free when the next resident takes it).
 */
async function createHomes(ctx: RequestContext, plan: HomesPlan): Promise<{ institutions: number; residents: number }> {
  for (const standard of plan.standards) await createStandard(ctx, validated('allowanceStandards.create', { standard }));
  const institutionIds: string[] = [];
  const beds = new Map<string, string>();
  for (const inst of plan.institutions) {
    const saved = await createInstitution(ctx, validated('institutions.create', { institution: inst.draft }));
    institutionIds.push(saved.id);
    for (const room of inst.rooms) {
      const slots = await addBeds(ctx, validated('institutionBeds.add', { institutionId: saved.id, room: room.room, labels: room.labels, nursing: room.nursing }));
      for (const slot of slots) beds.set(`${saved.id}/${slot.room}/${slot.label}`, slot.id);
    }
  }
  const bedOf = (institutionId: string) => (ref: { room: string; label: string }) => beds.get(`${institutionId}/${ref.room}/${ref.label}`)!;
  type Step = { date: string; order: number; run: () => Promise<void> };
  const steps: Step[] = [];
  plan.stays.forEach((stay, order) => {
    const institutionId = institutionIds[stay.institution]!;
    const state = { id: '', version: 0 };
    steps.push({
      date: stay.admission.admittedOn,
      order,
      run: async () => {
        const { resident } = await admitResident(
          ctx,
          validated('residents.admit', { admission: { ...stay.admission, institutionId, bedId: bedOf(institutionId)(stay.bed) } }),
        );
        Object.assign(state, { id: resident.id, version: resident.version });
      },
    });
    for (const event of stay.events) {
      steps.push({
        date: event.date,
        order,
        run: async () => {
          const { resident } = await applyEvent(ctx, { ...state, institutionId }, event, bedOf(institutionId));
          state.version = resident.version;
        },
      });
    }
  });
  // Stable: a stay's own steps keep their order on a shared date.
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const step of steps) await step.run();
  return { institutions: institutionIds.length, residents: plan.stays.length };
}

const DEMO_PHOTOS = {
  before: demoPhotoPng(DEMO_PHOTO_COLOURS.before).toString('base64'),
  during: demoPhotoPng(DEMO_PHOTO_COLOURS.during).toString('base64'),
  after: demoPhotoPng(DEMO_PHOTO_COLOURS.after).toString('base64'),
};

/** One household's case, from its people to its last step, through the services like a clerk. */
async function runCase(ctx: RequestContext, plan: CasePlan, itemIds: Map<string, string>) {
  const personIds: string[] = [];
  for (const person of plan.people) personIds.push((await createPerson(ctx, validated('people.create', { person }))).person.id);
  let current = (
    await createCase(
      ctx,
      validated('renovations.create', { application: { household: { ...plan.household, personIds }, appliedOn: plan.appliedOn, responsible: plan.responsible } }),
    )
  ).case;
  for (const action of plan.actions) {
    const { id, version } = current;
    switch (action.kind) {
      case 'step':
        current = (await recordStep(ctx, validated('renovations.step', { id, version, step: action.step }))).case;
        break;
      case 'plan': {
        const lines = action.lines.map(({ code, ...line }) => ({ ...line, itemId: itemIds.get(code)! }));
        current = (await savePlan(ctx, validated('renovations.savePlan', { id, version, lines }))).case;
        break;
      }
      case 'photo': {
        const planLineId = action.line === null ? null : (current.plan.lines[action.line]?.id ?? null);
        const file = { fileName: `演示照片-${action.tag}.png`, mimeType: 'image/png' as const, contentBase64: DEMO_PHOTOS[action.tag] };
        current = (await attach(ctx, validated('renovations.attach', { caseId: id, kind: 'photo', tag: action.tag, planLineId, ...file }))).case;
        break;
      }
      case 'pay': {
        const step = { step: 'paid' as const, date: action.date, responsible: action.responsible, amountFen: current.plan.summary.subsidyFen, voucherNumber: action.voucherNumber };
        current = (await recordStep(ctx, validated('renovations.step', { id, version, step }))).case;
        break;
      }
    }
  }
}

/** The cap, targets and local item first (admin settings), then every case in application order. */
async function createRenovations(ctx: RequestContext, plan: RenovationsPlan): Promise<number> {
  await createItem(ctx, validated('renovationItems.create', { item: plan.localItem }));
  for (const cap of plan.caps) await createCap(ctx, validated('renovationCaps.create', cap));
  for (const target of plan.targets) await setRenovationTarget(ctx, validated('renovationTargets.set', target));
  const items = await listItems(ctx, validated('renovationItems.list', {}));
  const itemIds = new Map(items.map((item) => [item.code, item.id]));
  for (const c of plan.cases) await runCase(ctx, c, itemIds);
  return plan.cases.length;
}

/**
 * 2021's targets are what the bulletin reports as done; 2022 and 2023 get round targets near what the
 * demo then achieved (beds rounded up to 5, visits down to 100).
 */
async function setTargets(ctx: RequestContext, figures: CountyFigures, drafts: StationDraft[], holders: BedHolderPlan[], stats: [string, StatRowDraft[]][]) {
  await setTarget(ctx, validated('targets.set', { year: 2021, stations: figures.tasks2021, familyBeds: figures.beds2021, homeVisits: figures.homeVisits2021 }));
  for (const year of [2022, 2023]) {
    const beds = holders.flatMap((h) => h.beds).filter((b) => b.bed.installDate.startsWith(`${year}-`)).length;
    const visits = stats
      .filter(([month]) => month.startsWith(`${year}-`))
      .flatMap(([, rows]) => rows)
      .reduce((sum, row) => sum + Object.values(row.services).reduce((s, c) => s + (c?.home ?? 0), 0), 0);
    await setTarget(
      ctx,
      validated('targets.set', {
        year,
        stations: drafts.filter((d) => d.taskYear === year).length,
        familyBeds: Math.ceil(beds / 5) * 5,
        homeVisits: Math.floor(visits / 100) * 100,
      }),
    );
  }
}

/**
 * Fills an empty county database with fictitious but valid records (docs/demo-data.md), through the
 * services' own create functions and validation, in the request's one transaction. Deterministic:
 * the generator is seeded with the county code, so a county's demo is the same every time.
 */
export async function fillDemo(ctx: RequestContext): Promise<DemoSummary> {
  const county = ctx.countyCode();
  if (!(await isEmptyOffice(ctx))) throw new AppError('DEMO_NEEDS_EMPTY_OFFICE');
  const day = today(ctx.clock);
  const layout = countyLayout(county, getDivision(county)?.name ?? ctx.officeInfo().divisionName);
  const figures = figuresFor(layout);
  const rng = new DemoRandom(`welfare-ledger demo ${county}`);

  const drafts = planStations(rng, layout, figures, day);
  const stations = await createStations(ctx, drafts);
  const holders = planBeds(rng, layout, figures, stations, day);
  const { people, beds } = await createHolders(ctx, holders);
  const stats = [...planStats(rng, figures, stations, demoMonths(day))];
  const statMonths = await saveStats(ctx, stats);
  await setTargets(ctx, figures, drafts, holders, stats);
  // A separately seeded generator, so the homes never change the stations' and beds' demo.
  const taken = new Set(holders.map((h) => String(h.person.idNumber)));
  const homes = await createHomes(ctx, planHomes(new DemoRandom(`welfare-ledger demo homes ${county}`), layout, taken, day));
  const renovationCases = await createRenovations(ctx, planRenovations(new DemoRandom(`welfare-ledger demo renovations ${county}`), layout, taken, day));
  const renovationPeople = await ctx.database().selectFrom('renovation_case_person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  const summary: DemoSummary = {
    people: people + homes.residents + Number(renovationPeople.n),
    stations: stations.length,
    beds,
    statMonths,
    ...homes,
    renovationCases,
  };
  await recordAudit(ctx, { action: 'fill', entity: 'demo', entityId: null, summary: `${layout.name} demo`, after: summary });
  return summary;
}

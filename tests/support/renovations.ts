import type { Input } from '../../main/contract';
import { WORKFLOW_STEPS, type RenovationCase, type WorkflowStep } from '../../main/contract/areas/renovations';
import { addDays } from '../../main/services/calendar';
import { today } from '../../main/services/clock';
import { idFor } from './id-numbers';
import type { TestClient, TestOffice } from './office';

/**
 * Renovation cases made and walked through their workflow with the real requests, for the tests of
 * the renovations area. Everything goes through the API as the admin (or the client given).
 */

type Household = Input<'renovations.create'>['application']['household'];

/** 云城区 → 腰古镇 → 水东村: a real town and a village in it. */
export const TOWN = '445302102';
export const VILLAGE = '445302102202';
/** 思劳镇, for filters by town. */
export const OTHER_TOWN = '445302103';

let personSeq = 0;

/** A registered person with a made-up valid ID number (unique across the test run). */
export async function createPerson(client: TestClient, name: string, birth = '1948-05-06'): Promise<string> {
  const n = personSeq++;
  const birthDate = n < 1000 ? birth : `19${40 + Math.floor(n / 1000)}-05-06`;
  const person = { name, idNumber: idFor(birthDate, 1 + (n % 999)) };
  return (await client.call('people.create', { person })).person.id;
}

export interface CaseOverrides extends Partial<Household> {
  /** Names of new people to register for the household (ignored when personIds is given). */
  names?: string[];
  appliedOn?: string;
  responsible?: string;
  note?: string | null;
  client?: TestClient;
}

/** The application a test starts from: one new person, 特困 dispersed, 腰古镇水东村, plan year 2026. */
export async function caseInput(office: TestOffice, overrides: CaseOverrides = {}): Promise<Input<'renovations.create'>['application']> {
  const { names, appliedOn, responsible, note, client = office.admin, ...household } = overrides;
  const personIds = household.personIds ?? (await Promise.all((names ?? ['张阿婆']).map((name) => createPerson(client, name))));
  return {
    household: {
      category: 'tekun_dispersed',
      conditions: ['advanced_age'],
      townCode: TOWN,
      villageCode: VILLAGE,
      address: '水东村一巷 3 号',
      phone: '13800000000',
      planYear: 2026,
      ...household,
      personIds,
    },
    appliedOn: appliedOn ?? '2026-03-02',
    responsible: responsible ?? '李受理',
    note: note ?? null,
  };
}

export async function createCase(office: TestOffice, overrides: CaseOverrides = {}): Promise<RenovationCase> {
  const client = overrides.client ?? office.admin;
  return (await client.call('renovations.create', { application: await caseInput(office, overrides) })).case;
}

/** A tiny valid JPEG; `label` goes into a comment segment so that each photo has bytes (and a SHA-256) of its own. */
export function tinyJpegBase64(label = 'photo'): string {
  const comment = Buffer.from(label, 'utf8');
  const length = comment.length + 2;
  const body = Buffer.from(
    '/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
    'base64',
  );
  const jpeg = Buffer.concat([body.subarray(0, 2), Buffer.from([0xff, 0xfe, length >> 8, length & 0xff]), comment, body.subarray(2)]);
  return jpeg.toString('base64');
}

/** Two plan lines: a basic (subsidised) item and a household-paid one. */
async function defaultPlan(client: TestClient): Promise<Input<'renovations.savePlan'>['lines']> {
  const items = await client.call('renovationItems.list', {});
  const byCode = (code: string) => items.find((i) => i.code === code)!.id;
  return [
    { itemId: byCode('N01'), quantity: 2, unitPriceFen: 50_000, subsidised: true, note: null },
    { itemId: byCode('N05'), quantity: 1, unitPriceFen: 20_000, subsidised: false, note: null },
  ];
}

/** Sets a 3 000 元 cap from the plan year on unless one already applies. */
export async function ensureCap(client: TestClient, planYear: number, capFen = 300_000): Promise<void> {
  const caps = await client.call('renovationCaps.list', {});
  if (caps.some((c) => c.fromYear <= planYear)) return;
  await client.call('renovationCaps.create', { fromYear: planYear, capFen, note: null });
}

/** An "after" photo for each subsidised plan line that has none yet; returns the case as it is then. */
export async function attachAfterPhotos(client: TestClient, c: RenovationCase): Promise<RenovationCase> {
  let current = c;
  for (const line of c.plan.lines.filter((l) => l.subsidised && l.afterPhotos === 0)) {
    current = (
      await client.call('renovations.attach', {
        caseId: c.id,
        kind: 'photo',
        tag: 'after',
        planLineId: line.id,
        fileName: `after-${line.position}.jpg`,
        mimeType: 'image/jpeg',
        contentBase64: tinyJpegBase64(`${c.id}/${line.id}`),
        note: null,
      })
    ).case;
  }
  return current;
}

export interface AdvanceOptions {
  /** The date of a step; by default a week after the previous step, never after today. */
  dates?: Partial<Record<WorkflowStep, string>>;
  client?: TestClient;
  /** The plan saved before signing when the case has none (default: one basic line and one household line). */
  lines?: Input<'renovations.savePlan'>['lines'];
}

/**
 * Walks a case forward through the workflow until its state is `upTo`: sets a cap and a plan before
 * signing when missing, attaches an "after" photo to each subsidised line before the acceptance,
 * pays the plan's full subsidy. Returns the case as it is then.
 */
export async function advance(office: TestOffice, caseId: string, upTo: WorkflowStep, options: AdvanceOptions = {}): Promise<RenovationCase> {
  const client = options.client ?? office.admin;
  let current = await client.call('renovations.get', { id: caseId });
  const target = WORKFLOW_STEPS.indexOf(upTo);
  const now = today(office.clock);
  while (WORKFLOW_STEPS.indexOf(current.state as WorkflowStep) < target) {
    const next = WORKFLOW_STEPS[WORKFLOW_STEPS.indexOf(current.state as WorkflowStep) + 1]!;
    if (current.state === 'rejected' || current.state === 'withdrawn') throw new Error(`advance: case ${current.caseNumber} is ${current.state}`);
    const weekLater = addDays(current.stateDate, 7);
    const date = options.dates?.[next] ?? (weekLater < now ? weekLater : now);
    const base = { date, responsible: '王经办', note: null };
    if (next === 'plan_signed') {
      if (current.plan.lines.length === 0) {
        current = (await client.call('renovations.savePlan', { id: caseId, version: current.version, lines: options.lines ?? (await defaultPlan(client)) }))
          .case;
      }
      await ensureCap(office.admin, current.planYear);
    }
    if (next === 'accepted') current = await attachAfterPhotos(client, current);
    const step: Input<'renovations.step'>['step'] =
      next === 'assessed'
        ? { step: 'assessed', ...base, abilityLevel: 'partial', needs: '卫生间无扶手，地面湿滑' }
        : next === 'accepted'
          ? { step: 'acceptance', ...base, acceptingBody: '腰古镇人民政府', passed: true, remarks: null }
          : next === 'paid'
            ? { step: 'paid', ...base, amountFen: current.plan.summary.subsidyFen, voucherNumber: `PZ-${current.caseNumber}` }
            : next === 'satisfaction'
              ? { step: 'satisfaction', ...base, score: 5, remarks: null }
              : next === 'applied'
                ? (() => {
                    throw new Error('advance: applied is recorded by create');
                  })()
                : { step: next, ...base };
    current = (await client.call('renovations.step', { id: caseId, version: current.version, step })).case;
  }
  return current;
}

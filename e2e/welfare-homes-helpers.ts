import type { Input, Output } from '../main/contract';
import type { ResidentCategory, SelfCareTask, SupportForm } from '../main/contract/areas/welfare-enums';
import type { arrange } from './fixtures';

/** The arranging client setUpOffice returns (logged in as the administrator). */
export type Office = Awaited<ReturnType<typeof arrange>>;

export const CLERK = { username: 'clerk', displayName: '王科员', password: 'clerk-pass-1' };
export const VIEWER = { username: 'viewer', displayName: '赵只读', password: 'viewer-pass-1' };

/** Adds the clerk or the viewer account above. */
export async function addStaff(office: Office, role: 'clerk' | 'viewer') {
  const who = role === 'clerk' ? CLERK : VIEWER;
  await office.call('staff.create', { ...who, role, passwordConfirm: who.password });
  return who;
}

/** An institution input with every optional field empty, for arranging. */
export function institutionInput(patch: Partial<Input<'institutions.create'>['institution']>): Input<'institutions.create'>['institution'] {
  return {
    name: '未命名敬老院',
    type: 'nursing_home',
    townCode: '445302102',
    totalBeds: 20,
    nursingBeds: 0,
    medicalRoom: false,
    medicalStaff: 0,
    oneStopSettlement: false,
    ...patch,
  };
}

export interface ArrangedInstitution {
  institution: Output<'institutions.create'>;
  /** The beds added, by "room-label" ("101-1"). */
  beds: Map<string, Output<'institutionBeds.add'>[number]>;
}

/** An institution with beds by room: `rooms: { '101': ['1', '2'] }`. */
export async function arrangeInstitution(
  office: Office,
  patch: Partial<Input<'institutions.create'>['institution']>,
  rooms: Record<string, string[]> = {},
): Promise<ArrangedInstitution> {
  const institution = await office.call('institutions.create', { institution: institutionInput(patch) });
  const beds = new Map<string, Output<'institutionBeds.add'>[number]>();
  for (const [room, labels] of Object.entries(rooms)) {
    for (const bed of await office.call('institutionBeds.add', { institutionId: institution.id, room, labels, nursing: false })) {
      beds.set(`${bed.room}-${bed.label}`, bed);
    }
  }
  return { institution, beds };
}

export interface Admission {
  institutionId: string;
  bedId?: string | null;
  name: string;
  idNumber: string;
  admittedOn: string;
  category: ResidentCategory;
  supportForm?: SupportForm;
  /** The admission's six-task rating: the tasks the person cannot do alone (none: 全自理). */
  failedTasks?: SelfCareTask[];
}

/** Admits a new person (entered with the admission), rated on the admission day. */
export async function admit(office: Office, a: Admission): Promise<Output<'residents.admit'>> {
  return office.call('residents.admit', {
    admission: {
      person: { name: a.name, idNumber: a.idNumber },
      institutionId: a.institutionId,
      bedId: a.bedId ?? null,
      admittedOn: a.admittedOn,
      details: { category: a.category, supportForm: a.supportForm ?? 'concentrated', schoolingExtension: false },
      assessment: { method: 'six_task', assessedOn: a.admittedOn, assessor: '陈评估', failedTasks: a.failedTasks ?? [] },
    },
  });
}

/** A version of the allowance standard; amounts in 分, those left out not set. */
export async function addStandard(
  office: Office,
  effectiveFrom: string,
  amounts: Partial<Omit<Input<'allowanceStandards.create'>['standard'], 'effectiveFrom' | 'note'>>,
  note: string | null = null,
) {
  const all = {
    basicLivingFen: null,
    careSelfCareConcentratedFen: null,
    carePartialConcentratedFen: null,
    careCompleteConcentratedFen: null,
    careSelfCareDispersedFen: null,
    carePartialDispersedFen: null,
    careCompleteDispersedFen: null,
    orphanConcentratedFen: null,
    orphanDispersedFen: null,
    ...amounts,
  };
  return office.call('allowanceStandards.create', { standard: { effectiveFrom, note, ...all } });
}

/** The roster's rule for one item: round half up (Σ monthly 分 over the days ÷ days in the month). */
export function proRata(monthlyFenByDay: number[], daysInMonth: number): number {
  const sum = monthlyFenByDay.reduce((a, b) => a + b, 0);
  return Math.floor((2 * sum + daysInMonth) / (2 * daysInMonth));
}

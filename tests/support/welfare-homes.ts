import type { Input } from '../../main/contract';
import { idFor } from './id-numbers';
import type { TestClient } from './office';

/**
 * Institutions, beds, people and admissions made through the real requests, for tests of the
 * residents area. Every helper returns ids; the tests assert what they care about themselves.
 */
export class WelfareHomes {
  private seq = 100;
  constructor(readonly client: TestClient) {}

  async institution(name: string, extra: Partial<Input<'institutions.create'>['institution']> = {}): Promise<string> {
    const created = await this.client.call('institutions.create', {
      institution: {
        name,
        type: 'nursing_home',
        totalBeds: 20,
        nursingBeds: 5,
        medicalRoom: false,
        medicalStaff: 0,
        oneStopSettlement: false,
        ...extra,
      },
    });
    return created.id;
  }

  /** Beds "1", "2", … of one room; returns their ids in label order. */
  async beds(institutionId: string, room: string, labels: string[]): Promise<string[]> {
    const slots = await this.client.call('institutionBeds.add', { institutionId, room, labels, nursing: false });
    return labels.map((label) => slots.find((s) => s.room === room && s.label === label)!.id);
  }

  /** A registered person born on `birth` (an ID number is made up), or without a number when birth is null. */
  async person(name: string, birth: string | null = '1950-03-04'): Promise<string> {
    const person = birth ? { name, idNumber: idFor(birth, this.seq++) } : { name, sex: 'F' as const };
    return (await this.client.call('people.create', { person })).person.id;
  }

  /** An admission form with sensible defaults: 特困 elderly, concentrated, assessed on the day with nothing failed. */
  admission(
    place: { institutionId: string; bedId?: string | null },
    admittedOn: string,
    extra: Partial<Input<'residents.admit'>['admission']> = {},
  ): Input<'residents.admit'>['admission'] {
    return {
      institutionId: place.institutionId,
      bedId: place.bedId ?? null,
      admittedOn,
      details: { category: 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false },
      assessment: { method: 'six_task', assessedOn: admittedOn, assessor: '王评估', failedTasks: [] },
      ...extra,
    };
  }

  async admit(personId: string, place: { institutionId: string; bedId?: string | null }, admittedOn: string, extra: Partial<Input<'residents.admit'>['admission']> = {}) {
    return this.client.call('residents.admit', { admission: this.admission(place, admittedOn, { personId, ...extra }) });
  }
}

import { describe, expect, it } from 'vitest';
import type { ResidentEventView } from '../../main/contract';
import { monthEnd } from '../../renderer/src/pages/homes/month-end';
import { latestEffectiveEvent } from '../../renderer/src/pages/residents/event-order';
import { checkAdmission, emptyAdmission, toAdmissionInput, type AdmissionValues } from '../../renderer/src/pages/residents/resident-values';
import { idFor } from '../support/id-numbers';

describe('the overview read at a month end', () => {
  it('is the last day of a past month, leap years included', () => {
    expect(monthEnd('2024-02', '2026-03-15')).toBe('2024-02-29');
    expect(monthEnd('2025-02', '2026-03-15')).toBe('2025-02-28');
    expect(monthEnd('2025-12', '2026-03-15')).toBe('2025-12-31');
  });

  it('is today for the running month (never a day in the future)', () => {
    expect(monthEnd('2026-03', '2026-03-15')).toBe('2026-03-15');
  });
});

function event(seq: number, date: string, kind: ResidentEventView['kind'], patch: Partial<ResidentEventView> = {}): ResidentEventView {
  return {
    id: `e${seq}`,
    seq,
    kind,
    date,
    institutionId: null,
    institutionName: null,
    bedLabel: null,
    leaveKind: null,
    exitReason: null,
    reason: null,
    note: null,
    reversesEventId: null,
    reversedByEventId: null,
    createdAt: '2026-01-01T00:00:00Z',
    createdByName: null,
    ...patch,
  };
}

describe('the event 冲销 offers to reverse', () => {
  it('is the latest by date, then by the order recorded', () => {
    const events = [event(1, '2026-01-01', 'admit'), event(2, '2026-03-01', 'leave'), event(3, '2026-02-01', 'reassess'), event(4, '2026-03-01', 'return')];
    expect(latestEffectiveEvent(events)?.id).toBe('e4');
  });

  it('skips reversed events and the reversals themselves', () => {
    const events = [
      event(1, '2026-01-01', 'admit'),
      event(2, '2026-02-01', 'move'),
      event(3, '2026-03-01', 'exit', { reversedByEventId: 'e4' }),
      event(4, '2026-03-05', 'reversal', { reversesEventId: 'e3' }),
    ];
    expect(latestEffectiveEvent(events)?.id).toBe('e2');
  });

  it('is nothing once the admission itself was reversed', () => {
    const events = [event(1, '2026-01-01', 'admit', { reversedByEventId: 'e2' }), event(2, '2026-01-02', 'reversal', { reversesEventId: 'e1' })];
    expect(latestEffectiveEvent(events)).toBeNull();
  });
});

function filled(patch: Partial<AdmissionValues>): AdmissionValues {
  const v = emptyAdmission('2026-03-15');
  return {
    ...v,
    personMode: 'new',
    newPerson: { ...v.newPerson, name: '黄伯', idNumber: idFor('1947-02-03', 313) },
    institution: '0197c000-0000-7000-8000-000000000010',
    details: { ...v.details, category: 'tekun_elderly' },
    failedTasks: ['walk', 'bathe'],
    assessor: '陈评估',
    ...patch,
  };
}

describe('the admission form', () => {
  it('sends a new person, not a chosen one, and dates the rating on the admission day when left blank', () => {
    const input = toAdmissionInput(filled({ person: { value: '0197c000-0000-7000-8000-000000000099', label: '别人' } }));
    expect(input.personId).toBeNull();
    expect(input.person).toMatchObject({ name: '黄伯', idNumber: idFor('1947-02-03', 313) });
    expect(input.assessment).toMatchObject({ method: 'six_task', assessedOn: '2026-03-15', failedTasks: ['walk', 'bathe'], assessor: '陈评估' });
  });

  it('never sends the schooling extension for a category that is not a child one', () => {
    const v = filled({});
    const input = toAdmissionInput({ ...v, details: { ...v.details, category: 'tekun_elderly', schoolingExtension: true } });
    expect(input.details.schoolingExtension).toBe(false);
    const orphan = toAdmissionInput({ ...v, details: { ...v.details, category: 'orphan', schoolingExtension: true } });
    expect(orphan.details.schoolingExtension).toBe(true);
  });

  it('asks for a bed only where the institution keeps a register, and refuses a rating after admission', () => {
    expect(checkAdmission(filled({}), false)).toEqual({});
    expect(checkAdmission(filled({}), true)).toMatchObject({ 'admission.bedId': { code: 'BED_REQUIRED' } });
    expect(checkAdmission(filled({ assessedOn: '2026-03-16' }), false)).toMatchObject({
      'admission.assessment.assessedOn': { code: 'ASSESSMENT_AFTER_ADMISSION' },
    });
  });

  it('names each missing field on its own path', () => {
    const errors = checkAdmission(emptyAdmission('2026-03-15'), false);
    expect(Object.keys(errors).sort()).toEqual(
      ['admission.personId', 'admission.institutionId', 'admission.details.category', 'admission.assessment.assessor'].sort(),
    );
  });
});

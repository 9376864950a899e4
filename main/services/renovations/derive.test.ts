import { describe, expect, it } from 'vitest';
import type { StepKind } from '../../contract/areas/renovation-enums';
import { correctableStep, derive, effectiveSteps, isAllowed, nextSteps, type StepFact } from './derive';

let seq = 0;
function step(kind: StepKind, date: string, correctsStepId: string | null = null): StepFact {
  seq += 1;
  return { id: `s${seq}`, seq, step: kind, date, correctsStepId };
}

describe('renovation case derivation', () => {
  it('takes the state and its date from the latest effective step, ordered by date then entry', () => {
    const applied = step('applied', '2026-03-02');
    const town = step('town_reviewed', '2026-03-10');
    const county = step('county_reviewed', '2026-03-10');
    const d = derive([county, applied, town]);
    expect(d.state).toBe('county_reviewed');
    expect(d.stateDate).toBe('2026-03-10');
    expect(d.appliedOn).toBe('2026-03-02');
    expect(d.effective.map((s) => s.step)).toEqual(['applied', 'town_reviewed', 'county_reviewed']);
  });

  it('leaves out corrections and the steps they reversed, and falls back to the step before', () => {
    const applied = step('applied', '2026-03-02');
    const town = step('town_reviewed', '2026-03-10');
    const county = step('county_reviewed', '2026-03-12');
    const fix = step('correction', '2026-03-20', county.id);
    const steps = [applied, town, county, fix];
    expect(effectiveSteps(steps).map((s) => s.id)).toEqual([applied.id, town.id]);
    const d = derive(steps);
    expect(d.state).toBe('town_reviewed');
    expect(d.stateDate).toBe('2026-03-10');
  });

  it('sends a failed acceptance back to works, then allows completion and acceptance again', () => {
    const steps = [
      step('applied', '2026-03-02'),
      step('works_started', '2026-05-01'),
      step('works_completed', '2026-05-20'),
      step('acceptance_failed', '2026-05-25'),
    ];
    const d = derive(steps);
    expect(d.state).toBe('works_started');
    expect(d.stateDate).toBe('2026-05-25');
    expect(nextSteps(d.state)).toEqual(['works_completed', 'rejected', 'withdrawn']);
    expect(nextSteps('works_completed')).toEqual(['acceptance', 'rejected', 'withdrawn']);
  });

  it('offers the next step in order, the two ends only before payment, nothing when finished', () => {
    expect(nextSteps('applied')).toEqual(['town_reviewed', 'rejected', 'withdrawn']);
    expect(nextSteps('assessed')).toEqual(['plan_signed', 'rejected', 'withdrawn']);
    expect(nextSteps('accepted')).toEqual(['paid', 'rejected', 'withdrawn']);
    expect(nextSteps('paid')).toEqual(['satisfaction']);
    expect(nextSteps('satisfaction')).toEqual([]);
    expect(nextSteps('rejected')).toEqual([]);
    expect(nextSteps('withdrawn')).toEqual([]);
    expect(isAllowed('applied', 'county_reviewed')).toBe(false);
    expect(isAllowed('works_completed', 'accepted')).toBe(false);
    expect(isAllowed('paid', 'withdrawn')).toBe(false);
  });

  it('lets only the latest effective step be corrected, never the application', () => {
    const applied = step('applied', '2026-03-02');
    expect(correctableStep([applied])).toBeNull();
    const town = step('town_reviewed', '2026-03-10');
    expect(correctableStep([applied, town])?.id).toBe(town.id);
    const fix = step('correction', '2026-03-11', town.id);
    expect(correctableStep([applied, town, fix])).toBeNull();
  });
});

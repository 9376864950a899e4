import { describe, expect, it } from 'vitest';
import type { LedgerError } from '../../contract/define';
import { AppError } from '../../contract/errors';
import { checkAllowed, latestEffective, replay, type StayEvent } from './derive';

/** Builds a history the way the service stores it: seq in order of entry. */
function history() {
  const events: StayEvent[] = [];
  const add = (kind: StayEvent['kind'], date: string, extra: Partial<StayEvent> = {}) => {
    const e: StayEvent = {
      id: `e${events.length + 1}`,
      seq: events.length + 1,
      kind,
      date,
      institutionId: null,
      bedId: null,
      exitReason: null,
      reversesEventId: null,
      ...extra,
    };
    events.push(e);
    return e;
  };
  return {
    events,
    admit: (date: string, institutionId = 'home-a', bedId: string | null = 'a1') => add('admit', date, { institutionId, bedId }),
    move: (date: string, institutionId: string, bedId: string | null) => add('move', date, { institutionId, bedId }),
    leave: (date: string) => add('leave', date),
    back: (date: string) => add('return', date),
    reassess: (date: string) => add('reassess', date),
    exit: (date: string) => add('exit', date, { exitReason: 'death' }),
    reverse: (target: StayEvent, date = '2026-11-22') => add('reversal', date, { reversesEventId: target.id }),
  };
}

function refusal(run: () => unknown): LedgerError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.toLedgerError();
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('replaying a stay', () => {
  it('opens one period at admission, in the institution and bed, present', () => {
    const h = history();
    h.admit('2024-03-01');
    const { state, periods } = replay(h.events);
    expect(state).toEqual({
      status: 'present',
      admittedOn: '2024-03-01',
      exitedOn: null,
      exitReason: null,
      institutionId: 'home-a',
      bedId: 'a1',
      leaveSince: null,
    });
    expect(periods).toEqual([{ institutionId: 'home-a', bedId: 'a1', from: '2024-03-01', to: null, onLeave: false }]);
  });

  it('closes the period at a move and opens one in the new place', () => {
    const h = history();
    h.admit('2024-03-01');
    h.move('2024-05-10', 'home-b', 'b7');
    const { state, periods } = replay(h.events);
    expect(state).toMatchObject({ status: 'present', institutionId: 'home-b', bedId: 'b7' });
    expect(periods).toEqual([
      { institutionId: 'home-a', bedId: 'a1', from: '2024-03-01', to: '2024-05-10', onLeave: false },
      { institutionId: 'home-b', bedId: 'b7', from: '2024-05-10', to: null, onLeave: false },
    ]);
  });

  it('keeps the place during a leave and marks it; a return ends it', () => {
    const h = history();
    h.admit('2024-03-01');
    h.leave('2024-04-02');
    const onLeave = replay(h.events);
    expect(onLeave.state).toMatchObject({ status: 'leave', leaveSince: '2024-04-02', bedId: 'a1' });
    h.back('2024-04-20');
    const { state, periods } = replay(h.events);
    expect(state).toMatchObject({ status: 'present', leaveSince: null });
    expect(periods).toEqual([
      { institutionId: 'home-a', bedId: 'a1', from: '2024-03-01', to: '2024-04-02', onLeave: false },
      { institutionId: 'home-a', bedId: 'a1', from: '2024-04-02', to: '2024-04-20', onLeave: true },
      { institutionId: 'home-a', bedId: 'a1', from: '2024-04-20', to: null, onLeave: false },
    ]);
  });

  it('ends the last period on the exit date (not there that night), from presence or from leave', () => {
    const h = history();
    h.admit('2024-03-01');
    h.exit('2025-01-15');
    expect(replay(h.events)).toMatchObject({
      state: { status: 'exited', exitedOn: '2025-01-15', exitReason: 'death', institutionId: 'home-a', bedId: 'a1' },
      periods: [{ from: '2024-03-01', to: '2025-01-15', onLeave: false }],
    });
    const g = history();
    g.admit('2024-03-01');
    g.leave('2024-12-01');
    g.exit('2025-01-15');
    const { state, periods } = replay(g.events);
    expect(state).toMatchObject({ status: 'exited', leaveSince: null });
    expect(periods.map((p) => [p.from, p.to, p.onLeave])).toEqual([
      ['2024-03-01', '2024-12-01', false],
      ['2024-12-01', '2025-01-15', true],
    ]);
  });

  it('changes no period on a reassessment', () => {
    const h = history();
    h.admit('2024-03-01');
    const before = replay(h.events);
    h.reassess('2024-09-01');
    expect(replay(h.events).periods).toEqual(before.periods);
    expect(replay(h.events).state).toEqual(before.state);
  });

  it('drops zero-length periods: a move on the admission day replaces the admission place', () => {
    const h = history();
    h.admit('2024-03-01');
    h.move('2024-03-01', 'home-b', null);
    expect(replay(h.events).periods).toEqual([{ institutionId: 'home-b', bedId: null, from: '2024-03-01', to: null, onLeave: false }]);
    const g = history();
    g.admit('2024-03-01');
    g.exit('2024-03-01');
    expect(replay(g.events)).toMatchObject({ state: { status: 'exited', exitedOn: '2024-03-01' }, periods: [] });
  });

  it('joins a leave and a return on the same day back into one presence', () => {
    const h = history();
    h.admit('2024-03-01');
    h.leave('2024-04-02');
    h.back('2024-04-02');
    expect(replay(h.events).periods).toEqual([{ institutionId: 'home-a', bedId: 'a1', from: '2024-03-01', to: null, onLeave: false }]);
  });

  it('orders events by date, then by the order they were entered', () => {
    const h = history();
    h.admit('2024-03-01');
    h.move('2024-06-01', 'home-b', 'b1');
    h.move('2024-06-01', 'home-c', 'c1');
    h.move('2024-06-05', 'home-a', 'a2');
    expect(replay(h.events).periods.map((p) => [p.institutionId, p.from, p.to])).toEqual([
      ['home-a', '2024-03-01', '2024-06-01'],
      ['home-c', '2024-06-01', '2024-06-05'],
      ['home-a', '2024-06-05', null],
    ]);
  });
});

describe('reversals', () => {
  it('a reversed move puts the person back where they were', () => {
    const h = history();
    h.admit('2024-03-01');
    const move = h.move('2024-05-10', 'home-b', 'b7');
    h.reverse(move);
    const { state, periods, effective } = replay(h.events);
    expect(state).toMatchObject({ status: 'present', institutionId: 'home-a', bedId: 'a1' });
    expect(periods).toEqual([{ institutionId: 'home-a', bedId: 'a1', from: '2024-03-01', to: null, onLeave: false }]);
    expect(effective.map((e) => e.kind)).toEqual(['admit']);
  });

  it('a reversed leave or return restores the state before it', () => {
    const h = history();
    h.admit('2024-03-01');
    const leave = h.leave('2024-04-02');
    h.reverse(leave);
    expect(replay(h.events)).toMatchObject({ state: { status: 'present', leaveSince: null }, periods: [{ to: null, onLeave: false }] });
    const back = h.leave('2024-05-01');
    const ret = h.back('2024-05-09');
    expect(back.kind).toBe('leave');
    h.reverse(ret);
    const { state, periods } = replay(h.events);
    expect(state).toMatchObject({ status: 'leave', leaveSince: '2024-05-01' });
    expect(periods.at(-1)).toEqual({ institutionId: 'home-a', bedId: 'a1', from: '2024-05-01', to: null, onLeave: true });
  });

  it('a reversed exit reopens the last period', () => {
    const h = history();
    h.admit('2024-03-01');
    h.leave('2024-10-01');
    const exit = h.exit('2024-11-01');
    h.reverse(exit);
    const { state, periods } = replay(h.events);
    expect(state).toMatchObject({ status: 'leave', exitedOn: null, exitReason: null, leaveSince: '2024-10-01' });
    expect(periods.at(-1)).toMatchObject({ from: '2024-10-01', to: null, onLeave: true });
  });

  it('a reversed reassessment changes nothing but is no longer effective', () => {
    const h = history();
    h.admit('2024-03-01');
    const re = h.reassess('2024-09-01');
    h.reverse(re);
    const result = replay(h.events);
    expect(result.effective.map((e) => e.id)).toEqual(['e1']);
    expect(result.periods).toHaveLength(1);
    expect(latestEffective(h.events)?.kind).toBe('admit');
  });

  it('a reversed admission makes the stay void: no periods, its institution kept', () => {
    const h = history();
    const admit = h.admit('2024-03-01', 'home-b', 'b2');
    h.reverse(admit);
    expect(replay(h.events)).toEqual({
      state: { status: 'void', admittedOn: '2024-03-01', exitedOn: null, exitReason: null, institutionId: 'home-b', bedId: null, leaveSince: null },
      periods: [],
      effective: [],
    });
  });

  it('the latest effective event is the one entered last among the latest date, reversals aside', () => {
    const h = history();
    h.admit('2024-03-01');
    const leave = h.leave('2024-04-02');
    const reassess = h.reassess('2024-04-02');
    expect(latestEffective(h.events)).toBe(reassess);
    h.reverse(reassess);
    expect(latestEffective(h.events)).toBe(leave);
  });
});

describe('what each state accepts', () => {
  it('moves and leaves only when present, returns only on leave, nothing after an exit but its reversal', () => {
    expect(() => checkAllowed('present', 'move')).not.toThrow();
    expect(() => checkAllowed('present', 'leave')).not.toThrow();
    expect(() => checkAllowed('leave', 'return')).not.toThrow();
    expect(() => checkAllowed('leave', 'exit')).not.toThrow();
    expect(() => checkAllowed('leave', 'reassess')).not.toThrow();
    expect(() => checkAllowed('exited', 'reversal')).not.toThrow();
    expect(refusal(() => checkAllowed('leave', 'move'))).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'leave', kind: 'move' } });
    // Read in the clerk's language, not as codes.
    expect(refusal(() => checkAllowed('leave', 'move')).message).toBe('当前状态（暂时离院）不能登记“调换床位/机构”。');
    expect(refusal(() => checkAllowed('leave', 'leave')).code).toBe('EVENT_NOT_ALLOWED');
    expect(refusal(() => checkAllowed('present', 'return')).code).toBe('EVENT_NOT_ALLOWED');
    for (const kind of ['move', 'leave', 'return', 'reassess', 'exit'] as const) {
      expect(refusal(() => checkAllowed('exited', kind)).code).toBe('EVENT_NOT_ALLOWED');
    }
    expect(refusal(() => checkAllowed('void', 'reversal'))).toMatchObject({ params: { status: 'void', kind: 'reversal' } });
  });

  it('refuses to replay a history that breaks the rules', () => {
    const h = history();
    h.admit('2024-03-01');
    h.back('2024-04-01');
    expect(refusal(() => replay(h.events))).toMatchObject({ code: 'EVENT_NOT_ALLOWED', params: { status: 'present', kind: 'return' } });
  });
});

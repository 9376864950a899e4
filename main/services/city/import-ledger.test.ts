import { describe, expect, it } from 'vitest';
import { BundleRejection } from '../../bundles/rejection';
import { judgeSequence, MAX_SEQUENCE_JUMP, type AcceptedBundle } from './import-ledger';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const accepted = (sequence: number): AcceptedBundle => ({ sequence, statementHash: hash(sequence) });

function refusal(run: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleRejection) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('accepted, but should have been refused');
}

describe('the sequence rules of a county', () => {
  it('accepts the first bundle of a county, and the next one when it chains onto the last', () => {
    expect(judgeSequence({ sequence: 1, previous: null, statementHash: hash(1) }, null, null)).toEqual({ kind: 'accept', missing: [] });
    expect(judgeSequence({ sequence: 4, previous: hash(3), statementHash: hash(4) }, accepted(3), null)).toEqual({ kind: 'accept', missing: [] });
  });

  it('calls the same sequence with the same statement a duplicate, with another statement a fork', () => {
    expect(judgeSequence({ sequence: 3, previous: hash(2), statementHash: hash(3) }, accepted(5), accepted(3))).toEqual({ kind: 'duplicate' });
    expect(refusal(() => judgeSequence({ sequence: 3, previous: hash(2), statementHash: hash(99) }, accepted(5), accepted(3)))).toEqual({
      code: 'BUNDLE_FORK',
      params: { sequence: 3 },
    });
  });

  it('refuses a sequence below the last accepted one (a replay), even one that never arrived', () => {
    expect(refusal(() => judgeSequence({ sequence: 2, previous: hash(1), statementHash: hash(2) }, accepted(5), null))).toEqual({
      code: 'BUNDLE_ROLLBACK',
      params: { sequence: 2, last: 5 },
    });
  });

  it('refuses the next sequence when it does not chain onto the last accepted statement', () => {
    expect(refusal(() => judgeSequence({ sequence: 6, previous: hash(77), statementHash: hash(6) }, accepted(5), null))).toEqual({
      code: 'BUNDLE_FORK',
      params: { sequence: 6 },
    });
  });

  it('accepts a gap and names the missing sequences; refuses a jump of more than 1000', () => {
    expect(judgeSequence({ sequence: 8, previous: hash(7), statementHash: hash(8) }, accepted(5), null)).toEqual({ kind: 'accept', missing: [6, 7] });
    expect(judgeSequence({ sequence: 3, previous: hash(2), statementHash: hash(3) }, null, null)).toEqual({ kind: 'accept', missing: [1, 2] });
    const edge = 5 + MAX_SEQUENCE_JUMP;
    expect(judgeSequence({ sequence: edge, previous: hash(edge - 1), statementHash: hash(edge) }, accepted(5), null).kind).toBe('accept');
    expect(refusal(() => judgeSequence({ sequence: edge + 1, previous: hash(edge), statementHash: hash(edge + 1) }, accepted(5), null))).toEqual({
      code: 'BUNDLE_SEQUENCE_JUMP',
      params: { sequence: edge + 1, last: 5 },
    });
    expect(refusal(() => judgeSequence({ sequence: 1002, previous: hash(1001), statementHash: hash(1002) }, null, null)).code).toBe('BUNDLE_SEQUENCE_JUMP');
  });
});

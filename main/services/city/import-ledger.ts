import { BundleRejection } from '../../bundles/rejection';

/**
 * The replay and rollback rules: where an incoming bundle stands in its county's sequence, from
 * what the city already accepted. Pure, so the rules read in one place; the import asks it once
 * after verification (before decrypting) and again inside its write transaction.
 */

/** Largest step forward accepted at once: a bigger jump is a forged or runaway sequence. */
export const MAX_SEQUENCE_JUMP = 1000;

export interface AcceptedBundle {
  sequence: number;
  statementHash: string;
}

export interface IncomingBundle {
  sequence: number;
  /** The previous bundle's statement hash, as the statement states it (null for sequence 1). */
  previous: string | null;
  statementHash: string;
}

export type SequenceDecision =
  /** The very same bundle was accepted before: importing it again changes nothing. */
  | { kind: 'duplicate' }
  /** `missing`: the sequences between the last accepted one and this one that never arrived. */
  | { kind: 'accept'; missing: number[] };

/**
 * `last` is the county's highest accepted sequence (null before its first bundle);
 * `sameSequence` the accepted bundle with the incoming sequence, if any. Throws BundleRejection
 * (BUNDLE_FORK, BUNDLE_ROLLBACK, BUNDLE_SEQUENCE_JUMP) when the bundle must be refused.
 */
export function judgeSequence(incoming: IncomingBundle, last: AcceptedBundle | null, sameSequence: AcceptedBundle | null): SequenceDecision {
  const { sequence } = incoming;
  if (sameSequence) {
    if (sameSequence.statementHash === incoming.statementHash) return { kind: 'duplicate' };
    throw new BundleRejection('BUNDLE_FORK', { sequence });
  }
  const lastSequence = last?.sequence ?? 0;
  if (sequence < lastSequence) throw new BundleRejection('BUNDLE_ROLLBACK', { sequence, last: lastSequence });
  if (sequence > lastSequence + MAX_SEQUENCE_JUMP) throw new BundleRejection('BUNDLE_SEQUENCE_JUMP', { sequence, last: lastSequence });
  // The next one must chain onto the last accepted statement; after a gap there is nothing to chain to.
  if (last && sequence === last.sequence + 1 && incoming.previous !== last.statementHash) {
    throw new BundleRejection('BUNDLE_FORK', { sequence });
  }
  const missing: number[] = [];
  for (let s = lastSequence + 1; s < sequence; s++) missing.push(s);
  return { kind: 'accept', missing };
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, entriesOf, makeWorld, NOW, rawZip, scratchDir, TEST_CONTENT, type BuiltBundle, type BundleWorld } from '../../tests/support/bundle-corpus';
import { canonicalJson, canonicalJsonBytes, parseCanonicalJson } from './canonical-json';
import { openBundle } from './open-bundle';
import { BundleRejection } from './rejection';
import { verifyBundle } from './verify-bundle';

/**
 * Random damage and tampering of a valid bundle: byte flips, truncations, insertions and
 * deletions, aimed anywhere or at the headers and directory. Whatever comes out, the verifier
 * and opener either refuse it with a BundleRejection or — never — accept it.
 */
const scratch = scratchDir();
let world: BundleWorld;
let bundle: BuiltBundle;
beforeAll(async () => {
  world = await makeWorld();
  bundle = await buildBundle(world);
});
afterAll(() => scratch.remove());

type Mutation =
  | { kind: 'flip'; flips: { at: number; xor: number }[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

/** Offsets as fractions, so the same runs hit the start (headers), the middle (data) and the end (directory). */
const fraction = (min: number, max: number) => fc.noBias(fc.integer({ min, max })).map((n) => n / 10_000);
const offset = fc.oneof(fraction(0, 9999), fraction(9700, 9999), fraction(0, 500));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: offset, xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: offset }),
  fc.record({ kind: fc.constant('insert' as const), at: offset, bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: offset, length: fc.integer({ min: 1, max: 64 }) }),
);

function apply(original: Buffer, m: Mutation): Buffer {
  const pos = (f: number) => Math.min(original.length - 1, Math.floor(f * original.length));
  switch (m.kind) {
    case 'flip': {
      const copy = Buffer.from(original);
      for (const { at, xor } of m.flips) copy[pos(at)] = copy[pos(at)]! ^ xor;
      return copy;
    }
    case 'truncate':
      return original.subarray(0, pos(m.at));
    case 'insert':
      return Buffer.concat([original.subarray(0, pos(m.at)), m.bytes, original.subarray(pos(m.at))]);
    case 'delete':
      return Buffer.concat([original.subarray(0, pos(m.at)), original.subarray(pos(m.at) + m.length)]);
  }
}

/**
 * Where a mutation lands: the file as it is (damage), or one entry's contents with the archive
 * rebuilt around it — CRCs and sizes right, as a forger would — so the runs reach the signature
 * and the hashes, not only the container checks.
 */
const target = fc.oneof(fc.constant<'file'>('file'), fc.integer({ min: 0, max: 3 }));

function mutate(t: 'file' | number, m: Mutation): Buffer {
  if (t === 'file') return apply(bundle.bytes, m);
  const entries = entriesOf(bundle.bytes);
  entries[t] = { ...entries[t]!, data: apply(Buffer.from(entries[t]!.data), m) };
  return rawZip(entries);
}

let run = 0;
async function outcome(bytes: Uint8Array): Promise<string> {
  const path = scratch.file(`fuzz-${run++}.wlb`, bytes);
  try {
    const verified = await verifyBundle(path, { trust: world.trust, now: NOW });
    await openBundle(verified, { identity: world.city.identity, recipient: world.city.recipient, content: TEST_CONTENT, onRecord: () => undefined });
    return 'accepted';
  } catch (error) {
    if (error instanceof BundleRejection) return error.code;
    throw error;
  }
}

describe('fuzzing a valid bundle', () => {
  it('the unaltered bundle is accepted (so a refusal below is the mutation\'s doing)', async () => {
    expect(await outcome(bundle.bytes)).toBe('accepted');
  });

  it('refuses every altered copy with a reason, and never crashes (300 runs)', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(target, mutation, async (t, m) => {
        const altered = mutate(t, m);
        if (altered.equals(bundle.bytes)) return; // flips that cancel out
        const code = await outcome(altered);
        seen.set(code, (seen.get(code) ?? 0) + 1);
        expect(code).not.toBe('accepted');
      }),
      { numRuns: 300 },
    );
    // The runs reached past the container into the signed layers, not only the ZIP checks.
    expect(seen.size).toBeGreaterThan(5);
    expect(['BUNDLE_BAD_SIGNATURE', 'BUNDLE_FILE_HASH', 'BUNDLE_FILE_SIZE'].some((code) => seen.has(code))).toBe(true);
  });

  it('the ZIP reader refuses random bytes that merely start like a ZIP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (tail) => {
        const code = await outcome(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), tail]));
        expect(code).not.toBe('accepted');
      }),
      { numRuns: 100 },
    );
  });
});

describe('fuzzing canonical JSON', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.string({ unit: 'grapheme' })),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'grapheme' }), tie('node'), { maxKeys: 4 })),
  })).node;

  it('parses back exactly what it encodes', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = canonicalJsonBytes(v);
        expect(canonicalJson(parseCanonicalJson(bytes, 'x'))).toBe(bytes.toString('utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any single-byte change that still parses to something else, with a BundleRejection only', () => {
    fc.assert(
      fc.property(value, fc.nat(), fc.integer({ min: 1, max: 255 }), (v, at, xor) => {
        const bytes = Buffer.from(canonicalJsonBytes(v));
        if (bytes.length === 0) return;
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ xor;
        try {
          const parsed = parseCanonicalJson(bytes, 'x');
          // Accepted only if it is itself canonical: then it is a different value, never the same one spelled differently.
          expect(canonicalJsonBytes(parsed).equals(bytes)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleRejection);
        }
      }),
      { numRuns: 300 },
    );
  });
});

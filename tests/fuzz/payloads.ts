import fc from 'fast-check';
import type { z } from 'zod';
import { idFor } from '../support/id-numbers';

/**
 * Payload generators for the contract fuzz test. A purely random payload dies at the first
 * `strictObject`, so most payloads follow the request's own schema (read from zod's definition)
 * and go wrong in one or more places: hostile leaves, missing and extra keys, real record ids of
 * the office mixed with forged ones. That way the validators AND the handlers behind them are hit.
 */

/** What the office really holds, so that some payloads reach the handlers' reference checks. */
export interface ReferencePool {
  ids: string[];
  strings: string[];
}

const ONE_MB = 'x'.repeat(1_000_000);
/** Passes the dispatcher's 1 MB size check, so the schema's own length limits must refuse it. */
const JUST_UNDER_1_MB = '长'.repeat(330_000);
const HUNDRED_THOUSAND = Array.from({ length: 100_000 }, (_, i) => i % 7);

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** JSON.parse makes `__proto__` an own property, as a payload coming over IPC would have it. */
const POLLUTERS: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"prototype":{"polluted":"yes"}}'),
  JSON.parse('[{"__proto__":{"polluted":"yes"}}]'),
];

const STRINGS = [
  '',
  ' ',
  '\t\n',
  "'; DROP TABLE person; --",
  "1' OR '1'='1",
  '" OR ""="',
  '%',
  '_',
  '*/ SELECT * FROM staff; /*',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eabc\u202C',
  '\u200F\u200E\u061C',
  '\uFEFF张三',
  'Z\u0351\u0352\u0353\u0354',
  '𠀀𪚥',
  '🧓🏽‍🦳',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '-0',
  '1e309',
  '0x10',
  '2023-02-30',
  '2023-02-29',
  '0000-00-00',
  '1899-12-31',
  '1900-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-13-01',
  '2026-11',
  '2026-00',
  '2099-01',
  '2026-11-22T02:00:00Z',
  '2026/11/22',
  '１２３４',
  '445302199001010000',
  '44530219900101000x',
  '445302900101001',
  '000000000000000000',
  '11010519491231002X',
  idFor('1950-01-01', 1),
  idFor('2030-01-01', 1),
  '../../../../etc/passwd',
  '.',
  '..',
  '/',
  'C:\\Windows\\System32',
  '\\\\server\\share',
  'file:///etc/passwd',
  '01900000-0000-7000-8000-000000000000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

const NUMBERS = [0, -0, 1, -1, 1.5, 0.1, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE, 1900, 2021, 2026, 9999, 100_000];

/** Values that are wrong almost anywhere: wrong types, edge numbers, hostile strings, huge and deep things. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...NUMBERS, null, undefined, true, false, [], {}) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTERS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(ONE_MB, JUST_UNDER_1_MB, HUNDRED_THOUSAND, nested(5_000, true), nested(5_000, false)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Adds an unexpected own key: a typo'd field, or a prototype-pollution key. */
function withExtraKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * How wrong a payload is: `noisy` payloads break anywhere (hostile leaves, dropped and extra keys);
 * `clean` ones keep the schema's shape and mostly valid leaves, so they reach the handlers' own
 * checks (references, dates, state rules) and sometimes get accepted.
 */
export type Noise = 'noisy' | 'clean';

/** A value for `schema`: usually plausible, sometimes hostile, so that each payload is wrong somewhere new. */
function valueFor(schema: z.ZodType, pool: ReferencePool, noise: Noise, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return hostile;
  return fc.oneof({ weight: noise === 'clean' ? 30 : 4, arbitrary: plausible(schema, pool, noise, depth) }, { weight: 1, arbitrary: hostile });
}

const pastDay = fc.date({ min: new Date('1930-01-01'), max: new Date('2026-11-21'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const anyDay = fc.date({ min: new Date('1890-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function plausibleString(pool: ReferencePool, noise: Noise): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool.ids) },
    { weight: 2, arbitrary: fc.constantFrom(...pool.strings) },
    { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
    { weight: 1, arbitrary: noise === 'clean' ? pastDay : anyDay },
    { weight: 1, arbitrary: fc.integer({ min: 2015, max: 2030 }).chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, '0')}`)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
}

function plausible(schema: z.ZodType, pool: ReferencePool, noise: Noise, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const next = (s: z.ZodType) => valueFor(s, pool, noise, depth + 1);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, next(s)]));
      if (noise === 'clean') return fc.record(fields);
      return fc
        .tuple(
          fc.oneof(fc.record(fields), fc.record(fields, { requiredKeys: [] })),
          fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'role', 'version'), hostile), { freq: 4 }),
        )
        .map(([record, extra]) => (extra ? withExtraKey(record as Record<string, unknown>, extra[0], extra[1]) : record));
    }
    case 'string':
      return plausibleString(pool, noise);
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.integer({ min: 2015, max: 2030 }), fc.constantFrom(...NUMBERS));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
      return fc.oneof(fc.constantFrom(undefined, ...(noise === 'clean' ? [] : [null])), next(def.innerType!));
    case 'nullable':
      return fc.oneof(fc.constantFrom(null, ...(noise === 'clean' ? [] : [undefined])), next(def.innerType!));
    case 'pipe':
      return plausible(def.in!, pool, noise, depth);
    case 'array':
      return fc.array(next(def.element!), { maxLength: 4 });
    case 'record':
      return fc.dictionary(fc.oneof(fc.constantFrom(...pool.strings), fc.string({ maxLength: 8 })), next(def.valueType!), { maxKeys: 3 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => plausible(o, pool, noise, depth)));
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map(next));
    default:
      // unknown, transform, …: anything at all.
      return fc.oneof(hostile, fc.jsonValue({ maxDepth: 3 }));
  }
}

/** A payload for a request whose input schema is `schema`: schema-guided (noisy or clean), or a hostile value outright. */
export function payloadFor(schema: z.ZodType, pool: ReferencePool): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible(schema, pool, 'noisy', 0) },
    { weight: 3, arbitrary: plausible(schema, pool, 'clean', 0) },
    { weight: 1, arbitrary: hostile },
  );
}

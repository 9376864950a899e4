import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes, parseCanonicalJson } from './canonical-json';
import { BundleRejection } from './rejection';

const bytes = (s: string) => Buffer.from(s, 'utf8');

function codeOf(input: Uint8Array): string {
  try {
    parseCanonicalJson(input, 'test.json');
  } catch (error) {
    if (error instanceof BundleRejection) return error.code + (error.params.key !== undefined ? `:${error.params.key}` : '');
    throw error;
  }
  return 'accepted';
}

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units, writes no whitespace, and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], B: { z: 0, ä: -5 }, u: undefined })).toBe('{"B":{"z":0,"ä":-5},"a":[true,null,"x"],"b":1}');
    // An astral character (surrogate pair D83D…) sorts before U+FF21 in UTF-16 order, after it in code point order.
    expect(canonicalJson({ 'Ａ': 1, '😀': 2 })).toBe('{"😀":2,"Ａ":1}');
  });

  it('writes strings exactly as JSON.stringify does', () => {
    expect(canonicalJson('a"b\\c\n\u0001é云')).toBe('"a\\"b\\\\c\\n\\u0001é云"');
  });

  it('refuses what has no single canonical form: fractions, unsafe integers, -0, lone surrogates, undefined, class instances', () => {
    for (const value of [1.5, 2 ** 53, -0, NaN, Infinity, '\ud800x', { '\udc00': 1 }, [undefined], new Date(0), 10n, () => 1]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });

  it('bounds nesting so hostile input cannot overflow the stack', () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
    expect(() => canonicalJson(deep)).toThrow(TypeError);
  });
});

describe('parseCanonicalJson', () => {
  it('accepts the canonical encoding and gives back the value', () => {
    const value = { county: { code: '445302', name: '云城区' }, files: [{ records: 13 }], previous: null };
    expect(parseCanonicalJson(canonicalJsonBytes(value), 'x')).toEqual(value);
  });

  it('names a repeated key, also when one spelling is escaped, at any depth', () => {
    expect(codeOf(bytes('{"a":1,"a":1}'))).toBe('BUNDLE_JSON_DUPLICATE_KEY:a');
    expect(codeOf(bytes('{"a":1,"\\u0061":2}'))).toBe('BUNDLE_JSON_DUPLICATE_KEY:a');
    expect(codeOf(bytes('{"x":[{"k":1,"k":2}]}'))).toBe('BUNDLE_JSON_DUPLICATE_KEY:k');
    expect(codeOf(bytes('{"__proto__":1,"__proto__":2}'))).toBe('BUNDLE_JSON_DUPLICATE_KEY:__proto__');
  });

  it('refuses every non-canonical spelling of a valid value', () => {
    const cases = [
      '{"a": 1}', // whitespace
      ' {"a":1}',
      '{"a":1}\n',
      '{"b":1,"a":2}', // key order
      '{"a":1.0}', // fraction of an integer
      '{"a":1e2}', // exponent
      '{"a":-0}',
      '{"a":1.5}',
      '{"a":12345678901234567890}', // unsafe integer
      '{"a":"\\u00e9"}', // escaped where JSON.stringify writes the character
      '{"a":"\\/"}',
      '{"a":"\\ud800"}', // lone surrogate
      '{"a":tru}', // not JSON at all
      '',
      '\ufeff{"a":1}', // byte order mark
    ];
    for (const text of cases) expect(codeOf(bytes(text)), text).toBe('BUNDLE_NOT_CANONICAL');
  });

  it('refuses invalid UTF-8 and deep nesting with BUNDLE_NOT_CANONICAL', () => {
    expect(codeOf(Uint8Array.from([0x22, 0xc3, 0x28, 0x22]))).toBe('BUNDLE_NOT_CANONICAL');
    expect(codeOf(Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBe('BUNDLE_NOT_CANONICAL'); // CESU surrogate
    expect(codeOf(bytes('['.repeat(100_000) + ']'.repeat(100_000)))).toBe('BUNDLE_NOT_CANONICAL');
  });

  it('keeps "__proto__" as a plain property instead of changing the prototype', () => {
    const value = parseCanonicalJson(bytes('{"__proto__":{"polluted":1}}'), 'x') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

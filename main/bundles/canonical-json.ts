import { BundleRejection } from './rejection';

/**
 * Canonical JSON: the one byte sequence a value may be signed as. Object keys sorted by UTF-16
 * code units, no whitespace, strings written as JSON.stringify writes them, safe integers only
 * (no fractions, exponents or -0), no lone surrogates. Parsing re-encodes and demands the very
 * same bytes, so two different byte strings never carry the same signed meaning.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Deeper nesting than any of our documents needs; bounds the recursion on hostile input. */
const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Encodes a value; object properties whose value is undefined are left out (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  encode(value, 0, out);
  return out.join('');
}

export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

function encode(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) throw new TypeError('canonical JSON: nested too deeply');
  if (value === null || value === true || value === false) {
    out.push(String(value));
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new TypeError(`canonical JSON: ${value} is not a safe integer`);
    out.push(String(value));
  } else if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new TypeError('canonical JSON: lone surrogate in a string');
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (item === undefined) throw new TypeError('canonical JSON: undefined in an array');
      if (i > 0) out.push(',');
      encode(item, depth + 1, out);
    });
    out.push(']');
  } else if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (LONE_SURROGATE.test(key)) throw new TypeError('canonical JSON: lone surrogate in a key');
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      encode(record[key], depth + 1, out);
    });
    out.push('}');
  } else {
    throw new TypeError(`canonical JSON: cannot encode a ${typeof value}`);
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Decodes UTF-8 strictly (no BOM, no invalid sequences), parses, and requires the bytes to be
 * the canonical encoding of what they parse to. A repeated key is reported as such
 * (BUNDLE_JSON_DUPLICATE_KEY {key}); anything else as BUNDLE_NOT_CANONICAL. `what` names the
 * document in the rejection's params (`name`).
 */
export function parseCanonicalJson(bytes: Uint8Array, what: string): JsonValue {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BundleRejection('BUNDLE_NOT_CANONICAL', { name: what });
  }
  let value: JsonValue;
  let again: string;
  try {
    // JSON.parse keeps the last of repeated keys, so the re-encoding then differs from the input:
    // equality below also proves there was no duplicate.
    value = JSON.parse(text) as JsonValue;
    again = canonicalJson(value);
  } catch {
    throw notCanonical(text, what);
  }
  if (again !== text) throw notCanonical(text, what);
  return value;
}

function notCanonical(text: string, what: string): BundleRejection {
  const key = findDuplicateKey(text);
  return key === null
    ? new BundleRejection('BUNDLE_NOT_CANONICAL', { name: what })
    : new BundleRejection('BUNDLE_JSON_DUPLICATE_KEY', { key, name: what });
}

/**
 * The first key repeated within one object, or null (also for text that is not JSON). A strict
 * scanner: only called for input that already failed, to tell the user why.
 */
export function findDuplicateKey(text: string): string | null {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('not JSON');
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i;
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = string();
        if (keys.has(key)) throw new DuplicateKey(key);
        keys.add(key);
        ws();
        if (text[i++] !== ':') fail();
        value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === '}') return;
        if (sep !== ',') fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === ']') return;
        if (sep !== ',') fail();
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value(0);
    return null;
  } catch (error) {
    if (error instanceof DuplicateKey) return error.key;
    return null;
  }
}

class DuplicateKey extends Error {
  constructor(readonly key: string) {
    super('duplicate key');
  }
}

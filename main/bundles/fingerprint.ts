import { createHash } from 'node:crypto';
import { FINGERPRINT_WORDS } from './fingerprint-words';
import { DOMAIN } from './keys';

/**
 * What two people compare over the phone before the city trusts a county key (or a county the
 * city's key): SHA-256(domain + "\n" + key bytes), shown as six words and as eight groups of
 * five digits. Either form alone is enough to compare; the hex is for files and logs.
 */
export interface Fingerprint {
  /** All 64 hex characters. */
  hex: string;
  /** 8 groups of 5 digits: group i = (bytes 4i..4i+3 as a big-endian uint32) mod 100000. */
  digits: string;
  /** FINGERPRINT_WORDS[byte 0] … FINGERPRINT_WORDS[byte 5], separated by spaces. */
  words: string;
}

export function fingerprint(bytes: Uint8Array, domain: string): Fingerprint {
  const hash = createHash('sha256').update(`${domain}\n`, 'utf8').update(bytes).digest();
  const groups = Array.from({ length: 8 }, (_, i) => String(hash.readUInt32BE(4 * i) % 100_000).padStart(5, '0'));
  const words = Array.from(hash.subarray(0, 6), (b) => FINGERPRINT_WORDS[b]!);
  return { hex: hash.toString('hex'), digits: groups.join(' '), words: words.join(' ') };
}

export function countyKeyFingerprint(publicKey: Uint8Array): Fingerprint {
  return fingerprint(publicKey, DOMAIN.countyKey);
}

export function cityKeyFingerprint(recipient: string): Fingerprint {
  return fingerprint(Buffer.from(recipient, 'utf8'), DOMAIN.cityKey);
}

import { Decrypter, Encrypter } from 'age-encryption';
import { generateKeyPairSync } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { cityKeyFingerprint, countyKeyFingerprint, fingerprint } from './fingerprint';
import { FINGERPRINT_WORDS } from './fingerprint-words';
import { AGE_IDENTITY, AGE_RECIPIENT, DOMAIN, generateCityIdentity, generateSigningKey, recipientOf, signBytes, signingKeyFromPkcs8, verifyBytes } from './keys';

const message = Buffer.from('{"format":"welfare-ledger/bundle/v1"}');

describe('Ed25519 signing keys', () => {
  it('sign and verify under one domain; the PKCS#8 bytes give back the same public key', () => {
    const key = generateSigningKey();
    expect(key.publicKey).toHaveLength(32);
    expect(signingKeyFromPkcs8(key.privateKeyPkcs8).publicKey).toEqual(key.publicKey);
    const signature = signBytes(DOMAIN.statement, key.privateKeyPkcs8, message);
    expect(signature).toHaveLength(64);
    expect(verifyBytes(DOMAIN.statement, key.publicKey, message, signature)).toBe(true);
  });

  it('a signature never verifies under another domain, for other bytes, or with another key', () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const signature = signBytes(DOMAIN.keyRotation, key.privateKeyPkcs8, message);
    expect(verifyBytes(DOMAIN.statement, key.publicKey, message, signature)).toBe(false);
    expect(verifyBytes(DOMAIN.countyKey, key.publicKey, message, signature)).toBe(false);
    expect(verifyBytes(DOMAIN.keyRotation, key.publicKey, Buffer.concat([message, Buffer.from(' ')]), signature)).toBe(false);
    expect(verifyBytes(DOMAIN.keyRotation, other.publicKey, message, signature)).toBe(false);
    // Without the domain line the same bytes are not what was signed either.
    expect(verifyBytes(DOMAIN.keyRotation, key.publicKey, Buffer.concat([Buffer.from(`${DOMAIN.keyRotation}`), message]), signature)).toBe(false);
  });

  it('returns false, not a crash, for garbage keys and signatures', () => {
    const key = generateSigningKey();
    const signature = signBytes(DOMAIN.statement, key.privateKeyPkcs8, message);
    expect(verifyBytes(DOMAIN.statement, new Uint8Array(32).fill(0xff), message, signature)).toBe(false);
    expect(verifyBytes(DOMAIN.statement, key.publicKey.subarray(0, 31), message, signature)).toBe(false);
    expect(verifyBytes(DOMAIN.statement, key.publicKey, message, signature.subarray(0, 63))).toBe(false);
    expect(verifyBytes(DOMAIN.statement, key.publicKey, message, new Uint8Array(64))).toBe(false);
  });

  it('refuses a private key of another type', () => {
    const x25519 = generateKeyPairSync('x25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(() => signingKeyFromPkcs8(new Uint8Array(x25519))).toThrow();
  });
});

describe('age city keys', () => {
  it('make a recipient that encrypts to the identity only', async () => {
    const city = await generateCityIdentity();
    expect(city.identity).toMatch(AGE_IDENTITY);
    expect(city.recipient).toMatch(AGE_RECIPIENT);
    expect(await recipientOf(city.identity)).toBe(city.recipient);
    const e = new Encrypter();
    e.addRecipient(city.recipient);
    const sealed = await e.encrypt(message);
    const d = new Decrypter();
    d.addIdentity(city.identity);
    expect(Buffer.from(await d.decrypt(sealed)).equals(message)).toBe(true);
    const stranger = new Decrypter();
    stranger.addIdentity((await generateCityIdentity()).identity);
    await expect(stranger.decrypt(sealed)).rejects.toThrow();
  });
});

describe('fingerprints', () => {
  it('has 256 distinct two-character words whose pinyin differ even without tones', () => {
    expect(FINGERPRINT_WORDS).toHaveLength(256);
    expect(new Set(FINGERPRINT_WORDS).size).toBe(256);
    for (const word of FINGERPRINT_WORDS) expect(word).toMatch(/^[\u4e00-\u9fff]{2}$/);
    const toneless = FINGERPRINT_WORDS.map((w) => pinyin(w, { toneType: 'none', type: 'array' }).join(' '));
    expect(new Set(toneless).size).toBe(256);
  });

  it('keeps the words apart for a southern speaker (zh/z, ch/c, sh/s, l/n, f/h, -ng/-n merged)', () => {
    const merge = (syllable: string) =>
      syllable.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l/, 'n').replace(/^f/, 'h').replace(/ng$/, 'n').replace(/ü/, 'u');
    const heard = FINGERPRINT_WORDS.map((w) => pinyin(w, { toneType: 'none', type: 'array' }).map(merge).join(' '));
    expect(new Set(heard).size).toBe(256);
  });

  it('is SHA-256 of the domain line and the key, shown as hex, 8 groups of 5 digits and 6 words (known answer)', () => {
    const fp = fingerprint(new Uint8Array(32), DOMAIN.countyKey);
    expect(fp).toEqual({
      hex: 'bb318b9bd61852229124a70979549b37694db85143139d1b2e6e679c1b8d37e9',
      digits: '86395 18114 98377 87895 01137 58875 87420 39721',
      words: '登山 南瓜 窗户 村庄 朋友 梅花',
    });
    expect(countyKeyFingerprint(new Uint8Array(32))).toEqual(fp);
  });

  it('differs between the county and city domains for the same bytes', () => {
    const recipient = 'age1example';
    expect(cityKeyFingerprint(recipient).hex).toBe('1bcf993915c5e056726c556da065a8dfbd13f6c43a7e2181ed0197f522a16f7a');
    expect(fingerprint(Buffer.from(recipient), DOMAIN.countyKey).hex).not.toBe(cityKeyFingerprint(recipient).hex);
  });
});

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';

/**
 * Keys: Ed25519 (node:crypto) for the county's signatures, age X25519 for encryption to the
 * city. Every signature is over `DOMAIN + "\n" + bytes`, so a signature made for one kind of
 * document (a bundle statement, a key rotation, a key file) never verifies as another.
 */
export const DOMAIN = {
  statement: 'welfare-ledger/bundle-statement/v1',
  keyRotation: 'welfare-ledger/key-rotation/v1',
  countyKey: 'welfare-ledger/county-key/v1',
  /** Only hashed (the city key's fingerprint): the city never signs. */
  cityKey: 'welfare-ledger/city-key/v1',
} as const;
export type SigningDomain = (typeof DOMAIN)[Exclude<keyof typeof DOMAIN, 'cityKey'>];

export interface SigningKey {
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** PKCS#8 DER of the private key: what a Keystore seals. */
  privateKeyPkcs8: Uint8Array;
}

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
export const HEX_KEY = /^[0-9a-f]{64}$/;
export const HEX_SIGNATURE = /^[0-9a-f]{128}$/;
/** An age X25519 recipient (Bech32, lower case) and identity (upper case). */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })) };
}

/** The key pair from its sealed PKCS#8 bytes (throws on bytes that are not an Ed25519 key). */
export function signingKeyFromPkcs8(privateKeyPkcs8: Uint8Array): SigningKey {
  const key = privateKeyObject(privateKeyPkcs8);
  return { publicKey: rawPublicKey(createPublicKey(key)), privateKeyPkcs8 };
}

function privateKeyObject(pkcs8: Uint8Array): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 private key');
  return key;
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url'));
}

export function domainMessage(domain: SigningDomain, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${domain}\n`, 'utf8'), bytes]);
}

export function signBytes(domain: SigningDomain, privateKeyPkcs8: Uint8Array, bytes: Uint8Array): Uint8Array {
  return new Uint8Array(edSign(null, domainMessage(domain, bytes), privateKeyObject(privateKeyPkcs8)));
}

/** False (never a throw) for a wrong signature, a wrong domain, or bytes that are no public key. */
export function verifyBytes(domain: SigningDomain, publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    return edVerify(null, domainMessage(domain, bytes), key, signature);
  } catch {
    return false;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Lower-case hex of exactly `length` bytes, or null. */
export function fromHex(hex: string, length: number): Uint8Array | null {
  if (hex.length !== length * 2 || !/^[0-9a-f]*$/.test(hex)) return null;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** A new city key pair: the identity (secret, sealed by the city's Keystore) and its recipient (public). */
export async function generateCityIdentity(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export async function recipientOf(identity: string): Promise<string> {
  if (!AGE_IDENTITY.test(identity)) throw new TypeError('not an age X25519 identity');
  return identityToRecipient(identity);
}

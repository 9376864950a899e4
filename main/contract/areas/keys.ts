import { z } from 'zod';
import { request } from '../define';

export type KeystoreKind = 'os-keystore' | 'passphrase' | 'file';

/** A public key's fingerprint, to read out over the phone: 8 groups of 5 digits, and 6 words. */
export interface Fingerprint {
  hex: string;
  digits: string;
  words: string[];
}

export interface KeystoreInfo {
  kind: KeystoreKind;
  /** False when the OS offers no real keystore (Linux basic_text) or in the test host: the page warns. */
  strong: boolean;
}

/** The county office's Ed25519 signing key (public half only: the private half never leaves the main side). */
export interface SigningKeyInfo {
  id: string;
  publicKey: string;
  fingerprint: Fingerprint;
  createdAt: string;
  createdBy: string | null;
  keystore: KeystoreKind;
  /** False when it was sealed by another kind of keystore (made in the app, used from the CLI). */
  usableHere: boolean;
  retiredAt: string | null;
}

/** The city's encryption key (age X25519 recipient), as a county imported it or as the city holds it. */
export interface CityKeyInfo {
  id: string;
  cityCode: string;
  cityName: string;
  office: string;
  recipient: string;
  fingerprint: Fingerprint;
  /** When the county imported it / the city created it. */
  at: string;
  by: string | null;
}

export interface KeysStatus {
  mode: 'county' | 'city';
  keystore: KeystoreInfo;
  /** County: the active signing key, and earlier ones (rotated out). */
  signing: SigningKeyInfo | null;
  retiredSigning: SigningKeyInfo[];
  /** County: the city key bundles are encrypted to. */
  cityKey: CityKeyInfo | null;
  /** City: the city's own key pair (public half). */
  cityIdentity: CityKeyInfo | null;
}

/** A key file to hand to the other office (USB stick, e-mail): canonical JSON text. */
export interface KeyFile {
  fileName: string;
  content: string;
}

/** What a key file holds, shown before the admin confirms its fingerprint. */
export interface KeyFileInfo {
  kind: 'county-key' | 'city-key' | 'key-rotation';
  /** County (6 digits) or city (4 digits) division code, and its name. */
  code: string;
  name: string;
  office: string | null;
  fingerprint: Fingerprint;
  /** A rotation statement's new key. */
  newFingerprint: Fingerprint | null;
  createdAt: string;
}

const keyFileContent = z.string().min(1).max(64 * 1024);
/** The fingerprint the admin confirmed on screen (hex) or typed from the phone call (digits). */
const confirmedFingerprint = z.string().max(200);

export const keyRequests = {
  'keys.status': request<KeysStatus>()({ access: 'viewer', input: z.strictObject({}) }),
  /** County: the signing key; city: the city key pair. Once only — a county replaces its key by rotating. */
  'keys.create': request<KeysStatus>()({ access: 'admin', input: z.strictObject({}) }),
  /** County: a new signing key, and the rotation statement signed by the old and the new key, for the city. */
  'keys.rotate': request<{ status: KeysStatus; rotationFile: KeyFile }>()({ access: 'admin', input: z.strictObject({}) }),
  /** County: its public key file for the city; city: its key file for the counties. */
  'keys.publicFile': request<KeyFile>()({ access: 'viewer', input: z.strictObject({}) }),
  /** County: a past rotation statement again (the retired key's id). */
  'keys.rotationFile': request<KeyFile>()({ access: 'viewer', input: z.strictObject({ keyId: z.uuid() }) }),
  'keys.inspectFile': request<KeyFileInfo>()({ access: 'admin', input: z.strictObject({ content: keyFileContent }) }),
  /** County: imports the city's key after its fingerprint was checked by phone. */
  'keys.importCityKey': request<KeysStatus>()({
    access: 'admin',
    input: z.strictObject({ content: keyFileContent, confirmedFingerprint }),
  }),
};

export { confirmedFingerprint, keyFileContent };

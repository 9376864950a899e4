import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeystoreKind } from '../../db/schema';
import { AppError } from '../contract/errors';
import { writeFileAtomic } from './files';

/**
 * Where an office's private keys are sealed. The app uses the operating system's keystore
 * (Electron safeStorage, main/keystore-electron.ts); the CLI a passphrase; tests and the test host
 * a key file beside the data (weak, and said so). A key sealed by one kind cannot be opened by
 * another: the office keeps one signing key, used where it was made.
 */
export interface Keystore {
  readonly kind: KeystoreKind;
  /** False when secrets are only obfuscated (Linux basic_text, the file keystore): the UI warns. */
  readonly strong: boolean;
  seal(secret: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

const MAGIC = Buffer.from('WLKS1');

function aesSeal(key: Buffer, secret: Buffer, prefix: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(prefix);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([prefix, iv, cipher.getAuthTag(), body]);
}

function aesOpen(key: Buffer, sealed: Buffer, prefixLength: number): Buffer {
  const prefix = sealed.subarray(0, prefixLength);
  const iv = sealed.subarray(prefixLength, prefixLength + 12);
  const tag = sealed.subarray(prefixLength + 12, prefixLength + 28);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(prefixLength + 28)), decipher.final()]);
}

/** scrypt parameters: N = 2^15, r = 8, p = 1 (32 MiB, ~0.1 s) — the OWASP minimum for scrypt. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The CLI's keystore: AES-256-GCM under a key derived from the passphrase with scrypt (salted per secret). */
export function passphraseKeystore(passphrase: string): Keystore {
  if (passphrase.length < 8) throw new AppError('PASSWORD_TOO_SHORT', 'passphrase');
  return {
    kind: 'passphrase',
    strong: true,
    seal(secret) {
      const salt = randomBytes(16);
      const key = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
      return aesSeal(key, secret, Buffer.concat([MAGIC, salt]));
    },
    open(sealed) {
      const salt = sealed.subarray(MAGIC.length, MAGIC.length + 16);
      const key = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
      try {
        return aesOpen(key, sealed, MAGIC.length + 16);
      } catch {
        throw new AppError('WRONG_PASSWORD', 'passphrase');
      }
    },
  };
}

/**
 * Tests and the test host: a random key kept in a file. It protects nothing against someone who
 * can read the folder, which is why `strong` is false and the UI says so.
 */
export function fileKeystore(keyFile: string): Keystore {
  function key(): Buffer {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileAtomic(keyFile, randomBytes(32).toString('hex'));
    }
    return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
  }
  return {
    kind: 'file',
    strong: false,
    seal: (secret) => aesSeal(key(), secret, MAGIC),
    open(sealed) {
      try {
        return aesOpen(key(), sealed, MAGIC.length);
      } catch {
        throw new AppError('KEY_UNREADABLE');
      }
    },
  };
}

/** Opens a sealed secret, refusing plainly when it was sealed by another kind of keystore. */
export function openSealed(keystore: Keystore, kind: KeystoreKind, sealed: Buffer): Buffer {
  if (keystore.kind !== kind) throw new AppError('KEY_ELSEWHERE', undefined, { kind, here: keystore.kind });
  return keystore.open(sealed);
}

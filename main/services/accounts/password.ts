import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../contract/errors';

/**
 * scrypt, N = 2^15, r = 8, p = 1 (32 MiB, ~80 ms here), 16-byte random salt, 32-byte key.
 * Stored as "scrypt$N$r$p$salt$key" (base64) so the cost can be raised for new hashes later.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * (options.N ?? 0) * (options.r ?? 8) + 1024 * 1024;
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Burns the same time as a real check, so an unknown username is not told apart by timing. */
const DUMMY_HASH = hashPassword('dummy-password-for-timing');
export async function verifyAgainstNobody(password: string): Promise<false> {
  await verifyPassword(password, await DUMMY_HASH);
  return false;
}

export const MIN_PASSWORD_LENGTH = 8;

/** The rule for every new password: 8+ characters, typed the same twice. */
export function checkNewPassword(password: string, confirm: string, field = 'password', confirmField = 'passwordConfirm') {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AppError('PASSWORD_TOO_SHORT', field);
  if (password !== confirm) throw new AppError('PASSWORD_MISMATCH', confirmField);
}

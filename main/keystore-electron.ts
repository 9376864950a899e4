import { safeStorage } from 'electron';
import { AppError } from './contract/errors';
import type { Keystore } from './services/keystore';

/**
 * The app's keystore: Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret or
 * kwallet on Linux). Where Linux has no secret service, Electron falls back to `basic_text`, a
 * fixed key: the seal then only obfuscates, so `strong` is false and the Keys page says so.
 */
export function electronKeystore(): Keystore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return {
    kind: 'os-keystore',
    strong: safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown',
    seal(secret) {
      if (!safeStorage.isEncryptionAvailable()) throw new AppError('KEY_UNREADABLE');
      return safeStorage.encryptString(secret.toString('base64'));
    },
    open(sealed) {
      try {
        return Buffer.from(safeStorage.decryptString(sealed), 'base64');
      } catch {
        throw new AppError('KEY_UNREADABLE');
      }
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileKeystore, openSealed, passphraseKeystore } from './keystore';

const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-keystore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keystores', () => {
  const secret = Buffer.from('private key bytes 0123456789abcdef');

  it('seals with a passphrase so that only the same passphrase opens it', () => {
    const sealed = passphraseKeystore('county passphrase 1').seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(passphraseKeystore('county passphrase 1').open(sealed)).toEqual(secret);
    expect(() => passphraseKeystore('another passphrase').open(sealed)).toThrow(/passphrase|password/i);
    expect(() => passphraseKeystore('short')).toThrow();
  });

  it('seals with a key file (tests and the test host), says it is weak, and refuses another kind of keystore', () => {
    const store = fileKeystore(join(dir, 'keystore.key'));
    expect(store.strong).toBe(false);
    const sealed = store.seal(secret);
    expect(fileKeystore(join(dir, 'keystore.key')).open(sealed)).toEqual(secret);
    expect(() => fileKeystore(join(dir, 'other.key')).open(sealed)).toThrow();
    expect(() => openSealed(passphraseKeystore('county passphrase 1'), 'file', sealed)).toThrow(expect.objectContaining({ code: 'KEY_ELSEWHERE' }));
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Input, Output, RequestName } from '../contract';
import { formatMessage } from '../contract/errors';
import type { Locale } from '../contract/messages';
import { passphraseKeystore, type Keystore } from '../services/keystore';
import { createLedgerCore, type LedgerCore, type Session } from '../services/ledger-core';

/** What every CLI command shares: the client, argument checks, login, and the key passphrase. */

export const locale: Locale = (process.env.LANG ?? '').startsWith('en') ? 'en' : 'zh-CN';

export class UsageError extends Error {}

export function readPassword(): string {
  const fromEnv = process.env.WELFARE_LEDGER_PASSWORD;
  if (fromEnv) return fromEnv;
  let stdin = '';
  try {
    stdin = readFileSync(0, 'utf8');
  } catch {
    // no stdin
  }
  const line = stdin.split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError('no password: set WELFARE_LEDGER_PASSWORD or pipe it on stdin');
  return line;
}

export class Client {
  readonly session: Session;
  constructor(readonly core: LedgerCore) {
    this.session = core.newSession();
  }
  async call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
    const result = await this.core.dispatch(this.session, name, input);
    if (!result.ok) throw new RefusedError(formatMessage(result.error.code, result.error.field, result.error.params, locale));
    return result.value as Output<K>;
  }
}

export class RefusedError extends Error {}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

export function openCore(dbPath: string, keystore?: Keystore): LedgerCore {
  const path = resolve(dbPath);
  return createLedgerCore({ dataDir: resolve(path, '..'), databasePath: path, log: () => undefined, keystore: keystore ?? noKeystore() });
}

export async function login(client: Client, username: string) {
  const result = await client.call('auth.login', { username, password: readPassword() });
  if (result.status !== 'ok') throw new RefusedError(`login as ${username} failed: ${result.status}`);
}

/** Opens the database named by --db and logs in as --user; `work` gets the logged-in client. */
export async function withUser(values: Record<string, unknown>, work: (client: Client) => Promise<void>, keystore?: Keystore) {
  const core = openCore(required(values, 'db'), keystore);
  try {
    const client = new Client(core);
    await login(client, required(values, 'user'));
    await work(client);
  } finally {
    core.close();
  }
}


/**
 * The key passphrase, from --passphrase-file (first line) or WELFARE_LEDGER_KEY_PASSPHRASE. The CLI
 * seals keys with it (scrypt + AES-256-GCM); it is never taken from the command line itself,
 * where other users of the machine could read it.
 */
export function passphraseFrom(values: Record<string, unknown>): Keystore {
  const file = values['passphrase-file'];
  const passphrase =
    typeof file === 'string' && file ? (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '') : (process.env.WELFARE_LEDGER_KEY_PASSPHRASE ?? '');
  if (!passphrase) throw new UsageError('no key passphrase: set WELFARE_LEDGER_KEY_PASSPHRASE or give --passphrase-file FILE');
  return passphraseKeystore(passphrase);
}

/** Commands that do not touch keys get a keystore that refuses, rather than a weak default. */
function noKeystore(): Keystore {
  const refuse = (): never => {
    throw new UsageError('this command needs the key passphrase: set WELFARE_LEDGER_KEY_PASSPHRASE or give --passphrase-file FILE');
  };
  return { kind: 'passphrase', strong: true, seal: refuse, open: refuse };
}

/** 1000 ‰ → "100%", 667 ‰ → "66.7%": how the CLI's tables print a rate. */
export function percent(perMille: number | null): string {
  return perMille === null ? '—' : `${perMille / 10}%`;
}

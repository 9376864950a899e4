import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Input, Output, RequestName } from '../../main/contract';
import type { LedgerError } from '../../main/contract/define';
import type { Clock } from '../../main/services/clock';
import type { Keystore } from '../../main/services/keystore';
import { getDivision } from '../../db/divisions';
import { createLedgerCore, type LedgerCore, type Session } from '../../main/services/ledger-core';

export const ADMIN = { username: 'admin', displayName: '李管理', password: 'correct horse 1', passwordConfirm: 'correct horse 1' };

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-22T02:00:00Z') {
  let now = new Date(start).getTime();
  const clock: Clock & { advanceMinutes(m: number): void } = {
    now: () => new Date(now),
    advanceMinutes(m: number) {
      now += m * 60_000;
    },
  };
  return clock;
}

/** A client of one session: `call` returns the value or throws the LedgerError; `send` returns the raw Result. */
export class TestClient {
  readonly session: Session;
  constructor(readonly core: LedgerCore) {
    this.session = core.newSession();
  }
  send(name: string, input: unknown) {
    return this.core.dispatch(this.session, name, input);
  }
  async call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
    const result = await this.core.dispatch(this.session, name, input);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { ledger: result.error });
    return result.value as Output<K>;
  }
  async refusal(name: string, input: unknown): Promise<LedgerError> {
    const result = await this.send(name, input);
    if (result.ok) throw new Error(`${name} was accepted but should have been refused`);
    return result.error;
  }
  async login(username: string, password: string) {
    const result = await this.call('auth.login', { username, password });
    if (result.status !== 'ok') throw new Error(`login ${username}: ${result.status}`);
    return result.user;
  }
}

export interface TestOffice {
  dir: string;
  dbPath: string;
  core: LedgerCore;
  clock: ReturnType<typeof manualClock>;
  admin: TestClient;
  /** A new logged-in client with a fresh account of this role. */
  clientWithRole(role: 'viewer' | 'clerk' | 'admin', username?: string): Promise<TestClient>;
  reopen(): TestOffice['core'];
  close(): void;
}

export interface OfficeOptions {
  mode?: 'county' | 'city';
  /** Defaults to a manual clock at 2026-11-22T02:00:00Z (every 2021–2025 period has ended). */
  clock?: ReturnType<typeof manualClock>;
  /** Defaults to a file keystore in the office's folder (kind 'file', weak). */
  keystore?: Keystore;
  /** Defaults to the division's name + 民政局 (云安区民政局). */
  officeName?: string;
}

/** A real office database in a temp folder (云城区 unless told otherwise) with an admin logged in. */
export async function createTestOffice(divisionCode = '445302', options: OfficeOptions = {}): Promise<TestOffice> {
  const mode = options.mode ?? 'county';
  const dir = mkdtempSync(join(tmpdir(), `welfare-ledger-${mode === 'city' ? 'city' : 'test'}-`));
  const dbPath = join(dir, mode === 'city' ? `${divisionCode}.sqlite` : 'office.sqlite');
  const clock = options.clock ?? manualClock();
  const errors: unknown[] = [];
  const make = () => createLedgerCore({ dataDir: dir, clock, log: (e) => errors.push(e), ...(options.keystore ? { keystore: options.keystore } : {}) });
  let core = make();
  const admin = new TestClient(core);
  await admin.call('setup.create', {
    mode,
    divisionCode,
    officeName: options.officeName ?? `${getDivision(divisionCode)?.name ?? divisionCode}民政局`,
    databasePath: dbPath,
    admin: ADMIN,
  });
  await admin.login(ADMIN.username, ADMIN.password);
  let counter = 0;
  const office: TestOffice = {
    dir,
    dbPath,
    get core() {
      return core;
    },
    clock,
    admin,
    async clientWithRole(role, username = `${role}${++counter}`) {
      const password = 'password-1234';
      await admin.call('staff.create', { username, displayName: `测试${role}`, role, password, passwordConfirm: password });
      const client = new TestClient(core);
      await client.login(username, password);
      return client;
    },
    reopen() {
      core.close();
      core = make();
      return core;
    },
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return office;
}

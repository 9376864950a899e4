import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Input, Output, RequestName } from '../../main/contract';
import type { LedgerError } from '../../main/contract/define';
import type { Clock } from '../../main/services/clock';
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

/** A real office database in a temp folder, set up for 云城区 with an admin logged in. */
export async function createTestOffice(divisionCode = '445302'): Promise<TestOffice> {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-test-'));
  const dbPath = join(dir, 'office.sqlite');
  const clock = manualClock();
  const errors: unknown[] = [];
  let core = createLedgerCore({ dataDir: dir, clock, log: (e) => errors.push(e) });
  const admin = new TestClient(core);
  await admin.call('setup.create', {
    mode: 'county',
    divisionCode,
    officeName: '云城区民政局',
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
      core = createLedgerCore({ dataDir: dir, clock, log: (e) => errors.push(e) });
      return core;
    },
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return office;
}

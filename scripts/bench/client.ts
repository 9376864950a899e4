/** A contract client over a core, as the renderer's `call` is: every benchmark goes through dispatch. */
import { join } from 'node:path';
import type { Input, Output, RequestName } from '../../main/contract';
import type { JobStatus } from '../../main/contract/areas/jobs';
import { createLedgerCore, type LedgerCore } from '../../main/services/ledger-core';

export const BENCH_ADMIN = { username: 'admin', displayName: '基准', password: 'benchmark secret 1', passwordConfirm: 'benchmark secret 1' };

export class Client {
  private readonly session;
  constructor(readonly core: LedgerCore) {
    this.session = core.newSession();
  }
  async call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
    const result = await this.core.dispatch(this.session, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as Output<K>;
  }
  /** Polls a job as the screens do until it is done; its result. */
  async job<T>(started: JobStatus<T>): Promise<T> {
    for (;;) {
      const status = (await this.call('jobs.status', { id: started.id })) as JobStatus<T>;
      if (status.state === 'done') return status.result as T;
      if (status.state !== 'running') throw new Error(`job ${status.kind}: ${status.error?.message ?? status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  async login(user: { username: string; password: string }): Promise<void> {
    const login = await this.call('auth.login', { username: user.username, password: user.password });
    if (login.status !== 'ok') throw new Error(`login as ${user.username}: ${login.status}`);
  }
}

/** A fresh office in `dir` (set up through the contract) with its administrator logged in. */
export async function freshOffice(dir: string, mode: 'county' | 'city', division: string, name: string): Promise<Client> {
  const core = createLedgerCore({ dataDir: dir, log: (e) => console.error(e) });
  const client = new Client(core);
  await client.call('setup.create', { mode, divisionCode: division, officeName: name, databasePath: join(dir, `${division}.sqlite`), admin: BENCH_ADMIN });
  await client.login(BENCH_ADMIN);
  return client;
}

/** An existing data folder opened as the app opens it, logged in as `user`. */
export async function openOffice(dataDir: string, user: { username: string; password: string }): Promise<Client> {
  const client = new Client(createLedgerCore({ dataDir, log: (e) => console.error(e) }));
  await client.login(user);
  return client;
}

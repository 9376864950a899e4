import { randomUUID } from 'node:crypto';
import type { JobState, JobStatus } from '../contract/areas/jobs';
import type { LedgerError } from '../contract/define';
import { AppError } from '../contract/errors';
import type { Clock } from './clock';

/**
 * Long work (a bundle export, a city import) runs as a job: the request that starts it returns
 * at once with the job's id, and the screen polls `jobs.status` for a progress bar. A job reads
 * from its own snapshot connection and writes in one short transaction at the end, so polling
 * never waits on it. Jobs live in memory: they are measured in seconds, and a restart ends them
 * (the work is transactional, so an ended job has changed nothing or everything).
 */
export type { JobState, JobStatus } from '../contract/areas/jobs';

export interface JobProgress {
  phase(phase: string, total?: number): void;
  advance(by?: number): void;
  /** True once the user asked to cancel: the job stops at its next step, changing nothing. */
  readonly cancelled: boolean;
  throwIfCancelled(): void;
}

interface JobEntry {
  owner: string;
  status: JobStatus;
  cancel: boolean;
}

/** Finished jobs are kept this long for the screen to collect the result. */
const KEEP_MS = 60 * 60_000;

export class JobRunner {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(
    private readonly clock: Clock,
    private readonly log: (error: unknown) => void,
  ) {}

  /** Starts `work` after the current request has returned; `owner` is the staff id that may watch it. */
  start<T>(owner: string, kind: string, work: (progress: JobProgress) => Promise<T>): JobStatus<T> {
    this.prune();
    const status: JobStatus = {
      id: randomUUID(),
      kind,
      state: 'running',
      phase: 'queued',
      done: 0,
      total: 0,
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      result: null,
      error: null,
    };
    const entry: JobEntry = { owner, status, cancel: false };
    this.jobs.set(status.id, entry);
    const progress: JobProgress = {
      phase(phase, total = 0) {
        status.phase = phase;
        status.done = 0;
        status.total = total;
      },
      advance(by = 1) {
        status.done += by;
      },
      get cancelled() {
        return entry.cancel;
      },
      throwIfCancelled() {
        if (entry.cancel) throw new AppError('JOB_CANCELLED');
      },
    };
    const finish = (state: JobState, result: unknown, error: LedgerError | null) => {
      status.state = state;
      status.result = result;
      status.error = error;
      status.finishedAt = this.clock.now().toISOString();
    };
    // setImmediate: the starting request's transaction commits before the job touches the database.
    setImmediate(() => {
      work(progress).then(
        (result) => finish('done', result, null),
        (error: unknown) => {
          if (error instanceof AppError) {
            finish(error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed', null, error.toLedgerError());
          } else {
            this.log(error);
            finish('failed', null, new AppError('INTERNAL').toLedgerError());
          }
        },
      );
    });
    return { ...status } as JobStatus<T>;
  }

  status(id: string, owner: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry || entry.owner !== owner) throw new AppError('JOB_NOT_FOUND');
    return { ...entry.status };
  }

  cancel(id: string, owner: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry || entry.owner !== owner) throw new AppError('JOB_NOT_FOUND');
    if (entry.status.state === 'running') entry.cancel = true;
    return { ...entry.status };
  }

  /** Resolves when the job has finished (CLI and tests). */
  async wait(id: string, owner: string): Promise<JobStatus> {
    for (;;) {
      const status = this.status(id, owner);
      if (status.state !== 'running') return status;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** True while any job runs: closing the core waits for them. */
  get busy(): boolean {
    return [...this.jobs.values()].some((j) => j.status.state === 'running');
  }

  private prune() {
    const now = this.clock.now().getTime();
    for (const [id, entry] of this.jobs) {
      if (entry.status.finishedAt && now - Date.parse(entry.status.finishedAt) > KEEP_MS) this.jobs.delete(id);
    }
  }
}

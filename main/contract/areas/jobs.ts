import { z } from 'zod';
import { request } from '../define';
import type { LedgerError } from '../define';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** A long job (bundle export, city import) as its progress bar sees it. */
export interface JobStatus<T = unknown> {
  id: string;
  kind: string;
  state: JobState;
  /** What the job is doing now: a code the UI translates ('reading', 'encrypting', 'writing', 'verifying', …). */
  phase: string;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: T | null;
  error: LedgerError | null;
}

const jobId = z.uuid();

export const jobRequests = {
  /** Only the user who started a job can watch or cancel it. */
  'jobs.status': request<JobStatus>()({ access: 'viewer', input: z.strictObject({ id: jobId }) }),
  'jobs.cancel': request<JobStatus>()({ access: 'viewer', input: z.strictObject({ id: jobId }) }),
};

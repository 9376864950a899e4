import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../client';
import type { JobStatus } from '../contract';

/** How often a running job is asked how far it got. */
export const JOB_POLL_MS = 250;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A long job (bundle export, city import) as a page runs it: `run` takes the request that starts
 * the job, follows it with `jobs.status` until it ends, and resolves with its last status (done,
 * failed or cancelled). `job` is the latest status, for <JobProgress>. A call that fails before
 * the job exists rejects. Leaving the page stops the polling (the job itself goes on).
 */
export function useJob<T>() {
  const [job, setJob] = useState<JobStatus<T> | null>(null);
  const live = useRef(true);
  const current = useRef<string | null>(null);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(async (start: () => Promise<JobStatus<T>>): Promise<JobStatus<T>> => {
    let status = await start();
    current.current = status.id;
    if (live.current) setJob(status);
    while (status.state === 'running') {
      await pause(JOB_POLL_MS);
      if (!live.current) return status;
      status = (await call('jobs.status', { id: status.id })) as JobStatus<T>;
      if (live.current && current.current === status.id) setJob(status);
    }
    return status;
  }, []);

  /** Asks the job to stop; it ends at its next step as 'cancelled', having changed nothing. */
  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    const status = (await call('jobs.cancel', { id })) as JobStatus<T>;
    if (live.current && current.current === id) setJob(status);
  }, []);

  const reset = useCallback(() => {
    current.current = null;
    setJob(null);
  }, []);

  return { job, run, cancel, reset };
}

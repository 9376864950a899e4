import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors';
import { manualClock } from '../../tests/support/office';
import { JobRunner } from './jobs';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('background jobs', () => {
  it('returns at once, reports progress while running, and keeps the result for its owner only', async () => {
    const jobs = new JobRunner(manualClock(), () => undefined);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started = jobs.start('staff-1', 'test', async (progress) => {
      progress.phase('reading', 3);
      progress.advance();
      await gate;
      progress.advance(2);
      return { answer: 42 };
    });
    expect(started.state).toBe('running');
    await tick();
    expect(jobs.status(started.id, 'staff-1')).toMatchObject({ state: 'running', phase: 'reading', done: 1, total: 3 });
    expect(() => jobs.status(started.id, 'staff-2')).toThrow(AppError);
    release();
    const done = await jobs.wait(started.id, 'staff-1');
    expect(done).toMatchObject({ state: 'done', done: 3, result: { answer: 42 }, error: null });
    expect(done.finishedAt).not.toBeNull();
  });

  it('carries a refusal back translated, hides internal errors, and stops a cancelled job', async () => {
    const logged: unknown[] = [];
    const jobs = new JobRunner(manualClock(), (e) => logged.push(e));
    const refused = jobs.start('s', 'test', () => Promise.reject(new AppError('NO_SIGNING_KEY')));
    expect((await jobs.wait(refused.id, 's')).error).toMatchObject({ code: 'NO_SIGNING_KEY' });
    const broken = jobs.start('s', 'test', () => Promise.reject(new Error('disk on fire')));
    const failed = await jobs.wait(broken.id, 's');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
    expect(JSON.stringify(failed)).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);

    const long = jobs.start('s', 'test', async (progress) => {
      for (;;) {
        progress.throwIfCancelled();
        await tick();
      }
    });
    await tick();
    jobs.cancel(long.id, 's');
    expect((await jobs.wait(long.id, 's')).state).toBe('cancelled');
  });
});

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, tempFileOwner } from '../../main/services/files';

/**
 * Issue 8 point 6: a write interrupted by SIGKILL never leaves a half-written file under the final
 * name. A child process rewrites a 50 MB file with writeFileAtomic in a loop; it is killed at a
 * random moment 20 times. After each kill the final name holds nothing (before the first complete
 * write) or exactly the newest complete version or the one being written (whose rename may have
 * happened just before the kill) — checked by SHA-256 against what the child announced. A SIGKILL
 * leaves the page cache intact, so this proves atomicity, not durability across a power cut (that
 * is the fsyncs' job, which a test cannot cut the power to prove).
 */

const KILLS = 20;
const SIZE = 50 * 1024 * 1024;
const CHILD = resolve(import.meta.dirname, 'atomic-writer-child.ts');
const ROOT = resolve(import.meta.dirname, '../..');

const folder = mkdtempSync(join(tmpdir(), 'interrupted-writes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  pid: number;
  /** [id, sha256] in announcement order. */
  writing: [string, string][];
  done: string[];
}

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const randomInt = (max: number) => Math.floor(Math.random() * max);

/** Starts the writer, kills it `delayMs` after its `writes`-th announced write began, returns what it announced. */
function killDuringWrite(target: string, run: number, writes: number, delayMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, String(SIZE), String(run)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: Run = { pid: child.pid!, writing: [], done: [] };
    let stderr = '';
    let pending = '';
    let killing = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [word, id, sha] = line.split(' ');
        if (word === 'writing') result.writing.push([id!, sha!]);
        else if (word === 'done') result.done.push(id!);
      }
      if (!killing && result.writing.length >= writes) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', fail);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer ended by itself (${signal ?? _code}): ${stderr}`));
      else done(result);
    });
  });
}

describe('writeFileAtomic interrupted by SIGKILL', () => {
  it(`leaves the final name whole at every one of ${KILLS} kills, and only recognisable temp files beside it`, { timeout: 300_000 }, async () => {
    const target = join(folder, 'export.xlsx');
    // What the final name held after the previous kill (a rename may have beaten the kill unannounced).
    let onDisk: string | null = null;
    let completed = 0;
    let midWrite = 0;
    // How long one write takes here, learnt from the runs so far: kills land within it.
    let writeMs = 300;

    for (let run = 0; run < KILLS; run++) {
      const started = Date.now();
      const writes = 1 + randomInt(2);
      const result = await killDuringWrite(target, run, writes, randomInt(writeMs));
      if (result.done.length > 0) writeMs = Math.max(50, Math.min(2_000, (Date.now() - started) / (result.writing.length + 1)));
      completed += result.done.length;

      const shaOf = new Map(result.writing);
      const newest = result.done.length > 0 ? shaOf.get(result.done.at(-1)!)! : onDisk;
      const inFlight = result.writing.length > result.done.length ? result.writing.at(-1)![1] : null;
      const allowed = [newest, inFlight].filter((sha): sha is string => sha !== null);
      if (existsSync(target)) {
        onDisk = sha256Of(target);
        expect(allowed, `run ${run}: the final file is the newest complete version or the one in flight`).toContain(onDisk);
      } else {
        expect(newest, `run ${run}: a completed write cannot vanish`).toBeNull();
      }

      // Anything else in the folder is a temp file of the killed writer, named so cleanup knows it.
      const others = readdirSync(folder).filter((name) => name !== 'export.xlsx');
      for (const name of others) expect(tempFileOwner(name), name).toBe(result.pid);
      if (others.length > 0) midWrite++;
      const removed = removeStaleTempFiles(folder).map((path) => path.slice(folder.length + 1));
      expect(removed.sort()).toEqual(others.sort());
      expect(readdirSync(folder).filter((name) => name !== 'export.xlsx')).toEqual([]);
    }

    // The kills must really have hit writes in progress, or this test proves nothing.
    expect(midWrite).toBeGreaterThan(0);
    expect(completed).toBeGreaterThan(0);
    console.info(`interrupted writes: ${KILLS} kills, ${midWrite} during a write, ${completed} writes completed, final file whole after each`);
  });
});

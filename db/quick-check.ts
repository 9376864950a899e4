import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program, evaluated from a string so no separate file has to be bundled beside
 * the main build: open the file read-only, run quick_check, post the first problems (or 'ok').
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = db.pragma('quick_check');
  const ok = rows.length === 1 && rows[0].quick_check === 'ok';
  parentPort.postMessage({ ok, detail: ok ? '' : rows.slice(0, 3).map((r) => r.quick_check).join('; ') });
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) parentPort.postMessage({ ok: false, detail: code });
  else parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
} finally {
  if (db) db.close();
}
`;

/**
 * Where better-sqlite3's entry is, for the worker to load the same module. CommonJS (the Electron
 * build, tsx, Playwright) has `require`; the ESM test runner resolves from the working folder.
 */
function betterSqlite3Path(): string {
  return typeof require === 'function' ? require.resolve('better-sqlite3') : createRequire(join(process.cwd(), 'package.json')).resolve('better-sqlite3');
}

/** What the background check found: sound, damaged (with SQLite's words), or it could not run. */
export type BackgroundCheck = { ok: true } | { ok: false; detail: string } | { failed: string };

/**
 * PRAGMA quick_check of the file on a worker thread and its own read-only connection, so a large
 * office (a second or more of reading every page) opens at once and checks while the clerk logs in.
 * `result` never rejects: a worker that cannot start or load SQLite answers `failed`, and the caller
 * checks on its own thread instead.
 */
export function quickCheckInBackground(path: string, nativeBinding?: string): { result: Promise<BackgroundCheck>; stop(): void } {
  let worker: Worker | null = null;
  const result = new Promise<BackgroundCheck>((resolve) => {
    try {
      const modulePath = betterSqlite3Path();
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, nativeBinding, modulePath } });
    } catch (error) {
      resolve({ failed: error instanceof Error ? error.message : String(error) });
      return;
    }
    let answered = false;
    worker.once('message', (message: { ok?: boolean; detail?: string; failed?: string }) => {
      answered = true;
      resolve(message.failed !== undefined ? { failed: message.failed } : message.ok ? { ok: true } : { ok: false, detail: message.detail ?? '' });
    });
    worker.once('error', (error) => {
      if (!answered) resolve({ failed: error.message });
      answered = true;
    });
    worker.once('exit', (code) => {
      if (!answered) resolve({ failed: `the check's worker exited (${code})` });
    });
  });
  // Closing the office (the CLI's end, a restore) stops a check still reading.
  return { result, stop: () => void worker?.terminate() };
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * Which better_sqlite3.node the app loads.
 *
 * Packaged: undefined — electron-builder rebuilt node_modules/better-sqlite3 for the target's
 * Electron, so better-sqlite3 finds its own build.
 * Development: the copy scripts/electron-native.mjs built for this Electron into
 * .electron-native/<electron>-<platform>-<arch>/ (node_modules keeps the Node build for Vitest,
 * the CLI and the test host). Keep the folder name in step with that script.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(
    app.getAppPath(),
    '.electron-native',
    `${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (!existsSync(file)) {
    console.warn(`[welfare-ledger] ${file} is missing: run "node scripts/electron-native.mjs" (npm start does)`);
  }
  return file;
}

#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron>-<platform>-<arch>/
// without touching node_modules/better-sqlite3, which stays the Node build that Vitest, the CLI
// and the test host load. main/native-binding.ts passes the file to better-sqlite3's
// `nativeBinding` option when the app runs unpackaged (packaged builds are rebuilt by
// electron-builder instead).
//
//   node scripts/electron-native.mjs              build once (npm start runs this)
//   node scripts/electron-native.mjs --force      build again even if the file exists
//   node scripts/electron-native.mjs --check-only print what would be done, change nothing
//
// Needs Electron's headers (downloaded from electronjs.org) or a published prebuilt binary, and
// python3, make and a C++ compiler when building from source.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const checkOnly = args.has('--check-only');
const force = args.has('--force');
for (const arg of args) {
  if (arg !== '--check-only' && arg !== '--force') {
    console.error(`electron-native: unknown option ${arg} (use --check-only or --force)`);
    process.exit(2);
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

const electronPackage = join(root, 'node_modules', 'electron', 'package.json');
const sqlitePackageDir = join(root, 'node_modules', 'better-sqlite3');
if (!existsSync(electronPackage)) fail('node_modules/electron is missing: run "npm install" first');
if (!existsSync(join(sqlitePackageDir, 'package.json'))) fail('node_modules/better-sqlite3 is missing: run "npm install" first');

const electronVersion = readJson(electronPackage).version;
const sqliteVersion = readJson(join(sqlitePackageDir, 'package.json')).version;
const { platform, arch } = process;
// Keep in step with main/native-binding.ts.
const key = `${electronVersion}-${platform}-${arch}`;
const nativeRoot = join(root, '.electron-native');
const target = join(nativeRoot, key, 'better_sqlite3.node');
const show = (path) => relative(root, path).split(sep).join('/');

if (existsSync(target) && !force) {
  console.log(`electron-native: ${show(target)} is present (better-sqlite3 for Electron ${electronVersion}, ${platform}-${arch})`);
  process.exit(0);
}

if (checkOnly) {
  console.log(
    existsSync(target)
      ? `electron-native: --force would rebuild ${show(target)}`
      : `electron-native: ${show(target)} is missing; without --check-only this would build better-sqlite3 ${sqliteVersion} ` +
          `for Electron ${electronVersion} (${platform}-${arch}) in a scratch copy and store it there. ` +
          'Releases do not need it: electron-builder rebuilds node_modules for each target.',
  );
  process.exit(0);
}

// A scratch project holding a copy of the package: @electron/rebuild looks for modules only
// inside it (projectRootPath), so the Node build in node_modules is never rebuilt.
const scratch = join(nativeRoot, `.build-${key}`);
const scratchModule = join(scratch, 'node_modules', 'better-sqlite3');
const nodeBuild = join(sqlitePackageDir, 'build', 'Release', 'better_sqlite3.node');
const nodeBuildBefore = existsSync(nodeBuild) ? statSync(nodeBuild).mtimeMs : null;

rmSync(scratch, { recursive: true, force: true });
mkdirSync(dirname(scratchModule), { recursive: true });
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({ name: 'electron-native-scratch', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
);
cpSync(sqlitePackageDir, scratchModule, {
  recursive: true,
  // Not the Node build (build/) nor any prebuilt left over: the copy is rebuilt from source or a prebuild.
  filter: (source) => {
    const inside = relative(sqlitePackageDir, source).split(sep);
    return !(inside[0] === 'build' || inside[0] === 'prebuilds' || inside[0] === 'bin');
  },
});

console.log(`electron-native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) …`);
try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: scratch,
    projectRootPath: scratch,
    electronVersion,
    arch,
    force: true,
    onlyModules: ['better-sqlite3'],
    mode: 'sequential',
  });
} catch (error) {
  fail(
    `could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : String(error)}\n` +
      'It needs Electron headers from https://electronjs.org/headers (or a prebuilt binary from GitHub) and, ' +
      'for a source build, python3, make and a C++ compiler. The scratch copy is kept in ' +
      `${show(scratch)} for inspection.`,
  );
}

const built = join(scratchModule, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`the rebuild finished but ${show(built)} is missing`);

mkdirSync(dirname(target), { recursive: true });
const partial = `${target}.partial`;
copyFileSync(built, partial);
renameSync(partial, target);
rmSync(scratch, { recursive: true, force: true });

const nodeBuildAfter = existsSync(nodeBuild) ? statSync(nodeBuild).mtimeMs : null;
if (nodeBuildAfter !== nodeBuildBefore) {
  console.warn('electron-native: WARNING node_modules/better-sqlite3 changed during the build; run "npm rebuild better-sqlite3"');
}
console.log(`electron-native: wrote ${show(target)}`);

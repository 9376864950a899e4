import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds, one folder each under out/:
 *   main     main/index.ts     → out/main/index.js      (CommonJS: package.json has no "type": "module")
 *   preload  preload/index.ts  → out/preload/index.cjs  (CommonJS, one self-contained file: the window is sandboxed)
 *   renderer renderer/index.html → out/renderer/        (served as app://ledger/ in the app)
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Runtime dependencies stay in node_modules (better-sqlite3 is native and must never be bundled),
      // except age-encryption and its noble/scure crypto, which are ESM-only: bundled into the CJS main.
      externalizeDeps: { include: ['better-sqlite3'], exclude: ['age-encryption', '@noble/ciphers', '@noble/curves', '@noble/hashes', '@noble/post-quantum', '@scure/base'] },
      rolldownOptions: {
        input: { index: resolve(root, 'main/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron' and a few builtins: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; minified it loads ~2x less JS.
      minify: true,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});

/**
 * `electron-vite build` (works without the Electron binary): three bundles in out/.
 *  - main: the Electron main process (main/electron/main.ts → out/main/index.js) plus the two
 *    worker entries it starts by file name — the engine host's worker and the feed pipeline's
 *    workers (both resolve `./<name>.js` next to the code that starts them, so every chunk lands
 *    flat in out/main/). ESM, like the package. Runtime dependencies (better-sqlite3 …) stay
 *    external and are packaged by electron-builder.
 *  - preload: CommonJS (a sandboxed preload cannot be an ES module) → out/preload/preload.cjs.
 *  - renderer: root renderer/, entry renderer/index.html → out/renderer (served over app://).
 * No source maps in the packaged output.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      sourcemap: false,
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/main.ts'),
          'engine-worker': resolve(root, 'main/host/engine-worker.ts'),
          'pipeline-worker': resolve(root, 'main/feeds/pipeline-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      sourcemap: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // ES2021: class static blocks (from the ICU message formatter) are lowered, so the security
      // gate's parser (electronegativity, which predates them) can read the bundle it must check.
      target: 'es2021',
      sourcemap: false,
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});

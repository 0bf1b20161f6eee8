#!/usr/bin/env node
/**
 * Bundles the headless monitor for `bin/nunchi.js` (a global install runs plain JavaScript):
 * out/cli/nunchi.js plus the feed-processing worker it starts, next to it. npm packages stay
 * external (better-sqlite3 is native). Runs on `npm install` (prepare) and takes about a second.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(join(root, 'out/cli'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { nunchi: 'main/cli/nunchi.ts', 'pipeline-worker': 'main/feeds/pipeline-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // What a command loads only when it needs it (import()) stays out of the start-up: chunks/.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __nunchiCreateRequire } from 'node:module'; const require = __nunchiCreateRequire(import.meta.url);",
  },
});

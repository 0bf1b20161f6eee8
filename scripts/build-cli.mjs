#!/usr/bin/env node
/**
 * Bundles the headless monitor for `bin/nunchi.js` (a global install runs plain JavaScript):
 * out/cli/nunchi.js plus the feed-processing worker it starts. Runs on `npm install` (prepare)
 * and takes about a second.
 *
 * The packages every command starts with are bundled in (BUNDLED): loaded from node_modules,
 * each of their files is resolved, read, compiled and linked as a module of its own, a good part
 * of a read command's start-up (issue 14). better-sqlite3's JavaScript is among them; its addon is
 * loaded by path (main/cli/sqlite-addon.ts). The packages only some commands load, when they need
 * them (the feed parser, the HTTP client, the page DOM, zod …), stay in node_modules: bundled,
 * they would make the installed package several times larger for no start-up gain.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What is on every command's path (tests/unit/cli-startup.test.ts keeps the heavy ones off it). */
const BUNDLED =
  /^(better-sqlite3|bindings|file-uri-to-path|intl-messageformat|@formatjs\/[^/]+|tslib|get-east-asian-width|robots-parser)(\/|$)/;

/** Any other bare import (a package, node:*) is left to Node at run time. */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

rmSync(join(root, 'out/cli'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    nunchi: 'main/cli/nunchi.ts',
    // main/feeds/pipeline-pool.ts starts the worker from the file next to its own module, which is
    // nunchi.js or a shared chunk depending on how the commands' imports split: the worker is at both.
    'pipeline-worker': 'main/feeds/pipeline-worker.ts',
    'chunks/pipeline-worker': 'main/feeds/pipeline-worker.ts',
  },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // What a command loads only when it needs it (import()) stays out of the start-up: chunks/.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [packagesOutside],
  sourcemap: false,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __nunchiCreateRequire } from 'node:module'; const require = __nunchiCreateRequire(import.meta.url);",
  },
});

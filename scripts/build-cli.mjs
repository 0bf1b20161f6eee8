#!/usr/bin/env node
/**
 * Bundles the headless monitor for `bin/nunchi.cjs` (a global install runs plain JavaScript):
 * out/cli/nunchi.cjs, the feed-processing worker it starts (out/cli/pipeline-worker.cjs), and V8's
 * code cache of the bundle (out/cli/nunchi.cjs.v8-cache, see bin/compiled-bundle.cjs). Runs on
 * `npm install` (prepare) and takes about a second.
 *
 * One CommonJS file per thread, not ES modules split into chunks (issue 14): Node 20 caches no
 * compiled ES module, and resolving, reading, compiling and linking each chunk was ~50 ms of every
 * command's start. A command's modules are still evaluated only when it uses them (esbuild keeps
 * what is loaded with import() behind a function), and the code cache makes the rest cheap.
 *
 * The packages every command starts with are bundled in (BUNDLED). better-sqlite3's JavaScript is
 * among them; its addon is loaded by path (main/cli/sqlite-addon.ts). The packages only some
 * commands load, when they need them (the feed parser, the HTTP client, the page DOM, zod …),
 * stay in node_modules: bundled, they would make the installed package several times larger for
 * no start-up gain.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { loadBundle, writeCache } = createRequire(import.meta.url)('../bin/compiled-bundle.cjs');

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
  entryPoints: { nunchi: 'main/cli/nunchi.ts', 'pipeline-worker': 'main/feeds/pipeline-worker.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // import() of a package becomes require(): the bundle runs as a vm.Script from V8's code cache,
  // and Node 20 loses a cached script's import() callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
  supported: { 'dynamic-import': false },
  plugins: [packagesOutside],
  sourcemap: false,
  // Smaller to read at every start; names are kept, so a stack trace (--verbose) still reads.
  minifyWhitespace: true,
  logLevel: 'warning',
  // The sources are ES modules: import.meta.url is the bundle's own file URL.
  define: { 'import.meta.url': '__nunchiModuleUrl' },
  // Strict first, as the ES modules it came from were (a banner before esbuild's own "use strict" would void it).
  banner: { js: "'use strict';\nconst __nunchiModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// ASCII only, so that compiled-bundle.cjs reads it as Latin-1, a one-byte string (~4× faster than
// decoding UTF-8 with Korean in it). esbuild escapes strings but leaves regex literals as written:
// \uXXXX means the same character there (a surrogate pair in a /u regex is still one code point).
const bundle = join(root, 'out/cli/nunchi.cjs');
const source = readFileSync(bundle, 'utf8');
writeFileSync(
  bundle,
  source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

// The code cache, made by this Node for this Node (a user's other Node refuses it, see
// compiled-bundle.cjs). V8 caches what has been compiled, and most functions compile when first
// called: so the read commands run once first, on a scratch database, and their start-up is in the
// cache too (~15 ms of each read command, issue 14).
const { exports: cli, script } = loadBundle(bundle, { fresh: true });
const scratch = mkdtempSync(join(tmpdir(), 'nunchi-build-'));
try {
  const quiet = { out: () => undefined, err: () => undefined, tty: false };
  const env = { ...process.env, NUNCHI_DB: join(scratch, 'nunchi.sqlite') };
  for (const argv of [['watch', 'list'], ['alerts'], ['feeds', 'list'], ['search', '카카오']]) {
    const code = await cli.main(argv, quiet, env);
    if (code !== 0) throw new Error(`nunchi ${argv.join(' ')} exited with ${code} while warming the code cache`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeCache(bundle, script);

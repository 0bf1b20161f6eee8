#!/usr/bin/env node
/**
 * Bundles the headless monitor for `bin/nunchi.cjs` (a global install runs plain JavaScript):
 *
 * - out/cli/nunchi.cjs: the command line and everything a command that only reads what is stored
 *   runs (`alerts`, `watch list`, `feeds list`, `search`: the stores, the read views, the messages);
 * - out/cli/engine-kit.cjs: the engine, the full API table and the commands that poll or parse
 *   (KIT_MODULES and what only they import), loaded by the first command that needs them;
 * - out/cli/pipeline-worker.cjs: the feed-processing worker the engine starts;
 * - V8's code cache of the first two (out/cli/*.cjs.v8-cache, see bin/compiled-bundle.cjs).
 *
 * Runs on `npm install` (prepare) and takes a few seconds.
 *
 * CommonJS files, not ES modules split into chunks (issue 14): Node 20 caches no compiled ES
 * module, and resolving, reading, compiling and linking each chunk was ~50 ms of every command's
 * start. Two files, not one: V8 deserializes a file's whole code cache, and what a script holds
 * for every function in it, run or not, made half of a read command's start go into the engine's
 * code. Each module is still in one file only: the kit takes the modules both use from the first
 * bundle (coreModule, linked by bin/compiled-bundle.cjs loadCli), so a class or a logger's state
 * is the same object in both.
 *
 * The packages every command starts with are bundled in (BUNDLED). better-sqlite3's JavaScript is
 * among them; its addon is loaded by path (main/cli/sqlite-addon.ts). The packages only some
 * commands load, when they need them (the feed parser, the HTTP client, the page DOM, zod …),
 * stay in node_modules: bundled, they would make the installed package several times larger for
 * no start-up gain.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'out/cli');
const { loadCli, writeCache } = createRequire(import.meta.url)('../bin/compiled-bundle.cjs');

/** What is on every command's path (tests/unit/cli-startup.test.ts keeps the heavy ones off it). */
const BUNDLED = /^(better-sqlite3|bindings|file-uri-to-path|intl-messageformat|@formatjs\/[^/]+|tslib|get-east-asian-width)(\/|$)/;

/**
 * The modules only commands that write, poll or parse use, each imported with import() where the
 * command line needs it: they, and what only they import, make out/cli/engine-kit.cjs.
 */
const KIT_MODULES = [
  'main/engine.ts',
  'main/api/handlers.ts',
  'main/cli/monitor-commands.ts',
  'main/cli/parse-command.ts',
  'main/feeds/proxy.ts',
];

/** Any other bare import (a package, node:*, nunchi:*) is left to Node (or loadCli) at run time. */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * intl-messageformat, loaded when the first template plain-format.ts cannot fill is formatted:
 * the message catalogues import it statically, and its parser builds Unicode tables as it loads
 * (~1.5 ms of every command's start), while plain-format.ts fills in every template the command
 * line shows (only the tray's English select needs ICU). The module esbuild makes of this reads the
 * class at each use, so the package (bundled as usual) is evaluated by the first `new IntlMessageFormat`
 * (tests/unit/cli-bundle-loading.test.ts).
 */
const messageFormatOnUse = {
  name: 'message-format-on-use',
  setup(b) {
    b.onResolve({ filter: /^intl-messageformat$/ }, (args) =>
      args.namespace === 'message-format-on-use' ? undefined : { path: 'intl-messageformat', namespace: 'message-format-on-use' },
    );
    b.onLoad({ filter: /.*/, namespace: 'message-format-on-use' }, () => ({
      contents: `module.exports = { get IntlMessageFormat() { return require('intl-messageformat').IntlMessageFormat; } };`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/** In the first bundle, an import() of a kit module takes it from the kit; a static import would load the kit with every command, so it fails the build. */
const kitOutside = {
  name: 'kit-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = relative(root, resolve(args.resolveDir, args.path))
        .replaceAll('\\', '/')
        .replace(/(\.ts)?$/, '.ts');
      if (!KIT_MODULES.includes(target)) return undefined;
      if (args.kind !== 'dynamic-import')
        return { errors: [{ text: `${relative(root, args.importer)} imports ${target} statically: import() it where it is needed` }] };
      return { path: target, namespace: 'engine-kit' };
    });
    b.onLoad({ filter: /.*/, namespace: 'engine-kit' }, (args) => ({
      contents: `module.exports = require('nunchi:engine-kit')[${JSON.stringify(args.path)}]();`,
      loader: 'js',
    }));
  },
};

/** In the kit, a module the first bundle has is taken from it, never bundled twice. */
function coreInside(coreModules) {
  return {
    name: 'core-inside',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolving || args.kind === 'entry-point' || !/^\.\.?\/|^[@a-z]/i.test(args.path)) return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { resolving: true },
        });
        if (found.errors.length > 0 || found.external) return undefined;
        const path = relative(root, found.path).replaceAll('\\', '/');
        return coreModules.has(path) ? { path, namespace: 'core' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
        contents: `module.exports = require('nunchi:core')(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // import() of a package becomes require(): the bundle runs as a vm.Script from V8's code cache,
  // and Node 20 loses a cached script's import() callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
  supported: { 'dynamic-import': false },
  sourcemap: false,
  // Smaller to read at every start; names are kept, so a stack trace (--verbose) still reads.
  minifyWhitespace: true,
  logLevel: 'warning',
  // The sources are ES modules: import.meta.url is the bundle's own file URL.
  define: { 'import.meta.url': '__nunchiModuleUrl' },
  // Strict first, as the ES modules it came from were (a banner before esbuild's own "use strict" would void it).
  banner: { js: "'use strict';\nconst __nunchiModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * The first bundle's entry: the command line, and coreModule(path), which hands the kit a module
 * of this bundle (each require() below becomes that module's own, already bundled instance).
 */
const coreEntry = (modules) => ({
  contents: [
    `export * from './main/cli/nunchi.ts';`,
    `export function coreModule(path) {`,
    `  switch (path) {`,
    ...[...modules].map((m) => `    case ${JSON.stringify(m)}: return require(${JSON.stringify(`./${m}`)});`),
    `  }`,
    `  throw new Error('not in the first bundle: ' + path);`,
    `}`,
  ].join('\n'),
  resolveDir: root,
  sourcefile: 'nunchi-cli.js',
  loader: 'js',
});

rmSync(outdir, { recursive: true, force: true });
// Which modules the first bundle holds (a first pass that writes nothing), then the bundle itself
// with coreModule for each: that adds no module, it only names them.
const survey = await build({
  ...common,
  stdin: coreEntry([]),
  write: false,
  outfile: join(outdir, 'nunchi.cjs'),
  metafile: true,
  plugins: [messageFormatOnUse, kitOutside, packagesOutside],
});
// A plugin's own namespace (engine-kit:, message-format-on-use:) names no module of the bundle.
const coreModules = new Set(Object.keys(survey.metafile.inputs).filter((m) => m !== 'nunchi-cli.js' && !/^[a-z-]+:/.test(m)));
const core = await build({
  ...common,
  stdin: coreEntry(coreModules),
  outfile: join(outdir, 'nunchi.cjs'),
  metafile: true,
  plugins: [messageFormatOnUse, kitOutside, packagesOutside],
});
const inCore = new Set(Object.keys(core.metafile.inputs).filter((m) => m !== 'nunchi-cli.js' && !/^[a-z-]+:/.test(m)));
if (inCore.size !== coreModules.size) throw new Error("naming the first bundle's modules changed what it holds");
await build({
  ...common,
  stdin: {
    // Each module evaluated when first asked for, as import() would: loading the kit for the engine
    // must not also load the feed parser (parse-command.ts) or undici (proxy.ts).
    contents: `module.exports = {\n${KIT_MODULES.map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(`./${m}`)}),`).join('\n')}\n};`,
    resolveDir: root,
    sourcefile: 'engine-kit.js',
    loader: 'js',
  },
  outfile: join(outdir, 'engine-kit.cjs'),
  plugins: [coreInside(coreModules), packagesOutside],
});
await build({
  ...common,
  entryPoints: { 'pipeline-worker': 'main/feeds/pipeline-worker.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [packagesOutside],
});

// ASCII only, so that compiled-bundle.cjs reads it as Latin-1, a one-byte string (~4× faster than
// decoding UTF-8 with Korean in it). esbuild escapes strings but leaves regex literals as written:
// \uXXXX means the same character there (a surrogate pair in a /u regex is still one code point).
for (const name of ['nunchi.cjs', 'engine-kit.cjs']) {
  const bundle = join(outdir, name);
  const source = readFileSync(bundle, 'utf8');
  writeFileSync(
    bundle,
    source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** An article in the scratch database, waiting for the search index (search reads those directly). */
function storeScratchArticle(path) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(path);
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO articles (source_title, identity, title, first_seen_at, sort_at, updated_at, text, raw_html, content_hash)
         VALUES ('빌드', 'build:1', '카카오브레인, 새 모델 발표', 0, 0, 0, '카카오브레인이 KoGPT의 새 버전을 공개했다. AI 업계는 카카오의 발표에 주목했다.', '', '')`,
      )
      .run();
    db.prepare('INSERT INTO fts_pending (article_id) VALUES (?)').run(lastInsertRowid);
  } finally {
    db.close();
  }
}

// The code caches, made by this Node for this Node (a user's other Node refuses them, see
// compiled-bundle.cjs). V8 caches what has been compiled, and most functions compile when first
// called: so the read commands run once first, on a scratch database, and their start-up is in the
// first bundle's cache too (~15 ms of each read command, issue 14). The database is made by another
// process: made here, by the engine, the engine's use of the first bundle's modules would be in it
// too. Then a command that makes a database runs the engine, for the kit's cache.
const scratch = mkdtempSync(join(tmpdir(), 'nunchi-build-'));
try {
  const env = { ...process.env, NUNCHI_DB: join(scratch, 'nunchi.sqlite') };
  const made = spawnSync(process.execPath, [join(root, 'bin/nunchi.cjs'), 'feeds', 'list'], { env, stdio: 'ignore' });
  if (made.status !== 0) throw new Error(`nunchi feeds list exited with ${made.status} while making the scratch database`);
  // One stored article, so that the search below finds and highlights it: the matcher's code is
  // then in the cache too (with an empty database it never ran, and a search compiled it anew).
  storeScratchArticle(join(scratch, 'nunchi.sqlite'));
  const cli = loadCli(outdir, { fresh: true });
  const quiet = { out: () => undefined, err: () => undefined, tty: false };
  const run = async (argv, runEnv) => {
    const code = await cli.exports.main(argv, quiet, runEnv);
    if (code !== 0) throw new Error(`nunchi ${argv.join(' ')} exited with ${code} while warming the code cache`);
  };
  for (const argv of [['watch', 'list'], ['alerts'], ['feeds', 'list'], ['search', '카카오']]) await run(argv, env);
  if (cli.kit() !== null) throw new Error('a read command loaded the engine kit');
  writeCache(join(outdir, 'nunchi.cjs'), cli.core.script);
  await run(['feeds', 'list'], { ...env, NUNCHI_DB: join(scratch, 'new.sqlite') });
  writeCache(join(outdir, 'engine-kit.cjs'), cli.kit().script);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

'use strict';
/**
 * Runs the bundled `nunchi` (out/cli/nunchi.cjs) compiled from V8's code cache: reading the cache
 * instead of parsing and compiling ~700 KB of JavaScript saves ~25 ms of every command's start
 * (issue 14). Node 20 has no compile cache of its own for this (module.enableCompileCache is
 * Node 22), so this is what it would do: vm.Script with cachedData.
 *
 * scripts/build-cli.mjs writes the cache at build time, after running the read commands once on a
 * scratch database so that their functions are in it too. A cache V8 refuses (another Node
 * version since the build) is ignored, and a new one is written after the command, where the
 * folder is writable; the command itself never depends on it.
 */
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** The cache beside the bundle. */
const cachePath = (bundle) => `${bundle}.v8-cache`;

/** The bundle compiled as a CommonJS module, with the cache when there is one V8 accepts. */
function compileBundle(bundle, cachedData) {
  // Latin-1: the build writes the bundle in ASCII (scripts/build-cli.mjs), and a one-byte string is
  // read several times faster than UTF-8 is decoded.
  return new vm.Script(Module.wrap(readFileSync(bundle, 'latin1')), {
    filename: bundle,
    cachedData,
  });
}

/** Writes what V8 has compiled so far: the top level, and every function that has run. */
function writeCache(bundle, script) {
  const temporary = `${cachePath(bundle)}.${process.pid}`;
  writeFileSync(temporary, script.createCachedData());
  // Whole or not at all, even with two commands writing at once.
  renameSync(temporary, cachePath(bundle));
}

/** The cache file's bytes, or undefined when there is none. */
function readCache(bundle) {
  try {
    return readFileSync(cachePath(bundle));
  } catch {
    return undefined;
  }
}

/**
 * Loads the bundle as a module (with its cache unless `fresh`): its exports, the compiled script
 * (for writeCache), and `refresh()`, which rewrites a refused or missing cache. `linked`: what
 * the bundle's require() of a `nunchi:` name returns (see loadCli).
 */
function loadBundle(bundle, { fresh = false, linked = {} } = {}) {
  const cachedData = fresh ? undefined : readCache(bundle);
  const script = compileBundle(bundle, cachedData);
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  const outside = Module.createRequire(bundle);
  const bundleRequire = (id) => (Object.hasOwn(linked, id) ? linked[id]() : outside(id));
  script.runInThisContext()(module.exports, bundleRequire, module, bundle, dirname(bundle));
  module.loaded = true;
  const refresh = () => {
    if (!stale) return;
    try {
      writeCache(bundle, script);
    } catch {
      // A read-only install: the next command compiles without the cache, as this one did.
    }
  };
  return { exports: module.exports, script, refresh };
}

/**
 * The `nunchi` command as scripts/build-cli.mjs bundles it: out/cli/nunchi.cjs, everything a
 * command that only reads what is stored runs, and out/cli/engine-kit.cjs, the engine, loaded by
 * the first command that needs it (`nunchi:engine-kit`). The kit takes the modules both use from
 * the first bundle (`nunchi:core`), so each module exists once. Two files, each with its own code
 * cache: a read command reads and deserializes half of what one bundle would make it (issue 14).
 * `refresh()` rewrites the refused or missing caches of the bundles that ran.
 */
function loadCli(folder, { fresh = false } = {}) {
  let kit = null;
  const linked = {
    'nunchi:engine-kit': () =>
      (kit ??= loadBundle(join(folder, 'engine-kit.cjs'), { fresh, linked: { 'nunchi:core': () => core.exports.coreModule } })).exports,
  };
  const core = loadBundle(join(folder, 'nunchi.cjs'), { fresh, linked });
  return {
    exports: core.exports,
    core,
    kit: () => kit,
    refresh: () => {
      core.refresh();
      kit?.refresh();
    },
  };
}

module.exports = { loadBundle, loadCli, writeCache };

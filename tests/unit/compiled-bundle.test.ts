/**
 * bin/compiled-bundle.cjs runs the bundled `nunchi` from V8's code cache (issue 14: ~40 ms of every
 * command's start). The cache is an optimisation only: a missing or refused one (another Node
 * version, a damaged file) must never change what the command does, and is written again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

interface LoadedBundle {
  exports: { answer: () => string; moduleUrl: string; fromPackage: () => string };
  script: { cachedDataRejected?: boolean };
  refresh: () => void;
}
interface LoadedCli {
  exports: { counter: { n: number }; countInKit: () => number };
  core: LoadedBundle;
  kit: () => LoadedBundle | null;
  refresh: () => void;
}
const { loadBundle, loadCli } = createRequire(import.meta.url)('../../bin/compiled-bundle.cjs') as {
  loadBundle: (bundle: string, options?: { fresh?: boolean }) => LoadedBundle;
  loadCli: (folder: string) => LoadedCli;
};

const tempDir = useTempDir();

/** A small bundle the way scripts/build-cli.mjs writes one: CommonJS, ASCII, requiring a package. */
function writeBundle(): string {
  const dir = tempDir();
  const bundle = join(dir, 'bundle.cjs');
  mkdirSync(join(dir, 'node_modules/a-package'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/a-package/index.js'), "exports.name = 'a-package';");
  writeFileSync(
    bundle,
    [
      "'use strict';",
      // A non-ASCII character escaped, as the build escapes them.
      "exports.answer = () => '\\uce74\\uce74\\uc624 ' + [1, 2, 3].map((n) => n * 2).join(',');",
      "exports.moduleUrl = require('node:url').pathToFileURL(__filename).href;",
      // Packages resolve from the bundle's folder up, as for any module.
      "exports.fromPackage = () => require('a-package').name;",
    ].join('\n'),
  );
  return bundle;
}

describe('the bundle run from the code cache', () => {
  it('runs without a cache, writes one after the command, and is accepted by the next run', () => {
    const bundle = writeBundle();
    const first = loadBundle(bundle);
    expect(first.exports.answer()).toBe('카카오 2,4,6');
    expect(first.exports.fromPackage()).toBe('a-package');
    expect(existsSync(`${bundle}.v8-cache`)).toBe(false);
    first.refresh();
    expect(existsSync(`${bundle}.v8-cache`)).toBe(true);

    const second = loadBundle(bundle);
    expect(second.script.cachedDataRejected).toBe(false);
    expect(second.exports.answer()).toBe('카카오 2,4,6');
    expect(second.exports.moduleUrl.endsWith('/bundle.cjs')).toBe(true);
  });

  it('ignores a damaged cache, runs the same, and replaces it', () => {
    const bundle = writeBundle();
    writeFileSync(`${bundle}.v8-cache`, 'not a code cache');
    const loaded = loadBundle(bundle);
    expect(loaded.script.cachedDataRejected).toBe(true);
    expect(loaded.exports.answer()).toBe('카카오 2,4,6');
    loaded.refresh();
    expect(readFileSync(`${bundle}.v8-cache`, 'utf8')).not.toBe('not a code cache');
    expect(loadBundle(bundle).script.cachedDataRejected).toBe(false);
  });

  it('leaves an accepted cache alone', () => {
    const bundle = writeBundle();
    loadBundle(bundle).refresh();
    writeFileSync(`${bundle}.v8-cache`, readFileSync(`${bundle}.v8-cache`)); // same bytes, new mtime
    const before = readFileSync(`${bundle}.v8-cache`);
    const loaded = loadBundle(bundle);
    loaded.refresh();
    expect(readFileSync(`${bundle}.v8-cache`).equals(before)).toBe(true);
  });
});

describe('the command line and its engine kit (two bundles, one set of modules)', () => {
  /** The two bundles the way scripts/build-cli.mjs links them: the kit takes its modules from the first one. */
  function writeCli(): string {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'nunchi.cjs'),
      [
        "'use strict';",
        'const counter = { n: 0 };',
        'exports.counter = counter;',
        "exports.coreModule = (path) => { if (path === 'main/counter.ts') return { counter }; throw new Error('not here: ' + path); };",
        "exports.countInKit = () => require('nunchi:engine-kit').count();",
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'engine-kit.cjs'),
      ["'use strict';", "const { counter } = require('nunchi:core')('main/counter.ts');", 'exports.count = () => ++counter.n;'].join('\n'),
    );
    return dir;
  }

  it("loads the kit only when a command needs it, with the first bundle's modules, not copies", () => {
    const dir = writeCli();
    const cli = loadCli(dir);
    expect(cli.kit()).toBeNull();
    expect(cli.exports.countInKit()).toBe(1);
    expect(cli.exports.countInKit()).toBe(2);
    // The kit counted on the first bundle's object.
    expect(cli.exports.counter.n).toBe(2);
    expect(cli.kit()).not.toBeNull();
  });

  it('writes the cache of each bundle that ran, and only of those', () => {
    const dir = writeCli();
    const readOnly = loadCli(dir);
    readOnly.refresh();
    expect(existsSync(join(dir, 'nunchi.cjs.v8-cache'))).toBe(true);
    expect(existsSync(join(dir, 'engine-kit.cjs.v8-cache'))).toBe(false);

    const writing = loadCli(dir);
    expect(writing.core.script.cachedDataRejected).toBe(false);
    writing.exports.countInKit();
    writing.refresh();
    expect(existsSync(join(dir, 'engine-kit.cjs.v8-cache'))).toBe(true);
    const next = loadCli(dir);
    next.exports.countInKit();
    expect(next.kit()!.script.cachedDataRejected).toBe(false);
  });
});

/**
 * The documented global install of the headless monitor (README, "Install `nunchi`"): `npm pack`,
 * then `npm install -g ./nunchi-<version>.tgz` — here into a temporary prefix — and `nunchi` runs
 * from anywhere, without the repository.
 *
 * The runtime dependencies come from npm's cache or the registry, as for a user. One shortcut keeps
 * this test at seconds instead of minutes: better-sqlite3's install script (prebuild-install) is
 * pointed at the binary this checkout already built for this Node, through prebuild-install's own
 * "local prebuilds" setting, instead of downloading it from GitHub or compiling SQLite (~2 minutes).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

/** The environment without what `npm test` exported about this project (npm_config_*, npm_package_*). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, LANG: 'ko_KR.UTF-8', ...extra };
}

describe('npm pack + npm install -g of the tarball', { timeout: 240_000 }, () => {
  const tempDir = useTempDir();
  let pack: { filename: string; size: number; files: Array<{ path: string }> };
  let packDir: string;

  beforeAll(async () => {
    // Not useTempDir: that one is emptied after each test, and the tarball serves both.
    packDir = join(ROOT, '.tmp', `pack-${process.pid}`);
    mkdirSync(packDir, { recursive: true });
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packDir], {
      cwd: ROOT,
      env: cleanEnv({}),
      maxBuffer: 16 << 20,
    });
    pack = (JSON.parse(stdout) as (typeof pack)[])[0]!;
  }, 120_000);
  afterAll(() => rmSync(packDir, { recursive: true, force: true }));

  it('ships the bundled command and nothing else: no sources, tests, fixtures or icons', () => {
    // npm always packs the file package.json's "main" names (the Electron entry, out/main/index.js)
    // when it exists, i.e. after a desktop build in this checkout; `files` cannot leave it out.
    const electronEntry = existsSync(join(ROOT, 'out/main/index.js')) ? ['out/main/index.js'] : [];
    // The command line with what read commands run, the engine kit, the feed worker; V8's code cache
    // of them is made where they run, not shipped (bin/compiled-bundle.cjs): a cache from another
    // Node would be refused anyway.
    expect(pack.files.map((f) => f.path).sort()).toEqual([
      'README.md',
      'bin/compiled-bundle.cjs',
      'bin/nunchi.cjs',
      'out/cli/engine-kit.cjs',
      'out/cli/nunchi.cjs',
      'out/cli/pipeline-worker.cjs',
      ...electronEntry,
      'package.json',
    ]);
    expect(pack.size).toBeLessThan(300 * 1024); // bytes of the .tgz; 120–150 KB today
  });

  it('installs into a fresh prefix and runs without the repository: --version, parse, and the SQLite store', async () => {
    const dir = tempDir();
    const prefix = join(dir, 'prefix');
    const prebuilds = join(dir, 'prebuilds');
    mkdirSync(prebuilds);
    const sqlite = pkg.dependencies['better-sqlite3']!;
    const prebuild = `better-sqlite3-v${sqlite}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    await run('tar', [
      '-czf',
      join(prebuilds, prebuild),
      '-C',
      join(ROOT, 'node_modules/better-sqlite3'),
      'build/Release/better_sqlite3.node',
    ]);

    await run(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        join(packDir, pack.filename),
      ],
      {
        cwd: dir,
        env: cleanEnv({ npm_config_better_sqlite3_local_prebuilds: prebuilds }),
        maxBuffer: 16 << 20,
      },
    );

    // A real copy in the prefix, not a symlink back into this checkout (what `npm install -g .` makes).
    const installed = join(prefix, 'lib/node_modules/nunchi');
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(realpathSync(installed).startsWith(realpathSync(dir))).toBe(true);

    const nunchi = join(prefix, 'bin/nunchi');
    const outside = { cwd: dir, env: cleanEnv({ NUNCHI_DB: join(dir, 'nunchi.sqlite') }) };
    const codeCache = join(installed, 'out/cli/nunchi.cjs.v8-cache');
    expect(existsSync(codeCache)).toBe(false);
    expect((await run(nunchi, ['--version'], outside)).stdout).toBe(`nunchi ${pkg.version}\n`);
    // The first command leaves V8's code cache for the next ones, in the installed package.
    expect(existsSync(codeCache)).toBe(true);

    copyFileSync(join(ROOT, 'tests/fixtures/feeds/rss-2.0.xml'), join(dir, 'feed.xml'));
    const kitCache = join(installed, 'out/cli/engine-kit.cjs.v8-cache');
    expect(existsSync(kitCache)).toBe(false); // --version never loads the engine kit
    const parsed = JSON.parse((await run(nunchi, ['parse', 'feed.xml', '--json'], outside)).stdout) as { format: string; items: unknown[] };
    expect(parsed.format).toBe('rss');
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(existsSync(kitCache)).toBe(true);

    // better-sqlite3 loads: a watchlist is stored and read back.
    await run(nunchi, ['watch', 'add', '카카오', '카카오브레인 OR KoGPT'], outside);
    const lists = JSON.parse((await run(nunchi, ['watch', 'list', '--json'], outside)).stdout) as {
      watchlists: Array<{ name: string; query: string }>;
    };
    expect(lists.watchlists.map((w) => [w.name, w.query])).toEqual([['카카오', '카카오브레인 OR KoGPT']]);
  });
});

#!/usr/bin/env node
/**
 * `npm start` (and `npm run smoke`): launch the desktop app.
 *
 * 1. Make sure Electron's binary is there (Electron ≥ 42 downloads it on first launch). Where it
 *    cannot be downloaded, say so in words and stop — no stack trace.
 * 2. Build main, preload and renderer with electron-vite.
 * 3. Build better-sqlite3 for Electron's ABI into out/native/electron-<version>/, a separate folder:
 *    the Node build in node_modules stays untouched, so `npm test` keeps working whatever happens
 *    here. `npm_config_nodedir` is cleared: on machines where npm sets it, node-gyp would silently
 *    compile against Node's headers and produce a wrong-ABI binary.
 * 4. Launch Electron with NUNCHI_SQLITE_BINDING pointing at that build.
 * In smoke mode, steps 3–4 are scripts/smoke.mjs's: it packs the app and launches the package.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const mode = process.argv[2] ?? 'start';

function fail(lines) {
  process.stderr.write(`\nNunchi: ${lines.join('\n        ')}\n\n`);
  process.exit(1);
}

function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const existing = existsSync(pathFile) && join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (existing && existsSync(existing)) return existing;
  process.stdout.write('Downloading the Electron binary (first launch only)…\n');
  const download = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const binary = existsSync(pathFile) && join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (download.status === 0 && binary && existsSync(binary)) return binary;
  const reason = `${download.stderr ?? ''}`.split('\n').find((l) => /error|ENOTFOUND|ECONN|fetch failed|403|404/i.test(l)) ?? 'unknown';
  return fail([
    'the Electron runtime is not installed and could not be downloaded, so the desktop app cannot start here.',
    `(cause: ${reason.trim()})`,
    'Electron fetches its binary from GitHub on first launch; this machine cannot reach it.',
    'On a machine with internet access, `npm start` downloads it once and launches the app.',
    'Here, the headless monitor runs without Electron:  npm run nunchi -- run',
  ]);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

function electronSqliteBinding(electronVersion) {
  const target = join(root, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(root, 'out', 'native', 'build-tmp');
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${'/'}build${'/'}`) });
  const nodeGyp = process.env.npm_config_node_gyp;
  const env = { ...process.env };
  delete env.npm_config_nodedir;
  delete env.NPM_CONFIG_NODEDIR;
  const ok =
    nodeGyp &&
    run(
      process.execPath,
      [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
      {
        cwd: work,
        env,
      },
    );
  if (!ok) {
    rmSync(work, { recursive: true, force: true });
    return fail([
      'better-sqlite3 could not be built for Electron (its headers could not be downloaded or the compiler failed).',
      'The Node build used by `npm test` and the headless monitor is untouched.',
    ]);
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

const binary = electronBinary();
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
// electron-vite's package exports do not expose bin/, so resolve it next to its package.json.
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
if (!run(process.execPath, [electronVite, 'build'])) fail(['the build failed (see above).']);
if (mode === 'smoke') {
  // The smoke test packs the app with electron-builder, which rebuilds better-sqlite3 itself.
  const smoke = spawnSync(process.execPath, [join(root, 'scripts', 'smoke.mjs')], {
    stdio: 'inherit',
    env: { ...process.env, NUNCHI_SMOKE_INNER: '1' },
  });
  process.exit(smoke.status ?? 1);
}
const binding = electronSqliteBinding(electronVersion);
const env = { ...process.env, NUNCHI_SQLITE_BINDING: binding };
const app = spawnSync(binary, [root], { stdio: 'inherit', env });
process.exit(app.status ?? 0);

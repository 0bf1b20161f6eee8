#!/usr/bin/env node
/**
 * `npm run smoke`: launches the real desktop app and checks it works end to end.
 *
 * Outer run (npm run smoke): hands over to scripts/electron-launch.mjs smoke, which fetches the
 * Electron binary if needed, builds the app, builds better-sqlite3 for Electron and runs this file
 * again (the inner run, NUNCHI_SQLITE_BINDING set). Where the Electron binary cannot be had (no
 * internet access to GitHub, like the machine this was written on) it says so and exits 0 as
 * NOT RUN — never as passed.
 *
 * Inner run: with playwright-core's Electron support, launch the app on a temporary data folder
 * (NUNCHI_DATA_DIR), wait for the window, check that the page is served from app://, that the
 * inbox renders, that the engine answers through window.nunchi (app.info points at the temporary
 * folder), that the page has no Node, then quit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function outer() {
  const launch = spawnSync(process.execPath, [join(root, 'scripts', 'electron-launch.mjs'), 'smoke'], { stdio: 'inherit', cwd: root });
  if (launch.status === 0) return 0;
  if (!electronBinary()) {
    process.stdout.write(
      [
        '',
        'SMOKE TEST NOT RUN: the Electron binary is not available on this machine (see above).',
        'Nothing was launched and nothing was checked; this is not a pass.',
        'On a machine with internet access run `npm run smoke`: it downloads Electron once, builds the app,',
        'launches it on a temporary data folder, checks the window, the inbox and the engine, and quits.',
        '',
      ].join('\n'),
    );
    return 0;
  }
  process.stderr.write('\nSMOKE TEST FAILED (Electron was available; see above).\n');
  return launch.status ?? 1;
}

async function inner() {
  const binary = electronBinary();
  if (!binary) throw new Error('the Electron binary disappeared between the launcher and the smoke test');
  const { _electron } = await import('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'nunchi-smoke-'));
  const app = await _electron.launch({
    executablePath: binary,
    args: [root],
    env: { ...process.env, NUNCHI_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
    const url = page.url();
    if (!url.startsWith('app://nunchi/')) throw new Error(`the window shows ${url}, not the app:// page`);
    await page.locator('#inbox-title').waitFor({ timeout: 30_000 });
    const info = await page.evaluate(() => window.nunchi.call('app.info', {}));
    if (info.dataDir !== dataDir) throw new Error(`the engine uses ${info.dataDir}, expected the temporary ${dataDir}`);
    const alerts = await page.evaluate(() => window.nunchi.call('alerts.list', { filter: 'all' }));
    if (typeof alerts.total !== 'number') throw new Error('alerts.list did not answer');
    const exposed = await page.evaluate(() => ({ require: typeof require, process: typeof process, keys: Object.keys(window.nunchi).sort().join(',') }));
    if (exposed.require !== 'undefined' || exposed.process !== 'undefined') throw new Error(`the page can reach Node: ${JSON.stringify(exposed)}`);
    if (exposed.keys !== 'call,subscribe') throw new Error(`window.nunchi exposes ${exposed.keys}`);
    process.stdout.write(`SMOKE TEST PASSED: window at ${url}, inbox rendered, engine answered (Nunchi ${info.version}, data in ${dataDir}).\n`);
  } finally {
    await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.env.NUNCHI_SQLITE_BINDING) {
  inner().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`SMOKE TEST FAILED: ${error.message}\n`);
      process.exit(1);
    },
  );
} else {
  process.exit(outer());
}

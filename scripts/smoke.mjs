/**
 * `npm run smoke`: packs the real desktop app and checks that the package works end to end.
 *
 * Outer run (npm run smoke): hands over to scripts/electron-launch.mjs smoke, which fetches the
 * Electron binary if needed, builds the app and runs this file again (the inner run,
 * NUNCHI_SMOKE_INNER set). Where the Electron binary cannot be had (no internet access to GitHub,
 * like the machine this was written on) it says so and exits 0 as NOT RUN — never as passed.
 *
 * Inner run: electron-builder packs the built app into an unpacked folder (`--dir`, the same
 * electron-builder.yml as `npm run dist`, with the Electron binary already downloaded and
 * better-sqlite3 rebuilt for it), then the packaged executable is launched on a temporary data
 * folder with Chromium's remote debugging port (the packaged app's fuses turn off Node's inspector,
 * which Playwright's Electron mode needs, so playwright-core connects over CDP instead). It waits for
 * the window, checks that the page is served from app://, that the inbox renders, that the engine
 * answers through window.nunchi (app.info points at the temporary folder), that the page has no
 * Node, then asks the app to quit (SIGTERM) and checks that it exits.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
        'On a machine with internet access run `npm run smoke`: it downloads Electron once, builds and packs the app',
        '(electron-builder --dir), launches the package on a temporary data folder, checks the window, the inbox',
        'and the engine, and quits. What runs here instead: the boot and packaging tests (tests/electron/boot).',
        '',
      ].join('\n'),
    );
    return 0;
  }
  process.stderr.write('\nSMOKE TEST FAILED (Electron was available; see above).\n');
  return launch.status ?? 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** electron-builder --dir for this OS, with the Electron binary npm already has. */
function pack(outDir) {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const electronDist = join(dirname(require.resolve('electron/package.json')), 'dist');
  const result = spawnSync(
    process.execPath,
    [cli, '--dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${outDir}`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`electron-builder could not pack the app (exit ${result.status})`);
  const productName = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).productName;
  const unpacked = readdirSync(outDir).find((d) => /-unpacked$|^mac/.test(d));
  if (!unpacked) throw new Error(`electron-builder made no unpacked app in ${outDir}`);
  const dir = join(outDir, unpacked);
  const candidates =
    process.platform === 'darwin'
      ? [join(dir, `${productName}.app`, 'Contents', 'MacOS', productName)]
      : process.platform === 'win32'
        ? [join(dir, `${productName}.exe`)]
        : [join(dir, 'nunchi'), join(dir, productName.toLowerCase())];
  const executable = candidates.find((c) => existsSync(c));
  if (!executable) throw new Error(`no packaged executable among ${candidates.join(', ')}`);
  return executable;
}

async function connect(chromium, port, deadline) {
  for (;;) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the packaged app did not open its debugging port: ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function appPage(browser, deadline) {
  for (;;) {
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith('app://nunchi/'));
    if (page) return page;
    if (Date.now() > deadline)
      throw new Error(
        `no window at app://nunchi/ (pages: ${
          browser
            .contexts()
            .flatMap((c) => c.pages())
            .map((p) => p.url())
            .join(', ') || 'none'
        })`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function inner() {
  if (!electronBinary()) throw new Error('the Electron binary disappeared between the launcher and the smoke test');
  const { chromium } = await import('playwright-core');
  const work = mkdtempSync(join(tmpdir(), 'nunchi-smoke-'));
  const dataDir = join(work, 'data');
  const executable = pack(join(work, 'dist'));
  const port = await freePort();
  const app = spawn(executable, [`--remote-debugging-port=${port}`, `--user-data-dir=${dataDir}`], {
    env: { ...process.env, NUNCHI_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '', NUNCHI_SQLITE_BINDING: '' },
    stdio: 'inherit',
  });
  const exited = new Promise((resolve) => app.once('exit', (code, signal) => resolve({ code, signal })));
  let browser;
  try {
    const deadline = Date.now() + 60_000;
    browser = await connect(chromium, port, deadline);
    const page = await appPage(browser, deadline);
    await page.waitForLoadState('domcontentloaded');
    const url = page.url();
    await page.locator('#inbox-title').waitFor({ timeout: 30_000 });
    const info = await page.evaluate(() => window.nunchi.call('app.info', {}));
    if (info.dataDir !== dataDir) throw new Error(`the engine uses ${info.dataDir}, expected the temporary ${dataDir}`);
    const alerts = await page.evaluate(() => window.nunchi.call('alerts.list', { filter: 'all' }));
    if (typeof alerts.total !== 'number') throw new Error('alerts.list did not answer');
    const exposed = await page.evaluate(() => ({
      require: typeof require,
      process: typeof process,
      keys: Object.keys(window.nunchi).sort().join(','),
    }));
    if (exposed.require !== 'undefined' || exposed.process !== 'undefined')
      throw new Error(`the page can reach Node: ${JSON.stringify(exposed)}`);
    if (exposed.keys !== 'call,subscribe') throw new Error(`window.nunchi exposes ${exposed.keys}`);
    await browser.close().catch(() => undefined); // only disconnects from a CDP connection
    app.kill('SIGTERM');
    const exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 20_000))]);
    if (!exit) throw new Error('the packaged app did not quit within 20 s of SIGTERM');
    process.stdout.write(
      `SMOKE TEST PASSED: packaged app ${executable}, window at ${url}, inbox rendered, engine answered (Nunchi ${info.version}, data in ${dataDir}), quit.\n`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.env.NUNCHI_SMOKE_INNER) {
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

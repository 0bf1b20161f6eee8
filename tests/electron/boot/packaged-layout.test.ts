/**
 * The packaged layout: electron-builder packs the built app with electron-builder.yml (see
 * package-app.ts); the built main process, booted from the unpacked package against the Electron
 * stand-in, must find everything it resolves at run time — preload, renderer, icons, workers, the
 * native module — inside it, and nothing that is not the app may be in it. A deliberate drift of
 * electron-builder.yml in a temporary copy must make the same check fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { rss } from '../../helpers/rss';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT } from '../../helpers/app-build';
import { archiveFiles, checkPackagedApp, extractApp, packageApp, type PackagedApp } from './package-app';
import { bootShell } from './shell-session';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown; dump: (value: unknown) => string };
const { getCurrentFuseWire } = require('@electron/fuses') as {
  getCurrentFuseWire: (path: string) => Promise<Record<string, number | string>>;
};

const PAGE = 'app://nunchi/index.html';
const work = mkdtempSync(join(tmpdir(), 'nunchi-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let app: PackagedApp;
let server: FeedServer;
/** Paths (relative to the app root) the built main process used when booted from the package. */
let runtimePaths: string[] = [];

beforeAll(async () => {
  app = packageApp({ workDir: join(work, 'good') });
  server = await startFeedServer();
}, 180_000);
afterAll(() => server?.close());

describe('the packaged app', () => {
  it('boots from the package alone: preload, renderer, icons, engine and feed workers, native module all found inside it', async () => {
    const appRoot = extractApp(app, join(work, 'extracted', 'resources', 'app.asar'));
    const userData = join(work, 'user-data');
    const shell = await bootShell({
      main: join(appRoot, 'out', 'main', 'index.js'),
      userData,
      packaged: true,
      // A packaged app manages the login item; keep it away from this machine's autostart folder.
      env: { XDG_CONFIG_HOME: join(work, 'xdg') },
    });
    try {
      await shell.ready();
      const call = async <T>(method: string, params: object = {}) => {
        const response = await shell.invoke<{ ok: boolean; result: T; error?: unknown }>('nunchi:call', PAGE, [method, params]);
        if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
        return response.result;
      };
      await shell.waitFor(
        'the engine to answer',
        async () => (await shell.state()).ipcChannels.includes('nunchi:call') && (await call('app.info')) !== undefined,
      );
      // A poll runs the feed pipeline in its own workers: their files must be in the package too.
      server.route('/feed.xml', {
        headers: { 'Content-Type': 'application/rss+xml' },
        body: rss({
          title: '피드',
          items: [{ guid: '1', title: '카카오브레인 소식', link: 'https://news.example.kr/1', pubDate: new Date().toUTCString() }],
        }),
      });
      await call('feeds.add', { url: server.url('/feed.xml') });
      expect(await call('feeds.pollNow', {})).toMatchObject({ polled: 1, inserted: 1, failed: 0 });

      const state = await shell.state();
      const window = state.windows[0]!;
      expect(window.lastLoad).toEqual({ url: PAGE, status: 200 });
      const index = await shell.protocolFetch(PAGE);
      const assets = [...index.body.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
      for (const asset of assets)
        expect((await shell.protocolFetch(`app://nunchi/${asset.slice('out/renderer/'.length)}`)).status, asset).toBe(200);
      const used = [
        window.options.webPreferences!.preload as string,
        window.options.icon!,
        state.trays[0]!.image!,
        ...state.workers.map((w) => w.file),
      ];
      for (const path of used) expect(path.startsWith(appRoot + '/'), `${path} is outside the package`).toBe(true);
      runtimePaths = [...used.map((p) => relative(appRoot, p)), 'out/renderer/index.html', ...assets];
      expect(runtimePaths).toEqual(
        expect.arrayContaining(['out/preload/preload.cjs', 'out/main/engine-worker.js', 'resources/icon.png', 'resources/tray.png']),
      );
      expect(await shell.quit()).toBe(0);
      expect(shell.problems).toEqual([]);
    } finally {
      await shell.kill();
    }
  }, 120_000);

  it('holds what the main process needs, the native module outside the archive, and no test, source map, devDependency or .env', () => {
    expect(runtimePaths.length).toBeGreaterThan(5);
    expect(checkPackagedApp(app, runtimePaths)).toEqual([]);
    const files = archiveFiles(app.archive);
    expect(files).toContain('node_modules/electron-log/package.json');
    expect(files.filter((f) => f.startsWith('node_modules/better-sqlite3/') && f.endsWith('.node'))).toContain(
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
  });

  it('has the fuses electron-builder.yml asks for flipped in the executable', async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const [on, off] = ['1'.charCodeAt(0), '0'.charCodeAt(0)];
    // Order of @electron/fuses' FuseV1Options.
    expect([wire[0], wire[1], wire[2], wire[3], wire[4], wire[5], wire[6], wire[7]]).toEqual([off, on, off, off, on, on, off, off]);
  });

  it('fails when electron-builder.yml drifts from the code (a temporary copy without the preload and the icons, with scripts/)', () => {
    const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    config.files = [...config.files.filter((f) => f !== 'out/preload/**/*' && f !== 'resources/**/*'), 'scripts/**/*'];
    const drifted = join(work, 'drifted.yml');
    writeFileSync(drifted, yaml.dump(config));
    const driftedApp = packageApp({ workDir: join(work, 'drifted'), config: drifted });
    const problems = checkPackagedApp(driftedApp, runtimePaths);
    expect(problems).toEqual(
      expect.arrayContaining([
        'the main process needs out/preload/preload.cjs, which is not in the package',
        'the main process needs resources/tray.png, which is not in the package',
        'scripts/smoke.mjs is not part of the built app',
      ]),
    );
  }, 180_000);
});

/**
 * The built shell on a real desk (issue 13), booted in Node against the Electron stand-in with its
 * real engine worker: feeds behind the proxy the system names (session.resolveProxy) reached
 * through a forward proxy started here, the window session's privacy (user agent, no requests to
 * private addresses), OPML through the native dialogs, the engine's log records in the log file,
 * and the development overrides ignored by a packaged app.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { rss } from '../../helpers/rss';
import { useTempDir } from '../../helpers/temp-dir';
import { BUILT_MAIN } from '../../helpers/app-build';
import { bootShell, type ShellSession } from './shell-session';

const PAGE = 'app://nunchi/index.html';
const CALL = 'nunchi:call';
const HOST = 'feeds.internal.test';
type Response<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: string; message: { key: string }; detail?: string } };

const sessions: ShellSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.kill();
});
const tempDir = useTempDir();

let server: FeedServer;
let proxy: http.Server;
let proxyPort = 0;
const seenByProxy: string[] = [];
beforeAll(async () => {
  server = await startFeedServer();
  // A forward proxy that alone knows where feeds.internal.test is (the feed server on 127.0.0.1).
  proxy = http.createServer((req, res) => {
    seenByProxy.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    if (target.hostname !== HOST) return void res.writeHead(502).end();
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
});

async function boot(userData: string, options: Partial<Parameters<typeof bootShell>[0]> = {}): Promise<ShellSession> {
  const session = await bootShell({ main: BUILT_MAIN, userData, ...options });
  sessions.push(session);
  await session.ready();
  await session.waitFor('the engine to answer', async () => {
    const state = await session.state();
    return state.ipcChannels.includes(CALL) && (await session.invoke<Response>(CALL, PAGE, ['app.info', {}])).ok;
  });
  return session;
}

async function answer<T>(shell: ShellSession, method: string, params: object = {}): Promise<Response<T>> {
  return shell.invoke<Response<T>>(CALL, PAGE, [method, params]);
}

async function call<T>(shell: ShellSession, method: string, params: object = {}): Promise<T> {
  const response = await answer<T>(shell, method, params);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.detail ?? ''}`);
  return response.result;
}

const feedBody = rss({
  title: '사내 피드',
  items: [{ guid: 'p1', title: '카카오브레인 대표 사임', link: 'https://news.example.kr/p1', pubDate: new Date().toUTCString() }],
});

describe('the desktop app behind a proxy', () => {
  it('asks the session which proxy each feed URL takes and polls through it; the engine’s records reach the log file', async () => {
    server.route('/internal.xml', { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' }, body: feedBody });
    const feedUrl = `http://${HOST}:${new URL(server.url('/')).port}/internal.xml`;
    const userData = tempDir();
    const shell = await boot(userData, { env: { NUNCHI_STANDIN_PAC: JSON.stringify({ [HOST]: `PROXY 127.0.0.1:${proxyPort}; DIRECT` }) } });
    await call(shell, 'feeds.add', { url: feedUrl });
    // A second feed the PAC sends direct, at a name nothing resolves: it fails, and says so in the log.
    await call(shell, 'feeds.add', { url: 'http://nowhere.internal.test/rss' });
    const poll = await call<{ inserted: number; failed: number }>(shell, 'feeds.pollNow', {});
    expect(poll).toMatchObject({ inserted: 1, failed: 1 });
    expect(seenByProxy).toContain(`GET ${feedUrl}`);
    const asked = (await shell.calls()).filter((c) => c.api === 'session.resolveProxy').map((c) => c.args[0]);
    expect(asked).toEqual(expect.arrayContaining([feedUrl, 'http://nowhere.internal.test/rss']));
    expect(await shell.quit()).toBe(0);
    const log = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/\(engine\)\s+.*poll: feed failed .*nowhere\.internal\.test/);
  }, 60_000);
});

describe('the window session', () => {
  it('names neither the app nor Electron in its user agent, and refuses requests to the user’s own network', async () => {
    const shell = await boot(tempDir());
    const { userAgent } = await shell.state();
    expect(userAgent).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.41 Safari/537.36');
    const decide = (url: string) => shell.command<{ filtered: boolean; cancel?: boolean }>('webRequest', { url });
    for (const url of [
      'http://192.168.0.1/pixel.gif',
      'https://169.254.169.254/latest/meta-data',
      'http://localhost:8080/a.png',
      'https://printer.local/x.jpg',
      'http://[::1]/a.png',
      'http://10.1.2.3/t.gif',
      'http://router/x.png',
    ]) {
      expect(await decide(url), url).toEqual({ filtered: true, cancel: true });
    }
    expect(await decide('https://img.etnews.com/photonews/2611/a.jpg')).toEqual({ filtered: true, cancel: false });
    expect(await shell.quit()).toBe(0);
  }, 60_000);
});

describe('OPML through the native dialogs', () => {
  it('exports to the file chosen in the save dialog and imports the file chosen in the open dialog; cancelling does nothing', async () => {
    const userData = tempDir();
    const shell = await boot(userData, { env: { NUNCHI_STANDIN_LOCALE: 'ko' } });
    await call(shell, 'settings.set', { locale: 'ko' });
    server.route('/opml-a.xml', { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' }, body: feedBody });
    await call(shell, 'feeds.add', { url: server.url('/opml-a.xml') });

    const target = join(tempDir(), 'my feeds.opml');
    await shell.command('answerFileDialogs', { paths: [target] });
    expect(await call(shell, 'feeds.exportOpmlFile')).toEqual({ handled: true, path: target });
    expect(readFileSync(target, 'utf8')).toContain(`xmlUrl="${server.url('/opml-a.xml')}"`);
    const save = (await shell.calls()).find((c) => c.api === 'dialog.showSaveDialog')!;
    expect(save.args[0]).toMatchObject({ title: 'OPML 내보내기', defaultPath: 'nunchi-feeds.opml' });

    // Cancelled: nothing written, nothing imported.
    expect(await call(shell, 'feeds.exportOpmlFile')).toEqual({ handled: true, path: null });
    expect(await call(shell, 'feeds.importOpmlFile')).toEqual({ handled: true, path: null, imported: null });

    const source = join(tempDir(), 'from-another-reader.opml');
    writeFileSync(
      source,
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="IT"><outline type="rss" text="B" xmlUrl="${server.url('/opml-b.xml')}"/><outline type="rss" text="A" xmlUrl="${server.url('/opml-a.xml')}"/></outline></body></opml>`,
    );
    await shell.command('answerFileDialogs', { paths: [source] });
    const imported = await call<{ handled: boolean; path: string; imported: { added: number; skipped: number } }>(
      shell,
      'feeds.importOpmlFile',
    );
    expect(imported).toMatchObject({ handled: true, path: source, imported: { added: 1, skipped: 1 } });
    expect((await call<unknown[]>(shell, 'feeds.list')).length).toBe(2);

    // A file that went away between choosing and reading: words, not a stack.
    await shell.command('answerFileDialogs', { paths: [join(tempDir(), 'gone.opml')] });
    const missing = await answer(shell, 'feeds.importOpmlFile');
    expect(missing).toMatchObject({ ok: false, error: { code: 'error.file_unreadable', message: { key: 'error.file_unreadable' } } });
    // A folder that cannot be written.
    const folder = join(tempDir(), 'a-folder.opml');
    mkdirSync(folder);
    await shell.command('answerFileDialogs', { paths: [folder] });
    expect(await answer(shell, 'feeds.exportOpmlFile')).toMatchObject({ ok: false, error: { code: 'error.file_unwritable' } });
    expect(await shell.quit()).toBe(0);
    expect(shell.problems).toEqual([]);
  }, 60_000);
});

describe('development overrides', () => {
  it('a packaged app ignores NUNCHI_DATA_DIR and NUNCHI_SQLITE_BINDING; run from source it honours the data folder', async () => {
    const userData = tempDir();
    const elsewhere = tempDir();
    const env = { NUNCHI_DATA_DIR: elsewhere, NUNCHI_SQLITE_BINDING: join(elsewhere, 'not-a-module.node') };
    writeFileSync(env.NUNCHI_SQLITE_BINDING, 'anyone who can set a variable could load this');
    const packaged = await boot(userData, { packaged: true, env });
    expect((await call<{ dataDir: string }>(packaged, 'app.info')).dataDir).toBe(userData);
    expect(await packaged.quit()).toBe(0);

    const fromSource = await boot(userData, { env: { NUNCHI_DATA_DIR: elsewhere } });
    expect((await call<{ dataDir: string }>(fromSource, 'app.info')).dataDir).toBe(elsewhere);
    expect(await fromSource.quit()).toBe(0);
  }, 60_000);
});

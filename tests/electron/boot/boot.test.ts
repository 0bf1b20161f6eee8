/**
 * The built desktop shell (out/main/index.js, from `electron-vite build`) booted in Node against
 * the Electron stand-in (electron-standin.cjs), with its real engine worker, a real SQLite file in
 * a temporary data folder and the local feed server: one whole session, then the failures a real
 * desk meets (the worker dying, restarts that keep failing, a database that cannot be opened, a
 * second copy of the app).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/electron/csp';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { rss, type RssItemSpec } from '../../helpers/rss';
import { useTempDir } from '../../helpers/temp-dir';
import { formatMessage } from '../../../shared/messages';
import { BUILT_MAIN, ROOT } from '../../helpers/app-build';
import { bootShell, type ShellSession, type ShellState } from './shell-session';

const PAGE = 'app://nunchi/index.html';
const CALL = 'nunchi:call';
const EVENT = 'nunchi:event';
type Response<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; error: { code: string; message: { key: string; args?: Record<string, string | number> }; detail?: string } };

const sessions: ShellSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.kill();
});
const tempDir = useTempDir();

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

async function boot(userData: string, options: Partial<Parameters<typeof bootShell>[0]> = {}): Promise<ShellSession> {
  const session = await bootShell({ main: BUILT_MAIN, userData, ...options });
  sessions.push(session);
  return session;
}

async function call<T>(shell: ShellSession, method: string, params: object = {}): Promise<T> {
  const response = await shell.invoke<Response<T>>(CALL, PAGE, [method, params]);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.detail ?? ''}`);
  return response.result;
}

/** The engine answers through the registered IPC handler. */
async function engineAnswers(shell: ShellSession): Promise<boolean> {
  const state = await shell.state();
  if (!state.ipcChannels.includes(CALL)) return false;
  const response = await shell.invoke<Response>(CALL, PAGE, ['app.info', {}]);
  return response.ok;
}

const eventsSent = (state: ShellState) =>
  state.windows.flatMap((w) =>
    w.sent.filter((s) => s.channel === EVENT).map((s) => s.args[0] as { name: string; payload: Record<string, unknown> }),
  );
const engineWorkers = (state: ShellState) => state.workers.filter((w) => w.file.endsWith('engine-worker.js'));

function serveFeed(path: string, items: RssItemSpec[]): string {
  server.route(path, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' }, body: rss({ title: '테스트 IT뉴스', items }) });
  return server.url(path);
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toUTCString();

describe('the built shell, one whole session', () => {
  it('starts, serves the page, relays the API, notifies, follows deep links, survives its engine dying and quits cleanly', async () => {
    const userData = tempDir();
    const shell = await boot(userData);

    // ---- before ready: single instance, privileged scheme --------------------------------------
    const early = await shell.calls();
    const apis = early.map((c) => c.api);
    expect(apis).toContain('app.requestSingleInstanceLock');
    const scheme = early.find((c) => c.api === 'protocol.registerSchemesAsPrivileged')!;
    expect(scheme.args).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
      { ready: false },
    ]);
    expect(apis).not.toContain('new BrowserWindow');

    // ---- ready: hardening, app:// handler, engine, IPC, window -----------------------------------
    await shell.ready();
    await shell.waitFor('the engine to answer over IPC', () => engineAnswers(shell));
    await shell.waitFor('the page to load', async () => (await shell.state()).windows[0]?.lastLoad?.status === 200);
    const calls = await shell.calls();
    expect(calls.find((c) => c.api === 'app.enableSandbox')?.args).toEqual([{ ready: true }]);
    expect(calls.find((c) => c.api === 'protocol.handle')?.args).toEqual(['app', { ready: true }]);
    for (const handler of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler'])
      expect(calls.map((c) => c.api)).toContain(`session.${handler}`);
    let state = await shell.state();
    expect(state.ipcChannels).toEqual([CALL]); // electron-log's unchecked channel is removed
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    const prefs = window!.options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(prefs.preload).toBe(join(ROOT, 'out', 'preload', 'preload.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(existsSync(window!.options.icon!)).toBe(true);
    expect(window!.url).toBe(PAGE);
    expect(state.trays).toHaveLength(1);
    expect(state.trays[0]!.image).toBe(join(ROOT, 'resources', 'tray.png'));
    expect(existsSync(state.trays[0]!.image!)).toBe(true);
    expect(engineWorkers(state).map((w) => w.file)).toEqual([join(ROOT, 'out', 'main', 'engine-worker.js')]);

    // ---- app:// serves the built renderer with the CSP, and nothing else ---------------------------
    const index = await shell.protocolFetch(PAGE);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(index.body).toBe(readFileSync(join(ROOT, 'out', 'renderer', 'index.html'), 'utf8'));
    const assets = [...index.body.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const answer = await shell.protocolFetch(`app://nunchi/${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.length).toBe(statSync(join(ROOT, 'out', 'renderer', asset)).size);
      expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy());
    }
    for (const outside of [
      'app://nunchi/../main/index.js',
      'app://nunchi/%2e%2e/main/index.js',
      'app://nunchi/..%2f..%2fpackage.json',
      'app://nunchi/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://nunchi/assets/..%5c..%5cmain%5cindex.js',
      'app://other/index.html',
    ]) {
      const answer = await shell.protocolFetch(outside);
      expect(answer.status, outside).toBe(404);
      expect(answer.body).not.toContain('import');
    }
    expect((await shell.protocolFetch(PAGE, 'POST')).status).toBe(404);

    // ---- the API over IPC: the page's frame is served, a forged sender is refused ------------------
    const info = await call<{ dataDir: string; databasePath: string }>(shell, 'app.info');
    expect(info.dataDir).toBe(userData);
    expect(info.databasePath).toBe(join(userData, 'nunchi.sqlite'));
    for (const [sender, isMainFrame] of [
      ['https://evil.example/', true],
      ['file:///etc/passwd', true],
      [PAGE, false],
      [null, true],
    ] as const) {
      const refused = await shell.invoke<Response>(CALL, sender, ['app.info', {}], isMainFrame);
      expect(refused, `${sender} main=${isMainFrame}`).toMatchObject({ ok: false, error: { code: 'api.forbidden' } });
    }

    // ---- a poll that finds a new matching article raises a notification ----------------------------
    await call(shell, 'settings.set', { locale: 'ko' });
    const feedUrl = serveFeed('/it.xml', [
      { guid: 'a1', title: '반도체 수출 늘어', link: 'https://news.example.kr/a1', description: '수출 소식', pubDate: minutesAgo(30) },
    ]);
    await call(shell, 'feeds.add', { url: feedUrl });
    await call(shell, 'watchlists.create', { name: '카카오', query: '카카오브레인' });
    await call(shell, 'feeds.pollNow', {}); // the feed's first poll: backlog, never notifies
    serveFeed('/it.xml', [
      {
        guid: 'a2',
        title: '카카오브레인 대표 사임',
        link: 'https://news.example.kr/a2',
        description: '카카오브레인 김 대표가 사임했다.',
        pubDate: minutesAgo(1),
      },
      { guid: 'a1', title: '반도체 수출 늘어', link: 'https://news.example.kr/a1', description: '수출 소식', pubDate: minutesAgo(30) },
    ]);
    const poll = await call<{ newAlerts: number }>(shell, 'feeds.pollNow', {});
    expect(poll.newAlerts).toBe(1);
    state = await shell.waitFor('the notification', async () =>
      (await shell.state()).notifications.length > 0 ? shell.state() : undefined,
    );
    expect(state.notifications).toEqual([
      {
        title: '카카오: 카카오브레인 대표 사임',
        body: '테스트 IT뉴스 — 카카오브레인 김 대표가 사임했다.',
        icon: join(ROOT, 'resources', 'icon.png'),
        shown: true,
      },
    ]);
    const alerts = await call<{ unreadTotal: number; stories: Array<{ article: { id: number; title: string } }> }>(shell, 'alerts.list', {
      filter: 'unread',
    });
    expect(alerts.unreadTotal).toBe(1);
    const articleId = alerts.stories[0]!.article.id;
    expect(alerts.stories[0]!.article.title).toBe('카카오브레인 대표 사임');
    // Shown means acknowledged: the engine marked it notified in SQLite.
    await shell.waitFor('the notification to be marked shown', () => {
      const db = new Database(join(userData, 'nunchi.sqlite'), { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM alerts WHERE notify_state = 'notified'").get() as { n: number }).n === 1;
      } finally {
        db.close();
      }
    });

    // ---- clicking it shows the window and opens the article ----------------------------------------
    await shell.command('closeWindow'); // hidden to the tray first
    expect((await shell.state()).windows[0]).toMatchObject({ visible: false, destroyed: false });
    await shell.command('clickNotification', { index: 0 });
    state = await shell.state();
    expect(state.windows[0]).toMatchObject({ visible: true, focused: true, destroyed: false });
    expect(eventsSent(state).filter((e) => e.name === 'navigate.article')).toEqual([{ name: 'navigate.article', payload: { articleId } }]);

    // ---- a second instance with a deep link focuses the window and opens the article -------------------
    await shell.command('closeWindow');
    await shell.command('secondInstance', { argv: ['/opt/Nunchi/nunchi', '--flag', `nunchi://article/${articleId}`] });
    state = await shell.state();
    expect(state.windows[0]).toMatchObject({ visible: true, focused: true });
    expect(eventsSent(state).filter((e) => e.name === 'navigate.article')).toHaveLength(2);
    await shell.command('secondInstance', { argv: ['/opt/Nunchi/nunchi', 'nunchi://article/../../etc'] });
    expect(eventsSent(await shell.state()).filter((e) => e.name === 'navigate.article')).toHaveLength(2);

    // ---- closing the window keeps the app in the tray -----------------------------------------
    await shell.command('closeWindow');
    state = await shell.state();
    expect(state.windows[0]).toMatchObject({ visible: false, destroyed: false });
    expect(state.trays[0]!.destroyed).toBe(false);
    await shell.waitFor(
      'the tray to count the unread alert',
      async () => (await shell.state()).trays[0]!.tooltip === 'Nunchi — 읽지 않은 알림 1건',
    );
    expect(state.quitState).toBe('running');
    expect((await shell.calls()).map((c) => c.api)).not.toContain('app.quit');

    // ---- the engine worker dies: noticed, restarted after the first delay, the API answers again ---------
    const before = await shell.calls();
    const killed = await shell.command<string>('killWorker', { match: 'engine-worker.js' });
    expect(killed).toBe(join(ROOT, 'out', 'main', 'engine-worker.js'));
    state = await shell.waitFor('the restart notice', async () => {
      const s = await shell.state();
      return eventsSent(s).some((e) => e.name === 'monitor.status' && e.payload.state === 'restarting') ? s : undefined;
    });
    expect(state.trays[0]!.tooltip).toBe('Nunchi — 감시 엔진을 다시 시작하는 중: 감시 엔진이 예기치 않게 멈췄습니다');
    const stopped = await shell.invoke<Response>(CALL, PAGE, ['alerts.list', { filter: 'all' }]);
    expect(stopped).toMatchObject({ ok: false, error: { code: 'engine.stopped' } });
    await shell.waitFor('the engine to be restarted', () => engineAnswers(shell));
    state = await shell.state();
    expect(engineWorkers(state).map((w) => w.exitCode)).toEqual([1, null]);
    expect(
      eventsSent(state)
        .filter((e) => e.name === 'monitor.status')
        .at(-1),
    ).toEqual({ name: 'monitor.status', payload: { state: 'running', reason: null } });
    expect((await call<{ unreadTotal: number }>(shell, 'alerts.list', { filter: 'unread' })).unreadTotal).toBe(1);
    await shell.waitFor(
      'the tray to show the count again',
      async () => (await shell.state()).trays[0]!.tooltip === 'Nunchi — 읽지 않은 알림 1건',
    );
    expect((await shell.calls(before.at(-1)!.seq)).map((c) => c.api)).not.toContain('new BrowserWindow');

    // ---- quit: the engine finishes, the database closes cleanly ------------------------------------
    expect(await shell.quit()).toBe(0);
    expect(shell.problems).toEqual([]);
    const walPath = join(userData, 'nunchi.sqlite-wal');
    expect(!existsSync(walPath) || statSync(walPath).size === 0).toBe(true);
    const db = new Database(join(userData, 'nunchi.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT count(*) AS n FROM alerts WHERE notify_state IN ('pending', 'held')").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
    const log = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/\(shell\)\s+the engine stopped: exit code 1/);
    expect(log).toMatch(/\(shell\)\s+the engine was restarted/);
  }, 90_000);
});

describe('the built shell when things go wrong', () => {
  it('gives up after restarts keep failing: the window shows the reason, the tray says monitoring stopped', async () => {
    const userData = tempDir();
    const shell = await boot(userData);
    await shell.ready();
    await shell.waitFor('the engine to answer', () => engineAnswers(shell));
    await call(shell, 'settings.set', { locale: 'ko' });
    await shell.waitFor('the page to load', async () => (await shell.state()).windows[0]?.lastLoad?.status === 200);
    await shell.waitFor('the tray in Korean', async () => (await shell.state()).trays[0]?.tooltip === 'Nunchi — 새 알림 없음');

    // The worker dies and its database is damaged: every restart fails.
    await shell.command('killWorker', { match: 'engine-worker.js' });
    for (const suffix of ['-wal', '-shm']) rmSync(join(userData, `nunchi.sqlite${suffix}`), { force: true });
    writeFileSync(join(userData, 'nunchi.sqlite'), Buffer.alloc(8192, 0x5a));

    const state = await shell.waitFor(
      'monitoring to be reported stopped',
      async () => {
        const s = await shell.state();
        return eventsSent(s).some((e) => e.name === 'monitor.status' && e.payload.state === 'stopped') ? s : undefined;
      },
      40_000,
    );
    const statuses = eventsSent(state)
      .filter((e) => e.name === 'monitor.status')
      .map((e) => e.payload.state);
    expect(statuses).toEqual(['restarting', 'restarting', 'restarting', 'stopped']);
    expect(eventsSent(state).at(-1)).toEqual({
      name: 'monitor.status',
      payload: { state: 'stopped', reason: { key: 'engine.failure.corrupt' } },
    });
    expect(state.trays[0]!.tooltip).toBe('Nunchi — 감시 중지됨: 데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다');
    expect(state.trays[0]!.menu).toContain('감시 다시 시작');
    // The icon says it too, not only the tooltip: greyed, with a red "!".
    expect(state.trays[0]!.image).toBe(join(ROOT, 'resources', 'tray-stopped.png'));
    expect(existsSync(state.trays[0]!.image!)).toBe(true);
    // Four engine workers: the first, and three restarts that failed.
    expect(engineWorkers(state)).toHaveLength(4);
    const refused = await shell.invoke<Response>(CALL, PAGE, ['alerts.list', { filter: 'all' }]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'engine.stopped' } });
    if (!refused.ok)
      expect(formatMessage('ko', refused.error.message)).toBe(
        '감시가 멈춰 있습니다: 데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다.',
      );

    // The damaged file moved away by hand, "restart monitoring" from the tray: the usual icon again.
    renameSync(join(userData, 'nunchi.sqlite'), join(userData, 'nunchi.sqlite.damaged'));
    await shell.command('clickTrayMenu', { label: '감시 다시 시작' });
    await shell.waitFor('the engine to answer again', () => engineAnswers(shell), 20_000);
    const restarted = await shell.waitFor('the usual tray icon', async () => {
      const s = await shell.state();
      return s.trays[0]!.image === join(ROOT, 'resources', 'tray.png') ? s : undefined;
    });
    expect(restarted.trays[0]!.menu).toContain('지금 확인');
    expect(await shell.quit()).toBe(0);
    const log = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/monitoring stopped after 4 failed starts: database\.not_a_database: file is not a database \[SQLITE_NOTADB\]/);
  }, 90_000);

  it('a database that cannot be opened at startup gets a dialog; "move it aside" keeps the file and starts fresh', async () => {
    const userData = tempDir();
    mkdirSync(userData, { recursive: true });
    writeFileSync(join(userData, 'nunchi.sqlite'), 'this is not a database, but somebody might want it back'.repeat(100));
    const shell = await boot(userData, { env: { NUNCHI_STANDIN_LOCALE: 'en-US' } });
    await shell.command('answerDialogs', { responses: [0] });
    await shell.ready();
    await shell.waitFor('the engine to answer', () => engineAnswers(shell));
    const dialogCall = (await shell.calls()).find((c) => c.api === 'dialog.showMessageBox')!;
    const options = dialogCall.args[0] as { message: string; detail: string; buttons: string[]; cancelId: number };
    expect(options.message).toBe('The database cannot be opened: the database file is damaged or is not a database.');
    expect(options.detail).toContain(`File: ${join(userData, 'nunchi.sqlite')}`);
    expect(options.buttons).toEqual(['Move it aside and start fresh', 'Quit']);
    expect(options.cancelId).toBe(1);
    const aside = readdirSync(userData).filter((f) => /^nunchi\.sqlite\.broken-\d{8}-\d{6}Z$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(userData, aside[0]!), 'utf8')).toContain('somebody might want it back');
    expect((await call<{ total: number }>(shell, 'alerts.list', { filter: 'all' })).total).toBe(0);
    expect(await shell.quit()).toBe(0);
  }, 60_000);

  it('…and "quit" leaves the file alone and ends the app without a window', async () => {
    const userData = tempDir();
    writeFileSync(join(userData, 'nunchi.sqlite'), Buffer.alloc(4096, 0x41));
    const shell = await boot(userData);
    await shell.command('answerDialogs', { responses: [1] });
    await shell.ready();
    expect(await shell.exited).toBe(0);
    expect(shell.problems).toEqual([]);
    const apis = shell.callsAtExit.map((c) => c.api);
    expect(apis).toContain('dialog.showMessageBox');
    expect(apis).not.toContain('new BrowserWindow');
    expect(apis).not.toContain('new Tray');
    expect(readdirSync(userData).filter((f) => f.startsWith('nunchi.sqlite'))).toEqual(['nunchi.sqlite']);
    expect(readFileSync(join(userData, 'nunchi.sqlite'))).toEqual(Buffer.alloc(4096, 0x41));
    expect(shell.output()).not.toMatch(/at .*\.js:\d+/); // no stack trace for the user
  }, 60_000);

  it('a second copy of the app hands over and quits before creating anything', async () => {
    const shell = await boot(tempDir(), { lock: 'taken' });
    expect(await shell.exited).toBe(0);
    expect(shell.problems).toEqual([]);
    const apis = shell.callsAtExit.map((c) => c.api);
    expect(apis).toEqual(expect.arrayContaining(['app.requestSingleInstanceLock', 'app.quit']));
    expect(apis.filter((a) => /BrowserWindow|Tray|protocol\.handle|Notification|setAsDefaultProtocolClient/.test(a))).toEqual([]);
    expect(shell.callsAtExit.filter((c) => c.api === 'ipcMain.handle' && c.args[0] === CALL)).toEqual([]);
    expect((await shell.state().catch(() => null)) ?? { workers: [] }).toMatchObject({ workers: [] });
  }, 30_000);
});

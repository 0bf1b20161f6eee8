/**
 * The Electron main process: a thin shell. It starts the engine in a worker thread (main/host),
 * relays the API over IPC, pushes engine events to the window, and owns the tray, the native
 * notifications, the menu, deep links and the login item. All decisions it makes are plain
 * functions in this folder, tested in Node (tests/electron).
 */
import { app, BrowserWindow, Menu, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSettings, EngineEvent } from '../../shared/api';
import { developmentOverrides } from '../dev-overrides';
import { EngineHost } from '../host/engine-host';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { APP_ID, APP_ORIGIN, DEEP_LINK_SCHEME, HELP_URL } from './constants';
import { deepLinkFromArgv, parseDeepLink, type DeepLink } from './deep-link';
import { EngineSupervisor, type MonitorStatus } from './engine-supervisor';
import { reactToEngineEvent } from './engine-events';
import { applyAppHardening, openExternalSafely } from './hardening';
import { pushEvent, registerIpc } from './ipc';
import { engineLogSink, setUpLogging } from './logging';
import { applyStartAtLogin } from './login-item';
import { createMainWindow, windowStateFile } from './main-window';
import { menuTemplate } from './menu-template';
import { createDesktopNotifier } from './notifier';
import { shellMethods } from './shell-methods';
import { NaverKeyStore, sendStoredNaverKeys } from './naver-keys';
import { startEngineOrAsk } from './startup';
import { createAppTray, type AppTray } from './tray';
import { isPaused, PAUSE_MS } from './tray-text';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const PRELOAD = here('../preload/preload.cjs');
const RENDERER_DIR = here('../renderer');
const ICON = here('../../resources/icon.png');
const TRAY_ICONS = { running: here('../../resources/tray.png'), stopped: here('../../resources/tray-stopped.png') };
/** Poll what is due once a minute; each feed's own interval decides what is due. */
const HEARTBEAT_MS = 60_000;

// A temporary data folder (the smoke test, trying the app without touching real data) and a SQLite
// module built for Electron, both only when running from source: a packaged app ignores them.
const overrides = developmentOverrides(process.env, app.isPackaged);
if (overrides.dataDir) app.setPath('userData', overrides.dataDir);
// electron-vite's dev server, only ever when running from source.
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : null;

registerAppScheme();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let host: EngineSupervisor | null = null;
  let tray: AppTray | null = null;
  let quitting = false;
  let pageReady = false;
  let pendingLink: DeepLink | null = deepLinkFromArgv(process.argv);
  let settings: AppSettings | null = null;

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const send = (event: EngineEvent) => pushEvent(window, event);
  const sendMonitorStatus = (status: MonitorStatus) =>
    send({ name: 'monitor.status', payload: { state: status.state, reason: status.state === 'running' ? null : status.reason } });
  const openLink = (link: DeepLink | null) => {
    if (!link) return;
    showWindow();
    if (pageReady) send({ name: 'navigate.article', payload: { articleId: link.articleId } });
    else pendingLink = link;
  };

  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  app.on('second-instance', (_event, argv) => {
    showWindow();
    openLink(deepLinkFromArgv(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(parseDeepLink(url));
  });

  const refreshTray = async () => {
    if (!host?.running || !tray) return;
    try {
      const [alerts, current] = await Promise.all([
        host.invoke('alerts.list', { filter: 'unread', limit: 1 }),
        host.invoke('settings.get', {}),
      ]);
      settings = current;
      tray.update({ unread: alerts.unreadTotal, locale: current.locale, paused: isPaused(current, Date.now()) });
    } catch {
      // the engine is closing; the tray keeps its last state
    }
  };
  let trayTimer: NodeJS.Timeout | null = null;
  const refreshTraySoon = () => {
    if (trayTimer) return;
    trayTimer = setTimeout(() => {
      trayTimer = null;
      void refreshTray();
    }, 300);
  };

  app.on('window-all-closed', () => {
    // The monitor is the point: keep running in the tray.
  });
  app.on('activate', () => showWindow());
  app.on('before-quit', (event) => {
    quitting = true;
    // Also while the engine is being restarted: closing the supervisor cancels the restart.
    if (host) {
      event.preventDefault();
      const closing = host;
      host = null;
      void closing.close().finally(() => app.quit());
    }
  });

  app
    .whenReady()
    .then(async () => {
      applyAppHardening(devServerOrigin);
      serveRenderer(RENDERER_DIR);
      const dataDir = app.getPath('userData');
      const log = setUpLogging(dataDir, { toConsole: !app.isPackaged });
      log('info', `Nunchi ${app.getVersion()} starting (data folder ${dataDir})`);
      const databasePath = join(dataDir, 'nunchi.sqlite');
      // Quiet hours, pause, batching and the per-minute cap are the engine's policy (main/alerts);
      // the shell only shows what it is handed.
      const showNotification = createDesktopNotifier({
        icon: ICON,
        onClick: (articleId) => (articleId ? openLink({ kind: 'article', articleId }) : showWindow()),
      });
      // The engine worker is restarted when it dies (engine-supervisor.ts); the window's banner and
      // the tray say when monitoring is not running, and why.
      // safeStorage is read lazily: it is usable only after the app is ready, and only when keys exist.
      const naverKeys = new NaverKeyStore(dataDir, () => safeStorage, log);
      const engine: EngineSupervisor = new EngineSupervisor({
        start: () =>
          EngineHost.start(
            {
              databasePath,
              dataDir,
              version: app.getVersion(),
              // Set by scripts/electron-launch.mjs (better-sqlite3 built for Electron, from source);
              // packaged builds are rebuilt by electron-builder and need nothing.
              nativeBinding: overrides.sqliteBinding,
              scheduleEveryMs: HEARTBEAT_MS,
              notifications: true,
              // Feeds and pages go through the proxy the system settings (or PAC script) name for
              // each URL, and a company's root certificate in the OS store is trusted.
              proxyFromHost: true,
              systemCa: true,
            },
            showNotification,
            engineLogSink(),
            (url) => session.defaultSession.resolveProxy(url),
          ),
        log,
        onStatus: (status) => {
          tray?.setMonitor(status);
          sendMonitorStatus(status);
          if (status.state === 'running') {
            refreshTraySoon();
            // Every start of the worker (also after a restart) gets the keys again, in memory only.
            void sendStoredNaverKeys(naverKeys, engine).catch(() => log('warn', 'could not hand the Naver keys to the engine'));
          }
        },
      });
      if (!(await startEngineOrAsk(engine, databasePath, log))) {
        app.quit();
        return;
      }
      host = engine;
      settings = await engine.invoke('settings.get', {});
      if (app.isPackaged) applyStartAtLogin(settings.startAtLogin);

      registerIpc({
        host: engine,
        devServerOrigin,
        shellMethods: shellMethods({ dataDir, log, engine, window: () => window, naverKeys }),
      });
      engine.subscribe((event) =>
        reactToEngineEvent(event, {
          // The engine decided the link may open (http(s) only); the shell's own policy checks it again.
          openInBrowser: (url) => void openExternalSafely(url),
          applyStartAtLogin,
          refreshTray: refreshTraySoon,
          forward: send,
        }),
      );

      const rebuildMenu = (locale: AppSettings['locale']) =>
        Menu.setApplicationMenu(
          Menu.buildFromTemplate(
            menuTemplate({
              platform: process.platform,
              locale,
              appName: app.name,
              isPackaged: app.isPackaged,
              openHelp: () => void openExternalSafely(HELP_URL),
              showWindow,
            }),
          ),
        );
      rebuildMenu(settings.locale);

      tray = createAppTray(TRAY_ICONS, {
        open: showWindow,
        pollNow: () => void engine.call('feeds.pollNow', {}),
        setPaused: (paused) =>
          void engine.call('settings.set', { notificationsPausedUntil: paused ? Date.now() + PAUSE_MS : null }).then(refreshTraySoon),
        restartMonitoring: () => engine.restartNow(),
        quit: () => app.quit(),
      });
      void refreshTray();

      window = createMainWindow({
        preloadPath: PRELOAD,
        startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
        stateFile: windowStateFile(dataDir),
        icon: ICON,
        startHidden: process.argv.includes('--hidden'),
        isQuitting: () => quitting,
      });
      window.webContents.on('did-finish-load', () => {
        pageReady = true;
        if (engine.status.state !== 'running') sendMonitorStatus(engine.status);
        const link = pendingLink;
        pendingLink = null;
        openLink(link);
      });
    })
    .catch((error: unknown) => {
      // Logged to the file when logging is set up (console is routed there), else to stderr.
      console.error('[nunchi] could not start:', error);
      app.exit(1);
    });
}

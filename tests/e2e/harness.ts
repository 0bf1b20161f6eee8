/**
 * End-to-end harness: the real React app (a production `vite build` of renderer/, so the page runs
 * under its real CSP — the dev server's inline React-refresh preamble would be blocked by it) in
 * Debian's Chromium, talking to a real Engine on a temporary SQLite file through the real API
 * handler table, with feeds served by the real local feed server.
 *
 * The bridge: `page.exposeBinding('__nunchiCall')` runs callHandler(table, method, params) in this
 * process; an init script builds `window.nunchi` on top of it (a failed call throws an Error that
 * carries the ApiError as `apiError`), and engine events are pushed into the page with
 * page.evaluate, exactly like the Electron preload relays them.
 *
 * The build runs once per test file (about 2 s) into a temporary folder.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { EngineEvent } from '../../shared/api';
import { Engine, type EngineOptions } from '../../main/engine';
import type { PageClientTuning } from '../../main/engine/full-text';
import { callHandler, createHandlers, type HandlerTable } from '../../main/api/handlers';
import type { CatalogFeed } from '../../main/feeds/catalog';
import { startFeedServer, type FeedServer, type Route } from '../helpers/feed-server';

// Functions passed to page.evaluate run in the page; the root tsconfig has no DOM lib, so the
// page's globals are declared here, loosely, for those bodies only.
declare const document: { documentElement: { dataset: Record<string, string | undefined> } };
declare const window: object;

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(ROOT, 'tests/artifacts/screenshots');

let built: Promise<string> | null = null;

/** `vite build` of renderer/ into a temporary folder, once per process. */
export function buildRenderer(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'nunchi-renderer-'));
    await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static file server for the built app on 127.0.0.1 (the Electron shell uses app:// instead). */
export async function serveStatic(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  // launch() gives every browser a fresh temporary profile (user-data dir).
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

const BRIDGE_SCRIPT = `(() => {
  const listeners = new Set();
  const bridge = {
    async call(method, params) {
      const reply = await window.__nunchiCall(method, params);
      if (reply.ok) return reply.result;
      const error = new Error(reply.error.code);
      error.apiError = reply.error;
      throw error;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(window, 'nunchi', { value: Object.freeze(bridge) });
  Object.defineProperty(window, '__nunchiEmit', {
    value: (event) => { for (const listener of listeners) listener(event); },
  });
})();`;

export interface AppHarness {
  engine: Engine;
  table: HandlerTable;
  feeds: FeedServer;
  page: Page;
  context: BrowserContext;
  dataDir: string;
  /** Every URL the page requested. */
  requests: string[];
  /** URLs handed to openExternal. */
  opened: string[];
  /** Console errors and uncaught page errors. */
  pageErrors: string[];
  /** Reloads the app page. */
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  browser: Browser;
  routes?: Record<string, Route>;
  /** Catalog entries; `path` is served by the feed server. */
  catalog?: Array<Omit<CatalogFeed, 'url' | 'siteUrl'> & { path: string }>;
  /** Runs against the engine before the page opens (seeding). */
  seed?: (engine: Engine) => void | Promise<void>;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** The engine's clock (default: the real one): a test's articles are dated relative to it. */
  now?: () => number;
  /** The article-page client's manners (full-text monitoring): a test shortens the gap between requests. */
  pageClient?: PageClientTuning;
  /** More engine options, given the feed server (news search pointed at it: searchBaseUrls). */
  engineOptions?: (feeds: FeedServer) => Partial<EngineOptions>;
}

export async function startApp(options: HarnessOptions): Promise<AppHarness> {
  const dist = await buildRenderer();
  const site = await serveStatic(dist);
  const feeds = await startFeedServer(options.routes ?? {});
  const dataDir = mkdtempSync(join(tmpdir(), 'nunchi-e2e-'));
  const engine = new Engine({
    databasePath: join(dataDir, 'nunchi.sqlite'),
    processing: 'in-process',
    now: options.now,
    pageClient: options.pageClient,
    ...options.engineOptions?.(feeds),
  });
  engine.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul', theme: 'system' });
  const opened: string[] = [];
  const catalog: CatalogFeed[] = (options.catalog ?? []).map(({ path, ...entry }) => ({
    ...entry,
    url: feeds.url(path),
    siteUrl: feeds.origin + '/',
  }));
  const table = createHandlers({ engine, dataDir, version: '0.1.0-e2e', catalog });
  // What the desktop shell would open: the engine announces approved links as 'links.open' events.
  engine.subscribe((event) => {
    if (event.name === 'links.open') opened.push(event.payload.url);
  });
  await options.seed?.(engine);

  const context = await options.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.exposeBinding('__nunchiCall', (_source, method: string, params: unknown) => callHandler(table, method, params));
  await page.addInitScript(BRIDGE_SCRIPT);
  const unsubscribe = engine.subscribe((event: EngineEvent) => {
    page.evaluate((e) => (window as unknown as { __nunchiEmit?: (e: unknown) => void }).__nunchiEmit?.(e), event).catch(() => undefined);
  });

  const harness: AppHarness = {
    engine,
    table,
    feeds,
    page,
    context,
    dataDir,
    requests,
    opened,
    pageErrors,
    async open() {
      await page.goto(`${site.origin}/index.html`);
      await page.locator('nav.sidebar').waitFor();
    },
    async close() {
      unsubscribe();
      await context.close();
      await engine.close();
      await feeds.close();
      await site.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await harness.open();
  return harness;
}

/** Screenshots of the current view in light and dark (theme 'system' follows the emulated scheme). */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-ko-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

import type { ApiMethod, ApiParams } from '../../shared/api';
import { formatMessage, message } from '../../shared/messages';
import { parseQuery, printQuery } from '../../shared/query';
import type { Engine } from '../engine';
import { FEED_CATALOG, type CatalogFeed } from '../feeds/catalog';
import { asFeedError, FeedError } from '../feeds/feed-error';
import { fetchFeed } from '../feeds/fetch';
import { toSafeHttpUrl } from '../feeds/urls';
import { logFolder } from '../host/log-files';
import { ApiFailure, toApiError } from './errors';
import { runHandler, type ApiResponse, type HandlerTable } from './handler-table';
import { createReadHandlers, watchlistsWithCounts } from './read-handlers';
import { articleView, summarize } from './views';

export type { HandlerTable, Parsed } from './handler-table';

export interface HandlerContext {
  engine: Engine;
  /** Where the app keeps its data (shown in Settings). */
  dataDir: string;
  version: string;
  /** The catalog of built-in feeds (tests point it at a local server). */
  catalog?: readonly CatalogFeed[];
  /** Opens a folder in the system's file manager (the desktop shell); resolves whether it did. */
  openPath?: (path: string) => boolean | Promise<boolean>;
}

/**
 * The API as one table: `{ "alerts.list": fn, … }`, typed from shared/api.ts. The Electron shell
 * registers it on ipcMain, the end-to-end tests bind it into Chromium, the CLI calls it.
 */
export function createHandlers(ctx: HandlerContext): HandlerTable {
  const { engine } = ctx;
  const catalog = ctx.catalog ?? FEED_CATALOG;
  const oneWatchlist = (id: number) => {
    const found = watchlistsWithCounts(engine).find((w) => w.id === id);
    if (!found) throw new ApiFailure('api.not_found', `watchlist ${id}`);
    return found;
  };
  const catalogEntries = () => {
    const feeds = engine.feeds.list();
    return catalog.map((entry) => {
      const feed = feeds.find((f) => f.catalogId === entry.id || f.url === entry.url);
      return { ...entry, feedId: feed?.id ?? null, enabled: !!feed?.enabled };
    });
  };
  const feedOrFail = (id: number) => {
    const feed = engine.feeds.get(id);
    if (!feed) throw new ApiFailure('api.not_found', `feed ${id}`);
    return feed;
  };
  const validQuery = (query: string) => {
    const parsed = parseQuery(query);
    // The detail is for the log, which is kept in English.
    if (!parsed.ok) throw new ApiFailure('api.invalid_query', formatMessage('en', parsed.error));
  };

  return {
    ...createReadHandlers(engine),
    'app.info': () => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      databasePath: engine.databasePath,
      platform: process.platform,
      systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    }),
    'app.openLogFolder': async () => {
      const path = logFolder(ctx.dataDir);
      return { opened: (await ctx.openPath?.(path)) ?? false, path };
    },
    'settings.set': (patch) => engine.settings.update(patch),

    'feeds.catalog': () => catalogEntries(),
    'feeds.setCatalogEnabled': ({ id, enabled }) => {
      const entry = catalog.find((c) => c.id === id);
      if (!entry) throw new ApiFailure('api.not_found', `catalog entry ${id}`);
      const existing = engine.feeds.list().find((f) => f.catalogId === id || f.url === entry.url);
      if (existing) engine.feeds.update(existing.id, { enabled });
      else if (enabled) engine.feeds.add({ url: entry.url, title: entry.name, siteUrl: entry.siteUrl, catalogId: entry.id, folder: [] });
      return catalogEntries();
    },
    'feeds.check': async ({ url }) => {
      try {
        const fetched = await fetchFeed(url, { userAgent: engine.settings.get('userAgent') ?? undefined });
        if (fetched.kind !== 'ok') throw new FeedError('error.http_unexpected_status', '304 without a cached copy');
        const { processFeedDocument } = await import('../feeds/pipeline');
        const feed = await processFeedDocument({ body: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl });
        return {
          ok: true as const,
          url: fetched.finalUrl,
          title: feed.title,
          format: feed.format,
          encoding: feed.encoding,
          itemCount: feed.items.length,
        };
      } catch (error) {
        const failure = asFeedError(error);
        return { ok: false as const, code: failure.code, message: failure.userFacing, detail: failure.detail };
      }
    },
    'feeds.add': ({ url, folder, title, fullText }) => {
      const safe = toSafeHttpUrl(url, null);
      if (!safe) throw new FeedError('error.unsupported_scheme', url);
      return engine.feeds.add({ url: safe, folder, customTitle: title, fullText });
    },
    'feeds.update': ({ id, ...patch }) => {
      feedOrFail(id);
      return engine.feeds.update(id, patch)!;
    },
    'feeds.remove': ({ id }) => {
      feedOrFail(id);
      engine.feeds.remove(id);
      return { ok: true as const };
    },
    'feeds.importOpml': async ({ text }) => {
      // Parsers load with the command that needs them (a read command's start-up stays small).
      const { parseOpmlDocument } = await import('../feeds/opml');
      const { feeds: outlines, skipped } = parseOpmlDocument(text);
      const result = engine.feeds.addMany(
        outlines.map((o) => ({ url: o.url, title: o.title, siteUrl: o.siteUrl, folder: o.folder, fullText: o.fullText })),
      );
      const rejected = skipped.map((s) => ({ url: s.url, title: s.title, code: s.code, message: message(s.code) }));
      return { ...result, rejected };
    },
    // The desktop shell answers these with native dialogs (main/electron/shell-methods.ts).
    'feeds.exportOpmlFile': () => ({ handled: false, path: null }),
    'feeds.importOpmlFile': () => ({ handled: false, path: null, imported: null }),
    'feeds.exportOpml': async () => ({
      text: (await import('../feeds/opml')).exportOpml(
        engine.feeds.list().map((f) => ({ url: f.url, title: f.displayTitle, siteUrl: f.siteUrl, folder: f.folder, fullText: f.fullText })),
        { title: 'Nunchi' },
      ),
    }),
    'feeds.pollNow': async ({ id }) => {
      const summary = await engine.poll(id ? { feedIds: [feedOrFail(id).id] } : { all: true });
      const searches = summary.searches;
      return {
        polled: summary.results.length + searches.length,
        inserted: summary.inserted + searches.reduce((n, s) => n + s.inserted, 0),
        failed: summary.failed + searches.filter((s) => s.status === 'error').length,
        newAlerts: summary.newAlerts,
      };
    },

    'newsSearch.status': () => engine.searchStatus(),
    // The desktop shell answers this one itself (safeStorage); elsewhere (the end-to-end tests,
    // a headless host) the keys live in the engine's memory only.
    'newsSearch.setNaverKeys': ({ keys }) => {
      engine.setNaverKeys(keys);
      return engine.searchStatus();
    },

    'watchlists.create': (input) => {
      validQuery(input.query);
      return oneWatchlist(engine.watchlists.create(input).id);
    },
    'watchlists.update': ({ id, ...patch }) => {
      if (patch.query !== undefined) validQuery(patch.query);
      if (!engine.watchlists.update(id, patch)) throw new ApiFailure('api.not_found', `watchlist ${id}`);
      return oneWatchlist(id);
    },
    'watchlists.remove': ({ id, alerts }) => {
      if (!engine.watchlists.remove(id, alerts)) throw new ApiFailure('api.not_found', `watchlist ${id}`);
      return { ok: true as const };
    },
    'watchlists.validate': ({ query }) => {
      const parsed = parseQuery(query);
      return parsed.ok ? { ok: true as const, normalized: printQuery(parsed.query) } : { ok: false as const, error: parsed.error };
    },
    'watchlists.preview': async ({ query, muteTerms, feedScope, limit }) => {
      const result = await engine.preview({ query, muteTerms, feedScope, limit });
      if (!result.ok) return result;
      return {
        ok: true as const,
        count: result.count,
        tookMs: result.tookMs,
        items: result.items.map((i) => summarize(i.article, i.spans)),
      };
    },

    'alerts.setRead': ({ storyIds, read }) => {
      engine.inbox.setRead(storyIds, read);
      return { ok: true as const };
    },
    'alerts.setStarred': ({ storyId, starred }) => {
      engine.inbox.setStarred(storyId, starred);
      return { ok: true as const };
    },
    'alerts.muteStory': ({ storyId, muted }) => {
      engine.inbox.setMuted(storyId, muted);
      return { ok: true as const };
    },
    'alerts.delete': ({ storyIds }) => ({ deleted: engine.inbox.deleteStories(storyIds) }),
    'alerts.markAllRead': ({ watchlistId }) => ({ changed: engine.inbox.markAllRead(watchlistId) }),

    'articles.get': ({ id }) => {
      const view = engine.inbox.article(id);
      if (!view) throw new ApiFailure('api.not_found', `article ${id}`);
      // Opening an article fetches its page if it still wants one (an old article's, a retry's).
      if (view.page && (view.page.state === 'on-open' || view.page.state === 'pending')) engine.articleOpened(id);
      return articleView(view);
    },
    // The engine decides whether a link may leave the app (http(s) only) and announces it as a
    // 'links.open' event; the desktop shell opens it, after its own policy again.
    'articles.openOriginal': ({ id }) => {
      const article = engine.inbox.articleRecord(id);
      if (!article) throw new ApiFailure('api.not_found', `article ${id}`);
      return engine.openLink(article.link);
    },
    'links.openExternal': ({ url }) => engine.openLink(url),
  };
}

/**
 * The contract's schemas and zod, loaded by the first call that validates: together they are a
 * tenth of a second of start-up, which a CLI read command never needs (issue 14, callTrusted).
 */
let contract: Promise<[typeof import('../../shared/api'), typeof import('zod')]> | null = null;
let loaded: [typeof import('../../shared/api'), typeof import('zod')] | null = null;
const loadContract = async () => (loaded ??= await (contract ??= Promise.all([import('../../shared/api'), import('zod')])));

/**
 * Calls one method: validates params with the contract's zod schema, runs the handler, and turns
 * any failure into an ApiError (a message key with words in Korean and English).
 */
export async function callHandler(table: HandlerTable, method: string, params: unknown): Promise<ApiResponse> {
  // Once loaded, the handler starts in the caller's tick, as it always did (a CLI event listener
  // reads the alerts a poll just stored before the command closes the database).
  const [{ API }, { z }] = loaded ?? (await loadContract());
  if (!Object.hasOwn(API, method)) return { ok: false, error: toApiError(new ApiFailure('api.unknown_method', method)) };
  const m = method as ApiMethod;
  const parsed = API[m].params.safeParse(params ?? {});
  if (!parsed.success) return { ok: false, error: toApiError(new ApiFailure('api.invalid_params', z.prettifyError(parsed.error))) };
  return runHandler(table, m, parsed.data);
}

export type { ApiParams };

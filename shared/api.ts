/**
 * The API contract between the React app and the engine: one table of methods, each with a zod
 * schema for its params and its result. The engine's handler table (main/api/handlers.ts) is
 * typed from it and validates params at the boundary; the Electron shell registers the same
 * table on ipcMain, the end-to-end tests bind it into Chromium, the renderer's client is typed
 * from it. Pure TypeScript + zod: no Node, no DOM.
 */
import { z } from 'zod';
import { SEARCH_ENGINES } from './types';

const id = z.number().int().positive();
const timestamp = z.number();
export const FullTextModeSchema = z.enum(['auto', 'always', 'never']);

export const LocaleSchema = z.enum(['ko', 'en']);

export const SpanSchema = z.object({ field: z.enum(['title', 'text', 'body']), start: z.number().int(), end: z.number().int() });

/** Limits on what a caller may send: big enough for any real use, small enough that nothing can flood the engine. */
export const LIMITS = {
  folderName: 100,
  folderDepth: 10,
  scopeFeeds: 10_000,
  scopeFolders: 1_000,
  muteTerms: 100,
  muteTerm: 100,
  catalogId: 100,
  userAgent: 500,
} as const;

const folderPath = z.array(z.string().max(LIMITS.folderName)).max(LIMITS.folderDepth);

export const FeedScopeSchema = z.object({
  feedIds: z.array(id).max(LIMITS.scopeFeeds),
  folders: z.array(folderPath).max(LIMITS.scopeFolders),
});

/** An IANA zone name the runtime knows ("Asia/Seoul", "UTC"); "Mars/Olympus" is refused. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'unknown time zone (use an IANA name such as Asia/Seoul)' },
  );

/** `HH:MM` on a 24-hour clock, 00:00–23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time of day as HH:MM, 00:00–23:59' });

/** Sent as an HTTP header: printable ASCII only (a CR/LF would break, or inject into, every request). */
const userAgent = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.userAgent)
  .regex(/^[\x20-\x7e]+$/, { message: 'printable ASCII only (no line breaks or other control characters)' });

/** An http(s) address without credentials, as the search clients accept it. */
const searchBaseUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/@]+(\/[^\s]*)?$/i, { message: 'an http(s) address, without user name or password' });

const muteTerms = z.array(z.string().trim().min(1).max(LIMITS.muteTerm)).max(LIMITS.muteTerms);

export const SettingsSchema = z.object({
  locale: LocaleSchema,
  theme: z.enum(['light', 'dark', 'system']),
  userAgent: userAgent.nullable(),
  retentionDays: z.number().int().min(1).max(3650),
  quietHours: z.object({ start: clockTime, end: clockTime }).nullable(),
  timeZone: TimeZoneSchema,
  batchThreshold: z.number().int().min(1).max(100),
  maxNotificationsPerMinute: z.number().int().min(1).max(60),
  startAtLogin: z.boolean(),
  notificationsPausedUntil: timestamp.nullable(),
  /**
   * Load remote images when an article is opened. Off by default: an image from the article's
   * HTML tells its host (often a tracking pixel) who read what, and when.
   */
  remoteImages: z.boolean(),
  /**
   * The news-search engines' base URLs (issue 12); null: the public services. The environment's
   * NUNCHI_SEARCH_GOOGLE_URL / NUNCHI_SEARCH_NAVER_URL override them (tests, a proxy in front).
   */
  searchGoogleUrl: searchBaseUrl.nullable(),
  searchNaverUrl: searchBaseUrl.nullable(),
});
export type AppSettings = z.infer<typeof SettingsSchema>;

export const FeedSchema = z.object({
  id,
  url: z.string(),
  displayTitle: z.string(),
  title: z.string().nullable(),
  customTitle: z.string().nullable(),
  siteUrl: z.string().nullable(),
  folder: z.array(z.string()),
  catalogId: z.string().nullable(),
  enabled: z.boolean(),
  intervalMinutes: z.number().int(),
  /** Full-text monitoring (issue 11): fetch each article's page when the items are summaries, always, or never. */
  fullText: FullTextModeSchema,
  format: z.enum(['rss', 'rdf', 'atom', 'json']).nullable(),
  encoding: z.string().nullable(),
  ttlMinutes: z.number().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastFetchedAt: timestamp.nullable(),
  lastSuccessAt: timestamp.nullable(),
  lastStatus: z.enum(['ok', 'not-modified', 'error']).nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorDetail: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  nextDueAt: timestamp,
  createdAt: timestamp,
  articleCount: z.number().int(),
});

export const CatalogEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  url: z.string(),
  siteUrl: z.string(),
  category: z.string(),
  /** The followed feed for this entry, when the user enabled it. */
  feedId: id.nullable(),
  enabled: z.boolean(),
});

export const WatchlistSchema = z.object({
  id,
  name: z.string(),
  color: z.string(),
  query: z.string(),
  enabled: z.boolean(),
  notify: z.boolean(),
  feedScope: FeedScopeSchema.nullable(),
  muteTerms: z.array(z.string()),
  revision: z.number().int(),
  backfilling: z.boolean(),
  /** The news-search engines it also watches (issue 12). */
  searchSources: z.array(z.enum(SEARCH_ENGINES)),
  createdAt: timestamp,
  updatedAt: timestamp,
  counts: z.object({ today: z.number().int(), week: z.number().int(), total: z.number().int() }),
});

export const WatchlistInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  query: z.string().trim().min(1).max(2000),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  enabled: z.boolean().optional(),
  notify: z.boolean().optional(),
  feedScope: FeedScopeSchema.nullable().optional(),
  muteTerms: muteTerms.optional(),
  searchSources: z.array(z.enum(SEARCH_ENGINES)).max(SEARCH_ENGINES.length).optional(),
});

/**
 * A user-facing sentence as data (shared/messages): the key into the ko/en catalogues and its
 * arguments. The side that shows it puts it into words in the user's language.
 */
interface MessageData {
  key: string;
  args?: Record<string, string | number | MessageData>;
}
const messageFields = {
  key: z.string(),
  args: z.record(z.string(), z.union([z.string(), z.number(), z.lazy((): z.ZodType<MessageData> => MessageSchema)])).optional(),
};
export const MessageSchema: z.ZodType<MessageData> = z.object(messageFields);

/** A watchlist's search on one engine with its health: the error as a message, not yet in words. */
export const SearchSourceSchema = z.object({
  watchlistId: id,
  watchlistName: z.string(),
  engine: z.enum(SEARCH_ENGINES),
  enabled: z.boolean(),
  nextDueAt: timestamp,
  consecutiveFailures: z.number().int(),
  lastPolledAt: timestamp.nullable(),
  lastSuccessAt: timestamp.nullable(),
  lastErrorCode: z.string().nullable(),
  /** The last error as a message (its words in the user's language), null when the last poll worked. */
  lastError: MessageSchema.nullable(),
  lastErrorDetail: z.string().nullable(),
  lastFound: z.number().int(),
});

/** The Naver API keys: whether they are set (never the keys themselves), and today's quota use. */
export const SearchStatusSchema = z.object({
  naverKeys: z.enum(['set', 'missing']),
  naverQuota: z.object({ day: z.string(), used: z.number().int(), limit: z.number().int() }),
});

/** A query error is a message with the place it points at. */
export const QueryErrorSchema = z.object({
  ...messageFields,
  column: z.number().int(),
  length: z.number().int(),
});

/** An article as lists show it: no body HTML, a snippet around the first match instead. */
export const ArticleSummarySchema = z.object({
  id,
  feedId: id.nullable(),
  sourceTitle: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  sortAt: timestamp,
  publishedAt: timestamp.nullable(),
  snippet: z.string(),
  /** Spans in `title`, and in `snippet` (field 'text', offsets into the snippet). */
  spans: z.array(SpanSchema),
});

export const AlertStorySchema = z.object({
  storyId: id,
  /** The alert the row opens: the earliest article of the story that matched. */
  alertId: id,
  article: ArticleSummarySchema,
  watchlists: z.array(z.object({ id: id.nullable(), name: z.string(), color: z.string() })),
  outlets: z.number().int(),
  unread: z.boolean(),
  starred: z.boolean(),
  muted: z.boolean(),
  createdAt: timestamp,
});

export const ArticleViewSchema = z.object({
  id,
  feedId: id.nullable(),
  storyId: id,
  sourceTitle: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  link: z.string().nullable(),
  publishedAt: timestamp.nullable(),
  firstSeenAt: timestamp,
  sortAt: timestamp,
  html: z.string(),
  text: z.string(),
  matches: z.array(z.object({ alertId: id, watchlistId: id.nullable(), name: z.string(), color: z.string(), spans: z.array(SpanSchema) })),
  otherOutlets: z.array(z.object({ id, sourceTitle: z.string(), title: z.string(), link: z.string().nullable(), sortAt: timestamp })),
  unread: z.boolean(),
  starred: z.boolean(),
  /**
   * The article's own page (full-text monitoring), when it wants one: 'extracted' with its body
   * (`html` sanitized like feed HTML, `text` the plain body that 'body' spans point into), or why
   * there is none yet ('pending': being fetched; 'on-open': older than 48 h, fetched now that it
   * is open) or at all ('failed', with the reason in words). Null: the feed carries the article.
   */
  page: z
    .object({
      state: z.enum(['pending', 'on-open', 'extracted', 'failed']),
      url: z.string().nullable(),
      html: z.string().nullable(),
      text: z.string().nullable(),
      reason: MessageSchema.nullable(),
      detail: z.string().nullable(),
      fetchedAt: timestamp.nullable(),
    })
    .nullable(),
});

export const PollResultSchema = z.object({
  polled: z.number().int(),
  inserted: z.number().int(),
  failed: z.number().int(),
  newAlerts: z.number().int(),
});

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** Every method the renderer can call. */
export const API = {
  'app.info': {
    params: empty,
    result: z.object({
      version: z.string(),
      dataDir: z.string(),
      databasePath: z.string(),
      platform: z.string(),
      systemLocale: z.string(),
    }),
  },
  /**
   * Opens the folder of the desktop app's log files in the system's file manager (Settings). The
   * desktop shell answers it; elsewhere `opened` is false and `path` says where the folder would be.
   */
  'app.openLogFolder': { params: empty, result: z.object({ opened: z.boolean(), path: z.string() }) },
  'settings.get': { params: empty, result: SettingsSchema },
  'settings.set': { params: SettingsSchema.partial(), result: SettingsSchema },

  'feeds.list': { params: empty, result: z.array(FeedSchema) },
  'feeds.catalog': { params: empty, result: z.array(CatalogEntrySchema) },
  'feeds.setCatalogEnabled': {
    params: z.object({ id: z.string().max(LIMITS.catalogId), enabled: z.boolean() }),
    result: z.array(CatalogEntrySchema),
  },
  'feeds.check': {
    params: z.object({ url: z.string().trim().min(1).max(2000) }),
    result: z.union([
      z.object({
        ok: z.literal(true),
        url: z.string(),
        title: z.string(),
        format: z.string(),
        encoding: z.string(),
        itemCount: z.number().int(),
      }),
      z.object({ ok: z.literal(false), code: z.string(), message: MessageSchema, detail: z.string() }),
    ]),
  },
  'feeds.add': {
    params: z.object({
      url: z.string().trim().min(1).max(2000),
      folder: folderPath.optional(),
      title: z.string().max(200).optional(),
      fullText: FullTextModeSchema.optional(),
    }),
    result: FeedSchema,
  },
  'feeds.update': {
    params: z.object({
      id,
      customTitle: z.string().max(200).nullable().optional(),
      folder: folderPath.optional(),
      enabled: z.boolean().optional(),
      intervalMinutes: z.number().int().min(2).max(1440).optional(),
      fullText: FullTextModeSchema.optional(),
    }),
    result: FeedSchema,
  },
  'feeds.remove': { params: z.object({ id }), result: ok },
  'feeds.importOpml': {
    params: z.object({ text: z.string().max(5_000_000) }),
    result: z.object({
      added: z.number().int(),
      /** Feeds of the file already followed. */
      skipped: z.number().int(),
      /** Outlines that could not be imported, with why (code: a feed error key; message: the same, as a message to word). */
      rejected: z.array(z.object({ url: z.string(), title: z.string().nullable(), code: z.string(), message: MessageSchema })),
    }),
  },
  'feeds.exportOpml': { params: empty, result: z.object({ text: z.string() }) },
  /**
   * OPML through the desktop's native dialogs: the shell asks where to save (or which file to open)
   * and writes (or reads and imports) the file itself — the window cannot download, and a path is
   * never handed to the page. Elsewhere (the CLI's table, the browser tests) `handled` is false and
   * the page uses feeds.exportOpml / feeds.importOpml with the browser's own file handling.
   * Cancelled: handled true, path / imported null.
   */
  'feeds.exportOpmlFile': { params: empty, result: z.object({ handled: z.boolean(), path: z.string().nullable() }) },
  'feeds.importOpmlFile': {
    params: empty,
    result: z.object({
      handled: z.boolean(),
      path: z.string().nullable(),
      imported: z
        .object({
          added: z.number().int(),
          skipped: z.number().int(),
          rejected: z.array(z.object({ url: z.string(), title: z.string().nullable(), code: z.string(), message: MessageSchema })),
        })
        .nullable(),
    }),
  },
  'feeds.pollNow': { params: z.object({ id: id.optional() }), result: PollResultSchema },

  /** Every watchlist's news-search sources with their health (Feeds and Watchlists views). */
  'newsSearch.sources': { params: empty, result: z.array(SearchSourceSchema) },
  'newsSearch.status': { params: empty, result: SearchStatusSchema },
  /**
   * The user's Naver Client ID and Secret (null: forget them). In the desktop app the shell keeps
   * them encrypted with safeStorage (the OS keychain) and hands them to the engine in memory; they
   * never reach the database or a log.
   */
  'newsSearch.setNaverKeys': {
    params: z.object({
      keys: z.object({ clientId: z.string().trim().min(1).max(200), clientSecret: z.string().trim().min(1).max(200) }).nullable(),
    }),
    result: SearchStatusSchema,
  },

  'watchlists.list': { params: empty, result: z.array(WatchlistSchema) },
  'watchlists.create': { params: WatchlistInputSchema, result: WatchlistSchema },
  'watchlists.update': { params: WatchlistInputSchema.partial().extend({ id }), result: WatchlistSchema },
  'watchlists.remove': { params: z.object({ id, alerts: z.enum(['keep', 'delete']) }), result: ok },
  'watchlists.validate': {
    params: z.object({ query: z.string().max(5000) }),
    result: z.union([
      z.object({ ok: z.literal(true), normalized: z.string() }),
      z.object({ ok: z.literal(false), error: QueryErrorSchema }),
    ]),
  },
  'watchlists.preview': {
    params: z.object({
      query: z.string().max(5000),
      muteTerms: muteTerms.optional(),
      feedScope: FeedScopeSchema.nullable().optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    result: z.union([
      z.object({ ok: z.literal(true), count: z.number().int(), items: z.array(ArticleSummarySchema), tookMs: z.number() }),
      z.object({ ok: z.literal(false), error: QueryErrorSchema }),
    ]),
  },

  'alerts.list': {
    params: z.object({
      filter: z.enum(['unread', 'starred', 'all']).default('all'),
      watchlistId: id.optional(),
      /** A day (YYYY-MM-DD, in the user's time zone), from the trends chart. */
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ total: z.number().int(), unreadTotal: z.number().int(), stories: z.array(AlertStorySchema) }),
  },
  'alerts.setRead': { params: z.object({ storyIds: z.array(id).max(10_000), read: z.boolean() }), result: ok },
  'alerts.setStarred': { params: z.object({ storyId: id, starred: z.boolean() }), result: ok },
  'alerts.muteStory': { params: z.object({ storyId: id, muted: z.boolean() }), result: ok },
  /** Alerts stay until the user deletes them: this deletes every alert of the given stories. */
  'alerts.delete': { params: z.object({ storyIds: z.array(id).min(1).max(10_000) }), result: z.object({ deleted: z.number().int() }) },
  'alerts.markAllRead': { params: z.object({ watchlistId: id.optional() }), result: z.object({ changed: z.number().int() }) },

  'articles.get': { params: z.object({ id }), result: ArticleViewSchema },
  'articles.openOriginal': {
    params: z.object({ id }),
    result: z.union([z.object({ ok: z.literal(true), url: z.string() }), z.object({ ok: z.literal(false), reason: z.string() })]),
  },
  /** A link inside an article the user clicked: opened in the system browser when it is http(s). */
  'links.openExternal': {
    params: z.object({ url: z.string().max(8192) }),
    result: z.union([z.object({ ok: z.literal(true), url: z.string() }), z.object({ ok: z.literal(false), reason: z.string() })]),
  },

  'search.query': {
    params: z.object({
      query: z.string().max(1000),
      sort: z.enum(['relevance', 'date']).default('relevance'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    result: z.object({ total: z.number().int(), items: z.array(ArticleSummarySchema) }),
  },

  'trends.daily': {
    params: z.object({ days: z.number().int().min(7).max(365).default(30) }),
    result: z.array(
      z.object({
        watchlistId: id,
        name: z.string(),
        color: z.string(),
        days: z.array(z.object({ day: z.string(), count: z.number().int(), spike: z.boolean() })),
      }),
    ),
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiParams<M extends ApiMethod> = z.input<(typeof API)[M]['params']>;
export type ApiResult<M extends ApiMethod> = z.infer<(typeof API)[M]['result']>;

/** Push events from the engine: one subscription channel, not ad-hoc messages. */
export const EVENTS = {
  'alerts.new': z.object({ count: z.number().int(), storyIds: z.array(id) }),
  /** An article's own page was fetched (or failed): an open article view reloads it. */
  'articles.page': z.object({ articleId: id }),
  'feeds.changed': z.object({ feedIds: z.array(id) }),
  'poll.progress': z.object({ done: z.number().int(), total: z.number().int(), running: z.boolean() }),
  'watchlists.changed': z.object({ ids: z.array(id) }),
  'navigate.article': z.object({ articleId: id }),
  /**
   * From the desktop shell: whether monitoring runs. 'restarting' after the engine died (it is
   * started again shortly), 'stopped' when it could not be restarted — the window shows a banner
   * with the reason until it runs again.
   */
  'monitor.status': z.object({
    state: z.enum(['running', 'restarting', 'stopped']),
    reason: MessageSchema.nullable(),
  }),
  /**
   * From the engine, on change: whether it polls this database, or which other monitor does
   * (another `nunchi run`, `nunchi poll` or the app; process, host, since when) while it waits
   * to take over (main/engine/monitor-lease.ts).
   */
  'monitor.poller': z.object({
    polling: z.boolean(),
    holder: z.object({ kind: z.enum(['app', 'run', 'poll']), pid: z.number().int(), host: z.string(), since: z.number() }).nullable(),
  }),
  /** A news search was polled (its health or results changed): the Feeds and Watchlists views reload them. */
  'searchSources.changed': z.object({}),
  /** The user read, starred, muted or deleted stories (null: any number of them, e.g. "mark all read"). */
  'alerts.changed': z.object({ storyIds: z.array(id).nullable() }),
  /** Settings were changed (`changed`: the keys written); the shell applies the login item and the tray. */
  'settings.changed': z.object({ settings: SettingsSchema, changed: z.array(SettingsSchema.keyof()) }),
  /** The engine approved an http(s) link for the system browser; the shell opens it (after its own policy). */
  'links.open': z.object({ url: z.string() }),
} as const;
export type EngineEventName = keyof typeof EVENTS;
export type EngineEvent = { [K in EngineEventName]: { name: K; payload: z.infer<(typeof EVENTS)[K]> } }[EngineEventName];

/** What the renderer sees on `window.nunchi` (the preload exposes exactly this). */
export interface NunchiBridge {
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  /** Subscribe to engine events; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
}

/** Errors cross the boundary as data: a code, the message for the user, the technical detail. */
export const ApiErrorSchema = z.object({ code: z.string(), message: MessageSchema, detail: z.string().optional() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

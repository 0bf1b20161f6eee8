/**
 * The engine: owns the database and puts together the parts that do the work, each in
 * main/engine/ with one job — feed polling, watchlist matching, background work, notifications,
 * and the feeds, watchlists, inbox and settings the API changes. Runs in a worker thread in the
 * desktop app and in-process in the CLI and tests. Never imports electron. Everything
 * user-visible goes through the API handler table (main/api/handlers.ts); what the desktop shell
 * must do (open a link, apply a setting) comes as a typed event on the subscription channel.
 */
import type { EngineEvent } from '../shared/api';
import type { FetchOptions } from './feeds/fetch';
import { inProcessFeedProcessor, PipelinePool, type FeedProcessor } from './feeds/pipeline-pool';
import type { PageExtractor } from './pages/extract';
import { toSafeHttpUrl } from './feeds/urls';
import type { Notifier } from './alerts/notifier';
import { AlertStore } from './store/alerts';
import { ArticlePageStore } from './store/article-pages';
import { ArticleStore, storyIndexFromDatabase } from './store/articles';
import { ChangeStamp } from './store/change-stamp';
import { checkpoint, databaseInfo, openDatabase, type Db } from './store/database';
import { FeedStore } from './store/feeds';
import { InboxReads } from './store/inbox-reads';
import { MonitorLeaseStore, type LeaseHolder, type MonitorKind } from './store/monitor-lease';
import { NotificationOutbox } from './store/outbox';
import { SettingsStore } from './store/settings';
import { WatchlistStore } from './store/watchlists';
import { SearchSourceStore } from './store/search-sources';
import { searchBaseUrls, type NaverKeys } from './search/config';
import { BackgroundWork, type BackgroundJob } from './engine/background';
import { EngineEvents } from './engine/events';
import { FeedPolling, type EnginePollSummary as BasePollSummary, type PollRequest } from './engine/feed-polling';
import { Feeds } from './engine/feeds';
import { FullTextPages, type PageClientTuning } from './engine/full-text';
import { Inbox } from './engine/inbox';
import { exposeInternals } from './engine/internals';
import { checkpointJob, retentionJob, searchIndexJob } from './engine/maintenance';
import { WatchlistMatching, type PreviewInput, type PreviewResult } from './engine/matching';
import { MonitorLease, processExists } from './engine/monitor-lease';
import { Notifications } from './engine/notifications';
import { SearchPolling } from './engine/search-polling';
import { Settings } from './engine/settings';
import { Watchlists } from './engine/watchlists';
import { logger } from './logger';

const log = logger('engine');

export type { LeaseHolder, MonitorKind } from './store/monitor-lease';

/** A poll's outcome; `otherPoller` when another monitor holds this database's lease and nothing was polled. */
export type EnginePollSummary = BasePollSummary & { otherPoller?: LeaseHolder };
export type { PreviewItem } from './engine/matching';

export interface EngineOptions {
  databasePath: string;
  /** A better_sqlite3.node for another ABI (Electron run from source); see openDatabase. */
  nativeBinding?: string;
  /** Open the database for reading only (the CLI's read commands); no background work then. */
  readOnly?: boolean;
  /** The database lives in Nunchi's own data folder: keep that folder private (0700) too. */
  privateFolder?: boolean;
  /** How long a write waits for another process's write (default 10 s, see openDatabase). */
  busyTimeoutMs?: number;
  /** 'workers' (default): decode/parse/normalize in worker threads; 'in-process' for small tools. */
  processing?: 'workers' | 'in-process';
  /** Electron passes net.fetch so feeds follow the system proxy. */
  fetchImpl?: typeof fetch;
  fetchOverrides?: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal' | 'fetchImpl' | 'userAgent'>;
  /**
   * The user's Naver Search API keys (the CLI: NUNCHI_NAVER_CLIENT_ID / _SECRET; the desktop app
   * sets them later with setNaverKeys, from the OS keychain). Kept in memory only.
   */
  naverKeys?: NaverKeys | null;
  /** The news-search engines' base URLs (default: NUNCHI_SEARCH_GOOGLE_URL / NUNCHI_SEARCH_NAVER_URL, else the public services). */
  searchBaseUrls?: { google: string; naver: string };
  /** The article-page client's manners, for tests and the benchmark (a shorter gap between requests to one host). */
  pageClient?: PageClientTuning;
  now?: () => number;
  random?: () => number;
  /** Who polls, in words for another monitor on the same database: the app (default), `nunchi run`, `nunchi poll`. */
  monitorKind?: MonitorKind;
  /**
   * Start the background work (the search index's catch-up, retention, due pages) when the engine
   * opens (default true: the app and `nunchi run`). A one-shot command (`nunchi poll`) passes false:
   * its poll comes first, and the background round it wakes runs after it instead of beside it —
   * only when the poll stored something: a poll where every feed answered "not modified" ends
   * without a round (issue 14: the index batch was a sixth of such a poll). Its queues wait for the
   * next poll that brings news, or for the monitor.
   */
  backgroundAtStart?: boolean;
  /** A poller that has not renewed its lease for this long is gone (default 60 s; tests shorten it). */
  leaseTtlMs?: number;
  /**
   * Background jobs added after the built-in ones (tests: a job that throws must not stop the
   * engine). Each runs every round; an error is logged and the round goes on.
   */
  extraJobs?: readonly BackgroundJob[];
}

/** Only http(s) leaves the app for the system browser: never javascript:, file:, smb:, data:… */
export function externalUrlPolicy(raw: string | null): { ok: true; url: string } | { ok: false; reason: string } {
  if (!raw) return { ok: false, reason: 'no link' };
  const url = toSafeHttpUrl(raw.trim(), null);
  return url ? { ok: true, url } : { ok: false, reason: 'only http and https links can be opened' };
}

/**
 * The in-process page extractor, loaded when a page is first extracted: its DOM (linkedom,
 * Readability, css-select) is the heaviest import of all and most commands never extract a page.
 */
const lazyPageExtractor: PageExtractor = {
  extractPage: (doc) => import('./pages/extract').then((extract) => extract.inProcessPageExtractor.extractPage(doc)),
};

export class Engine {
  /** The feed list; a change keeps matching current by itself. */
  readonly feeds: Feeds;
  /** The watchlists; a change recompiles matching and applies the watchlist to stored articles. */
  readonly watchlists: Watchlists;
  /** Alert stories, articles, search: what the user reads and marks. */
  readonly inbox: Inbox;
  readonly settings: Settings;
  readonly now: () => number;
  /** Where the database lives (shown in Settings). */
  readonly databasePath: string;
  /** This engine made a new, empty database file (a typo in a path must not pass unnoticed). */
  readonly createdDatabase: boolean;

  private readonly db: Db;
  private readonly events = new EngineEvents();
  private readonly processor: FeedProcessor;
  private readonly matching: WatchlistMatching;
  private readonly polling: FeedPolling;
  private readonly background: BackgroundWork;
  private readonly notifications: Notifications;
  private readonly fullText: FullTextPages;
  private readonly searchSources: SearchSourceStore;
  private readonly searchPolling: SearchPolling;
  private naverKeys: NaverKeys | null;
  /** Null for a read-only engine, which never polls. */
  private readonly lease: MonitorLease | null;
  private readonly changes: ChangeStamp | null;
  private closing: Promise<void> | null = null;

  constructor(options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.db = openDatabase(options.databasePath, {
      nativeBinding: options.nativeBinding,
      readOnly: options.readOnly,
      privateFolder: options.privateFolder,
      busyTimeoutMs: options.busyTimeoutMs,
    });
    this.databasePath = this.db.name;
    this.createdDatabase = databaseInfo(this.db)?.created ?? false;
    const db = this.db;
    const feeds = new FeedStore(db);
    // The title index groups new articles into stories: a read-only engine stores none, so it skips reading it.
    const articles = new ArticleStore(db, options.readOnly ? undefined : () => storyIndexFromDatabase(db, this.now()));
    const watchlists = new WatchlistStore(db);
    const alerts = new AlertStore(db);
    const settings = new SettingsStore(db);
    const outbox = NotificationOutbox.of(db);
    const pages = new ArticlePageStore(db);
    exposeInternals(this, { db, feeds, articles, watchlists, alerts, settings, outbox, pages });

    const pool = options.processing === 'in-process' ? null : new PipelinePool();
    this.processor = pool ?? inProcessFeedProcessor;
    this.matching = new WatchlistMatching({ feeds, watchlists, alerts, articles }, this.now);
    this.settings = new Settings(settings, this.events);
    this.lease = options.readOnly
      ? null
      : new MonitorLease({
          store: new MonitorLeaseStore(db),
          kind: options.monitorKind ?? 'app',
          events: this.events,
          now: this.now,
          ttlMs: options.leaseTtlMs,
        });
    this.changes = options.readOnly ? null : new ChangeStamp(db);
    const me = this.lease?.identity;
    this.notifications = new Notifications({
      outbox,
      settings: () => settings.all(),
      now: this.now,
      claims: me
        ? {
            me,
            // A claim made by a process of this host that no longer exists (killed mid-show) is abandoned.
            gone: (claim) => claim.host === me.host && claim.pid !== me.pid && !processExists(claim.pid),
          }
        : undefined,
    });
    // The news-search engines' base URLs: the engine's option (tests), else the environment, else
    // the settings, else the public services.
    const baseUrls = () =>
      options.searchBaseUrls ??
      searchBaseUrls(process.env, { google: settings.get('searchGoogleUrl'), naver: settings.get('searchNaverUrl') });
    this.fullText = new FullTextPages({
      pages,
      articles,
      matching: this.matching,
      // Extraction in the pipeline workers, never on this thread (which answers the app).
      extractor: pool ?? lazyPageExtractor,
      events: this.events,
      now: this.now,
      fetchImpl: options.fetchImpl,
      // Through the same proxy as the feeds.
      dispatcher: options.fetchOverrides?.dispatcher,
      client: options.pageClient,
      searchBaseUrl: (engine) => baseUrls()[engine],
      alertsRaised: () => this.notifications.dispatch(),
      onError: (error) => log.error('article page failed; the article keeps its feed text', {}, error),
    });
    this.naverKeys = options.naverKeys ?? null;
    this.searchSources = new SearchSourceStore(db);
    this.searchPolling = new SearchPolling({
      sources: this.searchSources,
      articles,
      matching: this.matching,
      locale: () => settings.get('locale'),
      userAgent: () => settings.get('userAgent') ?? undefined,
      retentionDays: () => settings.get('retentionDays'),
      baseUrls,
      naverKeys: () => this.naverKeys,
      fetchImpl: options.fetchImpl,
      deadlineMs: options.fetchOverrides?.deadlineMs,
      now: this.now,
      random: options.random,
      articleStored: (article, engine, backlog) => this.fullText.searchArticleStored(article, engine, backlog, true),
    });
    this.polling = new FeedPolling({
      feeds,
      articles,
      matching: this.matching,
      processor: this.processor,
      events: this.events,
      locale: () => settings.get('locale'),
      userAgent: () => settings.get('userAgent') ?? undefined,
      retentionDays: () => settings.get('retentionDays'),
      fetchImpl: options.fetchImpl,
      fetchOverrides: options.fetchOverrides,
      now: this.now,
      random: options.random,
      articleStored: (article, feed, fetchPage) => this.fullText.articleStored(article, feed, fetchPage),
      pollSearches: (request) => this.searchPolling.poll(request),
      afterPoll: (stored) => {
        if (stored || options.backgroundAtStart !== false) this.background.wake();
        return this.notifications.dispatch();
      },
      checkpoint: () => {
        try {
          if (this.db.open) checkpoint(this.db, 'PASSIVE');
        } catch (error) {
          // Nothing lost: the log is folded in by the next checkpoint, or at close.
          log.warn('checkpoint during a poll failed', {}, error);
        }
      },
    });
    this.background = new BackgroundWork({
      poll: this.polling,
      onError: (job, error) => log.error('background job failed; it runs again next round', { job }, error),
    });
    // A read-only engine (the CLI's read commands) writes nothing: no backfill, pages, index, retention.
    if (!options.readOnly) {
      this.background
        .add(this.matching.backfillJob())
        .add(this.fullText.job())
        .add(searchIndexJob(db))
        .add(
          retentionJob({
            db,
            now: this.now,
            retentionDays: () => settings.get('retentionDays'),
            backfillPending: () => this.matching.backfillPending(),
          }),
        )
        .add(checkpointJob(db));
      for (const job of options.extraJobs ?? []) this.background.add(job);
    }

    this.feeds = new Feeds(feeds, () => this.matchingChanged(), this.now);
    this.watchlists = new Watchlists(
      watchlists,
      (ids) => {
        this.matchingChanged();
        if (ids.length) this.events.emit({ name: 'watchlists.changed', payload: { ids } });
      },
      this.now,
    );
    this.inbox = new Inbox({ db, reads: new InboxReads(db), alerts, articles }, this.events, this.now);
    if (options.backgroundAtStart !== false) this.background.wake();
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /** Watchlists or feed folders changed: recompile, and apply new watchlists to stored articles. */
  private matchingChanged(): void {
    this.matching.refresh();
    this.background.wake();
  }

  /**
   * Polls the due feeds (or all enabled feeds with `all`). One poll at a time: a second call
   * while one runs gets the running poll's result. One poller per database: when another monitor
   * (process) holds the lease, nothing is polled and the summary names it in `otherPoller`; a
   * later call takes over once that one is gone. Watchlists and feeds changed by another process
   * (`nunchi watch add` beside the app) are picked up first.
   */
  poll(request?: PollRequest): Promise<EnginePollSummary> {
    if (this.polling.running) return this.polling.poll(request);
    try {
      const lease = this.lease?.ensure();
      if (lease && !lease.polling) return Promise.resolve(nothingPolled(this.now(), lease.holder));
      if (this.changes?.changedElsewhere()) this.changedElsewhere();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.polling.poll(request);
  }

  /** Another process changed watchlists or feeds: match with them from now on, and tell the UI. */
  private changedElsewhere(): void {
    log.info('watchlists or feeds changed by another process; matching follows');
    this.matchingChanged();
    this.events.emit({ name: 'watchlists.changed', payload: { ids: this.watchlists.list().map((w) => w.id) } });
    this.events.emit({ name: 'feeds.changed', payload: { feedIds: this.feeds.list().map((f) => f.id) } });
  }

  /** Every watchlist's news-search sources with their health. */
  searchSourceList(): ReturnType<SearchSourceStore['list']> {
    return this.searchSources.list();
  }

  /** Whether Naver keys are set (never the keys), and today's Naver calls. */
  searchStatus(): { naverKeys: 'set' | 'missing'; naverQuota: { day: string; used: number; limit: number } } {
    const usage = this.searchPolling.naverUsage();
    return { naverKeys: this.naverKeys ? 'set' : 'missing', naverQuota: { day: usage.day, used: usage.used, limit: usage.limit } };
  }

  /**
   * The Naver keys to search with from now on (null: none). Held in memory only: the desktop
   * shell keeps them in the OS keychain, the CLI reads them from the environment. The Naver
   * sources that failed for want of a key are asked again at the next poll.
   */
  setNaverKeys(keys: NaverKeys | null): void {
    this.naverKeys = keys;
    if (keys) this.searchSources.retryNow('naver', ['search.key_missing', 'search.bad_key']);
    this.events.emit({ name: 'searchSources.changed', payload: {} });
  }

  /** What an unsaved query would match among the last 30 days of articles (the watchlist editor). */
  preview(input: PreviewInput): Promise<PreviewResult> {
    return this.matching.preview(input);
  }

  /** See Notifications.setNotifier: null stops notifications; recorded leftovers are shown now. */
  setNotifier(notifier: Notifier | null): Promise<void> {
    return this.notifications.setNotifier(notifier);
  }

  /** Raises the notifications that are due; runs after every poll. Never throws. */
  notifyNow(): Promise<void> {
    return this.notifications.dispatch();
  }

  /**
   * Asks the shell to open a link in the system browser (a 'links.open' event), if the policy
   * allows it (http(s) only). The engine never opens anything itself.
   */
  openLink(raw: string | null): ReturnType<typeof externalUrlPolicy> {
    const decision = externalUrlPolicy(raw);
    if (decision.ok) this.events.emit({ name: 'links.open', payload: { url: decision.url } });
    return decision;
  }

  /**
   * Resolves when every article page due now has been fetched and matched, or has given up (each
   * fetch bounded by its deadline): `nunchi poll` waits for it so alerts from bodies exist when it exits.
   */
  async pagesSettled(): Promise<void> {
    // The poll, not the whole background: after a large poll the search index catch-up takes
    // seconds (8 of 18 s of a cold 50 000-article `nunchi poll`), and search reads queued articles.
    while (this.polling.running) await this.polling.settled();
    await this.fullText.settled();
  }

  /** The user opened an article: its page is fetched now if it wants one (an old article's, a retry's). */
  articleOpened(articleId: number): void {
    this.fullText.opened(articleId);
  }

  /** Resolves when background work (indexing, retroactive matching) has caught up. */
  whenIdle(): Promise<void> {
    return this.background.whenIdle();
  }

  /** Finishes what is running (the current write, background batch, notifications) and closes. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Both stop taking new work at once; then the running poll finishes its transaction.
      const stopping = [this.notifications.close(), this.background.close()];
      await this.polling.settled();
      await Promise.all(stopping);
      await this.fullText.close();
      await this.processor.close();
      try {
        this.lease?.close();
      } catch (error) {
        // Locked or read-only now: the lease lapses by itself after its time-to-live.
        log.warn('releasing the poller lease failed', {}, error);
      }
      checkpoint(this.db, 'TRUNCATE');
      this.db.close();
    })();
    return this.closing;
  }
}

function nothingPolled(now: number, holder: LeaseHolder): EnginePollSummary {
  return {
    startedAt: now,
    finishedAt: now,
    results: [],
    inserted: 0,
    updated: 0,
    tooOld: 0,
    failed: 0,
    notModified: 0,
    newAlerts: 0,
    searches: [],
    otherPoller: holder,
  };
}

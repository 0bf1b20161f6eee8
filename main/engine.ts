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
import { inProcessPageExtractor } from './pages/extract';
import { toSafeHttpUrl } from './feeds/urls';
import type { Notifier } from './alerts/notifier';
import { AlertStore } from './store/alerts';
import { ArticlePageStore } from './store/article-pages';
import { ArticleStore, storyIndexFromDatabase } from './store/articles';
import { checkpoint, databaseInfo, openDatabase, type Db } from './store/database';
import { FeedStore } from './store/feeds';
import { InboxReads } from './store/inbox-reads';
import { NotificationOutbox } from './store/outbox';
import { SettingsStore } from './store/settings';
import { WatchlistStore } from './store/watchlists';
import { BackgroundWork } from './engine/background';
import { EngineEvents } from './engine/events';
import { FeedPolling, type EnginePollSummary, type PollRequest } from './engine/feed-polling';
import { Feeds } from './engine/feeds';
import { FullTextPages, type PageClientTuning } from './engine/full-text';
import { Inbox } from './engine/inbox';
import { exposeInternals } from './engine/internals';
import { checkpointJob, retentionJob, searchIndexJob } from './engine/maintenance';
import { WatchlistMatching, type PreviewInput, type PreviewResult } from './engine/matching';
import { Notifications } from './engine/notifications';
import { Settings } from './engine/settings';
import { Watchlists } from './engine/watchlists';

export type { EnginePollSummary } from './engine/feed-polling';
export type { PreviewItem } from './engine/matching';

export interface EngineOptions {
  databasePath: string;
  /** A better_sqlite3.node for another ABI (Electron run from source); see openDatabase. */
  nativeBinding?: string;
  /** Open the database for reading only (the CLI's read commands); no background work then. */
  readOnly?: boolean;
  /** 'workers' (default): decode/parse/normalize in worker threads; 'in-process' for small tools. */
  processing?: 'workers' | 'in-process';
  /** Electron passes net.fetch so feeds follow the system proxy. */
  fetchImpl?: typeof fetch;
  fetchOverrides?: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal' | 'fetchImpl' | 'userAgent'>;
  /** The article-page client's manners, for tests and the benchmark (a shorter gap between requests to one host). */
  pageClient?: PageClientTuning;
  now?: () => number;
  random?: () => number;
}

/** Only http(s) leaves the app for the system browser: never javascript:, file:, smb:, data:… */
export function externalUrlPolicy(raw: string | null): { ok: true; url: string } | { ok: false; reason: string } {
  if (!raw) return { ok: false, reason: 'no link' };
  const url = toSafeHttpUrl(raw.trim(), null);
  return url ? { ok: true, url } : { ok: false, reason: 'only http and https links can be opened' };
}

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
  private closing: Promise<void> | null = null;

  constructor(options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.db = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding, readOnly: options.readOnly });
    this.databasePath = this.db.name;
    this.createdDatabase = databaseInfo(this.db)?.created ?? false;
    const db = this.db;
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db, storyIndexFromDatabase(db, this.now()));
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
    this.notifications = new Notifications({ outbox, settings: () => settings.all(), now: this.now });
    this.fullText = new FullTextPages({
      pages,
      articles,
      matching: this.matching,
      // Extraction in the pipeline workers, never on this thread (which answers the app).
      extractor: pool ?? inProcessPageExtractor,
      events: this.events,
      now: this.now,
      fetchImpl: options.fetchImpl,
      client: options.pageClient,
      alertsRaised: () => this.notifications.dispatch(),
      onError: (error) => console.error('[nunchi] article page failed:', error),
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
      afterPoll: () => {
        this.background.wake();
        return this.notifications.dispatch();
      },
    });
    this.background = new BackgroundWork({
      poll: this.polling,
      onError: (job, error) => console.error(`[nunchi] background work (${job}) failed:`, error),
    });
    // A read-only engine (the CLI's read commands) writes nothing: no backfill, pages, index, retention.
    if (!options.readOnly) {
      this.background
        .add(this.matching.backfillJob())
        .add(this.fullText.job())
        .add(searchIndexJob(db))
        .add(retentionJob({ db, now: this.now, retentionDays: () => settings.get('retentionDays'), backfillPending: () => this.matching.backfillPending() }))
        .add(checkpointJob(db));
    }

    const matchingChanged = () => {
      this.matching.refresh();
      this.background.wake();
    };
    this.feeds = new Feeds(feeds, matchingChanged, this.now);
    this.watchlists = new Watchlists(
      watchlists,
      (ids) => {
        matchingChanged();
        if (ids.length) this.events.emit({ name: 'watchlists.changed', payload: { ids } });
      },
      this.now,
    );
    this.inbox = new Inbox({ db, reads: new InboxReads(db), alerts, articles }, this.events, this.now);
    this.background.wake();
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Polls the due feeds (or all enabled feeds with `all`). One poll at a time: a second call
   * while one runs gets the running poll's result.
   */
  poll(request?: PollRequest): Promise<EnginePollSummary> {
    return this.polling.poll(request);
  }

  /** What an unsaved query would match among the last 30 days of articles (the watchlist editor). */
  preview(input: PreviewInput): Promise<PreviewResult> {
    return this.matching.preview(input);
  }

  /** Spans of search terms in a result, found by the watchlist matcher's Korean-aware rules. */
  highlighter(terms: readonly string[]): ReturnType<WatchlistMatching['highlighter']> {
    return this.matching.highlighter(terms);
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
    await this.background.whenIdle();
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
      checkpoint(this.db, 'TRUNCATE');
      this.db.close();
    })();
    return this.closing;
  }
}

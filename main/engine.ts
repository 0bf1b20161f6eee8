import { compileWatchlists, type CompiledMatcher, type WatchlistMatch } from '../shared/match';
import { parseQuery } from '../shared/query';
import type { EngineEvent } from '../shared/api';
import type { Locale } from '../shared/errors';
import type { ArticleRecord, FeedRecord, FeedScope, MatchSpan, NormalizedItem, Watchlist } from '../shared/types';
import type { FetchOptions } from './feeds/fetch';
import { FetchLimiter } from './feeds/limiter';
import { inProcessFeedProcessor, PipelinePool, type FeedProcessor } from './feeds/pipeline-pool';
import { pollFeeds, type PollSummary } from './feeds/poll';
import { AlertStore } from './store/alerts';
import { ArticleStore, type StoredArticle } from './store/articles';
import { openDatabase, type Db } from './store/database';
import { FeedStore } from './store/feeds';
import { indexPendingArticles } from './store/fts-indexer';
import { pruneOldArticles, pruneOldNotifications, vacuumStep } from './store/retention';
import { SettingsStore } from './store/settings';
import { WatchlistStore } from './store/watchlists';
import { prefilterFor } from './watchlists/candidates';
import { PreviewWindow } from './watchlists/preview-window';
import { toRule } from './watchlists/rules';
import { NotificationDelivery } from './alerts/delivery';
import { markNewAlert } from './alerts/marking';
import type { Notifier } from './alerts/notifier';
import { StoryIndex } from './alerts/story-index';

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
  now?: () => number;
  random?: () => number;
}

export type EnginePollSummary = PollSummary & { newAlerts: number };

export interface PreviewItem {
  article: ArticleRecord;
  spans: MatchSpan[];
}

const DAY_MS = 24 * 3600_000;
const BACKFILL_BATCH = 500;
/** Articles indexed per transaction in the background: ~50 ms of work, then the thread is free again. */
const INDEX_BATCH = 200;
const MAINTENANCE_EVERY_MS = 6 * 3600_000;

type Listener = (event: EngineEvent) => void;

/**
 * The engine: owns the database and does all the work — polling, storing, matching, alerting.
 * Runs in a worker thread in the desktop app and in-process in the CLI and tests. Never imports
 * electron. Everything user-visible goes through the API handler table (main/api/handlers.ts).
 */
export class Engine {
  readonly db: Db;
  readonly feeds: FeedStore;
  readonly articles: ArticleStore;
  readonly watchlists: WatchlistStore;
  readonly alerts: AlertStore;
  readonly settings: SettingsStore;
  readonly now: () => number;

  private readonly processor: FeedProcessor;
  private readonly limiter = new FetchLimiter();
  private readonly listeners = new Set<Listener>();
  private matcher: CompiledMatcher;
  private watchlistById = new Map<number, Watchlist>();
  private background: Promise<void> = Promise.resolve();
  private backgroundRunning = false;
  private backgroundAgain = false;
  private closed = false;
  private closing: Promise<void> | null = null;
  private pollInFlight: Promise<EnginePollSummary> | null = null;
  private readonly previewWindow: PreviewWindow;
  /** An item's matches, computed once per poll (items are fresh objects each poll). */
  private matchCache = new WeakMap<NormalizedItem, WatchlistMatch[]>();
  private lastMaintenance = Number.NEGATIVE_INFINITY;
  private delivery: NotificationDelivery | null = null;

  constructor(private readonly options: EngineOptions) {
    this.db = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding, readOnly: options.readOnly });
    this.feeds = new FeedStore(this.db);
    this.articles = new ArticleStore(this.db, StoryIndex.fromDatabase(this.db, (options.now ?? Date.now)()));
    this.watchlists = new WatchlistStore(this.db);
    this.alerts = new AlertStore(this.db);
    this.settings = new SettingsStore(this.db);
    this.now = options.now ?? Date.now;
    this.processor = options.processing === 'in-process' ? inProcessFeedProcessor : new PipelinePool();
    this.previewWindow = new PreviewWindow(this.db);
    this.matcher = this.compile();
    this.scheduleBackground();
  }

  get locale(): Locale {
    return this.settings.get('locale');
  }

  // ---- events ---------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- watchlists -----------------------------------------------------------------------

  /** Recompile every enabled watchlist into one automaton; called whenever one changes. */
  private compile(): CompiledMatcher {
    const feeds = this.feeds.folders();
    const enabled = this.watchlists.list().filter((w) => w.enabled);
    this.watchlistById = new Map(enabled.map((w) => [w.id, w]));
    return compileWatchlists(enabled.map((w) => toRule(w, feeds)));
  }

  /** After any change to watchlists or feeds: recompile, then apply changed watchlists to stored articles. */
  watchlistsChanged(ids: number[] = []): void {
    this.matcher = this.compile();
    this.scheduleBackground();
    if (ids.length) this.emit({ name: 'watchlists.changed', payload: { ids } });
  }

  createWatchlist(input: Parameters<WatchlistStore['create']>[0]): Watchlist {
    const watchlist = this.watchlists.create(input, this.now());
    this.watchlistsChanged([watchlist.id]);
    return watchlist;
  }

  updateWatchlist(id: number, patch: Parameters<WatchlistStore['update']>[1]): Watchlist | undefined {
    const watchlist = this.watchlists.update(id, patch, this.now());
    if (watchlist) this.watchlistsChanged([id]);
    return watchlist;
  }

  removeWatchlist(id: number, alerts: 'keep' | 'delete'): boolean {
    const removed = this.watchlists.remove(id, alerts);
    this.watchlistsChanged([]);
    return removed;
  }

  // ---- polling --------------------------------------------------------------------------

  /**
   * Polls the due feeds (or all enabled feeds with `all`). One poll at a time: a second call
   * while one runs gets the running poll's result.
   */
  poll(options: { all?: boolean; feedIds?: number[]; signal?: AbortSignal } = {}): Promise<EnginePollSummary> {
    if (this.pollInFlight) return this.pollInFlight;
    const feeds = options.feedIds
      ? options.feedIds.map((id) => this.feeds.get(id)).filter((f): f is FeedRecord => !!f)
      : options.all
        ? this.feeds.enabled()
        : this.feeds.due(this.now());
    this.pollInFlight = this.runPoll(feeds, options.signal).finally(() => {
      this.pollInFlight = null;
    });
    return this.pollInFlight;
  }

  get polling(): boolean {
    return this.pollInFlight !== null;
  }

  private async runPoll(feeds: FeedRecord[], signal?: AbortSignal): Promise<EnginePollSummary> {
    const newStories = new Set<number>();
    let newAlerts = 0;
    this.emit({ name: 'poll.progress', payload: { done: 0, total: feeds.length, running: true } });
    const userAgent = this.settings.get('userAgent') ?? undefined;
    const summary = await pollFeeds(feeds, {
      feeds: this.feeds,
      articles: this.articles,
      processor: this.processor,
      limiter: this.limiter,
      locale: this.locale,
      fetch: { ...this.options.fetchOverrides, fetchImpl: this.options.fetchImpl, userAgent },
      retentionDays: this.settings.get('retentionDays'),
      now: this.now,
      random: this.options.random,
      signal,
      // Matched once, before the story is chosen (only articles that alert are grouped by title);
      // the same result is used when the alerts are written.
      groupByTitle: (item, feed) => this.matchesOf(item, feed).length > 0,
      onStored: (article, feed) => {
        if (!article.isNew) this.previewWindow.noteChanged(article.id);
        const created = this.matchStoredArticle(article, feed).length;
        if (created > 0) {
          newAlerts += created;
          newStories.add(article.storyId);
        }
      },
      onFeedDone: (result, progress) => {
        this.emit({ name: 'poll.progress', payload: { ...progress, running: progress.done < progress.total } });
        this.emit({ name: 'feeds.changed', payload: { feedIds: [result.feedId] } });
      },
    });
    if (newAlerts > 0) this.emit({ name: 'alerts.new', payload: { count: newAlerts, storyIds: [...newStories] } });
    this.scheduleBackground();
    await this.notifyNow();
    return { ...summary, newAlerts };
  }

  /**
   * Runs inside the feed's store transaction: the article and its alerts land together.
   * On a feed's first poll everything it brings is backlog: alerts, but never notifications.
   */
  private matchesOf(item: NormalizedItem, feed: FeedRecord): WatchlistMatch[] {
    let matches = this.matchCache.get(item);
    if (!matches) {
      matches = this.matcher.match({ title: item.title, text: item.text, source: feed.displayTitle, feedId: feed.id });
      this.matchCache.set(item, matches);
    }
    return matches;
  }

  private matchStoredArticle(article: StoredArticle, feed: FeedRecord): number[] {
    const matches = this.matchesOf(article.item, feed);
    const created: number[] = [];
    const origin = feed.lastSuccessAt === null ? 'backfill' : 'live';
    if (!article.isNew) this.alerts.articleMoved(article.id, article.sortAt);
    for (const match of matches) {
      const watchlist = this.watchlistById.get(match.watchlistId);
      if (!watchlist) continue;
      const alertId = this.alerts.add({ articleId: article.id, sortAt: article.sortAt, storyId: article.storyId, watchlist, spans: match.spans, origin }, this.now());
      if (alertId === null) continue;
      created.push(alertId);
      markNewAlert(this.db, { id: alertId, articleId: article.id, storyId: article.storyId, origin }, watchlist);
    }
    return created;
  }

  // ---- notifications ---------------------------------------------------------------------

  /**
   * Where notifications go (the CLI's headless notifier, the Electron one); null stops them.
   * Dispatches right away: notifications recorded but not shown before a crash, and alerts left
   * pending, are shown now (main/alerts/dispatcher.ts).
   */
  async setNotifier(notifier: Notifier | null): Promise<void> {
    await this.delivery?.close();
    this.delivery = notifier ? new NotificationDelivery({ db: this.db, notifier, now: this.now, settings: () => this.settings.all() }) : null;
    await this.notifyNow();
  }

  /** Raises the notifications that are due; runs after every poll. Never throws. */
  async notifyNow(): Promise<void> {
    if (!this.closed) await this.delivery?.dispatch();
  }

  // ---- background work: search index, retroactive matching --------------------------------

  private scheduleBackground(): void {
    if (this.closed || this.options.readOnly) return;
    if (this.backgroundRunning) {
      this.backgroundAgain = true;
      return;
    }
    this.backgroundRunning = true;
    this.background = (async () => {
      try {
        do {
          this.backgroundAgain = false;
          await this.runBackfills();
          // Small batches, and none while a poll runs: the engine's thread also answers the app
          // and feeds the poll; indexing must never hold either up for long.
          for (;;) {
            while (this.pollInFlight && !this.closed) await this.pollInFlight.catch(() => undefined);
            if (this.closed || indexPendingArticles(this.db, INDEX_BATCH) === 0) break;
            await yieldToEvents();
          }
          await this.maintain();
          // Automatic checkpoints are off (see openDatabase): fold the WAL back in now that writing paused.
          if (!this.closed && !this.pollInFlight) this.db.pragma('wal_checkpoint(PASSIVE)');
        } while (this.backgroundAgain && !this.closed);
      } finally {
        this.backgroundRunning = false;
      }
    })();
  }

  /**
   * Retention, at most every few hours and never while a poll runs: articles without alerts older
   * than the retention setting go, then the freed pages go back to the disk in small steps.
   */
  private async maintain(): Promise<void> {
    if (this.closed || this.pollInFlight || this.now() - this.lastMaintenance < MAINTENANCE_EVERY_MS) return;
    // A watchlist still being applied to stored articles may yet raise alerts on old ones: wait.
    if (this.backgroundAgain || this.watchlists.list().some((w) => w.backfilling)) return;
    this.lastMaintenance = this.now();
    pruneOldArticles(this.db, this.now(), this.settings.get('retentionDays'));
    pruneOldNotifications(this.db, this.now(), this.settings.get('retentionDays'));
    while (!this.closed && !this.pollInFlight && vacuumStep(this.db) > 0) await yieldToEvents();
  }

  /** Resolves when background work (indexing, retroactive matching) has caught up. */
  async whenIdle(): Promise<void> {
    while (this.backgroundRunning || this.pollInFlight) {
      await this.background;
      if (this.pollInFlight) await this.pollInFlight.catch(() => undefined);
    }
  }

  /**
   * Applies new or edited watchlists to the articles stored before, in small transactions that
   * yield between them, so the engine stays responsive. These alerts never notify.
   */
  private async runBackfills(): Promise<void> {
    for (;;) {
      const pending = this.watchlists.list().find((w) => w.backfilling);
      if (!pending || this.closed) return;
      const finished = await this.backfill(pending);
      if (finished) this.watchlists.markBackfilled(pending.id, pending.revision);
    }
  }

  private async backfill(watchlist: Watchlist): Promise<boolean> {
    const parsed = parseQuery(watchlist.query);
    if (!parsed.ok) return true; // nothing can match a query that does not parse
    const matcher = compileWatchlists([toRule(watchlist, this.feeds.folders())]);
    const filter = prefilterFor(parsed.query);
    const where = filter.kind === 'sql' ? `AND (${filter.sql})` : '';
    const select = this.db.prepare(
      `SELECT a.id, a.title, a.text, a.source_title, a.feed_id, a.story_id, a.sort_at FROM articles a WHERE a.id > ? ${where} ORDER BY a.id LIMIT ${BACKFILL_BATCH}`,
    );
    let after = 0;
    for (;;) {
      const current = this.watchlists.get(watchlist.id);
      if (!current || current.revision !== watchlist.revision || !current.enabled || this.closed) return false;
      const rows = select.all(after, ...(filter.kind === 'sql' ? filter.params : [])) as Array<{
        id: number;
        title: string;
        text: string;
        source_title: string;
        feed_id: number | null;
        story_id: number;
        sort_at: number;
      }>;
      if (rows.length === 0) return true;
      this.db.transaction(() => {
        for (const row of rows) {
          const [match] = matcher.match({ title: row.title, text: row.text, source: row.source_title, feedId: row.feed_id ?? undefined });
          if (match) this.alerts.add({ articleId: row.id, sortAt: row.sort_at, storyId: row.story_id, watchlist: current, spans: match.spans, origin: 'backfill' }, this.now());
        }
      })();
      after = rows[rows.length - 1]!.id;
      await yieldToEvents();
    }
  }

  // ---- preview -----------------------------------------------------------------------------

  /**
   * What a query that is not saved yet would match among the articles of the last 30 days:
   * the preview window narrows the candidates, the real matcher decides and gives the spans.
   */
  async preview(input: { query: string; muteTerms?: string[]; feedScope?: FeedScope | null; limit?: number; days?: number }): Promise<
    | { ok: true; count: number; items: PreviewItem[]; tookMs: number }
    | { ok: false; error: NonNullable<Extract<ReturnType<typeof parseQuery>, { ok: false }>['error']> }
  > {
    const started = performance.now();
    const parsed = parseQuery(input.query);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const draft: Watchlist = {
      id: 1,
      name: '',
      color: '',
      query: input.query,
      enabled: true,
      notify: false,
      feedScope: input.feedScope ?? null,
      muteTerms: input.muteTerms ?? [],
      revision: 1,
      backfilling: false,
      createdAt: 0,
      updatedAt: 0,
    };
    const matcher = compileWatchlists([toRule(draft, this.feeds.folders())]);
    const muteError = matcher.errors[0];
    if (muteError) return { ok: false, error: muteError.error };
    const since = this.now() - (input.days ?? 30) * DAY_MS;
    await this.previewWindow.ready(since);
    const limit = input.limit ?? 50;
    const items: PreviewItem[] = [];
    let count = 0;
    for (const row of this.previewWindow.candidates(parsed.query, since)) {
      const [match] = matcher.match({ title: row.title, text: row.text, source: row.source_title, feedId: row.feed_id ?? undefined });
      if (!match) continue;
      count += 1;
      const article = items.length < limit ? this.articles.get(row.id) : undefined;
      if (article) items.push({ article, spans: match.spans });
    }
    return { ok: true, count, items, tookMs: performance.now() - started };
  }

  /**
   * Spans to highlight in a search result: the search terms as the watchlist matcher finds them
   * (so highlighting follows the same Korean-aware rules everywhere).
   */
  highlighter(terms: readonly string[]): (article: Pick<ArticleRecord, 'title' | 'text'>) => MatchSpan[] {
    const query = terms.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
    const matcher = compileWatchlists(query ? [{ id: 1, query }] : []);
    return (article) => matcher.match({ title: article.title, text: article.text })[0]?.spans ?? [];
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** Finishes what is running (the current write, background batch, notifications) and closes. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await this.pollInFlight?.catch(() => undefined);
      await this.delivery?.close();
      await this.background.catch(() => undefined);
      await this.processor.close();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    })();
    return this.closing;
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

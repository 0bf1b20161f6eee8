/**
 * Feed polling: one poll at a time over the due feeds (or the ones asked for), through the
 * pipeline (main/feeds/poll.ts) into the store, with the matcher writing alerts inside each
 * feed's transaction; progress and new alerts announced on the event channel.
 */
import type { Locale } from '../../shared/errors';
import type { FeedRecord, ListedFeed } from '../../shared/types';
import type { FetchOptions } from '../feeds/fetch';
import { FetchLimiter } from '../feeds/limiter';
import type { FeedProcessor } from '../feeds/pipeline-pool';
import { pollFeeds, type PollSummary } from '../feeds/poll';
import type { ArticleStore, StoredArticle } from '../store/articles';
import type { FeedStore } from '../store/feeds';
import type { PollState } from './background';
import type { EngineEvents } from './events';
import type { WatchlistMatching } from './matching';
import { feedOutletKeys, type SearchPollResult } from './search-polling';

export type EnginePollSummary = PollSummary & {
  newAlerts: number;
  /** The watchlists' news searches polled with the feeds (issue 12). */
  searches: SearchPollResult[];
};

export interface PollRequest {
  /** Every enabled feed, due or not. */
  all?: boolean;
  feedIds?: number[];
  signal?: AbortSignal;
  /**
   * Fetch the pages of the new articles that want one (default true). False (`nunchi poll
   * --no-full-text`): they are fetched only when the user opens them.
   */
  fullText?: boolean;
}

export interface FeedPollingOptions {
  feeds: FeedStore;
  articles: ArticleStore;
  matching: WatchlistMatching;
  processor: FeedProcessor;
  events: EngineEvents;
  locale: () => Locale;
  userAgent: () => string | undefined;
  /** Articles older than this many days are not stored (retention would delete them at once). */
  retentionDays: () => number;
  fetchImpl?: typeof fetch;
  fetchOverrides?: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal' | 'fetchImpl' | 'userAgent'>;
  now: () => number;
  random?: () => number;
  /** In the store transaction, after matching: whether a new article wants its own page (full-text monitoring). */
  articleStored?: (article: StoredArticle, feed: FeedRecord, fetchPage: boolean) => void;
  /**
   * The due news searches (`all`: every one), after the feeds, so a story a subscribed feed
   * carries is the feed's first. Not run when the poll names feeds.
   */
  pollSearches?: (request: { all: boolean; signal?: AbortSignal; fullText: boolean }) => Promise<SearchPollResult[]>;
  /** After each poll, before it resolves: background work and notifications. `stored`: it stored anything. */
  afterPoll: (stored: boolean) => Promise<void>;
  /**
   * Folds the write-ahead log back into the database (a PASSIVE checkpoint), asked for during a
   * poll after every CHECKPOINT_EVERY_ARTICLES stored.
   */
  checkpoint?: () => void;
}

/**
 * A poll that stores many articles (a first poll: 50 000) folds its write-ahead log back in as it
 * goes, this many articles at a time (~5 MB of log), when the engine's thread comes round to it:
 * that thread mostly waits for the parse workers in such a poll, while the one checkpoint at the
 * end (50 MB, ~0.25 s) held up the poll's end, and the log grew to the size of the database.
 */
export const CHECKPOINT_EVERY_ARTICLES = 5_000;

export class FeedPolling implements PollState {
  private readonly limiter = new FetchLimiter();
  private inFlight: Promise<EnginePollSummary> | null = null;

  constructor(private readonly options: FeedPollingOptions) {}

  get running(): boolean {
    return this.inFlight !== null;
  }

  async settled(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  /**
   * Polls the due feeds (or all enabled feeds with `all`). One poll at a time: a second call
   * while one runs gets the running poll's result.
   */
  poll(request: PollRequest = {}): Promise<EnginePollSummary> {
    if (this.inFlight) return this.inFlight;
    const { feeds, now } = this.options;
    const chosen = request.feedIds
      ? request.feedIds.map((id) => feeds.get(id)).filter((f): f is ListedFeed => !!f)
      : request.all
        ? feeds.enabled()
        : feeds.due(now());
    const searches = request.feedIds ? false : (request.all ?? false) ? 'all' : 'due';
    this.inFlight = this.run(chosen, request.signal, request.fullText ?? true, searches).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(
    feeds: FeedRecord[],
    signal: AbortSignal | undefined,
    fullText: boolean,
    searchesToPoll: 'all' | 'due' | false,
  ): Promise<EnginePollSummary> {
    const { events, matching } = this.options;
    const newStories = new Set<number>();
    let newAlerts = 0;
    const outletKey = feedOutletKeys();
    let storedSinceCheckpoint = 0;
    events.emit({ name: 'poll.progress', payload: { done: 0, total: feeds.length, running: true } });
    const summary = await pollFeeds(feeds, {
      feeds: this.options.feeds,
      articles: this.options.articles,
      processor: this.options.processor,
      limiter: this.limiter,
      locale: this.options.locale(),
      retentionDays: this.options.retentionDays(),
      fetch: { ...this.options.fetchOverrides, fetchImpl: this.options.fetchImpl, userAgent: this.options.userAgent() },
      now: this.options.now,
      random: this.options.random,
      signal,
      outletOf: (item) => outletKey(item.link),
      // Matched once, before the story is chosen (only articles that alert are grouped by title);
      // the same result is used when the alerts are written.
      groupByTitle: (item, feed) => matching.alerts(item, feed),
      onStored: (article, feed) => {
        const created = matching.articleStored(article, feed);
        if (created > 0) {
          newAlerts += created;
          newStories.add(article.storyId);
        }
        this.options.articleStored?.(article, feed, fullText);
      },
      onFeedDone: (result, progress) => {
        storedSinceCheckpoint += result.inserted + result.updated;
        if (storedSinceCheckpoint >= CHECKPOINT_EVERY_ARTICLES && this.options.checkpoint) {
          storedSinceCheckpoint = 0;
          setImmediate(this.options.checkpoint);
        }
        events.emit({ name: 'poll.progress', payload: { ...progress, running: progress.done < progress.total } });
        events.emit({ name: 'feeds.changed', payload: { feedIds: [result.feedId] } });
      },
    });
    const searches =
      searchesToPoll && this.options.pollSearches
        ? await this.options.pollSearches({ all: searchesToPoll === 'all', signal, fullText })
        : [];
    const searchAlerts = searches.reduce((n, s) => n + s.newAlerts, 0);
    newAlerts += searchAlerts;
    if (searches.length > 0) events.emit({ name: 'searchSources.changed', payload: {} });
    if (newAlerts > 0) events.emit({ name: 'alerts.new', payload: { count: newAlerts, storyIds: [...newStories] } });
    const stored = summary.inserted + summary.updated + searches.reduce((n, s) => n + s.inserted, 0) > 0;
    await this.options.afterPoll(stored);
    return { ...summary, newAlerts, searches };
  }
}

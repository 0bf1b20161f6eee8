import type { Locale } from '../../shared/errors';
import type { FeedRecord, NormalizedItem } from '../../shared/types';
import type { ArticleStore, StoredArticle } from '../store/articles';
import type { FeedFetchOutcome, FeedStore } from '../store/feeds';
import { formatMessage } from '../../shared/messages';
import { asDatabaseError } from '../store/database-error';
import { asFeedError } from './feed-error';
import { fetchFeed, type FetchOptions } from './fetch';
import { FetchLimiter, hostKey } from './limiter';
import type { FeedProcessor } from './pipeline-pool';
import { nextDueAfterFailure, nextDueAfterSuccess } from './schedule';
import { logger } from '../logger';

const log = logger('poll');
const DAY_MS = 24 * 3600_000;

/**
 * How many feeds are polled at once, per fetch slot of the limiter: a feed is in flight from the
 * start of its fetch to the end of its store. Fetching outruns parsing, so without a bound a cold
 * poll fetched every feed first and held every body (then every parsed feed) waiting for the
 * parser. And a few runners taking feeds in turn, rather than a pending task for each feed: with
 * 500 of them waiting at once, V8 moved what each turn left behind to its old generation (~40 MB
 * more at a cold poll's peak, and the collections to clear it).
 */
const FEEDS_PER_FETCH_SLOT = 2;

/**
 * "Not modified" outcomes are written together, this many at a time and at the end of the poll:
 * a commit per feed was most of a warm poll's work on the engine thread (~80 ms for 500 feeds
 * that all answer 304), and a 304 changes no more than when the feed is next due and its
 * validators. A poll cut short (a crash) loses at most one batch of those times: the feeds are
 * asked again at the next poll, with the ETag they had.
 */
export const NOT_MODIFIED_BATCH = 64;

/**
 * The feeds in turn by host (a1, b1, c1, a2, b2, …), each host's feeds in their own order. Runners
 * taking feeds in this order spread over hosts, so one outlet's twenty feeds never hold the others
 * back behind its two fetch slots. Returns each feed with its place in the input.
 */
export function interleaveByHost<T extends { url: string }>(feeds: readonly T[]): Array<{ feed: T; index: number }> {
  const byHost = new Map<string, Array<{ feed: T; index: number }>>();
  feeds.forEach((feed, index) => {
    const host = hostKey(feed.url);
    const list = byHost.get(host);
    if (list) list.push({ feed, index });
    else byHost.set(host, [{ feed, index }]);
  });
  const lists = [...byHost.values()];
  const order: Array<{ feed: T; index: number }> = [];
  for (let round = 0; order.length < feeds.length; round++) {
    for (const list of lists) if (round < list.length) order.push(list[round]!);
  }
  return order;
}

export interface PollDependencies {
  feeds: FeedStore;
  articles: ArticleStore;
  processor: FeedProcessor;
  locale: Locale;
  limiter?: FetchLimiter;
  /** Fetch settings: injected fetch (Electron's net.fetch), User-Agent, deadline, cap. */
  fetch?: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal'>;
  now?: () => number;
  random?: () => number;
  /** Stop starting new feeds (the user pressed Ctrl-C); feeds already writing finish their transaction. */
  signal?: AbortSignal;
  /** Articles older than this many days are not stored when first seen (the retention setting). */
  retentionDays?: number;
  /** Runs inside each feed's store transaction for every new or changed article (the matcher). */
  onStored?: (article: StoredArticle, feed: FeedRecord) => void;
  /** The outlet key of an item (ArticleStore.storeFeedItems), from its link; none by default. */
  outletOf?: (item: NormalizedItem) => string | null;
  /** Which new articles are grouped into stories by title (ArticleStore.storeFeedItems). */
  groupByTitle?: (item: NormalizedItem, feed: FeedRecord) => boolean;
  /** How many feeds are in flight (fetched, not yet stored) at most; default two per fetch slot of the limiter. */
  feedsInFlight?: number;
  /** After each feed, whatever happened to it. */
  onFeedDone?: (result: FeedPollResult, progress: { done: number; total: number }) => void;
}

export interface FeedPollResult {
  feedId: number;
  url: string;
  title: string;
  status: 'ok' | 'not-modified' | 'error' | 'skipped';
  inserted: number;
  updated: number;
  /** New items older than the retention period, not stored. */
  tooOld: number;
  errorCode?: string;
  error?: string;
  detail?: string;
}

export interface PollSummary {
  startedAt: number;
  finishedAt: number;
  results: FeedPollResult[];
  inserted: number;
  updated: number;
  /** New items older than the retention period, not stored (see ArticleStore.storeFeedItems). */
  tooOld: number;
  failed: number;
  notModified: number;
}

/**
 * Polls the given feeds: fetch → (worker) decode/parse/normalize → store, each feed on its own.
 * A broken feed never stops the others and never touches what was stored before: its error is
 * recorded on the feed, in words, and it is retried later with backoff.
 */
export async function pollFeeds(feedsToPoll: readonly FeedRecord[], deps: PollDependencies): Promise<PollSummary> {
  const now = deps.now ?? Date.now;
  const limiter = deps.limiter ?? new FetchLimiter();
  const runners = deps.feedsInFlight ?? limiter.maxInFlight * FEEDS_PER_FETCH_SLOT;
  const startedAt = now();
  // A request without validators always gets a body (a feed's first poll, a server that sends
  // no ETag): the parse workers can start now, while the requests are on the wire. A poll of
  // feeds that mostly answer "not modified" starts none until a body comes.
  if (feedsToPoll.some((feed) => feed.etag === null && feed.lastModified === null)) deps.processor.prestart?.();
  let done = 0;
  const notModified: Array<{ id: number; outcome: FeedFetchOutcome }> = [];
  const recordNotModified = () => {
    const batch = notModified.splice(0);
    if (batch.length === 0) return;
    try {
      deps.feeds.recordOutcomes(batch);
    } catch (error) {
      // The database refused the write (locked past the busy timeout, disk full): those feeds stay
      // due as they were and are asked again, with the same validators, at the next poll.
      log.error('could not record unchanged feeds', { feeds: batch.length }, error);
    }
  };

  const pollOne = async (feed: FeedRecord): Promise<FeedPollResult> => {
    const base = { feedId: feed.id, url: feed.url, title: feed.displayTitle, inserted: 0, updated: 0, tooOld: 0 };
    if (deps.signal?.aborted) return { ...base, status: 'skipped' };
    try {
      const fetched = await limiter.run(feed.url, () =>
        deps.signal?.aborted
          ? Promise.resolve(null)
          : fetchFeed(feed.url, {
              ...deps.fetch,
              now: deps.fetch?.now ?? now,
              etag: feed.etag,
              lastModified: feed.lastModified,
              signal: deps.signal,
            }),
      );
      if (fetched === null) return { ...base, status: 'skipped' };
      if (fetched.kind === 'not-modified') {
        notModified.push({
          id: feed.id,
          outcome: {
            kind: 'not-modified',
            at: now(),
            nextDueAt: nextDueAfterSuccess(now(), { ...feed, maxAgeSeconds: fetched.maxAgeSeconds }),
            etag: fetched.etag,
            lastModified: fetched.lastModified,
          },
        });
        if (notModified.length >= NOT_MODIFIED_BATCH) recordNotModified();
        return { ...base, status: 'not-modified' };
      }
      // Handed over: the body is not read again here, so a worker takes it without a copy.
      const normalized = await deps.processor.process(
        { body: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl },
        { handOver: true },
      );
      // A feed without a title of its own keeps the name it was given (an OPML outline's text)
      // rather than taking its host; the host stays the last resort (FeedRecord.displayTitle).
      const ownTitle = normalized.titleIsFallback ? null : normalized.title;
      const title = feed.customTitle || ownTitle || feed.displayTitle;
      const stored = deps.articles.storeFeedItems(
        { id: feed.id, title, outletOf: deps.outletOf },
        normalized.items,
        now(),
        (article) => deps.onStored?.(article, feed),
        deps.groupByTitle && ((item) => deps.groupByTitle!(item, feed)),
        deps.retentionDays === undefined ? undefined : now() - deps.retentionDays * DAY_MS,
        () =>
          deps.feeds.recordOutcome(feed.id, {
            kind: 'ok',
            at: now(),
            nextDueAt: nextDueAfterSuccess(now(), {
              intervalMinutes: feed.intervalMinutes,
              ttlMinutes: normalized.ttlMinutes,
              maxAgeSeconds: fetched.maxAgeSeconds,
            }),
            etag: fetched.etag,
            lastModified: fetched.lastModified,
            title: ownTitle ?? undefined,
            siteUrl: normalized.siteUrl,
            format: normalized.format,
            encoding: normalized.encoding,
            ttlMinutes: normalized.ttlMinutes,
          }),
      );
      return { ...base, title, status: 'ok', inserted: stored.inserted, updated: stored.updated, tooOld: stored.tooOld };
    } catch (error) {
      // The database failing to store the feed (locked by another process for longer than the busy
      // timeout, disk full, read-only) is said as such, never as "an unknown error".
      const database = asDatabaseError(error, '');
      const failure = database ? null : asFeedError(error);
      const code = database?.code ?? failure!.code;
      const detail = database?.detail ?? failure!.detail;
      const message = database ? formatMessage(deps.locale, { key: database.code }) : failure!.userMessage(deps.locale);
      log.warn('feed failed', { feedId: feed.id, url: feed.url, code, detail }, code === 'error.unknown' || database ? error : undefined);
      try {
        deps.feeds.recordOutcome(feed.id, {
          kind: 'error',
          at: now(),
          nextDueAt: nextDueAfterFailure(now(), {
            intervalMinutes: feed.intervalMinutes,
            consecutiveFailures: feed.consecutiveFailures + 1,
            retryAt: failure?.retryAt ?? null,
            random: deps.random,
          }),
          code,
          message,
          detail,
        });
      } catch (recordError) {
        // The same database failure again: the feed stays due and the next poll tries it again.
        log.error('could not record a feed failure', { feedId: feed.id, url: feed.url }, recordError);
      }
      return { ...base, status: 'error', errorCode: code, error: message, detail };
    }
  };

  const order = interleaveByHost(feedsToPoll);
  const results: FeedPollResult[] = new Array<FeedPollResult>(feedsToPoll.length);
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < order.length) {
      const { feed, index } = order[next++]!;
      const result = await pollOne(feed);
      results[index] = result;
      done += 1;
      deps.onFeedDone?.(result, { done, total: feedsToPoll.length });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(runners, order.length) }, runner));
  } finally {
    recordNotModified();
  }

  return {
    startedAt,
    finishedAt: now(),
    results,
    inserted: results.reduce((n, r) => n + r.inserted, 0),
    updated: results.reduce((n, r) => n + r.updated, 0),
    tooOld: results.reduce((n, r) => n + r.tooOld, 0),
    failed: results.filter((r) => r.status === 'error').length,
    notModified: results.filter((r) => r.status === 'not-modified').length,
  };
}

/**
 * Full-text monitoring (issue 11), the engine's side: which new articles want their own page,
 * the page queue as a background job, and what a page's outcome does — the body stored (and
 * indexed for search), matched, and alerts raised for watchlists that only the body matches.
 *
 * Nothing here delays the feed poll: an article is matched on its feed text in the poll's
 * transaction as always, and only marked "page pending" there; the queue (main/pages/page-queue.ts)
 * fetches politely in the background and every outcome is written when it arrives. A failure
 * keeps the feed text and records the reason; nothing is retried in a loop (see outcome.ts).
 */
import { isPrivateHost } from '../../shared/private-address';
import type { FeedRecord } from '../../shared/types';
import { sanitizeArticleHtml } from '../feeds/html';
import type { DispatcherFor } from '../feeds/proxy';
import type { PageExtractor } from '../pages/extract';
import { isPageFetchDue } from '../pages/freshness';
import type { PageOutcome } from '../pages/outcome';
import { PageClient, type PageClientOptions } from '../pages/page-client';
import { PageQueue, type PageJob } from '../pages/page-queue';
import type { ArticlePageStore, DuePage } from '../store/article-pages';
import type { ArticleStore, StoredArticle } from '../store/articles';
import type { BackgroundJob } from './background';
import type { EngineEvents } from './events';
import type { WatchlistMatching } from './matching';

/** What tests (and the benchmark) may tune of the page client: a short gap between two requests to a host, a deadline. */
export type PageClientTuning = Pick<PageClientOptions, 'minGapMs' | 'deadlineMs' | 'maxBytes' | 'userAgent'>;

export interface FullTextOptions {
  pages: ArticlePageStore;
  articles: Pick<ArticleStore, 'get'>;
  matching: Pick<WatchlistMatching, 'bodyMatched'>;
  extractor: PageExtractor;
  events: EngineEvents;
  now: () => number;
  fetchImpl?: typeof fetch;
  /** The feed fetches' connection pool per URL (a proxy): pages go the same way. */
  dispatcher?: DispatcherFor;
  client?: PageClientTuning;
  /**
   * The base URL of a news search (its links' source): a page on the user's own machine or
   * network is fetched only when the feed or search that gave its link is there too.
   */
  searchBaseUrl?: (engine: 'google' | 'naver') => string;
  /** After a body raised alerts: the notifications are dispatched. */
  alertsRaised: () => Promise<void>;
  onError?: (error: unknown) => void;
}

export class FullTextPages {
  private readonly queue: PageQueue;
  /** Articles offered to the queue and not finished yet (the store still says 'pending' for them). */
  private readonly inQueue = new Set<number>();
  private closed = false;

  constructor(private readonly options: FullTextOptions) {
    const client = new PageClient({ ...options.client, fetchImpl: options.fetchImpl, dispatcher: options.dispatcher, now: options.now });
    this.queue = new PageQueue({
      client,
      extractor: options.extractor,
      now: options.now,
      onOutcome: (job, outcome) => this.record(job, outcome),
      onDeferred: (job) => this.inQueue.delete(Number(job.key)),
      onError: (error, job) => {
        this.inQueue.delete(Number(job.key));
        options.onError?.(error);
      },
    });
  }

  /**
   * Inside the poll's transaction, for a newly stored article: whether it wants its page. Mode
   * 'never' or a feed that carries the whole article ('auto'): no. Published more than 48 hours ago
   * (or the poll said `--no-full-text`): only when the user opens it. A feed's first poll and old
   * news are backlog: their body alerts will not notify.
   */
  articleStored(article: StoredArticle, feed: FeedRecord, fetchNow: boolean): void {
    if (!article.isNew || article.item.link === null) return;
    if (feed.fullText === 'never' || (feed.fullText === 'auto' && article.item.carriesArticle === true)) return;
    const now = this.options.now();
    const fresh = isPageFetchDue({ publishedAt: article.item.publishedAt, firstSeenAt: now, requested: false, now });
    // Old news and a feed's first poll are backlog: their body alerts never notify.
    this.options.pages.want(article.id, fresh && fetchNow ? 'pending' : 'on-open', feed.lastSuccessAt === null || !fresh);
  }

  /**
   * The same for an article found by news search: a Naver result links to the outlet's own page
   * (`originallink`) and carries a summary, so its page is wanted; a Google result's link is
   * Google's redirect, whose page is not the article, so it has none. `backlog`: the first poll of
   * a new search source.
   */
  searchArticleStored(article: StoredArticle, engine: 'google' | 'naver', backlog: boolean, fetchNow: boolean): void {
    if (engine !== 'naver' || !article.isNew || article.item.link === null) return;
    const now = this.options.now();
    const fresh = isPageFetchDue({ publishedAt: article.item.publishedAt, firstSeenAt: now, requested: false, now });
    this.options.pages.want(article.id, fresh && fetchNow ? 'pending' : 'on-open', backlog || !fresh);
  }

  /** The background job: offers the due pages to the queue (which fetches them on its own time). */
  job(): BackgroundJob {
    return {
      name: 'article pages',
      run: () => {
        this.offerDue();
        return Promise.resolve();
      },
    };
  }

  /** The user opened an article: its page (old, or waiting for a retry) is fetched now, first in line. */
  opened(articleId: number): void {
    if (this.closed || !this.options.pages.requestNow(articleId)) return;
    const [due] = this.options.pages.due(this.options.now(), 1, new Set(), articleId);
    if (due) this.offer(due, true);
  }

  /**
   * Resolves when every page due now has been fetched or has given up (each fetch is bounded by its
   * deadline; a transient failure waits for a later round). `nunchi poll` waits for this.
   */
  async settled(): Promise<void> {
    for (;;) {
      this.offerDue();
      if (this.queue.size === 0 || this.closed) return;
      await this.queue.whenIdle();
    }
  }

  /** Cancels the running fetches (their articles stay pending for the next start) and waits for them to stop. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.close();
    await this.queue.whenIdle();
  }

  private offerDue(): void {
    if (this.closed) return;
    const room = this.queue.capacity - this.queue.size;
    if (room <= 0) return;
    for (const due of this.options.pages.due(this.options.now(), room, this.inQueue)) {
      if (this.offer(due, false) !== 'queued') break;
    }
  }

  /** The feed (or news search) that gave the article's link is on the user's machine or network. */
  private sourceOnPrivateNetwork(due: DuePage): boolean {
    const engine = due.searchEngine === 'google' || due.searchEngine === 'naver' ? due.searchEngine : null;
    const source = due.feedUrl ?? (engine ? this.options.searchBaseUrl?.(engine) : undefined);
    if (!source) return false;
    try {
      return isPrivateHost(new URL(source).hostname);
    } catch {
      return false;
    }
  }

  private offer(due: DuePage, requested: boolean): string {
    const job: PageJob = {
      key: due.articleId,
      url: due.link,
      etag: due.etag,
      lastModified: due.lastModified,
      attempt: due.attempts,
      feedTextLength: due.feedTextLength,
      requested,
      privateHostsAllowed: this.sourceOnPrivateNetwork(due),
    };
    const result = this.queue.offer(job);
    if (result === 'queued') this.inQueue.add(due.articleId);
    return result;
  }

  private async record(job: PageJob, outcome: PageOutcome): Promise<void> {
    const articleId = Number(job.key);
    this.inQueue.delete(articleId);
    // Closing cancels the fetches: that is no failure of the page, it stays pending for the next start.
    if (this.closed) return;
    const { pages, articles, matching, events, now } = this.options;
    let raised: { created: number; storyId: number } = { created: 0, storyId: 0 };
    pages.batch(() => {
      if (outcome.kind === 'failed') {
        pages.saveFailed(articleId, outcome, now());
        return;
      }
      if (outcome.kind === 'not-modified') {
        pages.saveNotModified(articleId, now());
        return;
      }
      const html = sanitizeArticleHtml(outcome.html, outcome.finalUrl);
      pages.saveExtracted(
        articleId,
        {
          url: outcome.finalUrl,
          text: outcome.text,
          html,
          extractor: outcome.extractor,
          etag: outcome.etag,
          lastModified: outcome.lastModified,
        },
        now(),
      );
      const article = articles.get(articleId);
      const page = pages.get(articleId);
      if (article && page) raised = matching.bodyMatched(article, outcome.text, page.backlog);
    });
    events.emit({ name: 'articles.page', payload: { articleId } });
    if (raised.created > 0) {
      events.emit({ name: 'alerts.new', payload: { count: raised.created, storyIds: [raised.storyId] } });
      await this.options.alertsRaised();
    }
    this.offerDue();
  }
}

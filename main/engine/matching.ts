/**
 * Watchlist matching: every enabled watchlist compiled into one matcher (shared/match), matched
 * against each new or changed article inside its feed's store transaction; new and edited
 * watchlists applied to the articles stored before (backfill, a background job); and the preview
 * of a query not saved yet.
 */
import { compileWatchlists, type CompiledMatcher, type WatchlistMatch } from '../../shared/match';
import { parseQuery } from '../../shared/query';
import type { ArticleRecord, FeedRecord, FeedScope, MatchSpan, NormalizedItem, Watchlist } from '../../shared/types';
import { markNewAlert } from '../alerts/marking';
import type { AlertStore } from '../store/alerts';
import type { ArticleStore, MatchableArticle, StoredArticle } from '../store/articles';
import type { FeedStore } from '../store/feeds';
import type { WatchlistStore } from '../store/watchlists';
import { PreviewWindow } from '../watchlists/preview-window';
import { toRule } from '../watchlists/rules';
import type { BackgroundJob, BackgroundTurn } from './background';

const DAY_MS = 24 * 3600_000;

/**
 * A stored article as one watchlist (a matcher compiled from it alone) sees it: its feed text
 * first, else the body of its own page (full-text monitoring) with the spans in field 'body' — as
 * when the body arrived live (`bodyMatched`), so backfill and preview find what live matching does.
 */
function matchStored(
  matcher: CompiledMatcher,
  article: Pick<MatchableArticle, 'title' | 'text' | 'body' | 'sourceTitle' | 'feedId'>,
): { watchlistId: number; spans: MatchSpan[] } | undefined {
  const source = article.sourceTitle;
  const feedId = article.feedId ?? undefined;
  const [onFeedText] = matcher.match({ title: article.title, text: article.text, source, feedId });
  if (onFeedText || !article.body) return onFeedText;
  const [onBody] = matcher.match({ title: article.title, text: article.body, source, feedId });
  return onBody && { ...onBody, spans: onBody.spans.map((s): MatchSpan => (s.field === 'text' ? { ...s, field: 'body' } : s)) };
}
const BACKFILL_BATCH = 500;

export interface PreviewItem {
  article: ArticleRecord;
  spans: MatchSpan[];
}

export interface PreviewInput {
  query: string;
  muteTerms?: string[];
  feedScope?: FeedScope | null;
  limit?: number;
  days?: number;
}

export type PreviewResult =
  | { ok: true; count: number; items: PreviewItem[]; tookMs: number }
  | { ok: false; error: NonNullable<Extract<ReturnType<typeof parseQuery>, { ok: false }>['error']> };

export interface MatchingStores {
  feeds: Pick<FeedStore, 'folders'>;
  watchlists: Pick<WatchlistStore, 'list' | 'get' | 'markBackfilled'>;
  alerts: Pick<AlertStore, 'add' | 'batch' | 'articleMoved' | 'notifyFacts' | 'setPending' | 'watchlistsAlerted'>;
  articles: Pick<ArticleStore, 'get' | 'backfillCandidates' | 'readAfter' | 'versions' | 'readOne' | 'joinStoryByTitle'>;
}

export class WatchlistMatching {
  /** Compiled on first use, not at start: a read command (`nunchi alerts`) never matches. */
  private compiled: { matcher: CompiledMatcher; watchlistById: Map<number, Watchlist> } | null = null;
  /**
   * The last item matched and its matches: the store asks whether an item alerts (to group it by
   * title) and then writes its alerts, one item after the other, so one entry is enough. (A
   * WeakMap of every item kept each one alive through young-generation collections: V8 moved
   * them all to the old generation, tens of MB of a cold poll's peak.)
   */
  private lastMatched: { item: NormalizedItem; matches: WatchlistMatch[] } | null = null;
  private readonly previewWindow: PreviewWindow;

  constructor(
    private readonly stores: MatchingStores,
    private readonly now: () => number,
  ) {
    this.previewWindow = new PreviewWindow(stores.articles);
  }

  /** Recompiles every enabled watchlist into one automaton; after any change to watchlists or feeds. */
  refresh(): void {
    this.compiled = null;
    this.lastMatched = null;
  }

  private get matcher(): CompiledMatcher {
    return (this.compiled ??= this.compile()).matcher;
  }

  private get watchlistById(): Map<number, Watchlist> {
    return (this.compiled ??= this.compile()).watchlistById;
  }

  private compile(): { matcher: CompiledMatcher; watchlistById: Map<number, Watchlist> } {
    const feeds = this.stores.feeds.folders();
    const enabled = this.stores.watchlists.list().filter((w) => w.enabled);
    return { watchlistById: new Map(enabled.map((w) => [w.id, w])), matcher: compileWatchlists(enabled.map((w) => toRule(w, feeds))) };
  }

  /** Whether a new article raises any alert (only those take part in story grouping by title). */
  alerts(item: NormalizedItem, feed: FeedRecord): boolean {
    return this.matchesOf(item, feed).length > 0;
  }

  /** Whether a news-search result raises any alert (`source`: its outlet's name; it has no feed). */
  searchResultAlerts(item: NormalizedItem, source: string): boolean {
    return this.matchesOf(item, { source }).length > 0;
  }

  private matchesOf(item: NormalizedItem, from: FeedRecord | { source: string }): WatchlistMatch[] {
    if (this.lastMatched?.item === item) return this.lastMatched.matches;
    const matches =
      'source' in from
        ? this.matcher.match({ title: item.title, text: item.text, source: from.source })
        : this.matcher.match({ title: item.title, text: item.text, source: from.displayTitle, feedId: from.id });
    this.lastMatched = { item, matches };
    return matches;
  }

  /**
   * Writes the alerts of an article the store just inserted or changed; runs inside the feed's
   * store transaction, so the article and its alerts land together. On a feed's first poll
   * everything it brings is backlog: alerts, but never notifications. Returns how many are new.
   */
  articleStored(article: StoredArticle, feed: FeedRecord): number {
    return this.writeAlerts(article, feed, feed.lastSuccessAt === null);
  }

  /**
   * The same for an article a news search found (issue 12): Nunchi's matcher decides, whatever the
   * engine returned, so a result no watchlist matches is stored with no alert. `backlog`: the
   * first poll of a new search source, whose alerts never notify. A result that is another
   * outlet's or a feed's story already notifies nothing (only a story's first article does).
   */
  searchArticleStored(article: StoredArticle, source: string, backlog: boolean): number {
    return this.writeAlerts(article, { source }, backlog);
  }

  private writeAlerts(article: StoredArticle, from: FeedRecord | { source: string }, backlog: boolean): number {
    if (!article.isNew) this.previewWindow.noteChanged(article.id);
    const { alerts } = this.stores;
    const origin = backlog ? 'backfill' : 'live';
    if (!article.isNew) alerts.articleMoved(article.id, article.sortAt);
    let created = 0;
    for (const match of this.matchesOf(article.item, from)) {
      const watchlist = this.watchlistById.get(match.watchlistId);
      if (!watchlist) continue;
      const alertId = alerts.add(
        { articleId: article.id, sortAt: article.sortAt, storyId: article.storyId, watchlist, spans: match.spans, origin },
        this.now(),
      );
      if (alertId === null) continue;
      created += 1;
      markNewAlert(alerts, { id: alertId, articleId: article.id, storyId: article.storyId, origin }, watchlist);
    }
    return created;
  }

  /**
   * Matches the body extracted from an article's own page (full-text monitoring): a watchlist that
   * matches it and has no alert on the article yet raises one now, with its spans in the body
   * (field 'body'); one that matched the feed's text already raises nothing new. Live unless the
   * article came with its feed's first poll (`backlog`): then the alert follows the backlog rule
   * and never notifies. Only the first article of a story notifies, as for feed text. Runs in one
   * transaction; returns the alerts created and the article's story.
   */
  bodyMatched(article: MatchableArticle, body: string, backlog: boolean): { created: number; storyId: number } {
    const { alerts, articles } = this.stores;
    const origin = backlog ? 'backfill' : 'live';
    let created = 0;
    let storyId = article.storyId;
    alerts.batch(() => {
      const already = alerts.watchlistsAlerted(article.id);
      const fresh = this.matcher
        .match({ title: article.title, text: body, source: article.sourceTitle, feedId: article.feedId ?? undefined })
        .filter((m) => !already.has(m.watchlistId) && this.watchlistById.has(m.watchlistId));
      if (fresh.length === 0) return;
      // Its first alert: it may belong with another outlet's story (only alerting articles are grouped by title).
      if (already.size === 0) storyId = articles.joinStoryByTitle(article.id, this.now());
      for (const match of fresh) {
        const watchlist = this.watchlistById.get(match.watchlistId)!;
        const spans = match.spans.map((s): MatchSpan => (s.field === 'text' ? { ...s, field: 'body' } : s));
        const alertId = alerts.add({ articleId: article.id, sortAt: article.sortAt, storyId, watchlist, spans, origin }, this.now());
        if (alertId === null) continue;
        created += 1;
        markNewAlert(alerts, { id: alertId, articleId: article.id, storyId, origin }, watchlist);
      }
    });
    // Its body is matchable now: previews must read it again (whether or not it raised an alert).
    this.previewWindow.noteChanged(article.id);
    return { created, storyId };
  }

  /** Whether a watchlist still waits to be applied to the stored articles. */
  backfillPending(): boolean {
    return this.stores.watchlists.list().some((w) => w.backfilling);
  }

  /**
   * Applies new or edited watchlists to the articles stored before, in small transactions that
   * yield between them, so the engine stays responsive. These alerts never notify.
   */
  backfillJob(): BackgroundJob {
    return {
      name: 'backfill',
      run: async (turn) => {
        for (;;) {
          const pending = this.stores.watchlists.list().find((w) => w.backfilling);
          if (!pending || turn.stopped()) return;
          const finished = await this.backfill(pending, turn);
          if (finished) this.stores.watchlists.markBackfilled(pending.id, pending.revision);
        }
      },
    };
  }

  /** True when every stored article was checked; false when the watchlist changed (or the engine closes) meanwhile. */
  private async backfill(watchlist: Watchlist, turn: BackgroundTurn): Promise<boolean> {
    const parsed = parseQuery(watchlist.query);
    if (!parsed.ok) return true; // nothing can match a query that does not parse
    const { watchlists, articles, alerts } = this.stores;
    const matcher = compileWatchlists([toRule(watchlist, this.stores.feeds.folders())]);
    let after = 0;
    for (;;) {
      const current = watchlists.get(watchlist.id);
      if (!current || current.revision !== watchlist.revision || !current.enabled || turn.stopped()) return false;
      const rows = articles.backfillCandidates(parsed.query, after, BACKFILL_BATCH);
      if (rows.length === 0) return true;
      alerts.batch(() => {
        for (const row of rows) {
          const match = matchStored(matcher, row);
          if (match)
            alerts.add(
              { articleId: row.id, sortAt: row.sortAt, storyId: row.storyId, watchlist: current, spans: match.spans, origin: 'backfill' },
              this.now(),
            );
        }
      });
      after = rows[rows.length - 1]!.id;
      await turn.yield();
    }
  }

  /**
   * What a query that is not saved yet would match among the articles of the last 30 days:
   * the preview window narrows the candidates, the real matcher decides and gives the spans.
   */
  async preview(input: PreviewInput): Promise<PreviewResult> {
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
      searchSources: [],
      createdAt: 0,
      updatedAt: 0,
    };
    const matcher = compileWatchlists([toRule(draft, this.stores.feeds.folders())]);
    const muteError = matcher.errors[0];
    if (muteError) return { ok: false, error: muteError.error };
    const since = this.now() - (input.days ?? 30) * DAY_MS;
    await this.previewWindow.ready(since);
    const limit = input.limit ?? 50;
    const items: PreviewItem[] = [];
    let count = 0;
    for (const row of this.previewWindow.candidates(parsed.query, since)) {
      const match = matchStored(matcher, row);
      if (!match) continue;
      count += 1;
      const article = items.length < limit ? this.stores.articles.get(row.id) : undefined;
      if (!article) continue;
      // Found in the page's body: the item shows the body around the match, as the inbox does.
      const inBody = match.spans.some((s) => s.field === 'body');
      items.push(
        inBody
          ? {
              article: { ...article, text: row.body ?? '' },
              spans: match.spans.map((s): MatchSpan => (s.field === 'body' ? { ...s, field: 'text' } : s)),
            }
          : { article, spans: match.spans },
      );
    }
    return { ok: true, count, items, tookMs: performance.now() - started };
  }
}

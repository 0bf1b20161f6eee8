/**
 * News-search polling (issue 12): each watchlist's search on Google News and Naver, polled with the
 * feeds, politely (main/search/schedule.ts: every 15 minutes plus jitter, backoff on failures, the
 * first poll as backlog), its fresh results stored as articles without a feed and matched by
 * Nunchi's own matcher in the same transaction. A failing source keeps its error (a search.*
 * key) for the Watchlists and Feeds views and never stops the other sources.
 */
import type { SearchEngineKind } from '../../shared/types';
import type { Locale } from '../../shared/errors';
import { searchBaseUrls, type NaverKeys } from '../search/config';
import { NaverQuota } from '../search/naver-quota';
import { articleHost, outletNameForHost } from '../search/outlets';
import { toGoogleNewsQuery, toNaverQueries } from '../search/query-translate';
import { afterSearchFailure, afterSearchSuccess, type SearchPollState } from '../search/schedule';
import { SearchError, toSearchError } from '../search/search-error';
import type { SearchClientOptions, SearchItem, SearchResult } from '../search/types';
import type { ArticleStore, StoredArticle } from '../store/articles';
import type { DueSearchSource, SearchSourceStore } from '../store/search-sources';
import { asDatabaseError } from '../store/database-error';
import { formatMessage } from '../../shared/messages';
import { logger } from '../logger';
import type { WatchlistMatching } from './matching';

const log = logger('search');
const DAY_MS = 24 * 3600_000;

export interface SearchPollResult {
  watchlistId: number;
  watchlistName: string;
  engine: SearchEngineKind;
  status: 'ok' | 'error';
  /** Results not seen in an earlier poll. */
  fresh: number;
  inserted: number;
  newAlerts: number;
  /** The first poll of this source: stored without notifications. */
  backlog: boolean;
  errorCode?: string;
  error?: string;
  detail?: string;
}

export interface SearchPollingOptions {
  sources: SearchSourceStore;
  articles: ArticleStore;
  matching: WatchlistMatching;
  locale: () => Locale;
  userAgent: () => string | undefined;
  retentionDays: () => number;
  /** The engines' base URLs; default: the environment's overrides, else the public services. */
  baseUrls?: () => { google: string; naver: string };
  /** The user's Naver keys, never stored by the engine (the desktop shell keeps them in the OS keychain). */
  naverKeys: () => NaverKeys | null;
  fetchImpl?: typeof fetch;
  /** One request's deadline (default: the fetch stage's). */
  deadlineMs?: number;
  now: () => number;
  random?: () => number;
  /** In the store transaction, after matching: a new article that may want its own page. */
  articleStored?: (article: StoredArticle, engine: SearchEngineKind, backlog: boolean) => void;
}

/** The outlet key of an article (migration 8's `outlet`): the outlet table's name for its host, else none. */
export function outletKeyForHost(host: string | null): string | null {
  return host === null ? null : outletNameForHost(host);
}

/**
 * The outlet key of a feed item from its link, memoised per host: a cold poll brings 50 000
 * items from a few hundred hosts, and the table lookup is a scan.
 */
export function feedOutletKeys(): (link: string | null) => string | null {
  const byHost = new Map<string, string | null>();
  return (link) => {
    const host = link === null ? null : /^https?:\/\/([^/?#]+)/i.exec(link)?.[1];
    if (!host) return null;
    let key = byHost.get(host);
    if (key === undefined) {
      key = outletKeyForHost(articleHost(`http://${host}/`));
      byHost.set(host, key);
    }
    return key;
  };
}

export class SearchPolling {
  private readonly quota: NaverQuota;

  constructor(private readonly options: SearchPollingOptions) {
    this.quota = new NaverQuota({ now: options.now, state: options.sources.naverQuota() });
  }

  /** Today's Naver calls (the Settings and Feeds views show it). */
  naverUsage(): ReturnType<NaverQuota['usage']> {
    return this.quota.usage();
  }

  /** Polls the due sources (all of them with `all`), one after the other: each engine sees one request at a time. */
  async poll(request: { all?: boolean; signal?: AbortSignal; fullText?: boolean } = {}): Promise<SearchPollResult[]> {
    const results: SearchPollResult[] = [];
    for (const source of this.options.sources.due(this.options.now(), request.all ?? false)) {
      if (request.signal?.aborted) break;
      results.push(await this.pollOne(source, request.signal));
    }
    return results;
  }

  private async pollOne(source: DueSearchSource, signal: AbortSignal | undefined): Promise<SearchPollResult> {
    const { now, random } = this.options;
    const state: SearchPollState = { ...source.state, lastErrorCode: source.state.lastErrorCode as SearchPollState['lastErrorCode'] };
    const base = {
      watchlistId: source.watchlistId,
      watchlistName: source.watchlistName,
      engine: source.engine,
      fresh: 0,
      inserted: 0,
      newAlerts: 0,
    };
    let result: SearchResult;
    try {
      result = await this.search(source, signal);
    } catch (thrown) {
      const error = toSearchError(thrown);
      const next = afterSearchFailure(state, error, now(), random);
      this.options.sources.save(source, next, { errorDetail: error.detail, found: null });
      // The detail is already cleaned of the Naver secret (search-error.ts).
      log.warn('news search failed', { engine: source.engine, watchlistId: source.watchlistId, code: error.code, detail: error.detail });
      return {
        ...base,
        status: 'error',
        backlog: false,
        errorCode: error.code,
        error: error.userMessage(this.options.locale()),
        detail: error.detail,
      };
    } finally {
      if (source.engine === 'naver') this.options.sources.saveNaverQuota(this.quota.state());
    }
    const outcome = afterSearchSuccess(state, result.items, now(), random);
    let inserted = 0;
    let newAlerts = 0;
    // Nothing new: no article, alert or index write, only the source's next time.
    if (outcome.fresh.length > 0) {
      try {
        inserted = this.store(source.engine, outcome.fresh, outcome.backlog, (created) => (newAlerts += created)).inserted;
      } catch (error) {
        // Not stored (the database locked or full): the state is not kept either, so these results
        // are fresh again at the next poll, which comes at once.
        const database = asDatabaseError(error, '');
        log.error('could not store news-search results', { engine: source.engine, watchlistId: source.watchlistId }, error);
        const code = database?.code ?? 'error.unknown';
        return {
          ...base,
          status: 'error',
          backlog: outcome.backlog,
          errorCode: code,
          error: formatMessage(this.options.locale(), { key: code }),
          detail: database?.detail ?? String(error),
        };
      }
    }
    this.options.sources.save(source, outcome.state, { errorDetail: null, found: outcome.fresh.length });
    return { ...base, status: 'ok', fresh: outcome.fresh.length, inserted, newAlerts, backlog: outcome.backlog };
  }

  // The clients (the feed parser, the decoders, zod for Naver's JSON) are loaded by the first
  // search, not by every engine: a read command never searches (issue 14).
  private async search(source: DueSearchSource, signal: AbortSignal | undefined): Promise<SearchResult> {
    const { options } = this;
    const bases = options.baseUrls?.() ?? searchBaseUrls();
    const client: SearchClientOptions = {
      fetchImpl: options.fetchImpl,
      userAgent: options.userAgent(),
      deadlineMs: options.deadlineMs,
      signal,
      now: options.now,
    };
    if (source.engine === 'google') {
      const query = toGoogleNewsQuery(source.query);
      if (!query.ok) throw query.error;
      const { searchGoogleNews } = await import('../search/google-news');
      return searchGoogleNews(query.query, { ...client, baseUrl: bases.google });
    }
    const queries = toNaverQueries(source.query);
    if (!queries.ok) throw queries.error;
    const keys = options.naverKeys();
    if (keys === null) throw new SearchError('search.key_missing', 'no Naver Client ID / Client Secret configured');
    const { searchNaverNews } = await import('../search/naver-news');
    return searchNaverNews(queries.query, { ...client, baseUrl: bases.naver, keys, quota: this.quota });
  }

  private store(
    engine: SearchEngineKind,
    items: readonly SearchItem[],
    backlog: boolean,
    alerted: (created: number) => void,
  ): { inserted: number } {
    const { matching, articles } = this.options;
    const sourceOf = new Map(items.map((item) => [item, item.outlet.name || item.outlet.host || engine]));
    const source = (item: unknown) => sourceOf.get(item as SearchItem) ?? engine;
    return articles.storeSearchItems(
      engine,
      items.map((item) => ({ item, sourceTitle: source(item), outlet: outletKeyForHost(item.outlet.host) })),
      this.options.now(),
      {
        retainSince: this.options.now() - this.options.retentionDays() * DAY_MS,
        groupByTitle: (item) => matching.searchResultAlerts(item, source(item)),
        onStored: (article) => {
          const created = matching.searchArticleStored(article, source(article.item), backlog);
          if (created > 0) alerted(created);
          this.options.articleStored?.(article, engine, backlog);
        },
      },
    );
  }
}

/**
 * The API methods that only read what is stored, and the little of the engine they use. The full
 * table (handlers.ts) includes them; a read-only command (`nunchi alerts`, `watch list`,
 * `feeds list`, `search`) calls them on the stores alone (main/engine/reader.ts), without starting
 * or even loading the engine's polling, matching and background work (issue 14: ≤ 150 ms).
 */
import { isMessageKey, message } from '../../shared/messages';
import type { AppSettings } from '../../shared/api';
import type { ListedFeed, Watchlist } from '../../shared/types';
import type { StoryPage, StoryPageQuery } from '../store/inbox-reads';
import type { SearchOptions, SearchResult } from '../store/search';
import type { SearchSourceStore } from '../store/search-sources';
import { searchHighlighter } from '../watchlists/highlighter';
import { NAVER_DAILY_QUOTA } from '../search/naver-quota';
import type { HandlerTable } from './handler-table';
import { countWindows, dailyTrends, storyPageQuery, storyPageView, summarize, trendDays } from './views';

/** What the read methods use of the engine: the Engine has it all, and so has an EngineReader (main/engine-reader.ts). */
export interface EngineReads {
  readonly now: () => number;
  readonly settings: {
    all(): AppSettings;
    chosen<K extends keyof AppSettings>(key: K): AppSettings[K] | undefined;
  };
  readonly feeds: { list(): ListedFeed[] };
  readonly watchlists: { list(): Watchlist[] };
  readonly inbox: {
    stories(query: StoryPageQuery): StoryPage;
    search(options: SearchOptions): SearchResult;
    watchlistCounts(today: number, weekStart: number): Map<number, { today: number; week: number; total: number }>;
    alertTimesSince(since: number): Array<{ watchlistId: number; at: number }>;
  };
  searchSourceList(): ReturnType<SearchSourceStore['list']>;
}

export type ReadMethod =
  'settings.get' | 'feeds.list' | 'newsSearch.sources' | 'watchlists.list' | 'alerts.list' | 'search.query' | 'trends.daily';
export type ReadHandlerTable = Pick<HandlerTable, ReadMethod>;

/** The zone the user chose, else undefined: the system's, read without starting Intl (shared/time-zone.ts). */
const timeZoneOf = (engine: EngineReads) => engine.settings.chosen('timeZone');

/** The watchlists, each with its alert counts today, this week and in all (in the user's zone). */
export function watchlistsWithCounts(engine: EngineReads) {
  const { today, weekStart } = countWindows(engine.now(), timeZoneOf(engine));
  const counts = engine.inbox.watchlistCounts(today, weekStart);
  return engine.watchlists.list().map((w) => ({ ...w, counts: counts.get(w.id) ?? { today: 0, week: 0, total: 0 } }));
}

export function createReadHandlers(engine: EngineReads): ReadHandlerTable {
  const timeZone = () => timeZoneOf(engine);

  /** A source's stored error code as a message; the quota's names its daily limit. */
  const searchErrorMessage = (code: string) =>
    !isMessageKey(code)
      ? message('error.unknown')
      : code === 'search.quota_exhausted'
        ? message(code, { limit: NAVER_DAILY_QUOTA })
        : message(code);

  return {
    'settings.get': () => engine.settings.all(),
    'feeds.list': () => engine.feeds.list(),
    'newsSearch.sources': () =>
      engine.searchSourceList().map((source) => ({
        ...source,
        lastError: source.lastErrorCode === null ? null : searchErrorMessage(source.lastErrorCode),
      })),
    'watchlists.list': () => watchlistsWithCounts(engine),
    'alerts.list': (params) => storyPageView(engine.inbox.stories(storyPageQuery(params, timeZone()))),
    'search.query': ({ query, sort, offset, limit }) => {
      const found = engine.inbox.search({ query, sort, offset, limit });
      const highlight = searchHighlighter(found.terms);
      return { total: found.total, items: found.items.map((article) => summarize(article, highlight(article))) };
    },
    'trends.daily': ({ days }) => {
      const { keys, since } = trendDays(engine.now(), days, timeZone());
      return dailyTrends(engine.inbox.alertTimesSince(since), engine.watchlists.list(), keys, timeZone());
    },
  };
}

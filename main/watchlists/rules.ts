import type { WatchlistRule } from '../../shared/match';
import type { FeedScope, Watchlist } from '../../shared/types';

type FeedFolder = { id: number; folder: string[] };

/** The feeds a scope covers: listed ids, plus every feed inside a listed folder (or below it). */
export function feedsInScope(scope: FeedScope | null, feeds: readonly FeedFolder[]): number[] | null {
  if (!scope) return null;
  const ids = new Set(scope.feedIds);
  for (const feed of feeds) {
    if (scope.folders.some((folder) => folder.length > 0 && folder.every((part, i) => feed.folder[i] === part))) ids.add(feed.id);
  }
  return [...ids];
}

/** A stored watchlist as the matcher's rule. */
export function toRule(watchlist: Watchlist, feeds: readonly FeedFolder[]): WatchlistRule {
  return {
    id: watchlist.id,
    query: watchlist.query,
    muteTerms: watchlist.muteTerms,
    feedIds: feedsInScope(watchlist.feedScope, feeds),
  };
}

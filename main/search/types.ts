/**
 * What the news-search sources produce: the feed pipeline's NormalizedItem (same identity rules,
 * same cleaning, same store and matcher downstream) plus the outlet each result came from, which
 * a feed knows once for all its items and a search result carries itself.
 */
import type { NormalizedItem } from '../../shared/types';
import type { Outlet } from './outlets';

export type SearchSourceKind = 'google' | 'naver';

export interface SearchItem extends NormalizedItem {
  /** The outlet that published the article ("전자신문", host "etnews.com"). */
  outlet: Outlet;
  /**
   * The engine's own page for the article when it is not `link`: Naver's n.news.naver.com page.
   * Null for Google (its links are kept as they are, in `link`) and for Naver articles it does not host.
   */
  alternateLink: string | null;
}

export interface SearchResult {
  source: SearchSourceKind;
  /** The engine queries that were sent, in order (Naver: one per OR alternative). */
  queries: string[];
  /** The results, each article once (the first occurrence wins), in the engines' order. */
  items: SearchItem[];
  /** HTTP requests made (for Naver, each counted against the daily quota). */
  calls: number;
}

/** What every search client accepts; the defaults suit the desktop app and the CLI. */
export interface SearchClientOptions {
  /** The engine's base URL (settings, else the environment, else the public address). */
  baseUrl?: string;
  /** Injectable like the feed fetcher's: Electron passes `net.fetch` so the system proxy is used. */
  fetchImpl?: typeof fetch;
  userAgent?: string;
  /** Total deadline of one request (default: the fetch stage's 20 s). */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Clock for Retry-After dates and the quota's day. */
  now?: () => number;
}

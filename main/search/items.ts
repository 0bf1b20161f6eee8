/**
 * From an engine's result to a SearchItem, through the feed pipeline's own normalize stage, so a
 * search result gets exactly the identity, link, date and text rules a feed article gets.
 */
import type { ParsedItem } from '../../shared/types';
import { normalizeFeed } from '../feeds/normalize';
import type { Outlet } from './outlets';
import type { SearchItem } from './types';

export interface SearchItemSource {
  /** The result as a feed item: raw strings, untrusted, exactly as a parser would give them. */
  item: ParsedItem;
  outlet: Outlet;
  alternateLink: string | null;
}

/**
 * Normalizes each result on its own (an engine's results are independent articles, not one
 * feed's history), then keeps each identity once: the first occurrence wins, as across the
 * several Naver queries of one watchlist.
 */
export function toSearchItems(sources: readonly SearchItemSource[], ctx: { url: string; encoding: string }): SearchItem[] {
  const seen = new Set<string>();
  const out: SearchItem[] = [];
  for (const source of sources) {
    const [item] = normalizeFeed({ format: 'rss', items: [source.item] }, { feedUrl: ctx.url, encoding: ctx.encoding }).items;
    if (item === undefined || seen.has(item.identity)) continue;
    seen.add(item.identity);
    out.push({ ...item, outlet: source.outlet, alternateLink: source.alternateLink });
  }
  return out;
}

/** Merges several results' items, each identity once, the first occurrence winning. */
export function mergeSearchItems(lists: ReadonlyArray<readonly SearchItem[]>): SearchItem[] {
  const seen = new Set<string>();
  const out: SearchItem[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.identity)) continue;
      seen.add(item.identity);
      out.push(item);
    }
  }
  return out;
}

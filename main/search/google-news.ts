/**
 * Google News search (no key): the RSS search feed of the Korean edition,
 * `${base}/rss/search?q=…&hl=ko&gl=KR&ceid=KR:ko`, through the feed pipeline's fetch, decode and
 * parse stages.
 *
 * Each item names its outlet in `<source url="https://www.etnews.com">전자신문</source>`, and its
 * title ends in " - 전자신문": the suffix is cut from the title and the outlet kept. Links go
 * through news.google.com and are kept as they are (they are not decoded: the encoding is
 * Google's and changes; the browser follows the redirect). The `<description>` is dropped: Google
 * fills it with the headline again as a link and the outlet's name (or a list of related
 * headlines from other outlets), which is no article text, and matching on it would let one
 * outlet's headline raise an alert for another's article.
 *
 * Google has no API contract for this feed: when it decides the traffic is automated it answers
 * 403, or a captcha page (google.com/sorry, 429 or 200 with HTML). Both are "blocked".
 */
import type { ParsedItem } from '../../shared/types';
import { decodeFeedBytes } from '../feeds/decode';
import { FeedError } from '../feeds/feed-error';
import { fetchFeed } from '../feeds/fetch';
import { escapeHtml } from '../feeds/html';
import { inlineHtmlToText } from '../text/html-to-text';
import { parseFeed } from '../feeds/parse';
import { DEFAULT_GOOGLE_NEWS_URL, endpointUrl } from './config';
import { toSearchItems, type SearchItemSource } from './items';
import { outletForUrl, type Outlet } from './outlets';
import { SearchError, excerptForDetail, toSearchError } from './search-error';
import type { SearchClientOptions, SearchResult } from './types';

/** The search feed's address for an already translated query (see query-translate.ts). */
export function googleNewsSearchUrl(query: string, baseUrl: string = DEFAULT_GOOGLE_NEWS_URL): string {
  return endpointUrl(baseUrl, '/rss/search', { q: query, hl: 'ko', gl: 'KR', ceid: 'KR:ko' });
}

/** Runs one Google News search. Throws SearchError only. */
export async function searchGoogleNews(query: string, options: SearchClientOptions = {}): Promise<SearchResult> {
  try {
    const url = googleNewsSearchUrl(query, options.baseUrl);
    const fetched = await fetchFeed(url, {
      fetchImpl: options.fetchImpl,
      userAgent: options.userAgent,
      deadlineMs: options.deadlineMs,
      signal: options.signal,
      now: options.now,
      errorBodyMaxBytes: 4096,
    }).catch((error: unknown) => {
      throw error instanceof FeedError ? googleStatusError(error) : error;
    });
    // No validators are sent, so a 304 cannot come; treat one as "nothing".
    if (fetched.kind === 'not-modified') return { source: 'google', queries: [query], items: [], calls: 1 };

    const { text, encoding } = decodeFeedBytes(fetched.body, fetched.contentType);
    if (isBlockPage(text, fetched.finalUrl)) {
      throw new SearchError('search.blocked', `HTTP ${fetched.httpStatus} with a block page instead of RSS from ${fetched.finalUrl}`);
    }
    const feed = await parseFeed(text);
    const sources = feed.items.map(googleItem);
    return { source: 'google', queries: [query], items: toSearchItems(sources, { url: fetched.finalUrl, encoding }), calls: 1 };
  } catch (error) {
    throw toSearchError(error);
  }
}

/** 403 is Google refusing the client; a 429 whose body is the captcha page is the same. */
function googleStatusError(error: FeedError): FeedError | SearchError {
  const excerpt = error.responseExcerpt;
  if (error.httpStatus === 403 || (error.httpStatus === 429 && excerpt !== null && isBlockPage(excerpt, ''))) {
    const said = excerptForDetail(excerpt, 120);
    return new SearchError('search.blocked', `${error.detail}${said ? `: ${said}` : ''}`, {
      retryAt: error.retryAt,
      httpStatus: error.httpStatus,
    });
  }
  return error;
}

/** Google's "unusual traffic" page: google.com/sorry, a captcha, in any language it answers in. */
export function isBlockPage(text: string, finalUrl: string): boolean {
  if (/\/sorry\//.test(finalUrl)) return true;
  const head = text.slice(0, 20_000);
  if (!/<html|<!doctype html/i.test(head)) return false;
  return /\/sorry\/|captcha|unusual traffic|비정상적인 트래픽|자동화된 요청/i.test(head);
}

function googleItem(raw: ParsedItem): SearchItemSource {
  const sourceName = raw.sourceName === undefined ? '' : inlineHtmlToText(raw.sourceName);
  const title = raw.title === undefined ? '' : inlineHtmlToText(raw.title);
  const { headline, outletName } = splitOutletSuffix(title, sourceName);
  const fromSite = outletForUrl(raw.sourceUrl);
  const outlet: Outlet = { name: outletName || fromSite.name, host: fromSite.host };
  const item: ParsedItem = {};
  if (raw.guid !== undefined) item.guid = raw.guid;
  // Already plain text: escaped so the normalize stage reads back exactly this text.
  item.title = escapeHtml(headline);
  if (raw.link !== undefined) item.link = raw.link;
  if (raw.date !== undefined) item.date = raw.date;
  return { item, outlet, alternateLink: null };
}

/**
 * "카카오브레인 대표 사임 - 전자신문" with source 전자신문 → the headline and 전자신문. Without a
 * `<source>` the last " - " part is taken as the outlet, as Google always writes it; a title that
 * would be left empty is kept whole.
 */
export function splitOutletSuffix(title: string, sourceName: string): { headline: string; outletName: string } {
  if (sourceName !== '') {
    const suffix = ` - ${sourceName}`;
    const headline = title.endsWith(suffix) ? title.slice(0, -suffix.length).trim() : title;
    return { headline: headline === '' ? title : headline, outletName: sourceName };
  }
  const cut = title.lastIndexOf(' - ');
  if (cut <= 0) return { headline: title, outletName: '' };
  return { headline: title.slice(0, cut).trim(), outletName: title.slice(cut + 3).trim() };
}

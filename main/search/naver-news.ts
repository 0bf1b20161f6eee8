/**
 * The Naver News search API (the user's own Client ID and Secret):
 * `${base}/v1/search/news.json?query=…&display=100&sort=date`, keys in the `X-Naver-Client-Id` /
 * `X-Naver-Client-Secret` headers, through the feed pipeline's fetch and decode stages; the JSON
 * is read here and each result goes through the normalize stage as a feed item would.
 *
 * A result (https://developers.naver.com/docs/serviceapi/search/news/news.md):
 * `{ lastBuildDate, total, start, display, items: [{ title, originallink, link, description, pubDate }] }`
 * - `originallink` is the outlet's own URL: it is the article's link and identity, so the same
 *   article from the outlet's feed is the same story; `link` is Naver's copy (n.news.naver.com),
 *   kept as `alternateLink`, and used as the link only when `originallink` is empty;
 * - `title` and `description` mark the query's words with `<b>` and escape text as HTML entities:
 *   the tags go, the normalize stage decodes the entities;
 * - `pubDate` is RFC 822 with `+0900`; the outlet's name comes from `originallink`'s host
 *   (./outlets.ts).
 *
 * Secrets: the Client Secret is sent only in its header, never in the URL; requests follow no
 * redirect (the headers would go with it to another host); every error detail is redacted of it.
 * Quota: each request is counted (./naver-quota.ts) before it is sent; none is sent once the
 * day's quota is used up.
 */
import { z } from 'zod';
import { decodeFeedBytes } from '../feeds/decode';
import { FeedError } from '../feeds/feed-error';
import { fetchFeed } from '../feeds/fetch';
import { DEFAULT_NAVER_API_URL, endpointUrl, type NaverKeys } from './config';
import { mergeSearchItems, toSearchItems, type SearchItemSource } from './items';
import type { NaverQuota } from './naver-quota';
import { NAVER_DAILY_QUOTA, nextSeoulMidnight } from './naver-quota';
import { outletForUrl } from './outlets';
import { SearchError, excerptForDetail, toSearchError } from './search-error';
import type { SearchClientOptions, SearchItem, SearchResult } from './types';
import { toSafeHttpUrl } from '../feeds/urls';

/** The most results one call may ask for; the newest first (sort=date). */
export const NAVER_DISPLAY = 100;

export interface NaverSearchOptions extends SearchClientOptions {
  /** The user's keys; null gives search.key_missing without a request. */
  keys: NaverKeys | null;
  /** Counts the calls; without one nothing is counted (tests of the client alone). */
  quota?: NaverQuota;
}

/** The API's address for one query. */
export function naverNewsSearchUrl(query: string, baseUrl: string = DEFAULT_NAVER_API_URL): string {
  return endpointUrl(baseUrl, '/v1/search/news.json', { query, display: String(NAVER_DISPLAY), sort: 'date' });
}

/**
 * Runs the queries of one watchlist (./query-translate.ts toNaverQueries) one after the other and
 * merges their results. One failing query fails the whole search: a partial answer would be
 * remembered as seen and the rest never fetched again. Throws SearchError only.
 */
export async function searchNaverNews(queries: readonly string[], options: NaverSearchOptions): Promise<SearchResult> {
  const secrets = [options.keys?.clientSecret];
  let calls = 0;
  try {
    const keys = options.keys;
    if (keys === null || keys.clientId === '' || keys.clientSecret === '') {
      throw new SearchError('search.key_missing', 'no Naver Client ID / Client Secret configured');
    }
    const lists: SearchItem[][] = [];
    for (const query of queries) {
      const url = naverNewsSearchUrl(query, options.baseUrl);
      if (options.quota && !options.quota.tryTake()) {
        const usage = options.quota.usage();
        throw new SearchError('search.quota_exhausted', `${usage.used}/${usage.limit} calls used on ${usage.day} (Seoul); not sent`, {
          retryAt: usage.resetsAt,
          args: { limit: usage.limit },
        });
      }
      calls += 1;
      lists.push(await searchOne(url, keys, options));
    }
    return { source: 'naver', queries: [...queries], items: mergeSearchItems(lists), calls };
  } catch (error) {
    throw toSearchError(error, secrets);
  }
}

async function searchOne(url: string, keys: NaverKeys, options: NaverSearchOptions): Promise<SearchItem[]> {
  const fetched = await fetchFeed(url, {
    fetchImpl: options.fetchImpl,
    userAgent: options.userAgent,
    deadlineMs: options.deadlineMs,
    signal: options.signal,
    now: options.now,
    headers: { 'X-Naver-Client-Id': keys.clientId, 'X-Naver-Client-Secret': keys.clientSecret, Accept: 'application/json' },
    maxRedirects: 0,
    errorBodyMaxBytes: 4096,
  }).catch((error: unknown) => {
    throw error instanceof FeedError ? naverStatusError(error, options) : error;
  });
  if (fetched.kind === 'not-modified') return [];
  const { text, encoding } = decodeFeedBytes(fetched.body, fetched.contentType);
  return toSearchItems(readAnswer(text, fetched.finalUrl), { url: fetched.finalUrl, encoding });
}

/** Naver's error body: `{ "errorMessage": "…", "errorCode": "024" }`. */
const ErrorBody = z.object({ errorMessage: z.string().optional(), errorCode: z.string().optional() });

function naverStatusError(error: FeedError, options: NaverSearchOptions): FeedError | SearchError {
  const status = error.httpStatus;
  const body = readErrorBody(error.responseExcerpt);
  const said = body ? ` (Naver ${body.errorCode ?? '?'}: ${excerptForDetail(body.errorMessage ?? '', 200)})` : '';
  const detail = `${error.detail}${said}`;
  if (status === 401 || status === 403) return new SearchError('search.bad_key', detail, { httpStatus: status });
  if (status === 429) {
    // The documented 429 is the daily quota (https://developers.naver.com/docs/common/openapiguide/errorcode.md);
    // a body that says "rate" (a per-second limit, errorCode 012) only needs a pause.
    if (isRateLimit(body)) return new SearchError('search.rate_limited', detail, { retryAt: error.retryAt, httpStatus: status });
    options.quota?.markExhausted();
    const now = (options.now ?? Date.now)();
    const retryAt = Math.max(error.retryAt ?? 0, nextSeoulMidnight(now));
    return new SearchError('search.quota_exhausted', detail, {
      retryAt,
      httpStatus: status,
      args: { limit: options.quota?.limit ?? NAVER_DAILY_QUOTA },
    });
  }
  if (status === 400) return new SearchError('search.query_rejected', detail, { httpStatus: status });
  return body ? new FeedError(error.code, detail, { retryAt: error.retryAt, httpStatus: status }) : error;
}

function readErrorBody(excerpt: string | null): z.infer<typeof ErrorBody> | null {
  if (excerpt === null) return null;
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(excerpt));
    return parsed.success && (parsed.data.errorCode || parsed.data.errorMessage) ? parsed.data : null;
  } catch {
    return null;
  }
}

function isRateLimit(body: z.infer<typeof ErrorBody> | null): boolean {
  if (!body) return false;
  return body.errorCode === '012' || /rate limit|속도 제한|초당/i.test(body.errorMessage ?? '');
}

/** One result as the API documents it; every field may be missing or of the wrong type in practice. */
const NaverItem = z.looseObject({
  title: z.string().optional().catch(undefined),
  originallink: z.string().optional().catch(undefined),
  link: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  pubDate: z.string().optional().catch(undefined),
});
const NaverAnswer = z.looseObject({ items: z.array(z.unknown()) });

/** Naver's highlight tags: only these are removed here; entities and anything else go to normalize. */
const HIGHLIGHT = /<\/?b>/gi;

function readAnswer(text: string, url: string): SearchItemSource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SearchError('search.malformed', `not JSON from ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const answer = NaverAnswer.safeParse(json);
  if (!answer.success) throw new SearchError('search.malformed', `JSON without an "items" array from ${url}`);
  const sources: SearchItemSource[] = [];
  for (const entry of answer.data.items) {
    const parsed = NaverItem.safeParse(entry);
    if (!parsed.success) continue; // not an object: skipped, the rest still counts
    sources.push(naverItem(parsed.data));
  }
  return sources;
}

function naverItem(raw: z.infer<typeof NaverItem>): SearchItemSource {
  const original = toSafeHttpUrl(raw.originallink, null);
  const naver = toSafeHttpUrl(raw.link, null);
  const link = original ?? naver;
  return {
    item: {
      ...(raw.title !== undefined && { title: raw.title.replace(HIGHLIGHT, '') }),
      ...(link !== null && { link }),
      ...(raw.pubDate !== undefined && { date: raw.pubDate }),
      ...(raw.description !== undefined && { html: raw.description.replace(HIGHLIGHT, '') }),
    },
    outlet: outletForUrl(link),
    alternateLink: naver !== null && naver !== link ? naver : null,
  };
}

/**
 * The polite client for article pages: the feed fetch stage (deadline, cap after decompression,
 * ≤ 5 redirects, http(s) only, conditional GET) behind robots.txt and per-host manners.
 *
 * - robots.txt per origin (`robots.ts`): Disallow → no request at all; Crawl-delay → the gap
 *   between two requests to that host;
 * - at most `maxPerHost` (2) requests in flight per host, `maxInFlight` overall, and at least
 *   `minGapMs` between the starts of two requests to one host (`FetchLimiter`); the robots.txt
 *   request counts as a request to its host too;
 * - an honest User-Agent naming Nunchi, that robots.txt can address as `Nunchi`;
 * - the answer is classified here (non-HTML, login or paywall redirect, front-page redirect) and
 *   handed on as bytes: decoding and extraction run in the pipeline workers (`extract.ts`).
 * `fetch` never throws: every failure is a PageFailure with its reason and retry time.
 */
import { isPrivateHost } from '../../shared/private-address';
import { fetchFeed, type FetchOptions } from '../feeds/fetch';
import { FetchLimiter } from '../feeds/limiter';
import type { DispatcherFor } from '../feeds/proxy';
import { failureFromError, pageFailure, type PageFailure } from './outcome';
import { PAGE_MAX_BYTES } from './page-limits';
import { loadRobots, RobotsCache } from './robots';

export const PAGE_USER_AGENT = 'Mozilla/5.0 (compatible; Nunchi/0.1; +https://github.com/nunchi-app/nunchi) full-text reader';
export const PAGE_DEADLINE_MS = 15_000;
/** Between the starts of two requests to one host, when robots.txt asks for nothing longer. */
export const PAGE_MIN_GAP_MS = 1_000;
export const PAGE_MAX_PER_HOST = 2;
export const PAGE_MAX_IN_FLIGHT = 4;
const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

export interface PageRequest {
  url: string;
  /** Validators stored from the last fetch of this page: a 304 then costs no body. */
  etag?: string | null;
  lastModified?: string | null;
  /** Failed attempts so far (0 for the first): it decides the backoff of a transient failure. */
  attempt?: number;
  signal?: AbortSignal;
  /**
   * The link came from a source on the user's own machine or network (an intranet feed, a local
   * mirror): its pages may be there too. Otherwise (the default) a page on a private host, or a
   * redirect to one, is refused without a request (page.private_address, page.bad_redirect): a
   * hostile feed must not make the app knock on the user's router, printer or admin pages.
   */
  privateHostsAllowed?: boolean;
}

export type PageFetch =
  | {
      kind: 'fetched';
      /** Where the page was read from after redirects. */
      finalUrl: string;
      httpStatus: number;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'not-modified'; finalUrl: string; etag: string | null; lastModified: string | null }
  | PageFailure;

export interface PageClientOptions {
  fetchImpl?: typeof fetch;
  /**
   * The connection pool per URL (a proxy: HTTPS_PROXY … in the CLI, the system's in the app): the
   * very one the feed fetches use, so a page is reached however its feed was.
   */
  dispatcher?: DispatcherFor;
  userAgent?: string;
  now?: () => number;
  deadlineMs?: number;
  maxBytes?: number;
  maxInFlight?: number;
  maxPerHost?: number;
  minGapMs?: number;
  /** Shared robots cache; by default one of this client's own, read through its limiter. */
  robots?: RobotsCache;
}

export class PageClient {
  readonly limiter: FetchLimiter;
  readonly robots: RobotsCache;
  private readonly fetchOptions: FetchOptions;
  private readonly now: () => number;
  private readonly minGapMs: number;

  constructor(options: PageClientOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.minGapMs = options.minGapMs ?? PAGE_MIN_GAP_MS;
    this.limiter = new FetchLimiter({
      maxInFlight: options.maxInFlight ?? PAGE_MAX_IN_FLIGHT,
      maxPerHost: options.maxPerHost ?? PAGE_MAX_PER_HOST,
      minGapMs: this.minGapMs,
      now: this.now,
    });
    this.fetchOptions = {
      fetchImpl: options.fetchImpl,
      dispatcher: options.dispatcher,
      userAgent: options.userAgent ?? PAGE_USER_AGENT,
      accept: PAGE_ACCEPT,
      deadlineMs: options.deadlineMs ?? PAGE_DEADLINE_MS,
      maxBytes: options.maxBytes ?? PAGE_MAX_BYTES,
      now: this.now,
    };
    const robotsFetch = {
      fetchImpl: this.fetchOptions.fetchImpl,
      dispatcher: this.fetchOptions.dispatcher,
      userAgent: this.fetchOptions.userAgent,
    };
    this.robots =
      options.robots ??
      new RobotsCache({
        now: this.now,
        load: (robotsUrl) => this.limiter.run(robotsUrl, () => loadRobots(robotsUrl, robotsFetch)),
      });
  }

  async fetch(request: PageRequest): Promise<PageFetch> {
    const context = { now: this.now(), attempt: request.attempt ?? 0 };
    const start = parseHttpUrl(request.url);
    if (start === null) return pageFailure('page.invalid_url', `not an http(s) URL: ${request.url.slice(0, 200)}`, context);
    // Before robots.txt, which would be a request to that host too.
    const privateHostsAllowed = request.privateHostsAllowed === true;
    if (!privateHostsAllowed && isPrivateHost(start.hostname)) {
      return pageFailure(
        'page.private_address',
        `${start.host} is on this machine or its local network; the link's source is not`,
        context,
      );
    }

    const verdict = await this.robots.check(start.href);
    if (!verdict.allowed) {
      if (verdict.why === 'disallowed') return pageFailure('page.robots_disallowed', verdict.detail, context);
      return pageFailure('page.robots_unavailable', verdict.detail, { ...context, retryAt: verdict.retryAt });
    }
    const gapMs = Math.max(this.minGapMs, verdict.crawlDelayMs ?? 0);

    try {
      const result = await this.limiter.run(
        start.href,
        () =>
          fetchFeed(start.href, {
            ...this.fetchOptions,
            etag: request.etag,
            lastModified: request.lastModified,
            signal: request.signal,
            refuseRedirectsToPrivateHosts: !privateHostsAllowed,
          }),
        { gapMs },
      );
      if (result.kind === 'not-modified') {
        return { kind: 'not-modified', finalUrl: result.finalUrl, etag: result.etag, lastModified: result.lastModified };
      }
      const refusal = classifyAnswer(start, new URL(result.finalUrl), result.contentType, result.body);
      if (refusal) return pageFailure(refusal.reason, refusal.detail, { ...context, now: this.now() });
      return {
        kind: 'fetched',
        finalUrl: result.finalUrl,
        httpStatus: result.httpStatus,
        body: result.body,
        contentType: result.contentType,
        etag: result.etag,
        lastModified: result.lastModified,
      };
    } catch (error) {
      return failureFromError(error, { ...context, now: this.now() });
    }
  }
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Where a news site sends a reader it wants signed in or paying. */
const LOGIN_PATH =
  /(?:^|[/_.-])(?:login|log-in|signin|sign-in|sso|auth|member(?:ship)?|account|subscribe|subscription|paywall|premium|join)(?:$|[/_.?=-])/i;

/**
 * A successful answer that is not an article page: another kind of file, a redirect to a login or
 * subscription page, or a redirect from an article to the site's front page (the article is gone).
 */
export function classifyAnswer(
  requested: URL,
  final: URL,
  contentType: string | null,
  body: Uint8Array,
): { reason: 'page.not_html' | 'page.login_required' | 'page.not_found'; detail: string } | null {
  const kind = documentKind(contentType, body);
  if (kind !== 'html') {
    return { reason: 'page.not_html', detail: `${final.href} is ${kind} (Content-Type: ${contentType ?? 'none'})` };
  }
  if (final.href === requested.href) return null;
  if (LOGIN_PATH.test(final.pathname) || (final.host !== requested.host && LOGIN_PATH.test(final.hostname))) {
    return { reason: 'page.login_required', detail: `${requested.href} redirected to ${final.href}` };
  }
  if ((final.pathname === '/' || final.pathname === '') && requested.pathname.length > 1 && final.search === '') {
    return { reason: 'page.not_found', detail: `${requested.href} redirected to the front page ${final.href}` };
  }
  return null;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types that say nothing about the bytes: sniff instead. */
const VAGUE_TYPES = new Set(['', 'application/octet-stream', 'text/plain', 'binary/octet-stream', 'application/unknown']);

/** 'html', or a word for what the bytes are ("application/pdf", "an image" …). */
function documentKind(contentType: string | null, body: Uint8Array): string {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const sniffed = sniff(body);
  if (HTML_TYPES.has(mime)) return sniffed === 'html' || sniffed === 'unknown' ? 'html' : sniffed;
  if (VAGUE_TYPES.has(mime)) return sniffed === 'unknown' ? 'not recognisable as HTML' : sniffed;
  return mime;
}

/** The magic numbers of what servers send in place of an article (WHATWG MIME sniffing, abridged). */
function sniff(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 512));
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-')) return 'application/pdf';
  if (head[0] === 0x89 && ascii.startsWith('PNG', 1)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  if (ascii.startsWith('PK\u0003\u0004')) return 'application/zip';
  const text = ascii
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(?:!doctype html|html|head|body|!--|meta|title|div|p\b|script|article)/.test(text)) return 'html';
  return 'unknown';
}

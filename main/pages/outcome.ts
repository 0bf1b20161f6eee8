/**
 * What fetching one article's page came to. Every step of the page pipeline answers with one of
 * these and never throws: a page is an extra, so a failure is recorded on the article (which keeps
 * its feed text) and never stops anything else.
 *
 * Retrying: a failure carries `retryAt`, the earliest time (epoch ms) the page may be tried again,
 * or null when it must not be retried automatically (404, a PDF, a login page, no article …).
 * Transient failures back off (1 h, 6 h, 24 h) and stop after `MAX_ATTEMPTS`, so no page is ever
 * fetched in a loop. The caller stores `attempt` with the article and passes it back.
 */
import type { FeedErrorCode } from '../../shared/errors';
import type { PageFailureCode } from '../../shared/page-failures';
import { FeedError } from '../feeds/feed-error';

export type { PageFailureCode } from '../../shared/page-failures';

/** Which step of the extraction found the article text. */
export type Extractor = 'site-rule' | 'readability';

export interface PageBody {
  /** Plain text of the article, what the matcher reads (same rules as feed text: `htmlToText`). */
  text: string;
  /** The article's HTML, scripts and chrome removed; still hostile: sanitize it on output exactly like feed HTML. */
  html: string;
  extractor: Extractor;
  /** The site rule's id when `extractor` is 'site-rule'. */
  rule: string | null;
}

export type PageOutcome =
  | ({
      kind: 'extracted';
      /** The URL the page was read from after redirects: relative links resolve against it. */
      finalUrl: string;
      /** The encoding the bytes were decoded from ('utf-8', 'cp949' …). */
      encoding: string;
      etag: string | null;
      lastModified: string | null;
    } & PageBody)
  | {
      /** Conditional GET answered 304: the body extracted last time still stands. */
      kind: 'not-modified';
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
    }
  | PageFailure;

export interface PageFailure {
  kind: 'failed';
  reason: PageFailureCode;
  /** The technical cause, for the log and the article view's details. */
  detail: string;
  /** Earliest time the page may be fetched again (epoch ms), or null: not automatically. */
  retryAt: number | null;
}

/** After this many failed attempts a transient failure is not retried automatically either. */
export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [60 * 60_000, 6 * 60 * 60_000, 24 * 60 * 60_000];

/** Failures that may go away by themselves; every other reason is final until the user asks. */
const TRANSIENT: ReadonlySet<PageFailureCode> = new Set([
  'page.timeout',
  'page.network',
  'page.server_error',
  'page.rate_limited',
  'page.robots_unavailable',
]);

export function isTransient(reason: PageFailureCode): boolean {
  return TRANSIENT.has(reason);
}

/**
 * A failure with its retry time decided: final reasons never retry; transient ones back off by
 * `attempt` (0 for the first try) unless the server named a time (Retry-After) or the caller knows
 * one (an unreadable robots.txt is tried again at a known time), and give up after MAX_ATTEMPTS.
 */
export function pageFailure(
  reason: PageFailureCode,
  detail: string,
  context: { now: number; attempt?: number; retryAt?: number | null },
): PageFailure {
  const attempt = context.attempt ?? 0;
  let retryAt: number | null = null;
  if (isTransient(reason) && attempt + 1 < MAX_ATTEMPTS) {
    retryAt = context.retryAt ?? context.now + BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  }
  return { kind: 'failed', reason, detail, retryAt };
}

/** The page reason for a fetch-stage FeedError (whose own words speak of feeds). */
export function reasonForFetchError(code: FeedErrorCode): PageFailureCode {
  switch (code) {
    case 'error.invalid_url':
    case 'error.unsupported_scheme':
      return 'page.invalid_url';
    case 'error.timeout':
      return 'page.timeout';
    case 'error.http_not_found':
      return 'page.not_found';
    case 'error.http_gone':
      return 'page.gone';
    case 'error.http_forbidden':
      return 'page.forbidden';
    case 'error.http_too_many_requests':
      return 'page.rate_limited';
    case 'error.http_unavailable':
    case 'error.http_server_error':
      return 'page.server_error';
    case 'error.response_too_large':
      return 'page.too_large';
    case 'error.too_many_redirects':
    case 'error.redirect_unsafe':
      return 'page.bad_redirect';
    case 'error.empty_body':
      return 'page.no_article';
    case 'error.http_unexpected_status':
      return 'page.server_error';
    default:
      return 'page.network';
  }
}

/** A thrown fetch error as a page failure, keeping the server's Retry-After when it gave one. */
export function failureFromError(error: unknown, context: { now: number; attempt?: number }): PageFailure {
  if (error instanceof FeedError) {
    return pageFailure(reasonForFetchError(error.code), error.detail, { ...context, retryAt: error.retryAt });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return pageFailure('page.network', detail, context);
}

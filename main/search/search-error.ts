/**
 * A failure of one news-search source, as a message key for the user (its words in shared/messages)
 * plus the technical detail for the log, like FeedError for feeds. Built only through
 * `new SearchError(...)` with a detail this module has cleaned of secrets: the Naver Client
 * Secret must never reach a log line, a stored error, or an error's cause chain.
 */
import type { SearchErrorCode } from '../../shared/search-errors';
import type { Locale } from '../../shared/errors';
import { formatMessage, type Message, type MessageArgs } from '../../shared/messages';
import { FeedError } from '../feeds/feed-error';

export type { SearchErrorCode };

export class SearchError extends Error {
  readonly code: SearchErrorCode;
  readonly detail: string;
  /** When the source may be asked again at the earliest (Retry-After, the quota's reset), epoch ms. */
  readonly retryAt: number | null;
  /** The HTTP status behind the failure, when there was one. */
  readonly httpStatus: number | null;
  /** The message's arguments (`search.quota_exhausted` names the daily `limit`). */
  readonly args: MessageArgs | undefined;

  constructor(
    code: SearchErrorCode,
    detail: string,
    options: { retryAt?: number | null; httpStatus?: number | null; args?: MessageArgs } = {},
  ) {
    // No `cause`: the causes come from the fetch stage and the server, and are summarised in
    // `detail` after redaction instead of being kept whole.
    super(`${code}: ${detail}`);
    this.name = 'SearchError';
    this.code = code;
    this.detail = detail;
    this.retryAt = options.retryAt ?? null;
    this.httpStatus = options.httpStatus ?? null;
    this.args = options.args;
  }

  /** What the user is told, not yet in words. */
  get userFacing(): Message<SearchErrorCode> {
    return this.args ? { key: this.code, args: this.args } : { key: this.code };
  }

  userMessage(locale: Locale): string {
    return formatMessage(locale, this.userFacing);
  }
}

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text` with "[redacted]". */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** A server's error text, short and on one line, for a detail. */
export function excerptForDetail(text: string | null, max = 300): string {
  if (text === null) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * What the fetch stage's failures mean for a search source, when nothing source-specific applies
 * (each client looks at 401/403/429 and the body first).
 */
export function genericSearchCode(error: FeedError): SearchErrorCode {
  switch (error.code) {
    case 'error.timeout':
      return 'search.timeout';
    case 'error.http_server_error':
    case 'error.http_unavailable':
      return 'search.server_error';
    case 'error.http_too_many_requests':
      return 'search.rate_limited';
    case 'error.network':
    case 'error.network_dns':
    case 'error.network_refused':
    case 'error.tls':
      return 'search.network';
    case 'error.invalid_url':
    case 'error.unsupported_scheme':
      return 'search.invalid_base_url';
    case 'error.malformed_feed':
    case 'error.not_a_feed':
    case 'error.empty_body':
    case 'error.bad_compression':
    case 'error.response_too_large':
    case 'error.unsafe_xml':
      return 'search.malformed';
    default:
      return error.httpStatus === 400 ? 'search.query_rejected' : 'search.unexpected_status';
  }
}

/** Anything thrown while searching, as a SearchError whose detail holds no secret. */
export function toSearchError(error: unknown, secrets: ReadonlyArray<string | null | undefined> = []): SearchError {
  if (error instanceof SearchError) {
    const detail = redactSecrets(error.detail, secrets);
    return detail === error.detail
      ? error
      : new SearchError(error.code, detail, { retryAt: error.retryAt, httpStatus: error.httpStatus, args: error.args });
  }
  if (error instanceof FeedError) {
    return new SearchError(genericSearchCode(error), redactSecrets(error.detail, secrets), {
      retryAt: error.retryAt,
      httpStatus: error.httpStatus,
    });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new SearchError('search.malformed', redactSecrets(detail, secrets));
}

import type { FeedErrorCode, Locale } from '../../shared/errors';
import { formatMessage, type Message, type MessageArgs } from '../../shared/messages';

/**
 * A failure of one feed, as a message for the user plus the technical detail for the log.
 * Every stage of the pipeline throws this and nothing else for a problem with the feed itself.
 */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly detail: string;
  /** The message's arguments: the limit that was hit (`error.timeout` takes `seconds`). */
  readonly args: MessageArgs | undefined;
  /** When the server asked us to come back (429/503 Retry-After), as epoch milliseconds. */
  readonly retryAt: number | null;
  /** The HTTP status of a refused request (4xx/5xx), else null. */
  readonly httpStatus: number | null;
  /**
   * The start of the error response's body, as UTF-8 text, when the caller asked for it
   * (FetchOptions.errorBodyMaxBytes): an API's error code lives there (Naver's `errorCode`).
   * Never part of `message` or `detail`: it is the server's text, not ours.
   */
  readonly responseExcerpt: string | null;

  constructor(
    code: FeedErrorCode,
    detail: string,
    options: {
      cause?: unknown;
      retryAt?: number | null;
      httpStatus?: number | null;
      responseExcerpt?: string | null;
      args?: MessageArgs;
    } = {},
  ) {
    super(`${code}: ${detail}`, { cause: options.cause });
    this.name = 'FeedError';
    this.code = code;
    this.detail = detail;
    this.args = options.args;
    this.retryAt = options.retryAt ?? null;
    this.httpStatus = options.httpStatus ?? null;
    this.responseExcerpt = options.responseExcerpt ?? null;
  }

  /** What the user is told, not yet in words. */
  get userFacing(): Message<FeedErrorCode> {
    return this.args ? { key: this.code, args: this.args } : { key: this.code };
  }

  /** The words a person reads, in their language. */
  userMessage(locale: Locale): string {
    return formatMessage(locale, this.userFacing);
  }
}

/** Wrap anything thrown into a FeedError so the poller stores a readable message. */
export function asFeedError(error: unknown): FeedError {
  if (error instanceof FeedError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new FeedError('error.unknown', detail, { cause: error });
}

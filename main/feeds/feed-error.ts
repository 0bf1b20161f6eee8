import { feedErrorMessage, type FeedErrorCode, type Locale } from '../../shared/errors';

/**
 * A failure of one feed, as a message key for the user plus the technical detail for the log.
 * Every stage of the pipeline throws this and nothing else for a problem with the feed itself.
 */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly detail: string;
  /** When the server asked us to come back (429/503 Retry-After), as epoch milliseconds. */
  readonly retryAt: number | null;

  constructor(code: FeedErrorCode, detail: string, options: { cause?: unknown; retryAt?: number | null } = {}) {
    super(`${code}: ${detail}`, { cause: options.cause });
    this.name = 'FeedError';
    this.code = code;
    this.detail = detail;
    this.retryAt = options.retryAt ?? null;
  }

  /** The words a person reads, in their language. */
  userMessage(locale: Locale): string {
    return feedErrorMessage(this.code, locale);
  }
}

/** Wrap anything thrown into a FeedError so the poller stores a readable message. */
export function asFeedError(error: unknown): FeedError {
  if (error instanceof FeedError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new FeedError('error.unknown', detail, { cause: error });
}

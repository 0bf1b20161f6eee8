/**
 * Every failure a user can see is a message key plus the technical detail, as in Miniflux:
 * the user reads words in their language (shared/messages), the log keeps the cause.
 */
import type { MessageKey } from './messages';

export type { Locale } from './messages';

/** The feed failures: fetch, decode, parse, OPML (their words are the `error.*` messages). */
export type FeedErrorCode = Extract<MessageKey, `error.${string}`>;

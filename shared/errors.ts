/**
 * Every failure a user can see is a message key plus the technical detail, as in Miniflux:
 * the user reads words in their language (shared/messages), the log keeps the cause.
 */
import type { MessageKey } from './messages';

export type { Locale } from './messages';

/** The feed failures: fetch, decode, parse, OPML (their words are the `error.*` messages). */
export type FeedErrorCode = Extract<MessageKey, `error.${string}`>;

/**
 * Why the database could not be opened or written (their words are the `database.*` messages). The
 * CLI prints them with the file's path, the desktop app shows them in its startup dialog; the
 * technical cause goes to the log.
 */
export type DatabaseErrorCode = Extract<MessageKey, `database.${string}`>;

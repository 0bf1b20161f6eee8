/**
 * The ways a news-search source (Google News search, the Naver News API) can fail, as message keys:
 * their words, in Korean and English, are the `search.*` error entries of shared/messages (they
 * name the search engine and say what to do about a key or a quota, which no feed error does).
 * The engine keeps the technical cause next to it (SearchError.detail), never the words alone.
 */
import type { MessageKey } from './messages';

export const SEARCH_ERROR_CODES = [
  'search.key_missing',
  'search.bad_key',
  'search.quota_exhausted',
  'search.rate_limited',
  'search.blocked',
  'search.server_error',
  'search.timeout',
  'search.network',
  'search.malformed',
  'search.query_rejected',
  'search.unexpected_status',
  'search.invalid_base_url',
  'search.untranslatable',
  'search.too_many_alternatives',
] as const satisfies readonly MessageKey[];

export type SearchErrorCode = (typeof SEARCH_ERROR_CODES)[number];

import { FEED_ERROR_MESSAGES } from '../../shared/errors';
import type { ApiError } from '../../shared/api';
import { FeedError } from '../feeds/feed-error';

/** Messages for API failures that are not about a feed. */
export const API_ERROR_MESSAGES = {
  'api.invalid_params': { ko: '요청 형식이 올바르지 않습니다.', en: 'The request was not valid.' },
  'api.unknown_method': { ko: '알 수 없는 요청입니다.', en: 'Unknown request.' },
  'api.not_found': { ko: '찾는 항목이 없습니다. 이미 삭제되었을 수 있습니다.', en: 'Not found. It may have been deleted.' },
  'api.invalid_query': { ko: '검색식에 오류가 있습니다.', en: 'The query has an error.' },
  'api.internal': { ko: '내부 오류가 발생했습니다.', en: 'An internal error occurred.' },
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_MESSAGES;

/** An error a handler throws on purpose; it crosses the boundary as data (shared/api.ts ApiError). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ApiFailure';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return { code: error.code, message: API_ERROR_MESSAGES[error.code], detail: error.detail };
  if (error instanceof FeedError) return { code: error.code, message: FEED_ERROR_MESSAGES[error.code], detail: error.detail };
  return { code: 'api.internal', message: API_ERROR_MESSAGES['api.internal'], detail: error instanceof Error ? error.message : String(error) };
}

import type { ApiError } from '../../shared/api';
import type { MessageKey } from '../../shared/messages';
import { FeedError } from '../feeds/feed-error';

/** API failures that are not about a feed (their words are the `api.*` messages). */
export type ApiErrorCode = Extract<MessageKey, `api.${string}`>;

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
  if (error instanceof ApiFailure) return { code: error.code, message: { key: error.code }, detail: error.detail };
  if (error instanceof FeedError) return { code: error.code, message: error.userFacing, detail: error.detail };
  return { code: 'api.internal', message: { key: 'api.internal' }, detail: error instanceof Error ? error.message : String(error) };
}

import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../main/feeds/feed-error';
import { isPageFetchDue, FULL_TEXT_MAX_AGE_MS } from '../../../main/pages/freshness';
import { failureFromError, isTransient, MAX_ATTEMPTS, pageFailure, reasonForFetchError } from '../../../main/pages/outcome';
import type { FeedErrorCode } from '../../../shared/errors';
import { CATALOGUES } from '../../../shared/messages';
import { isPageFailureCode, PAGE_FAILURE_CODES, pageFailureMessage } from '../../../shared/page-failures';
import { PAGE_MAX_BYTES } from '../../../main/pages/page-limits';

const HOUR = 60 * 60_000;

describe('page failures', () => {
  it('have words in Korean and English for every reason', () => {
    const limits = { mebibytes: PAGE_MAX_BYTES / (1024 * 1024), hours: FULL_TEXT_MAX_AGE_MS / HOUR };
    for (const code of PAGE_FAILURE_CODES) {
      expect(pageFailureMessage(code, 'ko', limits)).toMatch(/[가-힣]/);
      expect(pageFailureMessage(code, 'en', limits)).toMatch(/[a-z]/);
    }
    // The limits are arguments: the words name the ones in force.
    expect(pageFailureMessage('page.too_large', 'ko', limits)).toBe('기사 페이지가 너무 큽니다 (5 MiB 초과).');
    expect(pageFailureMessage('page.too_old', 'en', { hours: 24 })).toMatch(/^The article is older than 24 hours/);
    expect(isPageFailureCode('page.not_html')).toBe(true);
    expect(isPageFailureCode('error.timeout')).toBe(false);
  });

  it('map every fetch-stage error to a page reason', () => {
    for (const code of Object.keys(CATALOGUES.ko).filter((key): key is FeedErrorCode => key.startsWith('error.'))) {
      expect(isPageFailureCode(reasonForFetchError(code))).toBe(true);
    }
    expect(reasonForFetchError('error.http_not_found')).toBe('page.not_found');
    expect(reasonForFetchError('error.response_too_large')).toBe('page.too_large');
    expect(reasonForFetchError('error.timeout')).toBe('page.timeout');
  });

  it('final reasons are never retried automatically', () => {
    for (const reason of [
      'page.not_found',
      'page.gone',
      'page.not_html',
      'page.login_required',
      'page.no_article',
      'page.robots_disallowed',
      'page.too_large',
    ] as const) {
      expect(isTransient(reason)).toBe(false);
      expect(pageFailure(reason, 'x', { now: 0 }).retryAt).toBeNull();
    }
  });

  it('transient reasons back off and stop after MAX_ATTEMPTS: no retry loop', () => {
    const times = Array.from({ length: MAX_ATTEMPTS + 1 }, (_, attempt) => pageFailure('page.timeout', 'x', { now: 0, attempt }).retryAt);
    expect(times[0]).toBe(1 * HOUR);
    expect(times[1]).toBe(6 * HOUR);
    expect(times.slice(MAX_ATTEMPTS - 1)).toEqual(Array(2).fill(null));
  });

  it('keeps the server’s Retry-After for a transient status, never for a final one', () => {
    const busy = new FeedError('error.http_too_many_requests', 'HTTP 429', { retryAt: 5_000, httpStatus: 429 });
    expect(failureFromError(busy, { now: 0 })).toMatchObject({ reason: 'page.rate_limited', retryAt: 5_000 });
    const gone = new FeedError('error.http_gone', 'HTTP 410', { retryAt: 5_000, httpStatus: 410 });
    expect(failureFromError(gone, { now: 0 })).toMatchObject({ reason: 'page.gone', retryAt: null });
    expect(failureFromError(new TypeError('odd'), { now: 0 })).toMatchObject({ reason: 'page.network', retryAt: HOUR });
  });
});

describe('the 48-hour rule', () => {
  const now = Date.now();
  it('fetches articles published within 48 hours, not older ones', () => {
    expect(isPageFetchDue({ publishedAt: now - FULL_TEXT_MAX_AGE_MS, firstSeenAt: now, requested: false, now })).toBe(true);
    expect(isPageFetchDue({ publishedAt: now - FULL_TEXT_MAX_AGE_MS - 1, firstSeenAt: now, requested: false, now })).toBe(false);
  });
  it('fetches an old article the user opened', () => {
    expect(isPageFetchDue({ publishedAt: now - 30 * 24 * HOUR, firstSeenAt: now, requested: true, now })).toBe(true);
  });
  it('dates an undated article by when it was first seen; a future date is fresh', () => {
    expect(isPageFetchDue({ publishedAt: null, firstSeenAt: now - 49 * HOUR, requested: false, now })).toBe(false);
    expect(isPageFetchDue({ publishedAt: null, firstSeenAt: now - HOUR, requested: false, now })).toBe(true);
    expect(isPageFetchDue({ publishedAt: now + 9 * HOUR, firstSeenAt: now, requested: false, now })).toBe(true);
  });
});

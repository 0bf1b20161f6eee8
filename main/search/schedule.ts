/**
 * The polite polling policy of one search query (a watchlist on one engine), as pure functions of
 * a small serialisable state and the clock, so the engine can keep the state in the database and
 * the tests can run a day in microseconds:
 * - at most once every 15 minutes, plus 0–20% jitter so queries set up together drift apart;
 * - after a failure, exponential backoff (15 min × 2^(n−1), ±20%, at most a day, never under
 *   15 min), and a Retry-After or the quota's reset honoured when later;
 * - results de-duplicated across polls: only items not seen before (or changed) are "fresh", and
 *   a poll with nothing fresh tells the caller to write nothing;
 * - the first successful poll is backlog: its items are stored but raise no notification.
 */
import { nextDueAfterFailure } from '../feeds/schedule';
import type { SearchErrorCode } from '../../shared/search-errors';
import type { SearchError } from './search-error';
import type { SearchItem } from './types';

export const SEARCH_INTERVAL_MS = 15 * 60_000;
/** Added on top of the interval, never taken off: "at most every 15 minutes" holds. */
export const SEARCH_JITTER = 0.2;
/** How many result keys are remembered per query: a few polls' worth of 100 results each. */
export const SEEN_LIMIT = 1000;

export interface SearchPollState {
  /** Epoch ms; 0 = due now. */
  nextDueAt: number;
  consecutiveFailures: number;
  lastPolledAt: number | null;
  /** Null until the first successful poll: the next success is backlog. */
  lastSuccessAt: number | null;
  lastErrorCode: SearchErrorCode | null;
  /** `identity + "\n" + contentHash` of results already handed out, oldest first, capped at SEEN_LIMIT. */
  seen: string[];
}

export function newSearchPollState(): SearchPollState {
  return { nextDueAt: 0, consecutiveFailures: 0, lastPolledAt: null, lastSuccessAt: null, lastErrorCode: null, seen: [] };
}

export function isSearchDue(state: SearchPollState, now: number): boolean {
  return state.nextDueAt <= now;
}

export interface SearchPollOutcome {
  state: SearchPollState;
  /** Results not handed out before (new, or changed since): the only ones to write. Empty = write nothing. */
  fresh: SearchItem[];
  /** The first successful poll of this query: store, but do not notify. */
  backlog: boolean;
}

function unit(random: () => number): number {
  const value = random();
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function seenKey(item: SearchItem): string {
  return `${item.identity}\n${item.contentHash}`;
}

/** After a successful search: what is fresh, and when to ask again. */
export function afterSearchSuccess(
  state: SearchPollState,
  items: readonly SearchItem[],
  now: number,
  random: () => number = Math.random,
): SearchPollOutcome {
  const known = new Set(state.seen);
  const fresh: SearchItem[] = [];
  for (const item of items) {
    const key = seenKey(item);
    if (known.has(key)) continue;
    known.add(key);
    fresh.push(item);
  }
  // What the engine returned this time moves to the end, so it is the last to be forgotten.
  const returned = [...new Set(items.map(seenKey))];
  const returnedSet = new Set(returned);
  const seen = [...state.seen.filter((key) => !returnedSet.has(key)), ...returned].slice(-SEEN_LIMIT);
  return {
    state: {
      nextDueAt: now + Math.round(SEARCH_INTERVAL_MS * (1 + unit(random) * SEARCH_JITTER)),
      consecutiveFailures: 0,
      lastPolledAt: now,
      lastSuccessAt: now,
      lastErrorCode: null,
      seen,
    },
    fresh,
    backlog: state.lastSuccessAt === null,
  };
}

/** After a failed search: the error is kept for the UI, the next attempt backs off. */
export function afterSearchFailure(
  state: SearchPollState,
  error: Pick<SearchError, 'code' | 'retryAt'>,
  now: number,
  random: () => number = Math.random,
): SearchPollState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  const backoff = nextDueAfterFailure(now, {
    intervalMinutes: SEARCH_INTERVAL_MS / 60_000,
    consecutiveFailures,
    retryAt: error.retryAt,
    random,
  });
  // Never before the quota's reset, and spread over a few minutes after it so every Naver query
  // does not wake at midnight at once.
  const reset =
    error.code === 'search.quota_exhausted' && error.retryAt !== null
      ? error.retryAt + Math.round(unit(random) * SEARCH_INTERVAL_MS * SEARCH_JITTER)
      : 0;
  return {
    ...state,
    nextDueAt: Math.max(backoff, now + SEARCH_INTERVAL_MS, reset),
    consecutiveFailures,
    lastPolledAt: now,
    lastErrorCode: error.code,
  };
}

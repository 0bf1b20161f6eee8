import { describe, expect, it } from 'vitest';
import {
  SEARCH_INTERVAL_MS,
  SEEN_LIMIT,
  afterSearchFailure,
  afterSearchSuccess,
  isSearchDue,
  newSearchPollState,
  type SearchPollState,
} from '../../../main/search/schedule';
import { nextSeoulMidnight } from '../../../main/search/naver-quota';
import type { SearchItem } from '../../../main/search/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = Date.now();

function item(id: string, hash = `h-${id}`): SearchItem {
  return {
    identity: id,
    link: `https://www.etnews.com/${id}`,
    canonicalLink: `https://www.etnews.com/${id}`,
    title: `기사 ${id}`,
    author: null,
    publishedAt: now,
    text: '',
    rawHtml: '',
    contentHash: hash,
    outlet: { name: '전자신문', host: 'etnews.com' },
    alternateLink: null,
  };
}

const never = () => 0;
const always = () => 1;

describe('search polling: when', () => {
  it('a new query is due at once', () => {
    expect(isSearchDue(newSearchPollState(), now)).toBe(true);
  });

  it('after a success, waits 15 minutes plus 0–20% jitter, never less', () => {
    const low = afterSearchSuccess(newSearchPollState(), [], now, never).state;
    const high = afterSearchSuccess(newSearchPollState(), [], now, always).state;
    expect(low.nextDueAt).toBe(now + 15 * MIN);
    expect(high.nextDueAt).toBe(now + 18 * MIN);
    expect(isSearchDue(low, now + 15 * MIN - 1)).toBe(false);
    expect(isSearchDue(low, now + 15 * MIN)).toBe(true);
    expect(afterSearchSuccess(newSearchPollState(), [], now, () => Number.NaN).state.nextDueAt).toBe(now + 15 * MIN);
  });

  it('backs off exponentially on errors, never under 15 minutes, at most a day', () => {
    let state = newSearchPollState();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      state = afterSearchFailure(state, { code: 'search.server_error', retryAt: null }, now, () => 0.5);
      delays.push((state.nextDueAt - now) / MIN);
    }
    expect(delays).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
    expect(state.consecutiveFailures).toBe(10);
    expect(state.lastErrorCode).toBe('search.server_error');
    // -20% jitter on the first retry would be 12 minutes: the 15-minute floor holds.
    const first = afterSearchFailure(newSearchPollState(), { code: 'search.timeout', retryAt: null }, now, never);
    expect(first.nextDueAt).toBe(now + 15 * MIN);
  });

  it('honours a later Retry-After (429)', () => {
    const state = afterSearchFailure(newSearchPollState(), { code: 'search.rate_limited', retryAt: now + 2 * HOUR }, now, () => 0.5);
    expect(state.nextDueAt).toBe(now + 2 * HOUR);
  });

  it('with the quota used up, waits for the Seoul midnight (spread over a few minutes after it)', () => {
    const reset = nextSeoulMidnight(now);
    const low = afterSearchFailure(newSearchPollState(), { code: 'search.quota_exhausted', retryAt: reset }, now, never);
    const high = afterSearchFailure(newSearchPollState(), { code: 'search.quota_exhausted', retryAt: reset }, now, always);
    expect(low.nextDueAt).toBeGreaterThanOrEqual(Math.max(reset, now + 15 * MIN));
    expect(high.nextDueAt).toBeLessThanOrEqual(Math.max(reset, now + 18 * MIN) + 3 * MIN);
    expect(high.nextDueAt).toBeGreaterThan(low.nextDueAt);
  });

  it('a success after failures starts the interval afresh', () => {
    let state = afterSearchFailure(newSearchPollState(), { code: 'search.network', retryAt: null }, now, never);
    state = afterSearchFailure(state, { code: 'search.network', retryAt: null }, now, never);
    const after = afterSearchSuccess(state, [], now + HOUR, never).state;
    expect(after).toMatchObject({ consecutiveFailures: 0, lastErrorCode: null, nextDueAt: now + HOUR + 15 * MIN });
  });

  it('a day of polling every minute asks at most once every 15 minutes', () => {
    let state = newSearchPollState();
    const polls: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let t = now; t < now + 24 * HOUR; t += MIN) {
      if (!isSearchDue(state, t)) continue;
      polls.push(t);
      state =
        polls.length % 7 === 0
          ? afterSearchFailure(state, { code: 'search.server_error', retryAt: null }, t, random)
          : afterSearchSuccess(state, [], t, random).state;
    }
    const gaps = polls.slice(1).map((t, i) => t - (polls[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SEARCH_INTERVAL_MS);
    expect(polls.length).toBeLessThanOrEqual(96);
    expect(polls.length).toBeGreaterThan(50);
  });
});

describe('search polling: what is new', () => {
  it('the first successful poll is backlog, later ones are not', () => {
    const first = afterSearchSuccess(newSearchPollState(), [item('a'), item('b')], now, never);
    expect(first.backlog).toBe(true);
    expect(first.fresh.map((i) => i.identity)).toEqual(['a', 'b']);
    const second = afterSearchSuccess(first.state, [item('c'), item('a')], now + 15 * MIN, never);
    expect(second.backlog).toBe(false);
    expect(second.fresh.map((i) => i.identity)).toEqual(['c']);
  });

  it('a failure before the first success leaves the next success backlog', () => {
    const failed = afterSearchFailure(newSearchPollState(), { code: 'search.timeout', retryAt: null }, now, never);
    expect(afterSearchSuccess(failed, [item('a')], now + 15 * MIN, never).backlog).toBe(true);
  });

  it('a poll that returns nothing new has nothing fresh: the caller writes nothing', () => {
    const first = afterSearchSuccess(newSearchPollState(), [item('a'), item('b')], now, never);
    const again = afterSearchSuccess(first.state, [item('b'), item('a')], now + 15 * MIN, never);
    expect(again.fresh).toEqual([]);
  });

  it('a changed result (same article, new content) is fresh again', () => {
    const first = afterSearchSuccess(newSearchPollState(), [item('a', 'v1')], now, never);
    const changed = afterSearchSuccess(first.state, [item('a', 'v2')], now + 15 * MIN, never);
    expect(changed.fresh.map((i) => i.contentHash)).toEqual(['v2']);
  });

  it('an article listed twice in one answer is fresh once', () => {
    const outcome = afterSearchSuccess(newSearchPollState(), [item('a'), item('a')], now, never);
    expect(outcome.fresh).toHaveLength(1);
    expect(outcome.state.seen).toEqual(['a\nh-a']);
  });

  it('remembers at most SEEN_LIMIT results, forgetting first what the engine stopped returning', () => {
    let state: SearchPollState = newSearchPollState();
    const old = Array.from({ length: SEEN_LIMIT }, (_, i) => item(`old-${i}`));
    state = afterSearchSuccess(state, old, now, never).state;
    // The engine still returns old-0; 10 new results push out the oldest of the rest.
    const next = afterSearchSuccess(
      state,
      [item('old-0'), ...Array.from({ length: 10 }, (_, i) => item(`new-${i}`))],
      now + 15 * MIN,
      never,
    );
    expect(next.fresh).toHaveLength(10);
    expect(next.state.seen).toHaveLength(SEEN_LIMIT);
    expect(next.state.seen).toContain('old-0\nh-old-0');
    expect(next.state.seen).not.toContain('old-1\nh-old-1');
    expect(afterSearchSuccess(next.state, [item('old-0')], now + 30 * MIN, never).fresh).toEqual([]);
  });

  it('its state survives JSON (the engine keeps it in the database)', () => {
    const outcome = afterSearchSuccess(newSearchPollState(), [item('a')], now, never);
    const restored = JSON.parse(JSON.stringify(outcome.state)) as SearchPollState;
    expect(afterSearchSuccess(restored, [item('a')], now + 15 * MIN, never).fresh).toEqual([]);
  });
});

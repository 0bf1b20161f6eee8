import { describe, expect, it } from 'vitest';
import { NAVER_DAILY_QUOTA, NaverQuota, nextSeoulMidnight, seoulDay } from '../../../main/search/naver-quota';

const HOUR = 3600_000;
/** A Seoul midnight near the real now (tests never depend on the day they run). */
const midnight = nextSeoulMidnight(Date.now());

describe('the Seoul day', () => {
  it('starts at 15:00 UTC', () => {
    expect(new Date(midnight).getUTCHours()).toBe(15);
    expect(seoulDay(midnight - 1)).not.toBe(seoulDay(midnight));
    expect(seoulDay(midnight)).toBe(seoulDay(midnight + 23 * HOUR + 59 * 60_000));
    expect(nextSeoulMidnight(midnight)).toBe(midnight + 24 * HOUR);
    expect(nextSeoulMidnight(midnight - 1)).toBe(midnight);
  });
});

describe('NaverQuota', () => {
  it('counts calls per Seoul day against 25 000 and starts again at midnight', () => {
    let clock = midnight - 2 * HOUR;
    const quota = new NaverQuota({ now: () => clock });
    expect(quota.usage()).toEqual({ day: seoulDay(clock), used: 0, limit: NAVER_DAILY_QUOTA, remaining: 25_000, resetsAt: midnight });
    for (let i = 0; i < 3; i++) expect(quota.tryTake()).toBe(true);
    expect(quota.usage()).toMatchObject({ used: 3, remaining: 24_997 });
    clock = midnight;
    expect(quota.usage()).toMatchObject({ day: seoulDay(midnight), used: 0, resetsAt: midnight + 24 * HOUR });
  });

  it('refuses past the limit without counting', () => {
    const quota = new NaverQuota({ now: () => midnight + HOUR, limit: 2 });
    expect([quota.tryTake(), quota.tryTake(), quota.tryTake()]).toEqual([true, true, false]);
    expect(quota.usage()).toMatchObject({ used: 2, remaining: 0 });
  });

  it('believes Naver when it says the quota is gone, until the day ends', () => {
    let clock = midnight + HOUR;
    const quota = new NaverQuota({ now: () => clock });
    quota.tryTake();
    quota.markExhausted();
    expect(quota.tryTake()).toBe(false);
    expect(quota.usage().remaining).toBe(0);
    clock = midnight + 24 * HOUR;
    expect(quota.tryTake()).toBe(true);
  });

  it('keeps its count across restarts through its state; a stale or broken state starts afresh', () => {
    let clock = midnight + HOUR;
    const first = new NaverQuota({ now: () => clock });
    first.tryTake();
    first.tryTake();
    const saved = first.state();
    expect(saved).toEqual({ day: seoulDay(clock), used: 2 });
    expect(new NaverQuota({ now: () => clock, state: saved }).usage().used).toBe(2);
    clock += 24 * HOUR;
    expect(new NaverQuota({ now: () => clock, state: saved }).usage().used).toBe(0);
    expect(new NaverQuota({ now: () => clock, state: { day: 'garbage', used: 5 } }).usage().used).toBe(0);
    expect(new NaverQuota({ now: () => clock, state: { day: seoulDay(clock), used: -1 } }).usage().used).toBe(0);
  });
});

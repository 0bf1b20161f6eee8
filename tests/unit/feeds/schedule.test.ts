import { describe, expect, it } from 'vitest';
import {
  clampInterval,
  DEFAULT_INTERVAL_MINUTES,
  MAX_BACKOFF_MS,
  MIN_INTERVAL_MINUTES,
  nextDueAfterFailure,
  nextDueAfterSuccess,
} from '../../../main/feeds/schedule';

const NOW = Date.UTC(2026, 7, 4, 0, 0, 0); // a fixed clock: 2026-08-04 09:00 KST
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('clampInterval', () => {
  it('keeps a sensible interval and rounds to whole minutes', () => {
    expect(clampInterval(10)).toBe(10);
    expect(clampInterval(15.4)).toBe(15);
    expect(clampInterval(15.6)).toBe(16);
  });

  it('never polls faster than every 2 minutes nor slower than once a day', () => {
    expect(MIN_INTERVAL_MINUTES).toBe(2);
    expect(clampInterval(0)).toBe(2);
    expect(clampInterval(1)).toBe(2);
    expect(clampInterval(-30)).toBe(2);
    expect(clampInterval(1440)).toBe(1440);
    expect(clampInterval(100_000)).toBe(1440);
  });

  it('falls back to the default for values that are not numbers', () => {
    expect(DEFAULT_INTERVAL_MINUTES).toBe(10);
    expect(clampInterval(Number.NaN)).toBe(10);
    expect(clampInterval(Number.POSITIVE_INFINITY)).toBe(10);
  });
});

describe('nextDueAfterSuccess', () => {
  it('is one interval later when the feed asks for nothing', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10 })).toBe(NOW + 10 * MIN);
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: null, maxAgeSeconds: null })).toBe(NOW + 10 * MIN);
  });

  it('clamps the interval it is given', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 0 })).toBe(NOW + 2 * MIN);
  });

  it('honours a <ttl> longer than the interval', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: 60 })).toBe(NOW + 60 * MIN);
  });

  it('ignores a <ttl> or max-age shorter than the interval: a server cannot make us poll faster', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 30, ttlMinutes: 5 })).toBe(NOW + 30 * MIN);
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 30, maxAgeSeconds: 60 })).toBe(NOW + 30 * MIN);
  });

  it('honours Cache-Control max-age (seconds) longer than the interval', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, maxAgeSeconds: 1800 })).toBe(NOW + 30 * MIN);
  });

  it('takes the longer of ttl and max-age', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: 20, maxAgeSeconds: 3600 })).toBe(NOW + HOUR);
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: 90, maxAgeSeconds: 3600 })).toBe(NOW + 90 * MIN);
  });

  it('caps what the server asks for at 24 hours', () => {
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: 99_999 })).toBe(NOW + MAX_BACKOFF_MS);
    expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, maxAgeSeconds: 31_536_000 })).toBe(NOW + MAX_BACKOFF_MS);
  });

  it('ignores zero, negative and non-finite hints', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(nextDueAfterSuccess(NOW, { intervalMinutes: 10, ttlMinutes: bad, maxAgeSeconds: bad })).toBe(NOW + 10 * MIN);
    }
  });
});

describe('nextDueAfterFailure', () => {
  const noJitter = (): number => 0.5; // maps to a factor of exactly 1

  it('backs off exponentially: interval × 2^(failures − 1)', () => {
    const due = (failures: number): number =>
      nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: failures, random: noJitter }) - NOW;
    expect(due(1)).toBe(10 * MIN);
    expect(due(2)).toBe(20 * MIN);
    expect(due(3)).toBe(40 * MIN);
    expect(due(4)).toBe(80 * MIN);
    expect(due(7)).toBe(640 * MIN);
  });

  it('treats a failure count below 1 as the first failure', () => {
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 0, random: noJitter })).toBe(NOW + 10 * MIN);
  });

  it('spreads the delay by ±20% jitter from the injected random source', () => {
    const at = (r: number): number => nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 3, random: () => r }) - NOW;
    expect(at(0)).toBe(32 * MIN); // 40 min × 0.8
    expect(at(1)).toBe(48 * MIN); // 40 min × 1.2
    expect(at(0.75)).toBe(44 * MIN); // 40 min × 1.1
  });

  it('keeps a misbehaving random source inside the ±20% band', () => {
    const at = (r: number): number => nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 1, random: () => r }) - NOW;
    expect(at(-3)).toBe(8 * MIN);
    expect(at(7)).toBe(12 * MIN);
  });

  it('uses Math.random by default and stays inside the jitter band', () => {
    for (let i = 0; i < 200; i += 1) {
      const delay = nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 2 }) - NOW;
      expect(delay).toBeGreaterThanOrEqual(16 * MIN);
      expect(delay).toBeLessThanOrEqual(24 * MIN);
    }
  });

  it('caps the backoff at 24 hours, even after very many failures', () => {
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 12, random: () => 1 })).toBe(NOW + MAX_BACKOFF_MS);
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 5000, random: () => 0 })).toBe(NOW + MAX_BACKOFF_MS);
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 1440, consecutiveFailures: 1, random: () => 1 })).toBe(NOW + MAX_BACKOFF_MS);
  });

  it('respects a Retry-After that is later than the backoff', () => {
    const retryAt = NOW + 2 * HOUR;
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 1, retryAt, random: noJitter })).toBe(retryAt);
  });

  it('keeps the backoff when Retry-After is sooner, or already past', () => {
    const p = { intervalMinutes: 10, consecutiveFailures: 3, random: noJitter };
    expect(nextDueAfterFailure(NOW, { ...p, retryAt: NOW + 5 * MIN })).toBe(NOW + 40 * MIN);
    expect(nextDueAfterFailure(NOW, { ...p, retryAt: NOW - HOUR })).toBe(NOW + 40 * MIN);
    expect(nextDueAfterFailure(NOW, { ...p, retryAt: null })).toBe(NOW + 40 * MIN);
  });

  it('caps Retry-After at 24 hours from now', () => {
    const retryAt = NOW + 30 * 24 * HOUR;
    expect(nextDueAfterFailure(NOW, { intervalMinutes: 10, consecutiveFailures: 1, retryAt, random: noJitter })).toBe(NOW + MAX_BACKOFF_MS);
  });

  it('returns whole milliseconds', () => {
    const due = nextDueAfterFailure(NOW, { intervalMinutes: 3, consecutiveFailures: 1, random: () => 0.123456789 });
    expect(Number.isInteger(due)).toBe(true);
  });
});

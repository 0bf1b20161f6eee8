/**
 * When a feed is next due: after a success, at the user's interval (or later if the feed itself
 * asks for it); after a failure, with exponential backoff so a broken or overloaded server is not
 * hammered every few minutes. Pure functions of `now`, so callers and tests inject the clock.
 */

export const DEFAULT_INTERVAL_MINUTES = 10;
export const MIN_INTERVAL_MINUTES = 2;
/** One day: the longest interval a user can set, and the ceiling of every delay below. */
export const MAX_INTERVAL_MINUTES = 24 * 60;
export const MAX_BACKOFF_MS = 24 * 3600_000;
/** Backoff delays are spread ±20% so feeds that failed together do not retry in lock-step. */
export const BACKOFF_JITTER = 0.2;

const MINUTE_MS = 60_000;

/** A polling interval in whole minutes between 2 and 1440; garbage (NaN, ±Infinity) means the default. */
export function clampInterval(minutes: number): number {
  if (!Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(MIN_INTERVAL_MINUTES, Math.round(minutes)));
}

/** A positive, finite number of milliseconds, or 0 for anything a feed could send that is not. */
function positiveMs(value: number | null | undefined, unitMs: number): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return value * unitMs;
}

/**
 * After a successful fetch. The feed's `<ttl>` (minutes) and the response's Cache-Control
 * `max-age` (seconds) are honoured only when they ask for a LONGER wait than the user's interval:
 * a server cannot make us poll faster than the user chose, and its wish is capped at 24 h so a
 * `<ttl>99999</ttl>` does not silence a feed for months.
 */
export function nextDueAfterSuccess(
  now: number,
  p: { intervalMinutes: number; ttlMinutes?: number | null; maxAgeSeconds?: number | null },
): number {
  const intervalMs = clampInterval(p.intervalMinutes) * MINUTE_MS;
  const serverMs = Math.min(MAX_BACKOFF_MS, Math.max(positiveMs(p.ttlMinutes, MINUTE_MS), positiveMs(p.maxAgeSeconds, 1000)));
  return now + Math.max(intervalMs, Math.round(serverMs));
}

/**
 * After a failed fetch: interval × 2^(failures − 1), spread by ±20% jitter, capped at 24 h.
 * A Retry-After from the server (`retryAt`, epoch ms) wins when it is later, also capped at 24 h
 * from now so a hostile or mistaken header cannot park a feed forever.
 */
export function nextDueAfterFailure(
  now: number,
  p: { intervalMinutes: number; consecutiveFailures: number; retryAt?: number | null; random?: () => number },
): number {
  const intervalMs = clampInterval(p.intervalMinutes) * MINUTE_MS;
  const failures = Number.isFinite(p.consecutiveFailures) ? Math.max(1, Math.floor(p.consecutiveFailures)) : 1;
  // 2^40 minutes is far past the cap already; bounding the exponent keeps the arithmetic finite.
  const exponential = intervalMs * 2 ** Math.min(failures - 1, 40);
  const random = p.random ?? Math.random;
  const unit = Math.min(1, Math.max(0, random())); // a misbehaving random source must not escape ±20%
  const jitter = 1 + (unit * 2 - 1) * BACKOFF_JITTER;
  let delay = Math.min(MAX_BACKOFF_MS, Math.round(exponential * jitter));

  const retryAt = p.retryAt;
  if (retryAt !== null && retryAt !== undefined && Number.isFinite(retryAt) && retryAt > now) {
    delay = Math.max(delay, Math.min(MAX_BACKOFF_MS, Math.round(retryAt - now)));
  }
  return now + delay;
}

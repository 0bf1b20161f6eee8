/**
 * Bounds how many fetches run at once: a few in flight overall (the machine and the user's link),
 * and fewer per host (so twenty feeds on one outlet's server are not fetched all at once — that
 * is how a polite client avoids 429s and bans).
 *
 * Fairness: waiting tasks start in arrival order, except that a task whose host is already busy
 * is passed over (not removed) so it cannot block other hosts behind it. It keeps its place, so it
 * starts before any later task of its host as soon as that host has a free slot: no starvation.
 *
 * Optionally also a minimum gap between the starts of two tasks on one host (the article-page
 * client uses it for politeness and robots.txt Crawl-delay; the feed poller does not). A task whose
 * host is inside its gap is passed over the same way and a timer wakes the queue when the gap ends.
 */

export const DEFAULT_MAX_IN_FLIGHT = 8;
export const DEFAULT_MAX_PER_HOST = 2;

interface Waiting {
  host: string;
  start: () => void;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The key tasks are grouped by: the lower-case hostname. A string that is not a URL is its own
 * group; the limiter only schedules, and the fetch stage reports the bad address.
 */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

export interface FetchLimiterOptions {
  maxInFlight?: number;
  maxPerHost?: number;
  /** Minimum milliseconds between the starts of two tasks on one host; 0 (default) = none. */
  minGapMs?: number;
  /** Clock for the gaps; read at call time, so test fake timers apply. */
  now?: () => number;
}

export class FetchLimiter {
  readonly maxInFlight: number;
  readonly maxPerHost: number;
  readonly minGapMs: number;
  private readonly queue: Waiting[] = [];
  private readonly perHost = new Map<string, number>();
  /** Per host: the earliest time its next task may start (only while a gap is running). */
  private readonly nextStartAt = new Map<string, number>();
  private readonly now: () => number;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private wakeAt = Number.POSITIVE_INFINITY;
  private running = 0;

  constructor(opts: FetchLimiterOptions = {}) {
    this.maxInFlight = positiveInteger('maxInFlight', opts.maxInFlight, DEFAULT_MAX_IN_FLIGHT);
    this.maxPerHost = positiveInteger('maxPerHost', opts.maxPerHost, DEFAULT_MAX_PER_HOST);
    const gap = opts.minGapMs ?? 0;
    if (!Number.isFinite(gap) || gap < 0) throw new RangeError(`minGapMs must be a non-negative number, got ${gap}`);
    this.minGapMs = gap;
    this.now = opts.now ?? (() => Date.now());
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` when a slot for `url`'s host is free and settles with its result. The task starts
   * synchronously inside this call when a slot is free right away. `gapMs` (default: the
   * limiter's `minGapMs`) is how long the host's next task must wait after this one starts, e.g.
   * a robots.txt Crawl-delay.
   */
  run<T>(url: string, task: () => Promise<T>, opts: { gapMs?: number } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const host = hostKey(url);
      const gapMs = Math.max(opts.gapMs ?? this.minGapMs, 0);
      const start = (): void => {
        this.running += 1;
        this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
        let result: Promise<T>;
        try {
          result = Promise.resolve(task());
        } catch (error) {
          // A task that throws before returning a promise must still free its slot.
          result = Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        // The gap runs from when the task's synchronous part is over — by then a fetch has sent its
        // request — so two requests are never closer than the gap, whatever that part cost.
        if (gapMs > 0) this.nextStartAt.set(host, this.now() + gapMs);
        result.then(resolve, reject).finally(() => this.release(host));
      };
      this.queue.push({ host, start });
      this.pump();
    });
  }

  private release(host: string): void {
    this.running -= 1;
    const left = (this.perHost.get(host) ?? 1) - 1;
    if (left === 0) this.perHost.delete(host);
    else this.perHost.set(host, left);
    this.pump();
  }

  /** Starts waiting tasks, oldest first, skipping those whose host is at its limit or inside its gap. */
  private pump(): void {
    const now = this.now();
    let earliestGapEnd = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.queue.length && this.running < this.maxInFlight;) {
      const waiting = this.queue[i]!;
      const gapEnd = this.nextStartAt.get(waiting.host);
      if (gapEnd !== undefined && gapEnd <= now) this.nextStartAt.delete(waiting.host);
      if (gapEnd !== undefined && gapEnd > now) {
        earliestGapEnd = Math.min(earliestGapEnd, gapEnd);
        i += 1;
      } else if ((this.perHost.get(waiting.host) ?? 0) < this.maxPerHost) {
        this.queue.splice(i, 1);
        waiting.start();
      } else {
        i += 1;
      }
    }
    if (earliestGapEnd !== Number.POSITIVE_INFINITY) this.wakeUpAt(earliestGapEnd, now);
  }

  /** One timer for the earliest gap end; the pump it triggers sets the next one. */
  private wakeUpAt(at: number, now: number): void {
    if (this.wakeTimer !== null && this.wakeAt <= at) return;
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(at - now, 1),
    );
  }
}

/**
 * Bounds how many fetches run at once: a few in flight overall (the machine and the user's link),
 * and fewer per host (so twenty feeds on one outlet's server are not fetched all at once — that
 * is how a polite client avoids 429s and bans).
 *
 * Fairness: waiting tasks start in arrival order, except that a task whose host is already busy
 * is passed over (not removed) so it cannot block other hosts behind it. It keeps its place, so it
 * starts before any later task of its host as soon as that host has a free slot: no starvation.
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

export class FetchLimiter {
  readonly maxInFlight: number;
  readonly maxPerHost: number;
  private readonly queue: Waiting[] = [];
  private readonly perHost = new Map<string, number>();
  private running = 0;

  constructor(opts: { maxInFlight?: number; maxPerHost?: number } = {}) {
    this.maxInFlight = positiveInteger('maxInFlight', opts.maxInFlight, DEFAULT_MAX_IN_FLIGHT);
    this.maxPerHost = positiveInteger('maxPerHost', opts.maxPerHost, DEFAULT_MAX_PER_HOST);
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
   * synchronously inside this call when a slot is free right away.
   */
  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const host = hostKey(url);
      const start = (): void => {
        this.running += 1;
        this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
        let result: Promise<T>;
        try {
          result = Promise.resolve(task());
        } catch (error) {
          // A task that throws before returning a promise must still free its slot.
          result = Promise.reject(error);
        }
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

  /** Starts waiting tasks, oldest first, skipping those whose host is at its limit. */
  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.maxInFlight; ) {
      const waiting = this.queue[i]!;
      if ((this.perHost.get(waiting.host) ?? 0) < this.maxPerHost) {
        this.queue.splice(i, 1);
        waiting.start();
      } else {
        i += 1;
      }
    }
  }
}

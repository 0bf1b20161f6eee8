/**
 * The second, slower pipeline behind the feed poll (DESIGN.md, "The article page"): a bounded
 * queue of article pages → polite fetch (`page-client.ts`) → decode + extract in the pipeline
 * workers (`extract.ts` through a `PageExtractor`) → one `PageOutcome` per job, handed to
 * `onOutcome` (phase 2: the engine stores the body and matches it).
 *
 * Memory is bounded whatever the burst. The queue holds at most `capacity` jobs (waiting + running),
 * each a URL and a few numbers; at most `concurrency` of them hold a page body (≤ 5 MiB, plus its
 * copy in the worker). What does not fit is not lost, it is *deferred*:
 * - `offer` answers 'deferred' for a background job when the queue is full; the caller keeps such
 *   articles marked "page pending" in the store and offers them again when `onSpace` fires;
 * - a job the user asked for (they opened the article) is always taken and goes first; if the
 *   queue is full, the newest waiting background job makes room and is handed to `onDeferred`.
 * Fairness: jobs start in arrival order (asked-for jobs first), except that a job whose host already
 * has `maxPerHost` jobs running is passed over, so one slow or Crawl-delayed host cannot take every
 * slot. A job is never retried here: its outcome says whether and when it may be (`retryAt`).
 */
import { hostKey } from '../feeds/limiter';
import type { PageExtractor } from './extract';
import { pageFailure, type PageOutcome } from './outcome';
import type { PageClient, PageRequest } from './page-client';

export interface PageJob {
  /** The caller's identity for the article (its id): a job already queued is not queued twice. */
  key: string | number;
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Failed attempts so far. */
  attempt?: number;
  /** Length of the feed's text: an extracted body much shorter than it is not taken. */
  feedTextLength?: number;
  /** The user opened the article: first in line, never deferred, and the 48-hour rule does not apply. */
  requested?: boolean;
  /** The link's source (its feed, its news search) is on the user's own network: see PageRequest. */
  privateHostsAllowed?: boolean;
}

export type OfferResult = 'queued' | 'duplicate' | 'deferred' | 'closed';

export interface PageQueueOptions {
  client: PageClient;
  extractor: PageExtractor;
  /** Called once per job that ran, with its outcome; an error it throws is reported to `onError`, nothing else. */
  onOutcome: (job: PageJob, outcome: PageOutcome) => void | Promise<void>;
  /** A queued background job pushed out by an asked-for one: offer it again later. */
  onDeferred?: (job: PageJob) => void;
  /** The queue has room again after it deferred something. */
  onSpace?: () => void;
  onError?: (error: unknown, job: PageJob) => void;
  /** Jobs held at most, waiting and running together. */
  capacity?: number;
  /** Jobs running at most (each holds one page body). */
  concurrency?: number;
  maxPerHost?: number;
  now?: () => number;
}

export const PAGE_QUEUE_CAPACITY = 200;
export const PAGE_QUEUE_CONCURRENCY = 4;

/** One page fetched, decoded and extracted. Never throws. */
export async function fetchArticlePage(
  job: PageJob,
  deps: { client: PageClient; extractor: PageExtractor; now?: () => number; signal?: AbortSignal },
): Promise<PageOutcome> {
  const now = deps.now ?? (() => Date.now());
  const request: PageRequest = {
    url: job.url,
    etag: job.etag,
    lastModified: job.lastModified,
    attempt: job.attempt,
    signal: deps.signal,
    privateHostsAllowed: job.privateHostsAllowed,
  };
  const fetched = await deps.client.fetch(request);
  if (fetched.kind !== 'fetched') return fetched;
  let extraction;
  try {
    extraction = await deps.extractor.extractPage({
      body: fetched.body,
      contentType: fetched.contentType,
      url: fetched.finalUrl,
      feedTextLength: job.feedTextLength,
    });
  } catch (error) {
    // The worker died on this page (its heap limit) or the pool closed: the page is not readable.
    const detail = `extraction stopped: ${error instanceof Error ? error.message : String(error)}`;
    return pageFailure('page.no_article', detail, { now: now(), attempt: job.attempt });
  }
  if (extraction.kind === 'failed') return pageFailure('page.no_article', extraction.detail, { now: now(), attempt: job.attempt });
  return {
    kind: 'extracted',
    finalUrl: fetched.finalUrl,
    encoding: extraction.encoding,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    text: extraction.text,
    html: extraction.html,
    extractor: extraction.extractor,
    rule: extraction.rule,
  };
}

interface Entry {
  job: PageJob;
  host: string;
}

export class PageQueue {
  readonly capacity: number;
  readonly concurrency: number;
  readonly maxPerHost: number;
  private readonly waiting: Entry[] = [];
  private readonly running = new Map<string | number, Entry>();
  private readonly perHost = new Map<string, number>();
  private readonly keys = new Set<string | number>();
  private readonly abort = new AbortController();
  private readonly idleWaiters: Array<() => void> = [];
  private deferredSinceSpace = false;
  private closed = false;

  constructor(private readonly options: PageQueueOptions) {
    this.capacity = options.capacity ?? PAGE_QUEUE_CAPACITY;
    this.concurrency = options.concurrency ?? PAGE_QUEUE_CONCURRENCY;
    this.maxPerHost = options.maxPerHost ?? 2;
    if (!Number.isInteger(this.capacity) || this.capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${this.capacity}`);
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${this.concurrency}`);
  }

  /** Jobs held: waiting plus running; never more than `capacity`. */
  get size(): number {
    return this.waiting.length + this.running.size;
  }

  get active(): number {
    return this.running.size;
  }

  offer(job: PageJob): OfferResult {
    if (this.closed) return 'closed';
    if (this.keys.has(job.key)) return 'duplicate';
    if (this.size >= this.capacity) {
      if (!job.requested) {
        this.deferredSinceSpace = true;
        return 'deferred';
      }
      const victim = this.newestWaitingBackgroundJob();
      if (victim === null) {
        // Full of running and asked-for jobs: even an asked-for job waits for the caller's next offer.
        this.deferredSinceSpace = true;
        return 'deferred';
      }
      this.deferredSinceSpace = true;
      const [pushedOut] = this.waiting.splice(victim, 1);
      this.keys.delete(pushedOut!.job.key);
      this.options.onDeferred?.(pushedOut!.job);
    }
    this.keys.add(job.key);
    const entry = { job, host: hostKey(job.url) };
    if (job.requested) {
      // After the asked-for jobs already waiting, before every background job.
      const firstBackground = this.waiting.findIndex((e) => !e.job.requested);
      this.waiting.splice(firstBackground < 0 ? this.waiting.length : firstBackground, 0, entry);
    } else {
      this.waiting.push(entry);
    }
    this.pump();
    return 'queued';
  }

  /** Resolves when nothing is waiting or running (`nunchi poll` waits for this before it exits). */
  whenIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forgets the waiting jobs (the store still knows them as pending) and cancels the running fetches. */
  close(): void {
    this.closed = true;
    for (const entry of this.waiting.splice(0)) this.keys.delete(entry.job.key);
    this.abort.abort(new Error('page queue closed'));
    if (this.size === 0) this.settleIdle();
  }

  private newestWaitingBackgroundJob(): number | null {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (!this.waiting[i]!.job.requested) return i;
    return null;
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.running.size < this.concurrency;) {
      const entry = this.waiting[i]!;
      if ((this.perHost.get(entry.host) ?? 0) >= this.maxPerHost) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.start(entry);
    }
  }

  private start(entry: Entry): void {
    this.running.set(entry.job.key, entry);
    this.perHost.set(entry.host, (this.perHost.get(entry.host) ?? 0) + 1);
    const { client, extractor, now } = this.options;
    void fetchArticlePage(entry.job, { client, extractor, now, signal: this.abort.signal })
      .then((outcome) => this.options.onOutcome(entry.job, outcome))
      .catch((error: unknown) => this.options.onError?.(error, entry.job))
      .finally(() => this.finish(entry));
  }

  private finish(entry: Entry): void {
    this.running.delete(entry.job.key);
    this.keys.delete(entry.job.key);
    const left = (this.perHost.get(entry.host) ?? 1) - 1;
    if (left === 0) this.perHost.delete(entry.host);
    else this.perHost.set(entry.host, left);
    if (!this.closed) this.pump();
    if (this.deferredSinceSpace && this.size < this.capacity && !this.closed) {
      this.deferredSinceSpace = false;
      this.options.onSpace?.();
    }
    if (this.size === 0) this.settleIdle();
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

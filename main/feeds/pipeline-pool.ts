import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { NormalizedFeed } from '../../shared/types';
import type { FeedErrorCode } from '../../shared/errors';
import { FeedError } from './feed-error';
import type { FeedDocument } from './pipeline';
import { unpackFeed } from './packed-feed';
import type { PipelineRequest, PipelineResponse } from './pipeline-worker';
import type { PageDocument, PageExtraction, PageExtractor } from '../pages/extract';

/** Turns feed bytes into normalized feeds: in worker threads (PipelinePool) or on the caller's thread (inProcessFeedProcessor). */
export interface FeedProcessor {
  /**
   * `handOver`: the caller will not read `doc.body` again, so a worker may take its memory instead
   * of a copy (the body is then empty on the caller's side).
   */
  process(doc: FeedDocument, options?: { handOver?: boolean }): Promise<NormalizedFeed>;
  /** A body is on its way: get ready to parse it (start the workers), if that takes time. */
  prestart?(): void;
  close(): Promise<void>;
}

export const inProcessFeedProcessor: FeedProcessor = {
  // Loaded on first use: the parser stack (rss-parser, sanitize-html, iconv-lite) costs a command
  // that never parses a feed (`nunchi alerts`, `watch list`) a good part of its start-up.
  process: (doc) => import('./pipeline').then((pipeline) => pipeline.processFeedDocument(doc)),
  close: async () => {},
};

interface Job {
  request: PipelineRequest;
  /** Memory moved to the worker with the request rather than copied (a handed-over body). */
  transfer?: ArrayBuffer[];
  /** Called with the worker's successful answer. */
  resolve: (response: Extract<PipelineResponse, { ok: true }>) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Sent to the worker and not yet answered, oldest first (at most JOBS_PER_WORKER). */
  jobs: Job[];
}

/**
 * Documents a worker holds at once: the one it parses and the next ones, so that it starts on the
 * next as soon as it posts an answer, instead of waiting idle until the engine's thread (busy
 * storing a feed, committing, folding the log back) gets round to sending one. With one waiting
 * document the worker of a first poll idled ~10% of the poll; with three, ~7%, in dips while the
 * engine's thread was busy for longer than three documents take to parse (a checkpoint). Sixteen
 * is every document a poll has in flight (its 16 runners, main/feeds/poll.ts): they all wait in
 * the worker, which then idled ~5% (issue 14). The bodies are fetched already: they wait in the
 * worker instead of in the queue, so memory is the same.
 */
export const JOBS_PER_WORKER = 16;

/** A heap ceiling per worker: a pathological feed kills its worker, never the engine. */
const WORKER_HEAP_MB = 1024;
/**
 * A worker's young generation. What parsing a document allocates dies with the document; V8's
 * default (32 MB here) held more than that needs, and 12 MB was too small (what one document
 * still used was moved to the old generation). Measured on a cold poll of 500 feeds (npm run
 * bench -- cli): 24 MB took the peak from ~206 to ~189 MiB and the CPU from ~8.0 to ~7.3 s.
 */
const WORKER_YOUNG_MB = 24;

function spawnWorker(): Worker {
  // node:worker_threads with the first document: a read command loads this module, never a worker.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  // Beside this module, in its kind: .ts from source, .cjs in the CLI's bundle, .js in the app's.
  const extension = /\.(ts|cjs)$/.exec(import.meta.url)?.[0] ?? '.js';
  const url = new URL(`./pipeline-worker${extension}`, import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (url.pathname.endsWith('.ts')) {
    // Running from source (tsx, vitest): teach the worker TypeScript before loading the module.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
    return new Worker(bootstrap, { eval: true, resourceLimits });
  }
  return new Worker(url, { resourceLimits });
}

/**
 * Parsing is the most expensive stage of a poll (rss-parser runs at ~22 MB/s on one core) and a
 * 20 MB feed takes seconds: spreading it over worker threads keeps the engine's thread free for
 * the database and keeps both cores busy.
 */
export class PipelinePool implements FeedProcessor, PageExtractor {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  /**
   * Workers start with the first document, not here: a poll where every feed answers 304, an idle
   * `nunchi run`, a read command never pay their start-up (a V8 heap and the parser stack each).
   */
  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  process(doc: FeedDocument, options: { handOver?: boolean } = {}): Promise<NormalizedFeed> {
    if (this.closed) return Promise.reject(new Error('pipeline pool is closed'));
    // Only a body that is the whole of its memory moves (never a slice of Node's shared pool).
    const { buffer, byteOffset, byteLength } = doc.body;
    const movable = options.handOver && buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
    return new Promise((resolve, reject) => {
      this.queue.push({
        transfer: movable ? [buffer] : undefined,
        request: { id: this.nextId++, doc },
        resolve: (response) =>
          'packedFeed' in response ? resolve(unpackFeed(response.packedFeed)) : reject(new Error('worker answered a feed with a page')),
        reject,
      });
      this.dispatch();
    });
  }

  /**
   * Decodes and extracts one article page in a worker. Rejects only when the worker died or the
   * pool is closed; a page without an article resolves as `page.no_article`.
   */
  extractPage(page: PageDocument): Promise<PageExtraction> {
    if (this.closed) return Promise.reject(new Error('pipeline pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, kind: 'page', page },
        resolve: (response) => ('page' in response ? resolve(response.page) : reject(new Error('worker answered a page with a feed'))),
        reject,
      });
      this.dispatch();
    });
  }

  /**
   * Starts the workers before the first document, when a body is sure to come (a poll of feeds
   * never fetched before): a worker's start-up (~50 ms: its heap, the parser stack) then overlaps
   * the first requests instead of delaying the first parse, on a cold poll's critical path (issue 14).
   */
  prestart(): void {
    if (this.closed) return;
    while (this.slots.length < this.size) this.slots.push(this.startSlot());
  }

  /** How many workers are running. */
  get started(): number {
    return this.slots.length;
  }

  /** Documents waiting for a worker (the page queue keeps this small; see main/pages/page-queue.ts). */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('pipeline pool is closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(), jobs: [] };
    slot.worker.on('message', (response: PipelineResponse) => {
      const index = slot.jobs.findIndex((job) => job.request.id === response.id);
      const job = index >= 0 ? slot.jobs.splice(index, 1)[0] : undefined;
      if (job) {
        if (response.ok) job.resolve(response);
        else job.reject(new FeedError(response.code as FeedErrorCode, response.detail, { args: response.args }));
      }
      this.dispatch();
    });
    const replace = (why: string) => {
      // The worker answers in order: the oldest job is the document it died on. The one it held
      // next is not to blame and goes first to the replacement.
      const [culprit, ...innocent] = slot.jobs.splice(0);
      culprit?.reject(new FeedError('error.unknown', `feed processing worker stopped: ${why}`));
      this.queue.unshift(...innocent);
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.startSlot();
      this.dispatch();
    };
    slot.worker.on('error', (error) => replace(error.message));
    slot.worker.on('exit', (code) => {
      if (!this.closed) replace(`exit code ${code}`);
    });
    slot.worker.unref();
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.slots.length < this.size) this.slots.push(this.startSlot());
    // Round after round, so that every worker has a document before any gets its second.
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++) {
      for (const slot of this.slots) {
        if (slot.jobs.length >= depth || this.queue.length === 0) continue;
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        slot.worker.ref();
        slot.worker.postMessage(job.request, job.transfer);
      }
    }
    for (const slot of this.slots) if (slot.jobs.length === 0) slot.worker.unref();
  }
}

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessFeedProcessor, JOBS_PER_WORKER, PipelinePool, type FeedProcessor } from '../../main/feeds/pipeline-pool';
import { FetchLimiter } from '../../main/feeds/limiter';
import { interleaveByHost, NOT_MODIFIED_BATCH, pollFeeds } from '../../main/feeds/poll';
import { ArticleStore } from '../../main/store/articles';
import { openDatabase } from '../../main/store/database';
import { FeedStore } from '../../main/store/feeds';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { atom, rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
let server: FeedServer;
let pool: PipelinePool;

beforeAll(async () => {
  server = await startFeedServer();
  pool = new PipelinePool(2);
});
afterAll(async () => {
  await server.close();
  await pool.close();
});

function countingProcessor(inner: FeedProcessor): FeedProcessor & { calls: number } {
  const counter = {
    calls: 0,
    process: (doc: Parameters<FeedProcessor['process']>[0]) => (counter.calls++, inner.process(doc)),
    close: () => inner.close(),
  };
  return counter;
}

describe('pollFeeds', () => {
  it('uses conditional GET: a 304 is "no change" and nothing is re-parsed', async () => {
    server.route('/etag.xml', {
      headers: { 'Content-Type': 'application/rss+xml', ETag: '"v1"', 'Last-Modified': 'Sat, 28 Nov 2026 00:00:00 GMT' },
      body: rss({ title: 'ZDNet Korea', ttl: 60, items: [{ guid: 'z1', title: 'KoGPT 공개', pubDate: '2026-11-28 09:00' }] }),
    });
    const db = openDatabase(join(tempDir(), 'p.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    const feed = feeds.add({ url: server.url('/etag.xml') }, NOW);
    const processor = countingProcessor(inProcessFeedProcessor);
    const deps = { feeds, articles, processor, locale: 'en' as const, now: () => NOW };

    const first = await pollFeeds(feeds.enabled(), deps);
    expect(first).toMatchObject({ inserted: 1, failed: 0 });
    const afterFirst = feeds.get(feed.id)!;
    expect(afterFirst).toMatchObject({
      title: 'ZDNet Korea',
      etag: '"v1"',
      format: 'rss',
      encoding: 'utf-8',
      ttlMinutes: 60,
      lastStatus: 'ok',
    });
    // The feed's <ttl> of 60 minutes is longer than the 10-minute interval: honoured.
    expect(afterFirst.nextDueAt).toBe(NOW + 60 * 60_000);
    // Zone-less Korean date read as Seoul time.
    expect(articles.listByFeed(feed.id)[0]!.publishedAt).toBe(Date.UTC(2026, 10, 28, 0, 0));

    const second = await pollFeeds(feeds.enabled(), deps);
    expect(second).toMatchObject({ inserted: 0, notModified: 1 });
    expect(processor.calls).toBe(1);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(feeds.get(feed.id)!.lastStatus).toBe('not-modified');
    db.close();
  });

  it('parses in worker threads with the same result as in-process, RSS and Atom alike', async () => {
    server.route('/a.xml', {
      headers: { 'Content-Type': 'application/atom+xml' },
      body: atom({
        title: '블로터',
        entries: [
          {
            id: 'urn:1',
            title: '카카오브레인 대표 사임',
            link: 'https://www.bloter.net/news/1',
            content: '<p>본문<br/>둘째 줄</p>',
            published: '2026-11-28T09:00:00+09:00',
          },
        ],
      }),
    });
    server.route('/r.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: '전자신문', items: [{ guid: 'e1', title: 'AI 반도체', link: '/news/1', description: '기사' }] }),
    });
    const results = [];
    for (const processor of [pool, inProcessFeedProcessor]) {
      const db = openDatabase(join(tempDir(), 'w.sqlite'));
      const feeds = new FeedStore(db);
      const articles = new ArticleStore(db);
      feeds.add({ url: server.url('/a.xml') }, NOW);
      feeds.add({ url: server.url('/r.xml') }, NOW);
      await pollFeeds(feeds.enabled(), { feeds, articles, processor, locale: 'ko', now: () => NOW });
      results.push(db.prepare(`SELECT identity, title, link, text, raw_html, published_at FROM articles ORDER BY identity`).all());
      db.close();
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toHaveLength(2);
    expect(results[0]).toContainEqual(expect.objectContaining({ title: 'AI 반도체', link: `${server.origin}/news/1` }));
    expect(results[0]).toContainEqual(
      expect.objectContaining({ title: '카카오브레인 대표 사임', text: expect.stringContaining('둘째 줄') as unknown }),
    );
  });

  it('a worker that dies fails only its own feed, and the pool recovers', async () => {
    const crashPool = new PipelinePool(1);
    try {
      // A worker killed mid-job (here: terminated from outside) rejects that job with a readable error.
      const doc = {
        body: Buffer.from(rss({ title: 'x', items: [{ guid: '1', title: '하나' }] })),
        contentType: null,
        url: 'https://x.example/rss',
      };
      const slots = (crashPool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots;
      const pending = crashPool.process(doc);
      await slots[0]!.worker.terminate();
      await expect(pending).rejects.toMatchObject({ code: 'error.unknown' });
      await expect(crashPool.process(doc)).resolves.toMatchObject({ title: 'x' });
    } finally {
      await crashPool.close();
    }
  });

  it('starts the parse worker while a never-fetched feed is still answering, and none for a poll answered 304', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const requested = new Promise<void>((resolve) => (arrived = resolve));
    server.route('/slow-first.xml', async (req, res) => {
      if (req.headers['if-none-match'] === '"s1"') return void res.writeHead(304).end();
      arrived();
      await held;
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"s1"' });
      res.end(rss({ title: '블로터', items: [{ guid: 'b1', title: '카카오브레인 퇴사', pubDate: '2026-11-28 09:00' }] }));
    });
    const db = openDatabase(join(tempDir(), 'prestart.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    feeds.add({ url: server.url('/slow-first.xml') }, NOW);
    const first = new PipelinePool(1);
    const second = new PipelinePool(1);
    try {
      const polling = pollFeeds(feeds.enabled(), { feeds, articles, processor: first, locale: 'en' as const, now: () => NOW });
      await requested;
      // No body has come yet, and the worker is already starting.
      expect(first.started).toBe(1);
      release();
      expect(await polling).toMatchObject({ inserted: 1, failed: 0 });

      // The feed has an ETag now and answers 304: a poll of it never starts a worker.
      expect(await pollFeeds(feeds.enabled(), { feeds, articles, processor: second, locale: 'en' as const, now: () => NOW })).toMatchObject(
        {
          notModified: 1,
        },
      );
      expect(second.started).toBe(0);
    } finally {
      await first.close();
      await second.close();
      db.close();
    }
  });

  it('a worker holds the next documents while it parses one; every feed gets its own result', async () => {
    const pool = new PipelinePool(1);
    try {
      const titles = Array.from({ length: JOBS_PER_WORKER + 2 }, (_, i) => `피드 ${i + 1}`);
      const docs = titles.map((title) => ({
        body: Buffer.from(rss({ title, items: [{ guid: '1', title }] })),
        contentType: null,
        url: `https://x.example/${encodeURIComponent(title)}`,
      }));
      const results = docs.map((doc) => pool.process(doc));
      // Sixteen are with the one worker (at first one, and the worker idled between documents).
      expect(JOBS_PER_WORKER).toBe(16);
      expect(pool.waiting).toBe(2);
      expect((await Promise.all(results)).map((feed) => feed.title)).toEqual(titles);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies holding a second document fails only the first; the second goes to its replacement', async () => {
    const pool = new PipelinePool(1);
    try {
      const doc = (title: string) => ({
        body: Buffer.from(rss({ title, items: [{ guid: '1', title }] })),
        contentType: null,
        url: 'https://x.example/rss',
      });
      const slots = (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots;
      const first = pool.process(doc('first'));
      const second = pool.process(doc('second'));
      await slots[0]!.worker.terminate();
      await expect(first).rejects.toMatchObject({ code: 'error.unknown' });
      await expect(second).resolves.toMatchObject({ title: 'second' });
    } finally {
      await pool.close();
    }
  });

  it('stops starting feeds once cancelled, and says which were skipped', async () => {
    server.route('/c.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: 'c', items: [{ guid: '1', title: '하나' }] }),
    });
    const db = openDatabase(join(tempDir(), 'c.sqlite'));
    const feeds = new FeedStore(db);
    feeds.add({ url: server.url('/c.xml') }, NOW);
    const controller = new AbortController();
    controller.abort();
    const summary = await pollFeeds(feeds.enabled(), {
      feeds,
      articles: new ArticleStore(db),
      processor: inProcessFeedProcessor,
      locale: 'ko',
      signal: controller.signal,
    });
    expect(summary.results.map((r) => r.status)).toEqual(['skipped']);
    db.close();
  });

  it('fetches no further ahead than it can store: bodies waiting for the parser are bounded', async () => {
    // 12 feeds, 2 fetch slots, so 4 documents in flight at most. The parser holds every document
    // until the test lets it go: before the bound, all 12 were fetched and held in memory while the
    // first waited.
    for (let f = 0; f < 12; f++) {
      server.route(`/bound-${f}.xml`, {
        headers: { 'Content-Type': 'application/rss+xml' },
        body: rss({ title: `피드 ${f}`, items: [{ guid: `b${f}`, title: `기사 ${f}`, pubDate: '2026-11-28 09:00' }] }),
      });
    }
    const db = openDatabase(join(tempDir(), 'bound.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    for (let f = 0; f < 12; f++) feeds.add({ url: server.url(`/bound-${f}.xml`) }, NOW);
    const held: Array<() => void> = [];
    let waiting = 0;
    let mostWaiting = 0;
    const gated: FeedProcessor = {
      process: async (doc) => {
        waiting += 1;
        mostWaiting = Math.max(mostWaiting, waiting);
        await new Promise<void>((resolve) => held.push(resolve));
        waiting -= 1;
        return inProcessFeedProcessor.process(doc);
      },
      close: async () => {},
    };
    const limiter = new FetchLimiter({ maxInFlight: 2, maxPerHost: 2 });
    const requestsBefore = server.requests.filter((r) => r.path.startsWith('/bound-')).length;
    const polling = pollFeeds(feeds.enabled(), {
      feeds,
      articles,
      processor: gated,
      limiter,
      feedsInFlight: 4,
      locale: 'ko',
      now: () => NOW,
    });
    // Let every fetch that may start finish: the processor then holds what was fetched.
    await expect.poll(() => held.length).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests.filter((r) => r.path.startsWith('/bound-')).length - requestsBefore).toBe(4);
    // Released one by one, every feed still gets polled and stored.
    while (held.length > 0 || waiting > 0) {
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const summary = await polling;
    expect(summary).toMatchObject({ inserted: 12, failed: 0 });
    expect(mostWaiting).toBe(4);
    // Results come back in the order the feeds were given, whatever order they finished in.
    expect(summary.results.map((r) => r.url)).toEqual(feeds.enabled().map((f) => f.url));
    db.close();
  });

  it("writes a feed's articles and its outcome in one transaction: when the outcome cannot be written, neither is", async () => {
    server.route('/atomic.xml', {
      headers: { 'Content-Type': 'application/rss+xml', ETag: '"a1"' },
      body: rss({ title: '전자신문', items: [{ guid: 'at1', title: 'KoGPT 공개', pubDate: '2026-11-28 09:00' }] }),
    });
    const db = openDatabase(join(tempDir(), 'atomic.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    const feed = feeds.add({ url: server.url('/atomic.xml') }, NOW);
    // The database refuses the success record (as a full disk or a broken file would).
    db.exec(`CREATE TRIGGER refuse_ok BEFORE UPDATE OF last_status ON feeds WHEN NEW.last_status = 'ok'
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const deps = { feeds, articles, processor: inProcessFeedProcessor, locale: 'en' as const, now: () => NOW };
    const first = await pollFeeds(feeds.enabled(), deps);
    expect(first.results[0]).toMatchObject({ status: 'error', inserted: 0 });
    // Before: the articles stayed, stored under an outcome that never was (no ETag, still 'error').
    expect(articles.listByFeed(feed.id)).toEqual([]);
    expect(feeds.get(feed.id)).toMatchObject({ lastStatus: 'error', etag: null });
    // Once the database takes writes again, the next poll stores both.
    db.exec('DROP TRIGGER refuse_ok');
    const second = await pollFeeds(feeds.enabled(), deps);
    expect(second.results[0]).toMatchObject({ status: 'ok', inserted: 1 });
    expect(feeds.get(feed.id)).toMatchObject({ lastStatus: 'ok', etag: '"a1"' });
    db.close();
  });

  it('writes "not modified" answers a batch at a time, not a commit per feed, and all of them by the end', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'batch.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    const count = NOT_MODIFIED_BATCH * 2 + 10;
    for (let i = 0; i < count; i++) {
      server.route(`/unchanged/${i}.xml`, (req, res) => {
        if (req.headers['if-none-match'] === '"same"') {
          res.writeHead(304, { ETag: '"same"' });
          res.end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"same"' });
        res.end(rss({ title: `피드 ${i}`, items: [{ guid: `u${i}`, title: `기사 ${i}`, pubDate: '2026-11-28 09:00' }] }));
      });
      feeds.add({ url: server.url(`/unchanged/${i}.xml`) }, NOW);
    }
    const deps = { feeds, articles, processor: inProcessFeedProcessor, locale: 'en' as const };
    await pollFeeds(feeds.enabled(), { ...deps, now: () => NOW });

    // Another connection sees each commit as a new data_version.
    const watcher = openDatabase(join(dir, 'batch.sqlite'));
    const versions = new Set<number>();
    const version = () => watcher.pragma('data_version', { simple: true }) as number;
    const LATER = NOW + 3 * 3600_000;
    const summary = await pollFeeds(feeds.enabled(), {
      ...deps,
      now: () => LATER,
      onFeedDone: () => void versions.add(version()),
    });
    versions.add(version());
    expect(summary.notModified).toBe(count);
    // Two full batches while polling and the rest at the end: 3 commits (+ the version before the first).
    expect(versions.size).toBeLessThanOrEqual(4);
    // Every feed's check is recorded once the poll returns.
    expect(feeds.list().filter((f) => f.lastStatus === 'not-modified' && f.lastFetchedAt === LATER)).toHaveLength(count);
    watcher.close();
    db.close();
  });

  it('a batch of "not modified" answers the database refuses fails no feed: they stay due as they were', async () => {
    server.route('/refused.xml', (req, res) => {
      res.writeHead(req.headers['if-none-match'] === '"r"' ? 304 : 200, { 'Content-Type': 'application/rss+xml', ETag: '"r"' });
      res.end(req.headers['if-none-match'] === '"r"' ? undefined : rss({ title: 'R', items: [{ guid: 'r1', title: '기사' }] }));
    });
    const db = openDatabase(join(tempDir(), 'refused.sqlite'));
    const feeds = new FeedStore(db);
    const feed = feeds.add({ url: server.url('/refused.xml') }, NOW);
    const deps = { feeds, articles: new ArticleStore(db), processor: inProcessFeedProcessor, locale: 'en' as const };
    await pollFeeds(feeds.enabled(), { ...deps, now: () => NOW });
    const before = feeds.get(feed.id)!;
    feeds.recordOutcomes = () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    const summary = await pollFeeds(feeds.enabled(), { ...deps, now: () => NOW + 3600_000 });
    expect(summary).toMatchObject({ notModified: 1, failed: 0 });
    expect(feeds.get(feed.id)).toMatchObject({ lastFetchedAt: before.lastFetchedAt, nextDueAt: before.nextDueAt, etag: '"r"' });
    db.close();
  });

  it('takes feeds host by host in turn, so one outlet with many feeds does not hold the others back', () => {
    const feeds = [
      ...Array.from({ length: 4 }, (_, i) => ({ url: `https://www.yna.co.kr/rss/${i}.xml` })),
      { url: 'https://zdnet.co.kr/rss/all.xml' },
      { url: 'https://WWW.YNA.CO.KR/rss/extra.xml' },
      { url: 'https://www.etnews.com/rss/1.xml' },
      { url: 'not a url' },
    ];
    expect(interleaveByHost(feeds).map(({ index }) => index)).toEqual([0, 4, 6, 7, 1, 2, 3, 5]);
  });
});

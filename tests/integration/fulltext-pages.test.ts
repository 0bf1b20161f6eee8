/**
 * The page pipeline against a local multi-host site: one real HTTP server per outlet, each on its
 * own loopback address (127.0.0.2, 127.0.0.3 …), reached under the outlet's real host name through
 * a "hosts file" (`fetchImpl` swaps the name for the address and nothing else), so site rules,
 * robots.txt and per-host limits see the names they see in production. Extraction runs in the real
 * pipeline worker pool.
 */
import iconv from 'iconv-lite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelinePool } from '../../main/feeds/pipeline-pool';
import { isPageFetchDue } from '../../main/pages/freshness';
import type { PageOutcome } from '../../main/pages/outcome';
import { PageClient, type PageClientOptions } from '../../main/pages/page-client';
import { fetchArticlePage, PageQueue, type PageJob } from '../../main/pages/page-queue';
import { buildArticlePage, countOf, DECOY, sampleArticle } from '../helpers/article-pages';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';

const HOSTS = {
  'www.etnews.com': '127.0.0.2',
  'www.yna.co.kr': '127.0.0.3',
  'www.boannews.com': '127.0.0.4',
  'www.bloter.net': '127.0.0.5',
  'zdnet.co.kr': '127.0.0.6',
  'www.mk.co.kr': '127.0.0.7',
  'www.newsis.com': '127.0.0.8',
  // A host on the user's own network (`.local` names resolve only there).
  'wiki.intranet.local': '127.0.0.9',
} as const;
type Host = keyof typeof HOSTS;

const servers = new Map<Host, FeedServer>();
/** Every request the client dispatched, with when (the client's own clock), by host and path. */
const dispatched: Array<{ host: string; path: string; at: number }> = [];

/** The "hosts file": the outlet's name → its loopback address, same port, same path. */
const hostsFetch: typeof fetch = (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  dispatched.push({ host: url.hostname, path: url.pathname + url.search, at: Date.now() });
  const address = HOSTS[url.hostname as Host];
  if (address) url.hostname = address;
  return fetch(url, init);
};

const site = (host: Host, path: string) => `http://${host}:${new URL(servers.get(host)!.origin).port}${path}`;
const pool = new PipelinePool(1);
const client = (options: Partial<PageClientOptions> = {}) =>
  new PageClient({ fetchImpl: hostsFetch, minGapMs: 0, deadlineMs: 5_000, ...options });
const page = (seed: number, shape: Parameters<typeof buildArticlePage>[0], padToBytes = 60_000) => {
  const spec = sampleArticle(seed);
  return { spec, html: buildArticlePage(shape, { ...spec, padToBytes }) };
};
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handler that counts how many requests it is serving at once, holding each for `holdMs`. */
function concurrencyProbe(body: string, holdMs: number) {
  const probe = { now: 0, max: 0, served: 0 };
  const handler = async (_req: IncomingMessage, res: ServerResponse) => {
    probe.now += 1;
    probe.max = Math.max(probe.max, probe.now);
    await sleep(holdMs);
    probe.now -= 1;
    probe.served += 1;
    res.writeHead(200, HTML).end(body);
  };
  return { probe, handler };
}

beforeAll(async () => {
  for (const [host, address] of Object.entries(HOSTS) as Array<[Host, string]>) {
    servers.set(host, await startFeedServer({ '/robots.txt': { status: 404 } }, { host: address }));
  }
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  await pool.close();
});

async function fetchAndExtract(url: string, c = client(), job: Partial<PageJob> = {}): Promise<PageOutcome> {
  return fetchArticlePage({ key: url, url, ...job }, { client: c, extractor: pool });
}

describe('robots.txt', () => {
  it('Disallow: the page is never requested, the reason is recorded, nothing crashes', async () => {
    const server = servers.get('zdnet.co.kr')!;
    server.route('/robots.txt', { body: 'User-agent: Nunchi\nDisallow: /view/\n', headers: { 'Content-Type': 'text/plain' } });
    server.route('/view/', { headers: HTML, body: page(1, 'zdnet').html });
    const outcome = await fetchAndExtract(site('zdnet.co.kr', '/view/?no=20260101000001'));
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'page.robots_disallowed', retryAt: null });
    expect(server.requestCount('/view/')).toBe(0);
    expect(server.requestCount('/robots.txt')).toBe(1);
  });

  it('Crawl-delay: requests to the host start at least that far apart', async () => {
    const server = servers.get('www.mk.co.kr')!;
    server.route('/robots.txt', { body: 'User-agent: *\nCrawl-delay: 0.4\n', headers: { 'Content-Type': 'text/plain' } });
    const { html } = page(2, 'mk');
    for (let i = 0; i < 3; i++) server.route(`/news/${i}`, { headers: HTML, body: html });
    const c = client();
    const outcomes = await Promise.all([0, 1, 2].map((i) => fetchAndExtract(site('www.mk.co.kr', `/news/${i}`), c)));
    expect(outcomes.map((o) => o.kind)).toEqual(['extracted', 'extracted', 'extracted']);
    const starts = dispatched
      .filter((d) => d.host === 'www.mk.co.kr' && d.path.startsWith('/news/'))
      .map((d) => d.at)
      .sort((a, b) => a - b);
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(400);
  });

  it('robots.txt answering 500: the site is left alone for a while, with a retry time', async () => {
    const server = servers.get('www.newsis.com')!;
    server.route('/robots.txt', { status: 500 });
    server.route('/view/1', { headers: HTML, body: page(3, 'newsis').html });
    const outcome = await fetchAndExtract(site('www.newsis.com', '/view/1'));
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'page.robots_unavailable' });
    expect(outcome.kind === 'failed' && outcome.retryAt).toBeGreaterThan(Date.now());
    expect(server.requestCount('/view/1')).toBe(0);
    server.route('/robots.txt', { status: 404 });
  });
});

describe('pages in Korean outlets’ shapes', () => {
  it('extracts the body through the site rule in a worker, chrome decoys left out', async () => {
    const { spec, html } = page(4, 'yna', 120_000);
    servers.get('www.yna.co.kr')!.route('/view/AKR1', { headers: HTML, body: html });
    const outcome = await fetchAndExtract(site('www.yna.co.kr', '/view/AKR1'));
    expect(outcome).toMatchObject({ kind: 'extracted', extractor: 'site-rule', rule: 'yna', encoding: 'utf-8' });
    if (outcome.kind !== 'extracted') return;
    expect(outcome.text).toContain(spec.paragraphs[2]!.slice(0, 30));
    expect(countOf(outcome.text, '카카오브레인')).toBe(1);
    expect(outcome.text).not.toContain(DECOY);
    expect(outcome.text).not.toContain('KoGPT');
  });

  it.each([
    ['labelled by <meta charset> only', 'euc-kr', 'text/html'],
    ['labelled by the Content-Type header only', undefined, 'text/html; charset=EUC-KR'],
  ])('decodes an EUC-KR page %s without U+FFFD', async (name, metaCharset, contentType) => {
    const spec = sampleArticle(5);
    spec.paragraphs[0] = `똠방각하 햏 뷁 (${name}) ${spec.paragraphs[0]}`;
    const path = `/media/view.asp?idx=${metaCharset ? 1 : 2}`;
    servers.get('www.boannews.com')!.route(path, {
      headers: { 'Content-Type': contentType },
      body: iconv.encode(buildArticlePage('boannews', { ...spec, metaCharset, padToBytes: 50_000 }), 'cp949'),
    });
    const outcome = await fetchAndExtract(site('www.boannews.com', path));
    expect(outcome).toMatchObject({ kind: 'extracted', encoding: 'cp949', rule: 'boannews' });
    if (outcome.kind !== 'extracted') return;
    expect(outcome.text).toContain('똠방각하 햏 뷁');
    expect(outcome.text).not.toContain('\uFFFD');
  });
});

describe('answers that give no article: a reason, never a throw', () => {
  const etnews = () => servers.get('www.etnews.com')!;

  it('a slow host hits the deadline: page.timeout, retried later', async () => {
    servers.get('www.bloter.net')!.route('/news/articleView.html', async (_req, res) => {
      await sleep(3_000);
      if (!res.destroyed) res.writeHead(200, HTML).end('<html></html>');
    });
    const started = Date.now();
    const outcome = await fetchAndExtract(site('www.bloter.net', '/news/articleView.html?idxno=1'), client({ deadlineMs: 300 }));
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'page.timeout' });
    expect(outcome.kind === 'failed' && outcome.retryAt).toBeGreaterThan(started);
  });

  it('404 → page.not_found, not retried', async () => {
    expect(await fetchAndExtract(site('www.etnews.com', '/missing'))).toMatchObject({
      kind: 'failed',
      reason: 'page.not_found',
      retryAt: null,
    });
  });

  it('410 → page.gone', async () => {
    etnews().route('/removed', { status: 410 });
    expect(await fetchAndExtract(site('www.etnews.com', '/removed'))).toMatchObject({ kind: 'failed', reason: 'page.gone' });
  });

  it('a PDF → page.not_html', async () => {
    etnews().route('/report.pdf', { headers: { 'Content-Type': 'application/pdf' }, body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') });
    expect(await fetchAndExtract(site('www.etnews.com', '/report.pdf'))).toMatchObject({
      kind: 'failed',
      reason: 'page.not_html',
      retryAt: null,
    });
  });

  it('a redirect to a login page → page.login_required', async () => {
    etnews().route('/premium/1', { status: 302, headers: { Location: '/member/login.html?returnUrl=%2Fpremium%2F1' } });
    etnews().route('/member/login.html', { headers: HTML, body: '<html><body><form><input type="password"></form></body></html>' });
    expect(await fetchAndExtract(site('www.etnews.com', '/premium/1'))).toMatchObject({ kind: 'failed', reason: 'page.login_required' });
  });

  it('a 40 MiB page → page.too_large, with or without Content-Length, reading at most the cap', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sentChunked = 0;
    etnews().route('/huge-chunked', async (_req, res) => {
      res.writeHead(200, HTML);
      for (let i = 0; i < 40 && !res.destroyed; i++) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
        sentChunked += 1;
      }
      res.end();
    });
    etnews().route('/huge', { headers: HTML, body: Buffer.alloc(40 * 1024 * 1024, 'a') });
    expect(await fetchAndExtract(site('www.etnews.com', '/huge-chunked'))).toMatchObject({ kind: 'failed', reason: 'page.too_large' });
    expect(await fetchAndExtract(site('www.etnews.com', '/huge'))).toMatchObject({ kind: 'failed', reason: 'page.too_large' });
    expect(sentChunked).toBeLessThan(40);
  });

  it('redirects: five are followed to the article, a sixth is too many, and only to http(s) → page.bad_redirect, not retried', async () => {
    const { html } = page(13, 'etnews');
    etnews().route('/moved/article', { headers: HTML, body: html });
    for (let hop = 1; hop <= 6; hop++) {
      etnews().route(`/moved/${hop}`, { status: 301, headers: { Location: hop === 1 ? '/moved/article' : `/moved/${hop - 1}` } });
    }
    expect(await fetchAndExtract(site('www.etnews.com', '/moved/5'))).toMatchObject({
      kind: 'extracted',
      finalUrl: site('www.etnews.com', '/moved/article'),
    });
    expect(await fetchAndExtract(site('www.etnews.com', '/moved/6'))).toMatchObject({
      kind: 'failed',
      reason: 'page.bad_redirect',
      retryAt: null,
    });
    etnews().route('/moved/ftp', { status: 302, headers: { Location: 'ftp://www.etnews.com/article.html' } });
    etnews().route('/moved/file', { status: 302, headers: { Location: 'file:///etc/passwd' } });
    expect(await fetchAndExtract(site('www.etnews.com', '/moved/ftp'))).toMatchObject({
      kind: 'failed',
      reason: 'page.bad_redirect',
      retryAt: null,
    });
    expect(await fetchAndExtract(site('www.etnews.com', '/moved/file'))).toMatchObject({
      kind: 'failed',
      reason: 'page.bad_redirect',
      retryAt: null,
    });
  });

  it('a page without an article → page.no_article (the feed text stays)', async () => {
    etnews().route('/empty', { headers: HTML, body: '<html><body><nav><a href="/">홈</a></nav><p>준비 중입니다.</p></body></html>' });
    expect(await fetchAndExtract(site('www.etnews.com', '/empty'))).toMatchObject({
      kind: 'failed',
      reason: 'page.no_article',
      retryAt: null,
    });
  });
});

describe('manners and memory', () => {
  it('an honest User-Agent naming Nunchi on every request, robots.txt included; HTML asked for', async () => {
    const mk = servers.get('www.mk.co.kr')!;
    mk.route('/news/it/1', { headers: HTML, body: page(14, 'mk').html });
    const before = mk.requests.length;
    expect(await fetchAndExtract(site('www.mk.co.kr', '/news/it/1'))).toMatchObject({ kind: 'extracted' });
    const requests = mk.requests.slice(before);
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt', '/news/it/1']);
    for (const request of requests) expect(request.headers['user-agent']).toMatch(/\bNunchi\/\d/);
    expect(requests[1]!.headers.accept).toMatch(/^text\/html/);
  });

  it('at most two requests in flight per host, measured by the server', async () => {
    const { probe, handler } = concurrencyProbe(page(6, 'etnews').html, 150);
    servers.get('www.etnews.com')!.route('/busy', handler);
    const c = client({ maxInFlight: 8, maxPerHost: 2 });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => c.fetch({ url: site('www.etnews.com', `/busy?i=${i}`) })));
    expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
    expect(probe.served).toBe(8);
    expect(probe.max).toBe(2);
  });

  it('conditional GET: a page fetched again answers 304 and costs no body', async () => {
    const { html } = page(7, 'etnews');
    const server = servers.get('www.etnews.com')!;
    server.route('/news/cond', {
      headers: { ...HTML, ETag: '"v1"', 'Last-Modified': new Date(Date.now() - 60_000).toUTCString() },
      body: html,
    });
    const first = await fetchAndExtract(site('www.etnews.com', '/news/cond'));
    expect(first).toMatchObject({ kind: 'extracted', etag: '"v1"' });
    if (first.kind !== 'extracted') return;
    const again = await fetchAndExtract(site('www.etnews.com', '/news/cond'), client(), {
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(again).toMatchObject({ kind: 'not-modified', etag: '"v1"' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('the queue: a burst bigger than its capacity is deferred, not held; asked-for jobs go first; every job held gets one outcome', async () => {
    const hosts: Host[] = ['www.etnews.com', 'www.yna.co.kr', 'www.boannews.com'];
    const shapes = { 'www.etnews.com': 'etnews', 'www.yna.co.kr': 'yna', 'www.boannews.com': 'boannews' } as const;
    for (const host of hosts)
      servers.get(host)!.route('/burst', { headers: HTML, body: page(8, shapes[host as keyof typeof shapes]).html });
    const outcomes = new Map<string | number, PageOutcome>();
    let spaceSignals = 0;
    let maxSize = 0;
    const pushedOut: Array<string | number> = [];
    const queue = new PageQueue({
      client: client(),
      extractor: pool,
      capacity: 10,
      concurrency: 3,
      onOutcome: (job, outcome) => {
        outcomes.set(job.key, outcome);
      },
      onSpace: () => (spaceSignals += 1),
      onDeferred: (job) => void pushedOut.push(job.key),
    });
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push(queue.offer({ key: i, url: site(hosts[i % 3]!, `/burst?i=${i}`) }));
      maxSize = Math.max(maxSize, queue.size);
    }
    expect(queue.offer({ key: 0, url: site('www.etnews.com', '/burst?i=0') })).toBe('duplicate');
    expect(queue.offer({ key: 'opened', url: site('www.yna.co.kr', '/burst?i=opened'), requested: true })).toBe('queued');
    maxSize = Math.max(maxSize, queue.size);
    await queue.whenIdle();
    expect(answers.filter((a) => a === 'queued')).toHaveLength(10);
    expect(answers.filter((a) => a === 'deferred')).toHaveLength(20);
    expect(maxSize).toBeLessThanOrEqual(10);
    expect(spaceSignals).toBeGreaterThanOrEqual(1);
    // The asked-for job pushed out the newest waiting background job and started before the other
    // waiting ones (in arrival order it would have been the 10th request).
    expect(pushedOut).toEqual([9]);
    expect(outcomes.size).toBe(10);
    expect([...outcomes.keys()]).not.toContain(9);
    const burstOrder = dispatched.filter((d) => d.path.startsWith('/burst')).map((d) => d.path.split('i=')[1]);
    expect(burstOrder.indexOf('opened')).toBeLessThanOrEqual(5);
    for (const outcome of outcomes.values()) {
      expect(outcome.kind).toBe('extracted');
      if (outcome.kind === 'extracted') expect(outcome.text).not.toContain(DECOY);
    }
  });

  it('articles older than 48 hours are not offered, so never fetched', async () => {
    const server = servers.get('www.yna.co.kr')!;
    server.route('/old', { headers: HTML, body: page(9, 'yna').html });
    server.route('/fresh', { headers: HTML, body: page(10, 'yna').html });
    const now = Date.now();
    const articles = [
      { key: 'old', url: site('www.yna.co.kr', '/old'), publishedAt: now - 49 * 3_600_000 },
      { key: 'fresh', url: site('www.yna.co.kr', '/fresh'), publishedAt: now - 3_600_000 },
    ];
    const seen: Array<string | number> = [];
    const queue = new PageQueue({ client: client(), extractor: pool, onOutcome: (job) => void seen.push(job.key) });
    for (const a of articles) {
      if (isPageFetchDue({ publishedAt: a.publishedAt, firstSeenAt: now, requested: false, now })) queue.offer({ key: a.key, url: a.url });
    }
    await queue.whenIdle();
    expect(seen).toEqual(['fresh']);
    expect(server.requestCount('/old')).toBe(0);
    expect(server.requestCount('/fresh')).toBe(1);
  });
});

describe("pages on the user's own machine or network", () => {
  const PRIVATE_LINKS = [
    'http://192.168.0.1/admin',
    'http://10.1.2.3/news/1',
    'http://localhost:8080/',
    'http://[::1]/x',
    'http://169.254.169.254/latest/meta-data/',
  ];

  it('are refused without a single request (robots.txt included) when the link came from elsewhere', async () => {
    const server = servers.get('wiki.intranet.local')!;
    server.route('/news/1', { headers: HTML, body: page(50, 'etnews').html });
    const before = dispatched.length;
    for (const url of [site('wiki.intranet.local', '/news/1'), ...PRIVATE_LINKS]) {
      expect(await fetchAndExtract(url)).toMatchObject({ kind: 'failed', reason: 'page.private_address', retryAt: null });
    }
    expect(dispatched.slice(before)).toEqual([]);
    expect(server.requestCount('/robots.txt')).toBe(0);

    // A link from a source on that network (an intranet feed) is fetched like any other.
    const inside = await fetchAndExtract(site('wiki.intranet.local', '/news/1'), client(), { privateHostsAllowed: true });
    expect(inside.kind).toBe('extracted');
  });

  it('a public page that redirects there is not followed', async () => {
    const outlet = servers.get('www.mk.co.kr')!;
    const target = site('wiki.intranet.local', '/news/2');
    servers.get('wiki.intranet.local')!.route('/news/2', { headers: HTML, body: page(51, 'etnews').html });
    outlet.route('/go', { status: 302, headers: { Location: target } });
    const outcome = await fetchAndExtract(site('www.mk.co.kr', '/go'));
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'page.bad_redirect' });
    expect(outcome.kind === 'failed' && outcome.detail).toContain('wiki.intranet.local');
    expect(servers.get('wiki.intranet.local')!.requestCount('/news/2')).toBe(0);

    const allowed = await fetchAndExtract(site('www.mk.co.kr', '/go'), client(), { privateHostsAllowed: true });
    expect(allowed.kind).toBe('extracted');
    expect(servers.get('wiki.intranet.local')!.requestCount('/news/2')).toBe(1);
  });
});

/**
 * Full-text pages (issue 11): extraction speed per core, linkedom against jsdom, and the page
 * queue's memory with bursts of different sizes. The corpus is generated: ≥ 1 000 article pages of
 * 50–150 KB in the shapes of the catalog's Korean outlets (tests/helpers/article-pages.ts), some in
 * EUC-KR, every one with decoys in its chrome.
 */
import iconv from 'iconv-lite';
import { JSDOM } from 'jsdom';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Readability } from '@mozilla/readability';
import { PipelinePool } from '../../main/feeds/pipeline-pool';
import { parseBrowserDocument } from '../../main/pages/dom';
import { extractPageDocument, type PageDocument } from '../../main/pages/extract';
import { PageClient } from '../../main/pages/page-client';
import { PageQueue, type PageJob } from '../../main/pages/page-queue';
import { buildArticlePage, DECOY, OUTLET_SITES, sampleArticle } from '../helpers/article-pages';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';

interface CorpusPage {
  doc: PageDocument;
  host: string;
  bytes: number;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function buildPageCorpus(count = 1000): CorpusPage[] {
  const rand = seeded(99);
  const pages: CorpusPage[] = [];
  for (let i = 0; i < count; i++) {
    const site = OUTLET_SITES[i % OUTLET_SITES.length]!;
    const spec = sampleArticle(1000 + i, 6 + Math.floor(rand() * 9));
    const padToBytes = 50_000 + Math.floor(rand() * 100_000);
    const eucKr = site.shape === 'boannews';
    const html = buildArticlePage(site.shape, { ...spec, padToBytes, metaCharset: eucKr ? 'euc-kr' : undefined });
    const body = eucKr ? iconv.encode(html, 'cp949') : Buffer.from(html, 'utf8');
    pages.push({
      doc: { body, contentType: eucKr ? 'text/html' : 'text/html; charset=utf-8', url: `https://${site.host}/news/${i}` },
      host: site.host,
      bytes: body.length,
    });
  }
  return pages;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

setFlagsFromString('--expose-gc');
/** A full garbage collection, so each section starts from what is really live. */
const collect = runInNewContext('gc') as () => void;

/**
 * The peak of the process's resident memory (worker threads included) and of this thread's heap:
 * sampled every 20 ms while the event loop runs, and at each `sample()` in synchronous loops.
 */
function memoryPeak() {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  return { sample, stop: () => (clearInterval(timer), sample(), { rss, heap }) };
}

export async function benchFulltext(): Promise<Array<[string, Record<string, string | number>]>> {
  const sections: Array<[string, Record<string, string | number>]> = [];
  const corpus = buildPageCorpus(1000);
  const totalBytes = corpus.reduce((sum, p) => sum + p.bytes, 0);
  collect();
  const baseRss = process.memoryUsage().rss;

  // 1. Extraction on one thread: what one core does.
  for (let i = 0; i < 30; i++) extractPageDocument(corpus[i]!.doc); // warm the JIT
  const peak = memoryPeak();
  const byExtractor = { 'site-rule': 0, readability: 0, failed: 0 };
  let leaks = 0;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (const page of corpus) {
    peak.sample();
    const result = extractPageDocument(page.doc);
    if (result.kind === 'extracted') {
      byExtractor[result.extractor] += 1;
      if (result.text.includes(DECOY)) leaks += 1;
    } else byExtractor.failed += 1;
  }
  const cpu = cpuMs(cpuStart);
  const wall = performance.now() - wallStart;
  const mem = peak.stop();
  sections.push([
    `Full-text extraction on one core: ${corpus.length} pages, ${mb(totalBytes)} (50–150 KB each, 15 outlet shapes) (target: ≥ 50 pages/s per core)`,
    {
      'pages per CPU-second (per core)': Math.round((corpus.length / cpu) * 1000),
      'pages per wall-second': Math.round((corpus.length / wall) * 1000),
      'CPU per page': `${(cpu / corpus.length).toFixed(1)} ms`,
      'picked by site rule / Readability / none': `${byExtractor['site-rule']} / ${byExtractor.readability} / ${byExtractor.failed}`,
      'pages whose text has a chrome decoy': leaks,
      'peak RSS (corpus held in memory)': `${mb(mem.rss)} (before: ${mb(baseRss)})`,
    },
  ]);

  // 2. Readability's DOM: linkedom against jsdom on the same pages (Readability alone, no rules).
  const sample = corpus
    .filter((_, i) => i % 5 === 0)
    .slice(0, 100)
    .map((p) => Buffer.from(p.doc.body).toString('utf8'));
  const domRows: Record<string, string> = {};
  for (const [name, parse] of [
    ['linkedom', (html: string) => ({ document: parseBrowserDocument(html), close: () => undefined })],
    [
      'jsdom',
      (html: string) => {
        const { window } = new JSDOM(html);
        return { document: window.document, close: () => window.close() };
      },
    ],
  ] as const) {
    for (let i = 0; i < 5; i++) {
      const page = parse(sample[i]!);
      new Readability(page.document as never).parse();
      page.close();
    }
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const p = memoryPeak();
    const start = process.cpuUsage();
    let found = 0;
    for (const html of sample) {
      p.sample();
      const page = parse(html);
      if (new Readability(page.document as never, { charThreshold: 200 }).parse()) found += 1;
      p.sample();
      page.close();
    }
    const used = cpuMs(start);
    const m = p.stop();
    domRows[`${name}: parse + Readability, whole page`] =
      `${(used / sample.length).toFixed(1)} ms CPU/page (${Math.round((sample.length / used) * 1000)} pages/s), heap peak +${mb(m.heap - heapBefore)}, ${found}/${sample.length} found`;
  }
  const oursStart = process.cpuUsage();
  for (const html of sample) extractPageDocument({ body: Buffer.from(html), contentType: 'text/html', url: 'https://news.example.kr/1' });
  const ours = cpuMs(oursStart);
  domRows['Nunchi path, no site rule (htmlparser2 prune, then Readability on linkedom)'] =
    `${(ours / sample.length).toFixed(1)} ms CPU/page (${Math.round((sample.length / ours) * 1000)} pages/s)`;
  sections.push([`Readability's DOM on ${sample.length} pages of the corpus`, domRows]);

  // 3. The queue end to end (local multi-host site, 2 extraction workers): memory must not grow with the burst.
  const hosts = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
  const servers: FeedServer[] = [];
  for (const host of hosts) servers.push(await startFeedServer({ '/robots.txt': { status: 404 } }, { host }));
  corpus.forEach((page, i) =>
    servers[i % servers.length]!.route(`/news/${i}`, {
      headers: { 'Content-Type': page.doc.contentType! },
      body: Buffer.from(page.doc.body),
    }),
  );
  const pool = new PipelinePool(2);
  const queueRows: Record<string, string> = {};
  try {
    for (const burst of [1000, 3000]) {
      collect();
      const before = process.memoryUsage().rss;
      const client = new PageClient({ minGapMs: 0, maxInFlight: 4 });
      const p = memoryPeak();
      let done = 0;
      let extracted = 0;
      let next = 0;
      let deferredAnswers = 0;
      const failures: string[] = [];
      // The site is on loopback: its pages are allowed as a local mirror's would be (a page on a
      // private host is otherwise refused without a request).
      const jobFor = (n: number): PageJob => ({
        key: n,
        url: `${servers[n % servers.length]!.origin}/news/${n % corpus.length}`,
        privateHostsAllowed: true,
      });
      const queue: PageQueue = new PageQueue({
        client,
        extractor: pool,
        capacity: 200,
        concurrency: 4,
        onOutcome: (_job, outcome) => {
          done += 1;
          if (outcome.kind === 'extracted') extracted += 1;
          else if (failures.length < 3) failures.push(JSON.stringify(outcome).slice(0, 200));
        },
        // The store's part in phase 2: articles left "page pending" are offered again when there is room.
        onSpace: () => refill(),
      });
      const refill = () => {
        while (next < burst) {
          if (queue.offer(jobFor(next)) === 'deferred') {
            deferredAnswers += 1;
            return;
          }
          next += 1;
        }
      };
      const started = performance.now();
      refill();
      while (done < burst) await queue.whenIdle().then(() => (next < burst ? refill() : undefined));
      const seconds = (performance.now() - started) / 1000;
      const m = p.stop();
      // A figure of pages that were never fetched would say nothing about the queue.
      if (extracted < burst * 0.9) throw new Error(`page queue: only ${extracted} of ${burst} pages extracted (${failures.join('; ')})`);
      queueRows[`burst of ${burst} articles (queue capacity 200)`] =
        `${extracted}/${burst} extracted in ${seconds.toFixed(1)} s (${Math.round(burst / seconds)} pages/s on 2 workers), peak RSS ${mb(m.rss)} (+${mb(m.rss - before)} over the start), ${deferredAnswers} offers deferred`;
    }
  } finally {
    await pool.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  sections.push(['Page queue end to end on a local 5-host site: memory bounded whatever the burst', queueRows]);
  return sections;
}

/**
 * The issue's figure (issue 11): on a local site of nine outlets — eight snippet-only, one whose
 * feed carries the full text — with the watched name only in each article's body, how many body
 * mentions the engine finds from the feed text alone (before: the alerts a poll raises at once)
 * and once the pages were fetched and matched (after `pagesSettled`). The deterministic assertions
 * of the same behaviour live in tests/integration/fulltext-monitoring.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { buildArticlePage, sampleArticle, type OutletShape } from '../helpers/article-pages';
import { startOutletSite } from '../helpers/outlet-site';
import { rss } from '../helpers/rss';

const OUTLETS: Array<{ shape: OutletShape; host: string }> = [
  { shape: 'etnews', host: 'www.etnews.com' },
  { shape: 'zdnet', host: 'zdnet.co.kr' },
  { shape: 'bloter', host: 'www.bloter.net' },
  { shape: 'yna', host: 'www.yna.co.kr' },
  { shape: 'inews24', host: 'www.inews24.com' },
  { shape: 'hankyung', host: 'www.hankyung.com' },
  { shape: 'mk', host: 'www.mk.co.kr' },
  { shape: 'edaily', host: 'www.edaily.co.kr' },
  { shape: 'boannews', host: 'www.boannews.com' }, // its feed carries the whole article
];

export async function benchFulltextRecall(articlesPerOutlet = 7): Promise<Record<string, string | number>> {
  const site = await startOutletSite(
    OUTLETS.map((o) => o.host),
    40,
  );
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-bench-recall-'));
  let clock = Date.now();
  const engine = new Engine({
    databasePath: join(dir, 'nunchi.sqlite'),
    fetchImpl: site.fetchImpl,
    pageClient: { minGapMs: 0 },
    now: () => clock,
  });
  try {
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: false });
    const feeds = OUTLETS.map((outlet, o) => {
      const path = '/rss.xml';
      const full = o === OUTLETS.length - 1;
      const items = Array.from({ length: articlesPerOutlet }, (_, i) => {
        const spec = sampleArticle(o * 100 + i);
        const link = site.url(outlet.host, `/news/${i}`);
        site.server(outlet.host).route(`/news/${i}`, {
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
          body: buildArticlePage(outlet.shape, { ...spec, padToBytes: 60_000 }),
        });
        return { spec, link, full };
      });
      const publish = (shown: typeof items) =>
        site.server(outlet.host).route(path, {
          headers: { 'Content-Type': 'application/rss+xml' },
          body: full
            ? fullFeed(shown)
            : rss({
                title: outlet.host,
                items: shown.map(({ spec, link }) => ({
                  guid: link,
                  title: spec.title,
                  link,
                  description: spec.paragraphs[0]!.slice(0, 60) + '…',
                  pubDate: new Date(clock).toUTCString(),
                })),
              }),
        });
      publish([]);
      engine.feeds.add({ url: site.url(outlet.host, path) });
      return { publish, items };
    });
    await engine.poll({ all: true }); // first poll: empty feeds, so what follows is live news
    clock += 60_000;
    for (const feed of feeds) feed.publish(feed.items);
    const started = performance.now();
    const summary = await engine.poll({ all: true });
    const polled = performance.now() - started;
    await engine.pagesSettled();
    const settled = performance.now() - started;
    const { db } = engineInternals(engine);
    const after = db.prepare(`SELECT count(*) FROM alerts`).pluck().get() as number;
    const pages = db.prepare(`SELECT state, count(*) AS n FROM article_pages GROUP BY state`).all() as Array<{ state: string; n: number }>;
    return {
      outlets: `${OUTLETS.length} (${OUTLETS.length - 1} snippet-only)`,
      'body mentions': OUTLETS.length * articlesPerOutlet,
      'found from feed text (before)': summary.newAlerts,
      'found with pages (after)': after,
      'pages fetched': pages.map((p) => `${p.state} ${p.n}`).join(', '),
      'poll / poll + pages': `${(polled / 1000).toFixed(1)} s / ${(settled / 1000).toFixed(1)} s`,
    };
  } finally {
    await engine.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fullFeed(items: Array<{ spec: ReturnType<typeof sampleArticle>; link: string }>): string {
  const entries = items
    .map(
      ({ spec, link }) =>
        `<item><title>${spec.title}</title><link>${link}</link><guid>${link}</guid><description>${spec.paragraphs[0]!.slice(0, 60)}</description><content:encoded><![CDATA[${spec.paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded><pubDate>${new Date().toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>보안뉴스</title><link>https://www.boannews.com/</link><description>d</description>${entries}</channel></rss>`;
}

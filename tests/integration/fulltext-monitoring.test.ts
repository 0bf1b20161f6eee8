/**
 * Full-text monitoring end to end in the engine (issue 11): feeds and article pages on a local
 * multi-host site (one real server per outlet on its own loopback address), a real SQLite file,
 * the real pipeline workers extracting pages, the real headless notifier. Dates are relative to
 * the injected clock.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessNotifier, type NotifyLogLine } from '../../main/alerts/headless-notifier';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import {
  buildArticlePage,
  countOf,
  DECOY,
  fillerSentence,
  sampleArticle,
  type ArticleSpec,
  type OutletShape,
} from '../helpers/article-pages';
import { floorToMinute, HOUR } from '../helpers/clock';
import { startOutletSite, type OutletSite } from '../helpers/outlet-site';
import { rss, type RssItemSpec } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const OUTLETS = {
  etnews: 'www.etnews.com',
  yna: 'www.yna.co.kr',
  zdnet: 'zdnet.co.kr',
  bloter: 'www.bloter.net',
  boannews: 'www.boannews.com',
  // A site on the user's own network (`.corp` names resolve only there), served like the others.
  intranet: 'news.portal.corp',
} as const;
type Outlet = keyof typeof OUTLETS;

const tempDir = useTempDir();
let site: OutletSite;
const START = floorToMinute(Date.now());
let clock = START;
const engines: Engine[] = [];

beforeAll(async () => {
  site = await startOutletSite(Object.values(OUTLETS), 20);
});
afterAll(() => site.close());
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  clock = START;
});

const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const RSS = { 'Content-Type': 'application/rss+xml' };
let serial = 0;

/** An article page on an outlet, in that outlet's shape (the intranet site's pages are laid out like etnews's); returns its URL. */
function publishPage(outlet: Outlet, spec: ArticleSpec, shape: OutletShape = outlet === 'intranet' ? 'etnews' : outlet): string {
  const path = `/news/${++serial}`;
  site.server(OUTLETS[outlet]).route(path, { headers: HTML, body: buildArticlePage(shape, { ...spec, padToBytes: 30_000 }) });
  return site.url(OUTLETS[outlet], path);
}

/** A snippet-only feed on an outlet; `set` replaces its items. */
function snippetFeed(outlet: Outlet) {
  const path = `/rss-${++serial}.xml`;
  const set = (items: RssItemSpec[]) => site.server(OUTLETS[outlet]).route(path, { headers: RSS, body: rss({ title: outlet, items }) });
  set([]);
  return { url: site.url(OUTLETS[outlet], path), path, set };
}

const pubDate = (at: number) => new Date(at).toUTCString();
/** The item a snippet feed gives for a page: its title and the first sentence, nothing else. */
const snippetItem = (spec: ArticleSpec, link: string, at = clock): RssItemSpec => ({
  guid: link,
  title: spec.title,
  link,
  description: spec.paragraphs[0]!.slice(0, 60) + '…',
  pubDate: pubDate(at),
});
/** A body whose only mention of the watched name is in the third paragraph. */
function bodySpec(seed: number, title?: string): ArticleSpec {
  const spec = sampleArticle(seed);
  return title ? { ...spec, title } : spec;
}

async function setup(): Promise<{ engine: Engine; notifications: () => NotifyLogLine[] }> {
  const dir = tempDir();
  const engine = new Engine({
    databasePath: join(dir, 'nunchi.sqlite'),
    fetchImpl: site.fetchImpl,
    pageClient: { minGapMs: 0, deadlineMs: 1_500 },
    now: () => clock,
  });
  engines.push(engine);
  engine.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul' });
  const log = join(dir, 'notify.jsonl');
  await engine.setNotifier(new HeadlessNotifier({ logFile: log, notifySend: null, now: () => clock }));
  const notifications = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as NotifyLogLine)
      : [];
  return { engine, notifications };
}

/** Polls, then waits for the pages, as `nunchi poll` does. */
async function pollAndSettle(engine: Engine): Promise<void> {
  await engine.poll({ all: true });
  await engine.pagesSettled();
}

function alertsOf(engine: Engine) {
  const { db } = engineInternals(engine);
  return db
    .prepare(
      `SELECT al.article_id AS articleId, al.story_id AS storyId, al.origin, al.spans, al.notify_state AS notifyState, w.name AS watchlist
              FROM alerts al LEFT JOIN watchlists w ON w.id = al.watchlist_id ORDER BY al.id`,
    )
    .all() as Array<{ articleId: number; storyId: number; origin: string; spans: string; notifyState: string; watchlist: string }>;
}

const articleIdByLink = (engine: Engine, link: string) =>
  engineInternals(engine).db.prepare(`SELECT id FROM articles WHERE link = ?`).pluck().get(link) as number;
const pageRequests = (link: string) => site.dispatched.filter((d) => link.endsWith(d.path)).length;

/** Adds a feed and polls it once with nothing new in it, so what comes next is live news. */
async function followed(engine: Engine, feed: { url: string }): Promise<void> {
  engine.feeds.add({ url: feed.url });
  await pollAndSettle(engine);
}

describe('snippet feeds: the body is matched once its page arrives', () => {
  it('a keyword only in the body raises one live alert per story, notifies once, with spans into the body', async () => {
    const { engine, notifications } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const etnews = snippetFeed('etnews');
    const yna = snippetFeed('yna');
    await followed(engine, etnews);
    await followed(engine, yna);

    // The same story at two outlets (the same headline), and another story at one of them.
    const story = bodySpec(1, '카카오 AI 연구 자회사 대표 교체 검토');
    const other = bodySpec(2);
    const etnewsLink = publishPage('etnews', story);
    const ynaLink = publishPage('yna', { ...bodySpec(3), title: story.title });
    const otherLink = publishPage('etnews', other);
    clock += 10 * 60_000;
    etnews.set([snippetItem(story, etnewsLink), snippetItem(other, otherLink)]);
    yna.set([snippetItem({ ...bodySpec(3), title: story.title }, ynaLink)]);

    const summary = await engine.poll({ all: true });
    // Matched on the feed's text at once: nothing there mentions the name, so nothing yet.
    expect(summary.newAlerts).toBe(0);
    expect(alertsOf(engine)).toEqual([]);

    await engine.pagesSettled();
    const alerts = alertsOf(engine);
    expect(alerts.map((a) => a.articleId).sort()).toEqual([etnewsLink, ynaLink, otherLink].map((l) => articleIdByLink(engine, l)).sort());
    expect(new Set(alerts.map((a) => a.origin))).toEqual(new Set(['live']));
    // One story from two outlets: one group, one notification; the other story its own.
    const storyOf = (link: string) => alerts.find((a) => a.articleId === articleIdByLink(engine, link))!.storyId;
    expect(storyOf(etnewsLink)).toBe(storyOf(ynaLink));
    expect(storyOf(otherLink)).not.toBe(storyOf(etnewsLink));
    await engine.notifyNow();
    expect(notifications()).toHaveLength(2);

    // The spans point into the body: the page's text under them is the watched name.
    const { pages } = engineInternals(engine);
    for (const alert of alerts) {
      const body = pages.get(alert.articleId)!.text!;
      const spans = JSON.parse(alert.spans) as Array<{ field: string; start: number; end: number }>;
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.field).toBe('body');
        expect(body.slice(span.start, span.end)).toBe('카카오브레인');
      }
      expect(body).not.toContain(DECOY);
    }

    // Polling again changes nothing: no page fetched twice, no alert twice.
    const before = site.dispatched.length;
    clock += 10 * 60_000;
    await pollAndSettle(engine);
    expect(site.dispatched.filter((d) => d.path.startsWith('/news/')).length).toBe(
      site.dispatched.slice(0, before).filter((d) => d.path.startsWith('/news/')).length,
    );
    expect(alertsOf(engine)).toHaveLength(3);
    await engine.notifyNow();
    expect(notifications()).toHaveLength(2);

    // Search finds the article by a word only its body has.
    const found = engine.inbox.search({ query: '김일두' });
    expect(found.items.map((a) => a.id).sort()).toEqual(alerts.map((a) => a.articleId).sort());
  });

  it('a watchlist that already matched the feed text raises nothing new from the body; its spans stay in the feed text', async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const feed = snippetFeed('zdnet');
    await followed(engine, feed);
    const spec = bodySpec(4);
    const link = publishPage('zdnet', spec);
    clock += 5 * 60_000;
    feed.set([{ ...snippetItem(spec, link), description: '카카오브레인 대표 교체설…' }]);
    const summary = await engine.poll({ all: true });
    expect(summary.newAlerts).toBe(1);
    await engine.pagesSettled();
    expect(pageRequests(link)).toBe(1);
    const alerts = alertsOf(engine);
    expect(alerts).toHaveLength(1);
    expect((JSON.parse(alerts[0]!.spans) as Array<{ field: string }>).map((s) => s.field)).toEqual(['text']);
  });

  it('decoys: a page whose chrome (nav, 많이 본 뉴스, comments, related links) carries the keyword raises nothing', async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인 OR KoGPT', color: '#e11d48', notify: true });
    const feed = snippetFeed('bloter');
    await followed(engine, feed);
    const rand = () => 0.42;
    const clean: ArticleSpec = {
      title: '반도체 장비 수출 회복세',
      paragraphs: Array.from({ length: 8 }, () => `${fillerSentence(rand, 18)} ${fillerSentence(rand, 12)}`),
    };
    const link = publishPage('bloter', clean);
    clock += 5 * 60_000;
    feed.set([snippetItem(clean, link)]);
    await pollAndSettle(engine);
    const id = articleIdByLink(engine, link);
    const page = engineInternals(engine).pages.get(id)!;
    expect(page.state).toBe('extracted');
    expect(countOf(page.text!, DECOY)).toBe(0);
    expect(alertsOf(engine)).toEqual([]);
  });

  it('the feed’s first poll: recent articles are fetched and matched, their alerts are backlog and do not notify', async () => {
    const { engine, notifications } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const feed = snippetFeed('etnews');
    const spec = bodySpec(5);
    const link = publishPage('etnews', spec);
    feed.set([snippetItem(spec, link, clock - HOUR)]);
    engine.feeds.add({ url: feed.url });
    await pollAndSettle(engine);
    const alerts = alertsOf(engine);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.origin).toBe('backfill');
    await engine.notifyNow();
    expect(notifications()).toEqual([]);
  });
});

describe('watchlists made after the body arrived: backfill and preview read the page too', () => {
  it('the preview finds an article by a word only its body has, also when the body arrives after the preview read the article', async () => {
    const { engine } = await setup();
    const feed = snippetFeed('etnews');
    await followed(engine, feed);
    const spec = bodySpec(21);
    const link = publishPage('etnews', spec);
    clock += 5 * 60_000;
    feed.set([snippetItem(spec, link)]);
    await engine.poll({ all: true });
    // The article is stored, its page not fetched yet: only the feed's summary is known.
    const before = await engine.preview({ query: '김일두' });
    expect(before).toMatchObject({ ok: true, count: 0 });

    await engine.pagesSettled();
    await engine.whenIdle();
    for (const query of ['김일두', '퇴사', '"김일두 대표"']) {
      const result = await engine.preview({ query });
      expect(result.ok && result.count, query).toBe(1);
      const [item] = result.ok ? result.items : [];
      expect(item!.article.id).toBe(articleIdByLink(engine, link));
      // The item shows the body, and its spans point into it, as the inbox row of a body alert does.
      const word = query.replace(/"/g, '');
      expect(item!.spans.filter((s) => s.field === 'text').map((s) => item!.article.text.slice(s.start, s.end))).toContain(word);
    }
    // Chrome decoys never reached the body: nothing for a word only the page's chrome has.
    expect(await engine.preview({ query: 'KoGPT' })).toMatchObject({ ok: true, count: 0 });
  });

  it('a new watchlist is applied to the stored bodies: one backfill alert with spans into the body, none from chrome', async () => {
    const { engine, notifications } = await setup();
    const feed = snippetFeed('yna');
    await followed(engine, feed);
    const spec = bodySpec(22);
    const link = publishPage('yna', spec);
    clock += 5 * 60_000;
    feed.set([snippetItem(spec, link)]);
    await pollAndSettle(engine);
    await engine.whenIdle();
    expect(alertsOf(engine)).toEqual([]);

    // A three-syllable name goes through the trigram index, a two-syllable word (퇴사) through the scan.
    engine.watchlists.create({ name: '김일두', query: '김일두', color: '#e11d48', notify: true });
    engine.watchlists.create({ name: '퇴사', query: '퇴사', color: '#2563eb', notify: true });
    engine.watchlists.create({ name: 'KoGPT', query: 'KoGPT', color: '#16a34a', notify: true });
    await engine.whenIdle();
    const alerts = alertsOf(engine);
    expect(alerts.map((a) => a.watchlist).sort()).toEqual(['김일두', '퇴사']);
    const id = articleIdByLink(engine, link);
    const body = engineInternals(engine).pages.get(id)!.text!;
    for (const alert of alerts) {
      expect(alert).toMatchObject({ articleId: id, origin: 'backfill' });
      const spans = JSON.parse(alert.spans) as Array<{ field: string; start: number; end: number }>;
      expect(spans.map((s) => [s.field, body.slice(s.start, s.end)])).toContainEqual(['body', alert.watchlist]);
    }
    // Backfill alerts never notify.
    await engine.notifyNow();
    expect(notifications()).toEqual([]);
  });
});

describe('what is not fetched', () => {
  it('a feed that carries the whole article (content:encoded): no page is requested', async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const spec = bodySpec(6);
    const link = publishPage('boannews', spec);
    const full = spec.paragraphs.map((p) => `<p>${p}</p>`).join('');
    const path = `/full-${++serial}.xml`;
    const xml = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>보안뉴스</title><link>https://www.boannews.com/</link><description>d</description>${items}</channel></rss>`;
    site.server(OUTLETS.boannews).route(path, { headers: RSS, body: xml('') });
    const url = site.url(OUTLETS.boannews, path);
    await followed(engine, { url });
    clock += 5 * 60_000;
    site.server(OUTLETS.boannews).route(path, {
      headers: RSS,
      body: xml(
        `<item><title>${spec.title}</title><link>${link}</link><guid>${link}</guid><description>${spec.paragraphs[0]!.slice(0, 50)}</description><content:encoded><![CDATA[${full}]]></content:encoded><pubDate>${pubDate(clock)}</pubDate></item>`,
      ),
    });
    const summary = await engine.poll({ all: true });
    await engine.pagesSettled();
    expect(summary.newAlerts).toBe(1); // the feed's own text had it
    expect(pageRequests(link)).toBe(0);
    expect(engineInternals(engine).pages.get(articleIdByLink(engine, link))).toBeUndefined();
  });

  it('mode never: no page; mode always: the page even of a full-content feed', async () => {
    const { engine } = await setup();
    const feed = snippetFeed('yna');
    engine.feeds.add({ url: feed.url });
    const [added] = engine.feeds.list();
    engine.feeds.update(added!.id, { fullText: 'never' });
    const spec = bodySpec(7);
    const link = publishPage('yna', spec);
    feed.set([snippetItem(spec, link)]);
    await pollAndSettle(engine);
    expect(pageRequests(link)).toBe(0);
    expect(engineInternals(engine).pages.get(articleIdByLink(engine, link))).toBeUndefined();

    // 'always' on a feed whose items carry a long body: the page is fetched all the same.
    const spec2 = bodySpec(17);
    const link2 = publishPage('yna', spec2);
    engine.feeds.update(added!.id, { fullText: 'always' });
    clock += 5 * 60_000;
    const longText = spec2.paragraphs.join(' ');
    feed.set([snippetItem(spec, link), { ...snippetItem(spec2, link2), description: longText }]);
    await pollAndSettle(engine);
    expect(pageRequests(link2)).toBe(1);
    expect(engineInternals(engine).pages.get(articleIdByLink(engine, link2))).toMatchObject({ state: 'extracted' });
  });

  it('an article published more than 48 hours ago is not fetched — until the user opens it', async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const feed = snippetFeed('zdnet');
    await followed(engine, feed);
    const spec = bodySpec(8);
    const link = publishPage('zdnet', spec);
    clock += 5 * 60_000;
    feed.set([snippetItem(spec, link, clock - 49 * HOUR)]);
    await pollAndSettle(engine);
    expect(pageRequests(link)).toBe(0);
    const id = articleIdByLink(engine, link);
    expect(engineInternals(engine).pages.get(id)?.state).toBe('on-open');

    engine.articleOpened(id);
    await engine.pagesSettled();
    expect(pageRequests(link)).toBe(1);
    expect(engineInternals(engine).pages.get(id)?.state).toBe('extracted');
    // Old news: matched and shown, but a backlog alert that does not notify.
    expect(alertsOf(engine).map((a) => [a.articleId, a.origin, a.notifyState])).toEqual([[id, 'backfill', 'none']]);
  });

  it('--no-full-text: a poll that skips pages leaves them for when the article is opened', async () => {
    const { engine } = await setup();
    const feed = snippetFeed('bloter');
    await followed(engine, feed);
    const spec = bodySpec(9);
    const link = publishPage('bloter', spec);
    clock += 5 * 60_000;
    feed.set([snippetItem(spec, link)]);
    await engine.poll({ all: true, fullText: false });
    await engine.pagesSettled();
    expect(pageRequests(link)).toBe(0);
    expect(engineInternals(engine).pages.get(articleIdByLink(engine, link))?.state).toBe('on-open');
  });
});

describe("links into the user's own network", () => {
  it("a feed on the internet never makes the app fetch a page on the user's network; a feed on that network does", async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const outside = snippetFeed('etnews');
    const inside = snippetFeed('intranet');
    await followed(engine, outside);
    await followed(engine, inside);
    // A hostile (or careless) public feed links to a host on the user's network, and to this machine.
    const internal = publishPage('intranet', bodySpec(40));
    const loopback = `http://127.0.0.1:9/admin`;
    const intranetNews = publishPage('intranet', bodySpec(41));
    clock += 5 * 60_000;
    outside.set([
      { ...snippetItem(bodySpec(40), internal), guid: 'outside-1' },
      { ...snippetItem({ ...bodySpec(42), title: '관리 페이지' }, loopback), guid: 'outside-2' },
    ]);
    inside.set([{ ...snippetItem(bodySpec(41), intranetNews), guid: 'inside-1' }]);
    await pollAndSettle(engine);

    const { pages, articles } = engineInternals(engine);
    const outcome = (guid: string) => {
      const id = engineInternals(engine).db.prepare(`SELECT id FROM articles WHERE identity = ?`).pluck().get(guid) as number;
      const page = pages.get(id)!;
      return { state: page.state, reason: page.reason, keptFeedText: articles.get(id)!.text.length > 0 };
    };
    expect(outcome('outside-1')).toEqual({ state: 'failed', reason: 'page.private_address', keptFeedText: true });
    expect(outcome('outside-2')).toEqual({ state: 'failed', reason: 'page.private_address', keptFeedText: true });
    // No request at all went there for the public feed's links: not the page, not robots.txt.
    expect(site.dispatched.filter((d) => d.host === OUTLETS.intranet && !d.path.startsWith('/rss'))).toEqual([
      { host: OUTLETS.intranet, path: '/robots.txt' },
      { host: OUTLETS.intranet, path: new URL(intranetNews).pathname },
    ]);
    expect(outcome('inside-1')).toMatchObject({ state: 'extracted' });
    // Final: not retried by the next poll.
    const before = site.dispatched.length;
    clock += 10 * 60_000;
    await pollAndSettle(engine);
    expect(site.dispatched.slice(before).filter((d) => !d.path.startsWith('/rss'))).toEqual([]);
  });
});

describe('broken pages: a reason, the feed text kept, the other feeds unaffected', () => {
  it('404, robots Disallow, a timeout and a PDF each record their reason; a good outlet still alerts', async () => {
    const { engine } = await setup();
    engine.watchlists.create({ name: '카카오', query: '카카오브레인', color: '#e11d48', notify: true });
    const bad = snippetFeed('boannews');
    const good = snippetFeed('etnews');
    await followed(engine, bad);
    await followed(engine, good);
    const server = site.server(OUTLETS.boannews);
    server.route('/robots.txt', { headers: { 'Content-Type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' });
    const url = (path: string) => site.url(OUTLETS.boannews, path);
    server.route('/slow', async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      res.writeHead(200, HTML).end('<html><body><p>late</p></body></html>');
    });
    server.route('/paper.pdf', { headers: { 'Content-Type': 'application/pdf' }, body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') });
    server.route('/private/1', { headers: HTML, body: buildArticlePage('boannews', bodySpec(10)) });
    const specs = [0, 1, 2, 3].map((i) => ({ ...bodySpec(20 + i), title: `보안 사고 ${i}번 소식` }));
    const links = [url('/gone-404'), url('/private/1'), url('/slow'), url('/paper.pdf')];
    const goodSpec = bodySpec(30);
    const goodLink = publishPage('etnews', goodSpec);
    clock += 5 * 60_000;
    bad.set(specs.map((spec, i) => ({ ...snippetItem(spec, links[i]!), description: `피드 요약 ${i}` })));
    good.set([snippetItem(goodSpec, goodLink)]);
    await pollAndSettle(engine);

    const { pages, articles } = engineInternals(engine);
    const outcome = (link: string) => {
      const id = articleIdByLink(engine, link);
      const page = pages.get(id)!;
      return { state: page.state, reason: page.reason, feedText: articles.get(id)!.text };
    };
    expect(outcome(links[0]!)).toEqual({ state: 'failed', reason: 'page.not_found', feedText: '피드 요약 0' });
    expect(outcome(links[1]!)).toEqual({ state: 'failed', reason: 'page.robots_disallowed', feedText: '피드 요약 1' });
    // A timeout is transient: it stays pending with a retry time, not tried again in this round.
    expect(outcome(links[2]!)).toEqual({ state: 'pending', reason: 'page.timeout', feedText: '피드 요약 2' });
    expect(pages.get(articleIdByLink(engine, links[2]!))!.retryAt).toBeGreaterThan(clock);
    expect(outcome(links[3]!)).toEqual({ state: 'failed', reason: 'page.not_html', feedText: '피드 요약 3' });
    expect(site.dispatched.filter((d) => d.path === '/private/1')).toHaveLength(0);
    // The good outlet's body alert is there all the same.
    expect(alertsOf(engine).map((a) => a.articleId)).toEqual([articleIdByLink(engine, goodLink)]);

    // The article view shows the reason.
    const view = engine.inbox.article(articleIdByLink(engine, links[0]!));
    expect(view?.page).toMatchObject({ state: 'failed', reason: 'page.not_found' });

    // Another poll does not retry the final failures, nor the transient one before its time.
    const requestsBefore = site.dispatched.length;
    clock += 10 * 60_000;
    await pollAndSettle(engine);
    expect(site.dispatched.slice(requestsBefore).filter((d) => d.host === OUTLETS.boannews && !d.path.startsWith('/rss'))).toEqual([]);
  });
});

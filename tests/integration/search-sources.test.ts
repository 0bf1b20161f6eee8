/**
 * A watchlist's news searches in the engine (issue 12): the real Engine on a real SQLite file
 * polls a subscribed feed and local servers in Google News's RSS and Naver's JSON shapes. What
 * the issue asks, seen from the outside: the first poll of a new search source is backlog; the
 * same article from the feed, Google and Naver is one story with one inbox row, one
 * notification and one outlet; a result the watchlist does not match is stored without alert;
 * nothing new costs no article writes; not due before 15 minutes; 401/429/500/slow answers are
 * errors in words on the source, with backoff, and never stop the other source or the feeds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessNotifier, type NotifyLogLine } from '../../main/alerts/headless-notifier';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { nextSeoulMidnight } from '../../main/search/naver-quota';
import { SEARCH_INTERVAL_MS } from '../../main/search/schedule';
import { buildArticlePage, sampleArticle } from '../helpers/article-pages';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss, type RssItemSpec } from '../helpers/rss';
import { googleNewsRss, naverError, naverNewsJson, rfc822Seoul, type GoogleItemSpec, type NaverItemSpec } from '../helpers/search-fixtures';
import { useTempDir } from '../helpers/temp-dir';

const MIN = 60_000;
/** Noon in Seoul: the Naver quota's day never turns during a test. */
const NOON_KST = Date.UTC(2026, 10, 28, 3, 0, 0);
const KEYS = { clientId: 'nunchi-id', clientSecret: 'secret-do-not-log' };
const WATCH = '카카오브레인 (퇴사 OR 사임)';

const ARTICLE = {
  link: 'https://www.etnews.com/20261128000123',
  title: '카카오브레인 김일두 대표 사임…후임에 ○○○',
  text: '카카오브레인 김일두 대표가 28일 사임 의사를 밝혔다.',
};

const tempDir = useTempDir();
let clock = NOON_KST;
let google: FeedServer;
let naver: FeedServer;
let outlet: FeedServer;
const engines: Engine[] = [];
/** What each server answers now: set by the test before each poll. */
let googleItems: GoogleItemSpec[] = [];
let naverItems: NaverItemSpec[] = [];
let googleAnswer: 'ok' | 500 | 'slow' = 'ok';
let naverAnswer: 'ok' | 401 | 429 | 500 = 'ok';

beforeAll(async () => {
  google = await startFeedServer({
    '/rss/search': async (req, res) => {
      if (googleAnswer === 500) return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html>Server Error</html>');
      if (googleAnswer === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end(googleNewsRss(q, googleItems, clock));
    },
  });
  naver = await startFeedServer({
    '/v1/search/news.json': (req, res) => {
      if (req.headers['x-naver-client-secret'] !== KEYS.clientSecret || naverAnswer === 401) {
        return void res.writeHead(401, { 'Content-Type': 'application/json' }).end(naverError('024', 'Authentication failed (인증 실패)'));
      }
      if (naverAnswer === 429)
        return void res.writeHead(429, { 'Content-Type': 'application/json' }).end(naverError('010', '사용 한도 초과 (Quota Exceeded)'));
      if (naverAnswer === 500)
        return void res.writeHead(500, { 'Content-Type': 'application/json' }).end(naverError('SE99', 'System Error'));
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(naverNewsJson(naverItems, clock));
    },
  });
  outlet = await startFeedServer();
});
afterAll(async () => {
  await Promise.all([google.close(), naver.close(), outlet.close()]);
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  clock = NOON_KST;
  googleAnswer = 'ok';
  naverAnswer = 'ok';
  googleItems = [];
  naverItems = [];
});

function setFeed(items: RssItemSpec[]): void {
  outlet.route('/rss', { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' }, body: rss({ title: '전자신문 속보', items }) });
}

async function setup(options: { keys?: typeof KEYS | null; deadlineMs?: number } = {}) {
  const dir = tempDir();
  const engine = new Engine({
    databasePath: join(dir, 'nunchi.sqlite'),
    processing: 'in-process',
    now: () => clock,
    random: () => 0,
    naverKeys: options.keys === undefined ? KEYS : options.keys,
    searchBaseUrls: { google: google.origin, naver: naver.origin },
    fetchOverrides: options.deadlineMs ? { deadlineMs: options.deadlineMs } : undefined,
    // Article pages without the per-host pause between two: this test's clock stands still.
    pageClient: { minGapMs: 0, deadlineMs: 1_500 },
  });
  engines.push(engine);
  engine.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul' });
  const log = join(dir, 'notify.jsonl');
  await engine.setNotifier(new HeadlessNotifier({ logFile: log, notifySend: null, now: () => clock }));
  const notifications = (): NotifyLogLine[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as NotifyLogLine)
      : [];
  return { engine, notifications, db: engineInternals(engine).db };
}

const etnewsOnGoogle: GoogleItemSpec = {
  id: 'CBMiE1',
  headline: ARTICLE.title,
  outlet: '전자신문',
  site: 'https://www.etnews.com',
  agoMs: 3 * MIN,
};
const etnewsOnNaver: NaverItemSpec = {
  title: '<b>카카오브레인</b> 김일두 대표 <b>사임</b>…후임에 ○○○',
  originallink: `${ARTICLE.link}?utm_source=naver&utm_medium=news`,
  description: '<b>카카오브레인</b> 김일두 대표가 28일 <b>사임</b> 의사를 밝혔다.',
  agoMs: 3 * MIN,
};

describe('a watchlist watching Google News and Naver besides its feeds', () => {
  it('first poll is backlog; then one story from feed + Google + Naver: one inbox row, one notification, one outlet; a miss is stored without alert', async () => {
    setFeed([
      { guid: 'old-1', link: 'https://www.etnews.com/20261127000001', title: '어제 기사', pubDate: rfc822Seoul(clock - 600 * MIN) },
    ]);
    const { engine, notifications, db } = await setup();
    const naverRequests = naver.requestCount('/v1/search/news.json');
    engine.feeds.add({ url: outlet.url('/rss') });
    const watch = engine.watchlists.create({ name: '카카오', query: WATCH, searchSources: ['google', 'naver'] });
    expect(watch.searchSources).toEqual(['google', 'naver']);

    // Poll 1: the searches are new sources: what they find is stored and alerts, but never notifies.
    googleItems = [
      {
        id: 'CBMiB1',
        headline: '카카오브레인 대표 사임, KoGPT 사업도 정리',
        outlet: '더벨',
        site: 'https://www.thebell.co.kr',
        agoMs: 30 * MIN,
      },
    ];
    naverItems = [
      {
        title: '<b>카카오브레인</b> 임원 &quot;줄<b>퇴사</b>&quot;',
        originallink: 'https://www.etoday.co.kr/news/view/2400001',
        description: '임원 3명이 <b>퇴사</b>했다.',
        agoMs: 40 * MIN,
      },
    ];
    const first = await engine.poll();
    expect(first.searches.map((s) => [s.engine, s.status, s.backlog, s.fresh])).toEqual([
      ['google', 'ok', true, 1],
      ['naver', 'ok', true, 1],
    ]);
    expect(first.newAlerts).toBe(2);
    expect(notifications()).toEqual([]);
    const backlog = engine.inbox.stories({ filter: 'all', offset: 0, limit: 10 });
    expect(backlog.stories.map((s) => [s.article.sourceTitle, s.article.title]).sort()).toEqual([
      ['더벨', '카카오브레인 대표 사임, KoGPT 사업도 정리'],
      ['이투데이', '카카오브레인 임원 "줄퇴사"'],
    ]);

    // Poll 2, 16 minutes later: the feed and both engines carry the etnews article; Google also
    // returns a hit the watchlist does not match.
    clock += 16 * MIN;
    setFeed([
      { guid: ARTICLE.link, link: ARTICLE.link, title: ARTICLE.title, description: ARTICLE.text, pubDate: rfc822Seoul(clock - 3 * MIN) },
    ]);
    googleItems = [
      etnewsOnGoogle,
      { id: 'CBMiX1', headline: '카카오 주가 하락', outlet: '이데일리', site: 'https://www.edaily.co.kr', agoMs: 5 * MIN },
      ...googleItems,
    ];
    naverItems = [etnewsOnNaver, ...naverItems];
    const second = await engine.poll();
    expect(second.searches.map((s) => [s.engine, s.status, s.backlog, s.fresh])).toEqual([
      ['google', 'ok', false, 2],
      ['naver', 'ok', false, 1],
    ]);

    const story = engine.inbox.stories({ filter: 'all', offset: 0, limit: 10 }).stories.find((s) => s.article.title === ARTICLE.title)!;
    const inStory = db.prepare(`SELECT source_title, search_engine FROM articles WHERE story_id = ? ORDER BY id`).all(story.storyId);
    expect(inStory).toEqual([
      { source_title: '전자신문 속보', search_engine: null },
      { source_title: '전자신문', search_engine: 'google' },
      { source_title: '전자신문', search_engine: 'naver' },
    ]);
    expect(story.outlets).toBe(1);
    expect(engine.inbox.stories({ filter: 'all', offset: 0, limit: 10 }).stories.filter((s) => s.storyId === story.storyId)).toHaveLength(
      1,
    );
    const shown = notifications();
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown[0])).toContain('카카오브레인 김일두 대표 사임');

    // The hit the watchlist does not match: stored, searchable, no alert.
    const miss = db.prepare(`SELECT id, source_title FROM articles WHERE title = '카카오 주가 하락'`).get() as {
      id: number;
      source_title: string;
    };
    expect(miss.source_title).toBe('이데일리');
    expect(db.prepare(`SELECT count(*) FROM alerts WHERE article_id = ?`).pluck().get(miss.id)).toBe(0);

    // Not due again before 15 minutes: no request.
    const requests = google.requestCount('/rss/search');
    clock += 5 * MIN;
    expect((await engine.poll()).searches).toEqual([]);
    expect(google.requestCount('/rss/search')).toBe(requests);

    // Due again, nothing new: no article, alert or index write.
    clock += 12 * MIN;
    const before = db
      .prepare(
        `SELECT (SELECT count(*) FROM articles), (SELECT max(updated_at) FROM articles), (SELECT count(*) FROM alerts), (SELECT count(*) FROM fts_pending)`,
      )
      .raw()
      .get();
    const third = await engine.poll();
    expect(third.searches.map((s) => [s.engine, s.status, s.fresh, s.inserted])).toEqual([
      ['google', 'ok', 0, 0],
      ['naver', 'ok', 0, 0],
    ]);
    expect(
      db
        .prepare(
          `SELECT (SELECT count(*) FROM articles), (SELECT max(updated_at) FROM articles), (SELECT count(*) FROM alerts), (SELECT count(*) FROM fts_pending)`,
        )
        .raw()
        .get(),
    ).toEqual(before);

    // The sources' health for the Feeds view; the quota counts every Naver call.
    expect(engine.searchSourceList().map((s) => [s.engine, s.lastErrorCode, s.lastSuccessAt === clock])).toEqual([
      ['google', null, true],
      ['naver', null, true],
    ]);
    expect(engine.searchStatus()).toMatchObject({
      naverKeys: 'set',
      naverQuota: { used: naver.requestCount('/v1/search/news.json') - naverRequests },
    });
  });

  it('a Naver result whose summary does not match is matched on its outlet page: the body raises the alert', async () => {
    const { engine, notifications } = await setup();
    engine.watchlists.create({ name: '카카오', query: WATCH, searchSources: ['naver'] });
    await engine.poll(); // the new source's backlog: nothing found
    // Naver's title and summary name the company, not the departure; the outlet's page says both.
    const page = sampleArticle(7);
    outlet.route('/news/naver-1', { headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: buildArticlePage('etnews', page) });
    naverItems = [
      {
        title: '<b>카카오브레인</b> AI 연구 조직 개편',
        originallink: outlet.url('/news/naver-1'),
        description: '<b>카카오브레인</b>이 연구 조직을 다시 꾸린다.',
        agoMs: 3 * MIN,
      },
    ];
    clock += 16 * MIN;
    const polled = await engine.poll();
    expect(polled.searches.map((s) => [s.engine, s.status, s.backlog, s.fresh])).toEqual([['naver', 'ok', false, 1]]);
    expect(polled.newAlerts).toBe(0);

    await engine.pagesSettled();
    expect(outlet.requestCount('/news/naver-1')).toBe(1);
    const stories = engine.inbox.stories({ filter: 'all', offset: 0, limit: 10 }).stories;
    expect(stories.map((story) => [story.article.title, story.spans.map((span) => span.field)])).toEqual([
      ['카카오브레인 AI 연구 조직 개편', ['title', 'text', 'text']],
    ]);
    // The inbox row shows the body around the match: the page's words, not Naver's summary.
    expect(stories[0]!.article.text).toContain('퇴사 의사를 밝혔다');
    await engine.notifyNow();
    expect(notifications()).toHaveLength(1);
  });

  it('an edited query starts over as a new source: its first poll is backlog again', async () => {
    const { engine, notifications } = await setup({ keys: null });
    const watch = engine.watchlists.create({ name: '카카오', query: '카카오브레인', searchSources: ['google'] });
    googleItems = [{ id: 'A', headline: '카카오브레인 소식', outlet: '더벨', site: 'https://www.thebell.co.kr', agoMs: MIN }];
    await engine.poll();
    engine.watchlists.update(watch.id, { query: '카카오브레인 OR KoGPT' });
    googleItems = [{ id: 'B', headline: 'KoGPT 새 버전', outlet: '블로터', site: 'https://www.bloter.net', agoMs: MIN }, ...googleItems];
    clock += MIN; // the edit makes it due at once
    const after = await engine.poll();
    expect(after.searches.map((s) => [s.backlog, s.fresh])).toEqual([[true, 2]]);
    expect(notifications()).toEqual([]);
  });

  it('errors in words on the source, with backoff; one broken source never stops the other or the feeds', async () => {
    setFeed([]);
    const { engine } = await setup({ deadlineMs: 500 });
    engine.feeds.add({ url: outlet.url('/rss') });
    engine.watchlists.create({ name: '카카오', query: WATCH, searchSources: ['google', 'naver'] });
    naverItems = [etnewsOnNaver];

    // 401 from Naver: a bad key, said so; Google still polled.
    naverAnswer = 401;
    googleItems = [etnewsOnGoogle];
    const first = await engine.poll();
    expect(first.results.map((r) => r.status)).toEqual(['ok']);
    const [g, n] = first.searches;
    expect([g?.status, n?.status, n?.errorCode]).toEqual(['ok', 'error', 'search.bad_key']);
    expect(n?.error).toContain('네이버');
    expect(n?.detail).not.toContain(KEYS.clientSecret);
    const bad = engine.searchSourceList().find((s) => s.engine === 'naver')!;
    expect(bad.lastErrorCode).toBe('search.bad_key');
    expect(bad.nextDueAt).toBeGreaterThanOrEqual(clock + SEARCH_INTERVAL_MS);

    // 429: the day's quota is used up: not asked again before Seoul midnight.
    clock = bad.nextDueAt;
    naverAnswer = 429;
    const second = await engine.poll();
    expect(second.searches.find((s) => s.engine === 'naver')?.errorCode).toBe('search.quota_exhausted');
    const exhausted = engine.searchSourceList().find((s) => s.engine === 'naver')!;
    expect(exhausted.nextDueAt).toBeGreaterThanOrEqual(nextSeoulMidnight(clock));
    expect(engine.searchStatus().naverQuota.used).toBe(engine.searchStatus().naverQuota.limit);

    // Google answering 500, then too slowly: server error, then timeout, each backing off further.
    googleAnswer = 500;
    clock = engine.searchSourceList().find((s) => s.engine === 'google')!.nextDueAt;
    const third = await engine.poll();
    expect(third.searches.map((s) => [s.engine, s.errorCode])).toEqual([['google', 'search.server_error']]);
    const afterFirstFailure = engine.searchSourceList().find((s) => s.engine === 'google')!;
    googleAnswer = 'slow';
    clock = afterFirstFailure.nextDueAt;
    const fourth = await engine.poll();
    expect(fourth.searches.map((s) => [s.engine, s.errorCode])).toEqual([['google', 'search.timeout']]);
    const afterSecondFailure = engine.searchSourceList().find((s) => s.engine === 'google')!;
    expect(afterSecondFailure.consecutiveFailures).toBe(2);
    expect(afterSecondFailure.nextDueAt - clock).toBeGreaterThan(afterFirstFailure.nextDueAt - afterFirstFailure.lastPolledAt!);

    // The Naver secret is in none of the database's files (the engine holds it in memory only).
    const path = engineInternals(engine).db.name;
    for (const file of [path, `${path}-wal`].filter(existsSync)) expect(readFileSync(file).includes(KEYS.clientSecret)).toBe(false);
  });

  it('without Naver keys the source says so in words, and new keys make it due at once', async () => {
    const { engine } = await setup({ keys: null });
    engine.watchlists.create({ name: '카카오', query: WATCH, searchSources: ['naver'] });
    const requests = naver.requestCount('/v1/search/news.json');
    const first = await engine.poll();
    expect(first.searches.map((s) => [s.errorCode, s.error])).toEqual([
      ['search.key_missing', expect.stringContaining('Client ID') as unknown],
    ]);
    expect(naver.requestCount('/v1/search/news.json')).toBe(requests);
    expect(engine.searchStatus().naverKeys).toBe('missing');
    naverItems = [etnewsOnNaver];
    engine.setNaverKeys(KEYS);
    const second = await engine.poll();
    expect(second.searches.map((s) => [s.status, s.fresh])).toEqual([['ok', 1]]);
  });
});

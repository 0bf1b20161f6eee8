/**
 * Both news-search sources polled three times against local servers in their real shapes, with
 * the polite policy deciding what is fresh: duplicates across polls, a poll with nothing new, the
 * first poll as backlog, and a result that is also in a subscribed feed coming out as the same
 * article the feed pipeline produces (same canonical link / same headline).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAME_STORY_THRESHOLD, titleFeatures, titleSimilarity } from '../../main/stories/story-similarity';
import { fetchFeed } from '../../main/feeds/fetch';
import { processFeedDocument } from '../../main/feeds/pipeline';
import { searchBaseUrls } from '../../main/search/config';
import { searchGoogleNews } from '../../main/search/google-news';
import { NaverQuota } from '../../main/search/naver-quota';
import { searchNaverNews } from '../../main/search/naver-news';
import { toGoogleNewsQuery, toNaverQueries } from '../../main/search/query-translate';
import { afterSearchSuccess, isSearchDue, newSearchPollState, type SearchPollOutcome } from '../../main/search/schedule';
import type { SearchResult } from '../../main/search/types';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { googleNewsRss, naverNewsJson, rfc822Seoul, type GoogleItemSpec, type NaverItemSpec } from '../helpers/search-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/**
 * The last noon in Seoul (03:00 UTC): the test moves its clock hours ahead, and the Naver quota
 * counts per Seoul day, so the clock must not cross Seoul midnight whatever the day and hour it runs.
 */
const start = Math.floor((Date.now() - 3 * HOUR) / DAY) * DAY + 3 * HOUR;
const KEYS = { clientId: 'id', clientSecret: 'secret-xyz' };
const WATCH = '카카오브레인 (퇴사 OR 사임)';

const FEED_ARTICLE = {
  guid: 'https://www.etnews.com/20261128000123',
  link: 'https://www.etnews.com/20261128000123',
  title: '카카오브레인 김일두 대표 사임…후임에 ○○○',
};

const google1: GoogleItemSpec[] = [
  { id: 'CBMiE1', headline: FEED_ARTICLE.title, outlet: '전자신문', site: 'https://www.etnews.com', agoMs: 10 * MIN },
  {
    id: 'CBMiB1',
    headline: '카카오브레인 대표 사임, KoGPT 사업도 정리',
    outlet: '더벨',
    site: 'https://www.thebell.co.kr',
    agoMs: 12 * MIN,
  },
];
const google3: GoogleItemSpec[] = [
  { id: 'CBMiD1', headline: '카카오브레인 임원 줄퇴사', outlet: '디지털데일리', site: 'https://www.ddaily.co.kr', agoMs: 2 * MIN },
  ...google1,
];

const naverEtnews: NaverItemSpec = {
  title: '<b>카카오브레인</b> 김일두 대표 <b>사임</b>…후임에 ○○○',
  originallink: `${FEED_ARTICLE.link}?utm_source=naver&utm_medium=news`,
  description: '<b>카카오브레인</b> 김일두 대표가 28일 <b>사임</b> 의사를 밝혔다.',
  agoMs: 10 * MIN,
};
const naverEtoday: NaverItemSpec = {
  title: '<b>카카오브레인</b> 임원 &quot;줄<b>퇴사</b>&quot;',
  originallink: 'https://www.etoday.co.kr/news/view/2400001',
  description: '임원 3명이 <b>퇴사</b>했다.',
  agoMs: 3 * MIN,
};

let google: FeedServer;
let naver: FeedServer;
let outletFeed: FeedServer;
let pollNumber = 1;

beforeEach(async () => {
  pollNumber = 1;
  google = await startFeedServer({
    '/rss/search': (_req, res) => {
      const items = pollNumber === 3 ? google3 : google1;
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end(googleNewsRss(WATCH, items, start));
    },
  });
  naver = await startFeedServer({
    '/v1/search/news.json': (req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query');
      const items = query === '카카오브레인 사임' ? [naverEtnews] : pollNumber === 3 ? [naverEtoday, naverEtnews] : [naverEtnews];
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(naverNewsJson(items, start));
    },
  });
  outletFeed = await startFeedServer({
    '/rss': {
      headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
      body: rss({
        title: '전자신문 속보',
        items: [
          { ...FEED_ARTICLE, description: '카카오브레인 김일두 대표가 28일 사임 의사를 밝혔다.', pubDate: rfc822Seoul(start - 10 * MIN) },
        ],
      }),
    },
  });
});

afterEach(async () => {
  await Promise.all([google.close(), naver.close(), outletFeed.close()]);
});

describe('polling both search sources three times', () => {
  it('first poll backlog, second nothing new, third only the new article; the quota counts every call', async () => {
    const env = { NUNCHI_SEARCH_GOOGLE_URL: google.origin, NUNCHI_SEARCH_NAVER_URL: naver.origin };
    const bases = searchBaseUrls(env);
    const googleQuery = toGoogleNewsQuery(WATCH);
    const naverQueries = toNaverQueries(WATCH);
    if (!googleQuery.ok || !naverQueries.ok) throw new Error('the watchlist must translate');
    expect(naverQueries.query).toEqual(['카카오브레인 퇴사', '카카오브레인 사임']);

    let clock = start;
    const quota = new NaverQuota({ now: () => clock });
    let gState = newSearchPollState();
    let nState = newSearchPollState();
    const outcomes: Array<{ google: SearchPollOutcome; naver: SearchPollOutcome }> = [];

    for (pollNumber = 1; pollNumber <= 3; pollNumber++) {
      expect(isSearchDue(gState, clock) && isSearchDue(nState, clock)).toBe(true);
      const g: SearchResult = await searchGoogleNews(googleQuery.query, { baseUrl: bases.google, now: () => clock });
      const n: SearchResult = await searchNaverNews(naverQueries.query, { baseUrl: bases.naver, keys: KEYS, quota, now: () => clock });
      const google = afterSearchSuccess(gState, g.items, clock);
      const naver = afterSearchSuccess(nState, n.items, clock);
      outcomes.push({ google, naver });
      gState = google.state;
      nState = naver.state;
      clock = Math.max(gState.nextDueAt, nState.nextDueAt);
    }

    const [first, second, third] = outcomes as [(typeof outcomes)[0], (typeof outcomes)[0], (typeof outcomes)[0]];
    expect([first.google.backlog, first.naver.backlog, second.google.backlog, third.naver.backlog]).toEqual([true, true, false, false]);
    expect(first.google.fresh.map((i) => i.outlet.name)).toEqual(['전자신문', '더벨']);
    // Naver returned the etnews article for both queries: one article.
    expect(first.naver.fresh.map((i) => i.outlet.name)).toEqual(['전자신문']);
    expect(second.google.fresh).toEqual([]);
    expect(second.naver.fresh).toEqual([]);
    expect(third.google.fresh.map((i) => i.title)).toEqual(['카카오브레인 임원 줄퇴사']);
    expect(third.naver.fresh.map((i) => [i.outlet.name, i.title])).toEqual([['이투데이', '카카오브레인 임원 "줄퇴사"']]);

    expect(quota.usage().used).toBe(6);
    expect(google.requestCount('/rss/search')).toBe(3);
    expect(naver.requestCount('/v1/search/news.json')).toBe(6);
  });

  it('a result that is also in a subscribed feed is the same article as the feed pipeline makes it', async () => {
    const fetched = await fetchFeed(outletFeed.url('/rss'));
    if (fetched.kind !== 'ok') throw new Error('feed must answer');
    const feed = await processFeedDocument({ body: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl });
    const fromFeed = feed.items[0];

    const n = await searchNaverNews(['카카오브레인 사임'], { baseUrl: naver.origin, keys: KEYS });
    const fromNaver = n.items[0];
    // Naver: the outlet's own link is the identity; tracking parameters gone, so the store's
    // "same canonical link" rule makes it one story with the feed's article.
    expect(fromNaver?.canonicalLink).toBe(fromFeed?.canonicalLink);
    expect(fromNaver?.title).toBe(fromFeed?.title);
    expect(fromNaver?.publishedAt).toBe(fromFeed?.publishedAt);

    // Google: its link is Google's, so the story is found by headline, which is the feed's once
    // the " - 전자신문" suffix is cut.
    const g = await searchGoogleNews('카카오브레인', { baseUrl: google.origin });
    const fromGoogle = g.items.find((i) => i.outlet.name === '전자신문');
    expect(fromGoogle?.title).toBe(fromFeed?.title);
    const similarity = titleSimilarity(titleFeatures(fromGoogle?.title ?? ''), titleFeatures(fromFeed?.title ?? ''));
    expect(similarity).toBeGreaterThanOrEqual(SAME_STORY_THRESHOLD);
  });
});

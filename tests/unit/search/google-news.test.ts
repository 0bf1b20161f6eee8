import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchBaseUrls } from '../../../main/search/config';
import { googleNewsSearchUrl, searchGoogleNews, splitOutletSuffix } from '../../../main/search/google-news';
import { toGoogleNewsQuery } from '../../../main/search/query-translate';
import { SearchError } from '../../../main/search/search-error';
import type { SearchClientOptions } from '../../../main/search/types';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { GOOGLE_SORRY_PAGE, googleNewsRss, type GoogleItemSpec } from '../../helpers/search-fixtures';

const MIN = 60_000;
const now = Date.now();
const RSS_TYPE = { 'Content-Type': 'application/xml; charset=utf-8' };

const ITEMS: GoogleItemSpec[] = [
  {
    id: 'CBMiAWE',
    headline: '카카오브레인 김일두 대표 사임…후임에 ○○○',
    outlet: '전자신문',
    site: 'https://www.etnews.com',
    agoMs: 5 * MIN,
  },
  {
    id: 'CBMiAWI',
    headline: '[단독] "KoGPT 접는다" 카카오브레인 & 카카오 합병 - 무슨 일',
    outlet: '더벨',
    site: 'https://www.thebell.co.kr',
    agoMs: 20 * MIN,
  },
  { id: 'CBMiAWM', headline: '<속보> 카카오브레인 대표 사임', outlet: '연합뉴스', site: 'https://www.yna.co.kr', agoMs: 40 * MIN },
];

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

function options(extra: SearchClientOptions = {}): SearchClientOptions {
  return { baseUrl: server.origin, now: () => now, ...extra };
}

async function searchError(query: string, opts: SearchClientOptions): Promise<SearchError> {
  try {
    await searchGoogleNews(query, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(SearchError);
    return error as SearchError;
  }
  throw new Error('expected a SearchError');
}

describe('Google News search: the request', () => {
  it('asks the Korean edition for the translated query, under the configured base', () => {
    const url = new URL(googleNewsSearchUrl('카카오 (퇴사 OR 사임) -퇴근', 'https://proxy.example/google/'));
    expect(url.origin + url.pathname).toBe('https://proxy.example/google/rss/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: '카카오 (퇴사 OR 사임) -퇴근', hl: 'ko', gl: 'KR', ceid: 'KR:ko' });
    expect(googleNewsSearchUrl('a')).toBe('https://news.google.com/rss/search?q=a&hl=ko&gl=KR&ceid=KR%3Ako');
  });

  it('takes its base from NUNCHI_SEARCH_GOOGLE_URL, else news.google.com', () => {
    expect(searchBaseUrls({ NUNCHI_SEARCH_GOOGLE_URL: 'http://127.0.0.1:9/' }).google).toBe('http://127.0.0.1:9/');
    expect(searchBaseUrls({}).google).toBe('https://news.google.com');
    expect(searchBaseUrls({ NUNCHI_SEARCH_GOOGLE_URL: '  ' }).google).toBe('https://news.google.com');
  });

  it('sends the query the server sees decoded exactly, with a real User-Agent', async () => {
    server.route('/rss/search', { headers: RSS_TYPE, body: googleNewsRss('q', [], now) });
    const translated = toGoogleNewsQuery('title:카카오브레인 (퇴사 OR 사임) -"카카오 페이"');
    if (!translated.ok) throw new Error('must translate');
    const result = await searchGoogleNews(translated.query, options());
    const sent = new URL(server.requests.at(-1)?.path ?? '', server.origin);
    expect(sent.searchParams.get('q')).toBe('intitle:카카오브레인 (퇴사 OR 사임) -"카카오 페이"');
    expect(server.requests.at(-1)?.headers['user-agent']).toMatch(/Nunchi/);
    expect(result).toEqual({ source: 'google', queries: [translated.query], items: [], calls: 1 });
  });
});

describe('Google News search: the results', () => {
  it('gives normalized items: outlet from <source>, title without " - 매체명", Google links kept, no description text', async () => {
    server.route('/rss/search', { headers: RSS_TYPE, body: googleNewsRss('카카오브레인', ITEMS, now) });
    const { items } = await searchGoogleNews('카카오브레인', options());
    expect(items).toHaveLength(3);
    const [first, second, third] = items;
    expect(first).toMatchObject({
      identity: 'CBMiAWE',
      title: '카카오브레인 김일두 대표 사임…후임에 ○○○',
      link: 'https://news.google.com/rss/articles/CBMiAWE?oc=5',
      canonicalLink: 'https://news.google.com/rss/articles/CBMiAWE?oc=5',
      publishedAt: Math.floor((now - 5 * MIN) / 1000) * 1000,
      text: '',
      outlet: { name: '전자신문', host: 'etnews.com' },
      alternateLink: null,
    });
    // Entities decoded once, a " - " inside the headline kept, only the outlet suffix cut.
    expect(second?.title).toBe('[단독] "KoGPT 접는다" 카카오브레인 & 카카오 합병 - 무슨 일');
    expect(second?.outlet).toEqual({ name: '더벨', host: 'thebell.co.kr' });
    // Angle-bracket tags of Korean headlines are text, not markup.
    expect(third?.title).toBe('<속보> 카카오브레인 대표 사임');
    expect(first?.contentHash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('without <source>, takes the outlet from the title suffix', async () => {
    server.route('/rss/search', {
      headers: RSS_TYPE,
      body: googleNewsRss('x', [{ id: 'CBMiX', headline: 'KoGPT 2.0 공개', outlet: '블로터', agoMs: MIN }], now),
    });
    const { items } = await searchGoogleNews('x', options());
    expect(items[0]).toMatchObject({ title: 'KoGPT 2.0 공개', outlet: { name: '블로터', host: null } });
  });

  it('splits the suffix only where it is the outlet', () => {
    expect(splitOutletSuffix('A - B 대표 사임 - 전자신문', '전자신문')).toEqual({ headline: 'A - B 대표 사임', outletName: '전자신문' });
    expect(splitOutletSuffix('조선비즈 기사 - 조선비즈 - Chosunbiz', '조선비즈 - Chosunbiz')).toEqual({
      headline: '조선비즈 기사',
      outletName: '조선비즈 - Chosunbiz',
    });
    expect(splitOutletSuffix('제목만 있는 기사', '전자신문')).toEqual({ headline: '제목만 있는 기사', outletName: '전자신문' });
    expect(splitOutletSuffix(' - 전자신문', '전자신문')).toEqual({ headline: ' - 전자신문', outletName: '전자신문' });
    expect(splitOutletSuffix('제목', '')).toEqual({ headline: '제목', outletName: '' });
  });

  it('lists a story Google repeats once', async () => {
    const first = ITEMS[0] as GoogleItemSpec;
    server.route('/rss/search', { headers: RSS_TYPE, body: googleNewsRss('x', [first, first, ITEMS[1] as GoogleItemSpec], now) });
    const { items } = await searchGoogleNews('x', options());
    expect(items.map((i) => i.identity)).toEqual(['CBMiAWE', 'CBMiAWI']);
  });
});

describe('Google News search: failures in words', () => {
  it('403 is "blocked"', async () => {
    server.route('/rss/search', { status: 403, body: 'Forbidden' });
    const error = await searchError('x', options());
    expect(error.code).toBe('search.blocked');
    expect(error.httpStatus).toBe(403);
    expect(error.userMessage('ko')).toContain('Google 뉴스');
    expect(error.userMessage('en')).toContain('Google News');
  });

  it('a 429 captcha page is "blocked"; a bare 429 is "rate limited" with its Retry-After', async () => {
    server.route('/rss/search', { status: 429, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body: GOOGLE_SORRY_PAGE });
    expect((await searchError('x', options())).code).toBe('search.blocked');

    server.route('/rss/search', { status: 429, headers: { 'Retry-After': '600' }, body: 'Too Many Requests' });
    const error = await searchError('x', options());
    expect(error.code).toBe('search.rate_limited');
    expect(error.retryAt).toBe(now + 600_000);
  });

  it('a redirect to google.com/sorry, or a 200 captcha page, is "blocked"', async () => {
    server.route('/sorry/index', { status: 429, headers: { 'Content-Type': 'text/html' }, body: GOOGLE_SORRY_PAGE });
    server.route('/rss/search', { status: 302, headers: { Location: '/sorry/index?continue=x' } });
    expect((await searchError('x', options())).code).toBe('search.blocked');

    server.route('/rss/search', { headers: { 'Content-Type': 'text/html' }, body: GOOGLE_SORRY_PAGE });
    expect((await searchError('x', options())).code).toBe('search.blocked');
  });

  it('500 is a server error, a broken or HTML answer is malformed', async () => {
    server.route('/rss/search', { status: 500, body: 'oops' });
    expect((await searchError('x', options())).code).toBe('search.server_error');

    server.route('/rss/search', { headers: RSS_TYPE, body: googleNewsRss('x', ITEMS, now).slice(0, 700) });
    expect((await searchError('x', options())).code).toBe('search.malformed');

    server.route('/rss/search', { headers: { 'Content-Type': 'text/html' }, body: '<!doctype html><html><body>Google 뉴스</body></html>' });
    expect((await searchError('x', options())).code).toBe('search.malformed');
  });

  it('a slow answer times out at the deadline', async () => {
    server.route('/rss/search', (_req, res) => {
      res.writeHead(200, RSS_TYPE);
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      // never finishes
    });
    const started = Date.now();
    const error = await searchError('x', options({ deadlineMs: 300 }));
    expect(error.code).toBe('search.timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an unreachable server is a network error; a bad base URL is said as such', async () => {
    const closed = server.origin;
    await server.close();
    expect((await searchError('x', { baseUrl: closed })).code).toBe('search.network');
    expect((await searchError('x', { baseUrl: 'ftp://news.example' })).code).toBe('search.invalid_base_url');
    expect((await searchError('x', { baseUrl: 'not a url' })).code).toBe('search.invalid_base_url');
    server = await startFeedServer(); // for afterEach
  });
});

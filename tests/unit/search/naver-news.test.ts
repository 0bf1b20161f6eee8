import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { naverKeysFromEnv, searchBaseUrls, type NaverKeys } from '../../../main/search/config';
import { NaverQuota, nextSeoulMidnight } from '../../../main/search/naver-quota';
import { naverNewsSearchUrl, searchNaverNews, type NaverSearchOptions } from '../../../main/search/naver-news';
import { SearchError } from '../../../main/search/search-error';
import { startFeedServer, type FeedServer, type RouteHandler } from '../../helpers/feed-server';
import { naverError, naverNewsJson, type NaverItemSpec } from '../../helpers/search-fixtures';

const MIN = 60_000;
const now = Date.now();
const SECRET = 'sEcReT-7fQ2zN9xK';
const KEYS: NaverKeys = { clientId: 'nunchi-test-id', clientSecret: SECRET };
const JSON_TYPE = { 'Content-Type': 'application/json; charset=UTF-8' };
const PATH = '/v1/search/news.json';

const ITEMS: NaverItemSpec[] = [
  {
    title: '<b>카카오브레인</b> 김일두 대표 사임&quot;…후임에 ○○○',
    originallink: 'https://www.etnews.com/20261128000123?utm_source=naver&utm_medium=search',
    description: '<b>카카오브레인</b> 김일두 대표가 28일 사임 의사를 밝혔다. R&amp;D 조직은 &lt;카카오&gt;로 흡수된다…',
    agoMs: 5 * MIN,
  },
  {
    title: '[단독] <b>카카오브레인</b>, &apos;KoGPT&apos; 사업 정리',
    originallink: 'https://biz.chosun.com/it-science/ict/2026/11/28/ABC/',
    description: '<b>카카오브레인</b>이 초거대 AI 사업을 정리한다.',
    agoMs: 25 * MIN,
  },
  {
    title: '<b>카카오브레인</b> 인력 재배치',
    originallink: 'https://m.zdnet.co.kr/view/?no=20261128101010',
    description: '재배치 대상은 약 100명이다.',
    agoMs: 50 * MIN,
  },
  {
    title: '<b>카카오브레인</b> 매각설, 지역 매체 보도',
    originallink: 'https://www.gnmaeil.example.kr/news/articleView.html?idxno=555',
    description: '지역 매체 보도.',
    agoMs: 70 * MIN,
  },
  {
    title: '네이버에만 있는 <b>카카오브레인</b> 기사',
    originallink: '',
    link: 'https://n.news.naver.com/mnews/article/001/0014000000?sid=105',
    description: '원문 링크가 없다.',
    agoMs: 90 * MIN,
  },
];

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

function options(extra: Partial<NaverSearchOptions> = {}): NaverSearchOptions {
  return { baseUrl: server.origin, keys: KEYS, now: () => now, ...extra };
}

/** A Naver-like endpoint: checks the keys, answers per query. */
function naverApi(answer: (query: string) => { status?: number; body: string; headers?: Record<string, string> }): RouteHandler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers['x-naver-client-id'] !== KEYS.clientId || req.headers['x-naver-client-secret'] !== SECRET) {
      res.writeHead(401, JSON_TYPE).end(naverError('024', 'Authentication failed (인증에 실패했습니다.)'));
      return;
    }
    const { status = 200, body, headers = {} } = answer(url.searchParams.get('query') ?? '');
    res.writeHead(status, { ...JSON_TYPE, ...headers }).end(body);
  };
}

async function searchError(queries: string[], opts: NaverSearchOptions): Promise<SearchError> {
  try {
    await searchNaverNews(queries, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(SearchError);
    return error as SearchError;
  }
  throw new Error('expected a SearchError');
}

describe('Naver News search: the request', () => {
  it('asks news.json for 100 results by date', () => {
    const url = new URL(naverNewsSearchUrl('카카오 퇴사 -퇴근'));
    expect(url.origin + url.pathname).toBe('https://openapi.naver.com/v1/search/news.json');
    expect(Object.fromEntries(url.searchParams)).toEqual({ query: '카카오 퇴사 -퇴근', display: '100', sort: 'date' });
  });

  it('takes its base and keys from the environment', () => {
    expect(searchBaseUrls({ NUNCHI_SEARCH_NAVER_URL: 'http://127.0.0.1:9' }).naver).toBe('http://127.0.0.1:9');
    expect(searchBaseUrls({}).naver).toBe('https://openapi.naver.com');
    expect(naverKeysFromEnv({ NUNCHI_NAVER_CLIENT_ID: ' id ', NUNCHI_NAVER_CLIENT_SECRET: 'sec' })).toEqual({
      clientId: 'id',
      clientSecret: 'sec',
    });
    expect(naverKeysFromEnv({ NUNCHI_NAVER_CLIENT_ID: 'id' })).toBeNull();
  });

  it('sends the keys in their headers only, never in the URL', async () => {
    server.route(
      PATH,
      naverApi(() => ({ body: naverNewsJson([], now) })),
    );
    await searchNaverNews(['카카오브레인'], options());
    const request = server.requests.at(-1);
    expect(request?.headers['x-naver-client-id']).toBe(KEYS.clientId);
    expect(request?.headers['x-naver-client-secret']).toBe(SECRET);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.path).not.toContain(SECRET);
    expect(new URL(request?.path ?? '', server.origin).searchParams.get('query')).toBe('카카오브레인');
  });
});

describe('Naver News search: the results', () => {
  it('cleans <b> and entities, links to the outlet, names it from the host table, reads +0900 dates', async () => {
    server.route(
      PATH,
      naverApi(() => ({ body: naverNewsJson(ITEMS, now, 1234) })),
    );
    const result = await searchNaverNews(['카카오브레인'], options());
    expect(result.calls).toBe(1);
    const [etnews, chosun, zdnet, unknown, naverOnly] = result.items;
    expect(etnews).toMatchObject({
      title: '카카오브레인 김일두 대표 사임"…후임에 ○○○',
      text: '카카오브레인 김일두 대표가 28일 사임 의사를 밝혔다. R&D 조직은 <카카오>로 흡수된다…',
      link: 'https://www.etnews.com/20261128000123?utm_source=naver&utm_medium=search',
      canonicalLink: 'https://www.etnews.com/20261128000123',
      identity: 'https://www.etnews.com/20261128000123',
      publishedAt: Math.floor((now - 5 * MIN) / 1000) * 1000,
      outlet: { name: '전자신문', host: 'etnews.com' },
    });
    expect(etnews?.alternateLink).toMatch(/^https:\/\/n\.news\.naver\.com\//);
    expect(etnews?.rawHtml).not.toContain('<b>');
    expect(chosun).toMatchObject({ title: "[단독] 카카오브레인, 'KoGPT' 사업 정리", outlet: { name: '조선비즈', host: 'biz.chosun.com' } });
    expect(zdnet?.outlet).toEqual({ name: '지디넷코리아', host: 'm.zdnet.co.kr' });
    expect(unknown?.outlet).toEqual({ name: 'gnmaeil.example.kr', host: 'gnmaeil.example.kr' });
    // No original link: Naver's page is the link, and there is no separate alternate.
    expect(naverOnly).toMatchObject({
      link: 'https://n.news.naver.com/mnews/article/001/0014000000?sid=105',
      alternateLink: null,
      outlet: { name: 'n.news.naver.com', host: 'n.news.naver.com' },
    });
  });

  it('runs one call per query and merges them, each article once, counting every call against the quota', async () => {
    const [a, b, c] = ITEMS as [NaverItemSpec, NaverItemSpec, NaverItemSpec];
    server.route(
      PATH,
      naverApi((q) => ({ body: naverNewsJson(q === '카카오 퇴사' ? [a, b] : [b, c], now) })),
    );
    let clock = now;
    const quota = new NaverQuota({ now: () => clock });
    const result = await searchNaverNews(['카카오 퇴사', '카카오 사임'], options({ quota }));
    expect(result.queries).toEqual(['카카오 퇴사', '카카오 사임']);
    expect(result.calls).toBe(2);
    expect(result.items.map((i) => i.outlet.name)).toEqual(['전자신문', '조선비즈', '지디넷코리아']);
    expect(quota.usage()).toMatchObject({ used: 2, remaining: 24_998, limit: 25_000 });
    clock = nextSeoulMidnight(now);
    expect(quota.usage().used).toBe(0);
  });

  it('skips entries that are not objects, keeps the rest', async () => {
    const body = JSON.parse(naverNewsJson(ITEMS.slice(0, 1), now)) as { items: unknown[] };
    body.items.push('garbage', null, { title: 42, originallink: 'https://www.yna.co.kr/view/AKR1' });
    server.route(
      PATH,
      naverApi(() => ({ body: JSON.stringify(body) })),
    );
    const { items } = await searchNaverNews(['x'], options());
    expect(items.map((i) => i.outlet.name)).toEqual(['전자신문', '연합뉴스']);
    expect(items[1]?.title).toBe('');
  });
});

describe('Naver News search: failures in words, never the secret', () => {
  const scenarios: Array<[string, string, RouteHandler | { status: number; body: string; headers?: Record<string, string> }]> = [
    ['401 wrong key', 'search.bad_key', { status: 401, body: naverError('024', 'Authentication failed (인증에 실패했습니다.)') }],
    [
      '403 search API not enabled',
      'search.bad_key',
      { status: 403, body: naverError('403', 'Scope Status Invalid : Authentication failed.') },
    ],
    [
      '429 daily quota',
      'search.quota_exhausted',
      { status: 429, body: naverError('010', 'Query limit exceeded. (호출 한도를 초과하였습니다.)') },
    ],
    [
      '429 per-second rate',
      'search.rate_limited',
      { status: 429, body: naverError('012', 'Rate limit exceeded. (속도 제한을 초과했습니다.)'), headers: { 'Retry-After': '2' } },
    ],
    [
      '400 bad query',
      'search.query_rejected',
      { status: 400, body: naverError('SE01', 'Incorrect query request (잘못된 쿼리요청입니다.)') },
    ],
    ['500 system error', 'search.server_error', { status: 500, body: naverError('SE99', 'System Error (시스템 에러)') }],
    ['a body echoing the secret', 'search.bad_key', { status: 401, body: naverError('024', `Authentication failed for secret ${SECRET}`) }],
    ['not JSON', 'search.malformed', { status: 200, body: '<html>maintenance</html>' }],
    ['JSON without items', 'search.malformed', { status: 200, body: '{"lastBuildDate":"x","total":0}' }],
  ];

  it.each(scenarios)('%s → %s', async (_name, code, route) => {
    server.route(PATH, route);
    const error = await searchError(['카카오브레인'], options());
    expect(error.code).toBe(code);
    expect(error.userMessage('ko')).not.toBe('');
    expect(error.userMessage('en')).not.toBe('');
    for (const text of [error.message, error.detail, inspect(error, { depth: 10 }), JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it("401 says which key to check, with Naver's error code in the detail", async () => {
    server.route(
      PATH,
      naverApi(() => ({ body: '' })),
    );
    const error = await searchError(['x'], options({ keys: { clientId: KEYS.clientId, clientSecret: 'wrong' } }));
    expect(error.code).toBe('search.bad_key');
    expect(error.userMessage('ko')).toContain('Client ID');
    expect(error.detail).toContain('024');
  });

  it('no keys: nothing is sent', async () => {
    server.route(
      PATH,
      naverApi(() => ({ body: naverNewsJson([], now) })),
    );
    const error = await searchError(['x'], options({ keys: null }));
    expect(error.code).toBe('search.key_missing');
    expect(server.requestCount(PATH)).toBe(0);
  });

  it('429 quota: waits for Seoul midnight and sends nothing more today', async () => {
    server.route(PATH, { status: 429, headers: JSON_TYPE, body: naverError('010', 'Query limit exceeded. (호출 한도를 초과하였습니다.)') });
    const quota = new NaverQuota({ now: () => now });
    const error = await searchError(['a', 'b'], options({ quota }));
    expect(error.code).toBe('search.quota_exhausted');
    expect(error.retryAt).toBe(nextSeoulMidnight(now));
    expect(error.userMessage('ko')).toContain('(하루 25,000회)');
    expect(quota.usage().remaining).toBe(0);
    const again = await searchError(['a'], options({ quota }));
    expect(again.code).toBe('search.quota_exhausted');
    expect(server.requestCount(PATH)).toBe(1);
  });

  it('stops before the quota is passed, without a request', async () => {
    server.route(
      PATH,
      naverApi(() => ({ body: naverNewsJson([], now) })),
    );
    const quota = new NaverQuota({ now: () => now, limit: 3 });
    await searchNaverNews(['a', 'b'], options({ quota }));
    const error = await searchError(['c', 'd'], options({ quota }));
    expect(error.code).toBe('search.quota_exhausted');
    // The user is told the quota in force, not a fixed 25,000.
    expect(error.userMessage('ko')).toContain('(하루 3회)');
    expect(server.requestCount(PATH)).toBe(3);
    expect(quota.usage()).toMatchObject({ used: 3, remaining: 0 });
  });

  it('follows no redirect: the keys never go to another host', async () => {
    const elsewhere = await startFeedServer({ [PATH]: { headers: JSON_TYPE, body: naverNewsJson([], now) } });
    try {
      server.route(PATH, { status: 302, headers: { Location: elsewhere.url(PATH) } });
      const error = await searchError(['x'], options());
      expect(error.code).toBe('search.unexpected_status');
      expect(elsewhere.requestCount(PATH)).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('a slow answer times out at the deadline; an unreachable server is a network error', async () => {
    server.route(PATH, (_req, res) => {
      res.writeHead(200, JSON_TYPE);
      res.write('{"items":[');
    });
    const error = await searchError(['x'], options({ deadlineMs: 300 }));
    expect(error.code).toBe('search.timeout');
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);

    const closed = server.origin;
    await server.close();
    const refused = await searchError(['x'], options({ baseUrl: closed }));
    expect(refused.code).toBe('search.network');
    expect(inspect(refused, { depth: 10 })).not.toContain(SECRET);
    server = await startFeedServer();
  });
});

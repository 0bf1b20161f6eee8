/**
 * News search from the command line (issue 12): `nunchi watch add|edit … --search google,naver`,
 * `nunchi poll` polling the watchlist's searches against local servers in Google News's RSS and
 * Naver's JSON shapes (base URLs and Naver keys from NUNCHI_SEARCH_GOOGLE_URL /
 * NUNCHI_SEARCH_NAVER_URL / NUNCHI_NAVER_CLIENT_ID / _SECRET), and a failing source said in words
 * by `watch list` and `poll`, never a silent stop. Dates follow the real clock (child processes).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { MINUTE } from '../helpers/clock';
import { googleNewsRss, naverError, naverNewsJson } from '../helpers/search-fixtures';
import { useTempDir } from '../helpers/temp-dir';
import { runCli } from './run-cli';

const tempDir = useTempDir();
let google: FeedServer;
let naver: FeedServer;
const SECRET = 'cli-secret-never-printed';

beforeAll(async () => {
  google = await startFeedServer({
    '/rss/search': (req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
      const items = [
        { id: 'CBMiD1', headline: '카카오브레인 임원 줄퇴사', outlet: '디지털데일리', site: 'https://www.ddaily.co.kr', agoMs: 5 * MINUTE },
      ];
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end(googleNewsRss(q, items, Date.now()));
    },
  });
  naver = await startFeedServer({
    '/v1/search/news.json': (req, res) => {
      if (req.headers['x-naver-client-secret'] !== SECRET) {
        return void res.writeHead(401, { 'Content-Type': 'application/json' }).end(naverError('024', 'Authentication failed'));
      }
      const items = [
        {
          title: '<b>카카오브레인</b> 대표 <b>사임</b>',
          originallink: 'https://www.etoday.co.kr/news/view/2400002',
          description: '대표가 <b>사임</b>했다.',
          agoMs: 4 * MINUTE,
        },
      ];
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(naverNewsJson(items, Date.now()));
    },
  });
});
afterAll(async () => {
  await Promise.all([google.close(), naver.close()]);
});

describe('nunchi watch --search and nunchi poll', { timeout: 120_000 }, () => {
  it('adds the switches, polls the searches with the feeds, names the outlets, and says a failing source in words', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), NUNCHI_SEARCH_GOOGLE_URL: google.origin, NUNCHI_SEARCH_NAVER_URL: naver.origin };

    const wrong = await runCli(['watch', 'add', '카카오', '카카오브레인 (퇴사 OR 사임)', '--search', 'google,bing'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--search 에는 google, naver');

    expect((await runCli(['watch', 'add', '카카오', '카카오브레인 (퇴사 OR 사임)', '--search', 'google'], env)).code).toBe(0);
    expect((await runCli(['watch', 'edit', '1', '--search', 'google,naver'], env)).code).toBe(0);
    const listed = JSON.parse((await runCli(['watch', 'list', '--json'], env)).stdout) as {
      watchlists: Array<{ query: string; searchSources: string[] }>;
    };
    expect(listed.watchlists.map((w) => [w.query, w.searchSources])).toEqual([['카카오브레인 (퇴사 OR 사임)', ['google', 'naver']]]);

    // A wrong Naver secret: Google still searched; Naver's failure in words, the secret nowhere.
    const first = await runCli(['poll', '--no-desktop-notifications'], {
      ...env,
      NUNCHI_NAVER_CLIENT_ID: 'id',
      NUNCHI_NAVER_CLIENT_SECRET: 'wrong-secret',
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('뉴스 검색 2건: 새 기사 1건');
    expect(first.stdout).toContain('검색 실패 카카오 · 네이버 뉴스: 네이버가 API 키를 거부했습니다');
    const list = await runCli(['watch', 'list'], env);
    expect(list.stdout).toContain('검색: Google 뉴스, 네이버 뉴스');
    expect(list.stdout).toContain('네이버 뉴스: 네이버가 API 키를 거부했습니다');
    expect(first.stdout + first.stderr + list.stdout).not.toContain('wrong-secret');

    // The right keys: --all polls every search whatever its schedule.
    const second = await runCli(['poll', '--all', '--json', '--no-desktop-notifications'], {
      ...env,
      NUNCHI_NAVER_CLIENT_ID: 'id',
      NUNCHI_NAVER_CLIENT_SECRET: SECRET,
    });
    expect(second.code).toBe(0);
    const polled = JSON.parse(second.stdout) as { searches: Array<{ engine: string; status: string; inserted: number }> };
    expect(polled.searches.map((s) => [s.engine, s.status])).toEqual([
      ['google', 'ok'],
      ['naver', 'ok'],
    ]);
    expect(second.stdout + second.stderr).not.toContain(SECRET);

    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as { alerts: Array<{ title: string; source: string }> };
    expect(alerts.alerts.map((a) => [a.source, a.title]).sort()).toEqual([
      ['디지털데일리', '카카오브레인 임원 줄퇴사'],
      ['이투데이', '카카오브레인 대표 사임'],
    ]);
  });
});

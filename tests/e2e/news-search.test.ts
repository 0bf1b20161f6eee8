/**
 * News search in the app (issue 12), in real Chromium against the real engine: the watchlist
 * editor's search switches, a result found by Google News search alerting in the inbox under its
 * outlet's name, the Naver source's missing key said in words (editor, list badge, Feeds view)
 * until keys are entered in Settings, and the Feeds view listing the searches with their health.
 * Both engines are the harness's local server, in their documented response shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { googleNewsRss, naverNewsJson, type GoogleItemSpec } from '../helpers/search-fixtures';
import { launchChromium, screenshotBoth, startApp, type AppHarness } from './harness';

const MIN = 60_000;
const SECRET = 'e2e-naver-secret';
const WATCH = '카카오브레인 (퇴사 OR 사임)';

describe('a watchlist that also watches news search', () => {
  let browser: Browser;
  let app: AppHarness;
  let page: Page;
  let googleItems: GoogleItemSpec[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp({
      browser,
      routes: {
        '/rss/search': (req, res) => {
          const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
          res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end(googleNewsRss(q, googleItems, Date.now()));
        },
        '/v1/search/news.json': (req, res) => {
          if (req.headers['x-naver-client-secret'] !== SECRET)
            return void res
              .writeHead(401, { 'Content-Type': 'application/json' })
              .end('{"errorCode":"024","errorMessage":"Authentication failed"}');
          const items = [
            {
              title: '<b>카카오브레인</b> 임원 &quot;줄<b>퇴사</b>&quot;',
              originallink: 'https://www.etoday.co.kr/news/view/2400001',
              description: '임원 3명이 <b>퇴사</b>했다.',
              agoMs: 2 * MIN,
            },
          ];
          res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(naverNewsJson(items, Date.now()));
        },
      },
      engineOptions: (server) => ({ searchBaseUrls: { google: server.origin, naver: server.origin } }),
    });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  const nav = (view: string) => page.locator(`nav [data-view="${view}"]`).click();
  const pollNow = async () => {
    await nav('feeds');
    const button = page.getByRole('button', { name: '지금 가져오기' });
    await expect.poll(() => button.isEnabled()).toBe(true);
    const polled = () => app.engine.searchSourceList().map((source) => source.lastPolledAt);
    const before = JSON.stringify(polled());
    await button.click();
    await expect.poll(() => JSON.stringify(polled()) !== before && page.locator('.poll-status').textContent()).toMatch(/새 알림/);
  };

  it('switches Google and Naver search on in the editor; without Naver keys it says so', async () => {
    await nav('watchlists');
    await page.getByRole('button', { name: '+ 새 감시 목록' }).click();
    await page.getByLabel('이름').fill('카카오');
    await page.getByLabel('검색식').fill(WATCH);
    const googleSwitch = page.getByRole('switch', { name: 'Google 뉴스 검색' });
    const naverSwitch = page.getByRole('switch', { name: '네이버 뉴스 검색' });
    await expect(googleSwitch.isChecked()).resolves.toBe(false);
    await googleSwitch.check();
    await naverSwitch.check();
    await expect.poll(() => page.locator('.news-search .search-health.error').textContent()).toContain('네이버 검색 API 키가 없습니다');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect.poll(() => app.engine.watchlists.list().map((w) => w.searchSources)).toEqual([['google', 'naver']]);
    await screenshotBoth(page, 'watchlist-news-search');
  });

  it('a search result alerts in the inbox under its outlet; the failing Naver source is said in words', async () => {
    // First poll: backlog (stored, alerting, never notifying). Second: a new article.
    googleItems = [
      {
        id: 'CBMiB1',
        headline: '카카오브레인 대표 사임, KoGPT 사업도 정리',
        outlet: '더벨',
        site: 'https://www.thebell.co.kr',
        agoMs: 30 * MIN,
      },
    ];
    await pollNow();
    googleItems = [
      { id: 'CBMiD1', headline: '카카오브레인 임원 줄퇴사', outlet: '디지털데일리', site: 'https://www.ddaily.co.kr', agoMs: 2 * MIN },
      ...googleItems,
    ];
    await pollNow();

    const sources = page.locator('.search-sources li');
    await expect.poll(() => sources.count()).toBe(2);
    await expect.poll(() => sources.nth(0).textContent()).toMatch(/카카오 · Google 뉴스.*정상/);
    await expect
      .poll(() => sources.nth(1).textContent())
      .toMatch(/카카오 · 네이버 뉴스.*오류 \(\d+회 연속\): 네이버 검색 API 키가 없습니다/);
    await expect(page.locator('.card', { hasText: '뉴스 검색' }).textContent()).resolves.toContain(
      '오늘 네이버 검색 API 0 / 25,000회 사용',
    );
    await screenshotBoth(page, 'feeds-news-search');

    await nav('inbox');
    const story = page.locator('.story', { hasText: '카카오브레인 임원 줄퇴사' });
    await story.waitFor();
    await expect(story.locator('.source').textContent()).resolves.toBe('디지털데일리');
    await expect(
      page.locator('.story', { hasText: '카카오브레인 대표 사임, KoGPT 사업도 정리' }).locator('.source').textContent(),
    ).resolves.toBe('더벨');
    await screenshotBoth(page, 'inbox-news-search');

    await nav('watchlists');
    await expect.poll(() => page.locator('.watchlist-item .badge.error').textContent()).toBe('검색 오류');
  });

  it('Naver keys entered in Settings make the Naver source work', async () => {
    await nav('settings');
    await page.getByLabel('Client ID').fill('e2e-id');
    await page.getByLabel('Client Secret').fill(SECRET);
    await page.getByRole('button', { name: '키 저장' }).click();
    await expect.poll(() => page.locator('[data-naver-keys]').getAttribute('data-naver-keys')).toBe('set');
    await expect(page.getByLabel('Client Secret').inputValue()).resolves.toBe('');
    await pollNow();
    await expect.poll(() => page.locator('.search-sources li').nth(1).textContent()).toMatch(/네이버 뉴스.*정상/);
    // 이투데이's article (Naver) is the story 디지털데일리 had (Google): one row, two outlets.
    await nav('inbox');
    const story = page.locator('.story', { hasText: '카카오브레인 임원 줄퇴사' });
    await expect.poll(() => story.locator('.outlets').textContent()).toBe('2개 언론사');
    await expect.poll(() => page.locator('.story', { hasText: '줄퇴사' }).count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});

/**
 * The React app in real Chromium against the real engine (see harness.ts): a first run from
 * nothing to the first alert, keyboard use, the watchlist editor, search for a two-syllable Korean
 * word, XSS payloads rendered inert, trends and settings — with screenshots of each view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotBoth, startApp, type AppHarness } from './harness';
import { ATTACKER, etnewsFeed, RSS_HEADERS, xssFeed, zdnetFeed } from './corpus';

// Functions passed to page.evaluate run in the page; the root tsconfig has no DOM lib, so the
// page's globals are declared here, loosely, for those bodies only.
declare const document: { activeElement: unknown; documentElement: { dataset: Record<string, string | undefined> } };
declare const window: object;

describe('first run, from empty to the first alert', () => {
  let browser: Browser;
  let app: AppHarness;
  let page: Page;
  /**
   * The feeds' articles are dated up to two hours before `now`; just after midnight in Seoul they
   * would straddle two days and the trends test would look for today's spike in vain. So `now` is
   * the real time, or one minute before the last Seoul midnight when that is less than 2 h 10 min ago.
   */
  const now = (() => {
    const real = Date.now();
    const seoulMinutes = Math.floor(real / 60_000 + 9 * 60) % 1440;
    return seoulMinutes < 130 ? real - (seoulMinutes + 1) * 60_000 : real;
  })();

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp({
      browser,
      routes: {
        '/etnews.xml': { headers: RSS_HEADERS, body: etnewsFeed(now) },
        '/zdnet.xml': { headers: RSS_HEADERS, body: zdnetFeed(now) },
        '/xss.xml': { headers: RSS_HEADERS, body: xssFeed(now) },
      },
      catalog: [
        { id: 'etnews-test', name: '전자신문 테스트', nameEn: 'Etnews test', category: 'ict', path: '/etnews.xml' },
        { id: 'zdnet-test', name: '지디넷 테스트', nameEn: 'ZDNet test', category: 'ict', path: '/zdnet.xml' },
      ],
    });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  const nav = (view: string) => page.locator(`nav [data-view="${view}"]`).click();

  it('shows a new user what to do', async () => {
    await expect.poll(() => page.getByText('아직 알림이 없습니다').isVisible()).toBe(true);
    await expect(page.getByRole('button', { name: '피드에서 구독할 언론사를 켜세요.' }).isVisible()).resolves.toBe(true);
    await screenshotBoth(page, 'inbox-empty');
  });

  it('enables catalog feeds, adds a watchlist, polls, and shows the alert grouped across outlets', async () => {
    await nav('feeds');
    await page.locator('input[data-catalog="etnews-test"]').check();
    await page.locator('input[data-catalog="zdnet-test"]').check();
    await expect.poll(() => page.locator('.feed-row').count()).toBe(2);

    await nav('watchlists');
    await page.getByRole('button', { name: '+ 새 감시 목록' }).click();
    await page.getByLabel('이름').fill('카카오브레인');
    await page.getByLabel('검색식').fill('카카오브레인');
    await page.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => page.locator('.watchlist-item').count()).toBe(1);

    await nav('feeds');
    await page.getByRole('button', { name: '지금 가져오기' }).click();
    await expect.poll(() => page.locator('.poll-status').textContent()).toMatch(/피드 2개 확인 · 새 기사 6건 · 실패 0개 · 새 알림 3건/);
    // The status line has room before the first card (it used to touch it).
    const statusBox = (await page.locator('.feeds .poll-status').boundingBox())!;
    const cardBox = (await page.locator('.feeds .card').first().boundingBox())!;
    expect(cardBox.y - (statusBox.y + statusBox.height)).toBeGreaterThanOrEqual(10);
    await screenshotBoth(page, 'feeds');

    await nav('inbox');
    const story = page.locator('.story', { hasText: '카카오브레인 김일두 대표 퇴사' });
    await story.waitFor();
    await expect(story.locator('.outlets').textContent()).resolves.toBe('2개 언론사');
    await expect(story.locator('.story-title mark.hit').first().textContent()).resolves.toBe('카카오브레인');
    await expect(story.locator('.chip').textContent()).resolves.toContain('카카오브레인');
    // Relative time in the list, the absolute time in the user's zone on hover.
    await expect(story.locator('time').getAttribute('title')).resolves.toMatch(/2\d{3}년 .*(GMT\+9|KST|한국 표준시)/);
    expect(await page.locator('.story').count()).toBe(2); // the JS-link item is its own story
    // The round read toggle says what it does: an accessible name, a tooltip and visible words.
    const readToggle = story.getByRole('button', { name: '읽음으로 표시' });
    await expect(readToggle.getAttribute('title')).resolves.toBe('읽음으로 표시');
    await expect(readToggle.textContent()).resolves.toBe('●읽음 표시');
    await screenshotBoth(page, 'inbox');
  });

  it('opens the article with the match highlighted inside the sanitized HTML, and opens the original', async () => {
    await page.locator('.story', { hasText: '김일두' }).locator('.story-title').click();
    const article = page.locator('article.article');
    await article.locator('h1 mark.hit').first().waitFor();
    await expect(article.locator('h1 mark.hit').first().textContent()).resolves.toBe('카카오브레인');
    // Inside <b>카카오브레인</b> and in the second paragraph: both occurrences the engine spanned.
    const hits = await article.locator('.article-body mark.hit').allTextContents();
    expect(hits).toContain('카카오브레인');
    expect(await article.locator('.article-body b mark.hit').count()).toBe(1);
    await expect(article.locator('.other-outlets').textContent()).resolves.toContain('지디넷 테스트');
    await screenshotBoth(page, 'article');

    await article.getByRole('button', { name: '원문 열기' }).click();
    await expect.poll(() => article.locator('.notice').textContent()).toContain('원문을 브라우저에서 열었습니다');
    expect(app.opened).toEqual(['https://news.example.kr/a/1001']);

    // A link inside the article goes to the system browser too, never into the app window.
    await article.locator('.article-body a', { hasText: '회사를 떠난다' }).click();
    await expect.poll(() => article.locator('.notice').textContent()).toContain('브라우저에서 열었습니다: https://news.example.kr/a/1001');
    expect(app.opened).toEqual(['https://news.example.kr/a/1001', 'https://news.example.kr/a/1001']);
    expect(page.url()).not.toContain('news.example.kr');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('article.article').count()).toBe(0);
  });

  it('refuses to open a javascript: original', async () => {
    await page.locator('.story', { hasText: '채용 설명회' }).locator('.story-title').click();
    const article = page.locator('article.article');
    await article.getByRole('button', { name: '원문 열기' }).click();
    await expect.poll(() => article.locator('.notice').textContent()).toContain('이 기사의 링크는 열 수 없습니다');
    expect(app.opened).toHaveLength(2);
    await page.keyboard.press('Escape');
  });

  it('works from the keyboard: j/k, m, s, o and Esc', async () => {
    await page.locator('.story').first().waitFor();
    const storyAtIndex = (i: number) => page.locator(`.story-slot[data-index="${i}"] .story`).getAttribute('data-story');
    await page.locator('body').press('k'); // from the row opened last (or none): up to the top row
    await expect.poll(() => page.locator('.story.selected').getAttribute('data-story')).toBe(await storyAtIndex(0));
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.story.selected').getAttribute('data-story')).toBe(await storyAtIndex(1));
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('.story.selected').getAttribute('data-story')).toBe(await storyAtIndex(0));
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('.story.selected button[aria-pressed="true"]').count()).toBe(1);
    const readBefore = await page.locator('.story.selected').getAttribute('class');
    await page.keyboard.press('m');
    await expect.poll(() => page.locator('.story.selected').getAttribute('class')).not.toBe(readBefore);
    await page.keyboard.press('o');
    await page.locator('article.article h1').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('article.article').count()).toBe(0);
    // Starred filter holds the starred story, in the engine too.
    await page.getByRole('radio', { name: '별표' }).click();
    await expect.poll(() => page.locator('.story').count()).toBe(1);
    await page.getByRole('radio', { name: '전체' }).click();
  });

  it('shows the query error at its position while typing, then a live preview', async () => {
    await nav('watchlists');
    await page.getByRole('button', { name: '+ 새 감시 목록' }).click();
    const query = page.getByLabel('검색식');
    await query.pressSequentially('카카오브레인 (퇴사');
    const error = page.locator('.query-error');
    await error.waitFor();
    await expect(error.locator('p').textContent()).resolves.toContain(')');
    await expect(query.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(Number(await error.getAttribute('data-column'))).toBeGreaterThan(7);
    await expect(page.getByRole('button', { name: '저장' }).isDisabled()).resolves.toBe(true);
    await screenshotBoth(page, 'watchlist-editor-error');

    await query.pressSequentially(' OR 사임)');
    await expect.poll(() => page.locator('.query-error').count()).toBe(0);
    await expect.poll(() => page.locator('.preview-count').textContent()).toBe('저장된 기사 2건이 일치합니다.');
    await expect(page.locator('.preview .result mark.hit').first().textContent()).resolves.toBe('카카오브레인');
    await screenshotBoth(page, 'watchlists');
    await page.getByRole('button', { name: '취소' }).click();
  });

  it('searches a two-syllable Korean word (퇴사) from the / key', async () => {
    await nav('inbox');
    await page.locator('body').press('/');
    const input = page.getByLabel('저장된 기사 검색');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('퇴사');
    await expect.poll(() => page.locator('.search .count').textContent()).toBe('2건');
    const titles = await page.locator('.search .result .story-title').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining(['삼성전자 반도체 부문 임원 퇴사 잇따라', '카카오브레인 김일두 대표 퇴사…KoGPT 개발 이끈 주역']),
    );
    const marks = await page.locator('.search .result mark.hit').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['퇴사']));
    await screenshotBoth(page, 'search');
  });

  it('checks a feed address, shows an error in words, and renders XSS payloads inert', async () => {
    await nav('feeds');
    const url = page.getByLabel('피드 주소');
    await url.fill(app.feeds.url('/missing.xml'));
    await page.getByRole('button', { name: '확인', exact: true }).click();
    await expect.poll(() => page.getByTestId('feed-check').textContent()).toMatch(/404|찾을 수 없|없습니다/);

    await url.fill(app.feeds.url('/xss.xml'));
    await page.getByRole('button', { name: '확인', exact: true }).click();
    const check = page.getByTestId('feed-check');
    await expect.poll(() => check.textContent()).toContain('보안 테스트 피드');
    await expect(check.textContent()).resolves.toContain('RSS');
    await page.getByRole('button', { name: '이 피드 추가' }).click();
    await expect.poll(() => page.locator('.feed-row').count()).toBe(3);
    await page.getByRole('button', { name: '지금 가져오기' }).click();
    await expect.poll(() => page.locator('.poll-status').textContent()).toMatch(/새 알림 1건/);

    await nav('inbox');
    const story = page.locator('.story', { hasText: '보안 점검' });
    await story.waitFor();
    await story.locator('.story-title').click();
    const body = page.locator('article.article .article-body');
    await body.locator('p').first().waitFor();
    // The links lost their javascript: hrefs; clicking their text must do nothing at all.
    await body.locator('a', { hasText: '자바스크립트 링크' }).click({ timeout: 2000 });
    await body.locator('a', { hasText: '엔티티 링크' }).click({ timeout: 2000 });
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const html = await body.innerHTML();
    for (const banned of [
      '<script',
      '<iframe',
      '<form',
      '<style',
      '<svg',
      '<object',
      '<embed',
      '<meta',
      '<base',
      '<link',
      'onerror',
      'onload',
      'javascript:',
      'style=',
      'image/svg',
    ]) {
      expect(html.toLowerCase()).not.toContain(banned);
    }
    expect(await page.locator('article.article h1').textContent()).toContain('카카오브레인 보안 점검');
    expect(app.requests.filter((r) => r.includes(ATTACKER))).toEqual([]);
    expect(app.requests.filter((r) => r.startsWith('file:'))).toEqual([]);
    expect(page.url()).not.toContain(ATTACKER);
    await page.keyboard.press('Escape');
  });

  it('draws trends with spikes, and a day filters the inbox', async () => {
    await nav('trends');
    const card = page.locator('.trend').first();
    await card.locator('canvas').first().waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(now);
    const spike = card.locator(`.spikes button[data-day="${today}"]`);
    await spike.waitFor();
    await screenshotBoth(page, 'trends');
    // Dark theme: the chart is drawn in the dark theme's colours, with no light grid lines left
    // over from the light theme (the chart used to read the colours before the theme switched).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    // Two frames: the theme change is painted (a string, since the test's tsconfig has no DOM lib).
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const lightPixels = await card
      .locator('canvas')
      .first()
      .evaluate((element) => {
        const canvas = element as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
        };
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let light = 0;
        for (let i = 0; i < data.length; i += 4)
          if (data[i + 3]! > 200 && data[i]! > 200 && data[i + 1]! > 200 && data[i + 2]! > 200) light++;
        return light;
      });
    expect(lightPixels).toBe(0);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await spike.click();
    await expect.poll(() => page.locator('.inbox .day-chip').textContent()).toContain(today);
    await expect.poll(() => page.locator('.story').count()).toBeGreaterThan(0);
    await page.locator('.inbox .day-chip').click();
  });

  it('switches language and theme in settings', async () => {
    await nav('settings');
    await expect.poll(() => page.locator('.settings dd code').textContent()).toBe(app.dataDir);
    await screenshotBoth(page, 'settings');
    await page.getByLabel('언어').selectOption('en');
    await expect.poll(() => page.locator('nav [data-view="inbox"]').textContent()).toContain('Alerts');
    expect(app.engine.settings.get('locale')).toBe('en');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('radio', { name: 'System' }).click();
    await page.getByLabel('Language').selectOption('ko');
    await expect.poll(() => page.locator('nav [data-view="inbox"]').textContent()).toContain('알림함');
    expect(app.pageErrors.filter((e) => !/Content Security Policy|net::ERR/.test(e))).toEqual([]);
  });
});

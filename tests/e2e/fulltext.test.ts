/**
 * Full-text monitoring in the app (issue 11), in real Chromium against the real engine (see
 * harness.ts): a snippet feed whose article pages the engine fetches from the local server. The
 * article view shows the article extracted from its page — sanitized like feed HTML, marked as
 * taken from the original page, the body match highlighted — with a switch to the feed's own text;
 * a page that failed shows its reason in words; an article older than 48 hours gets its page when
 * it is opened, and the view shows it when it arrives; the Feeds view edits the feed's mode. The engine's clock is injected: a fixed
 * instant that moves with real time, so nothing depends on the day the test runs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildArticlePage, DECOY, sampleArticle, type ArticleSpec } from '../helpers/article-pages';
import { rss } from '../helpers/rss';
import { ATTACKER, RSS_HEADERS } from './corpus';
import { launchChromium, screenshotBoth, startApp, type AppHarness } from './harness';

declare const window: object;

/** Noon in Seoul on a fixed day; the clock moves on from there with real time. */
const BASE = Date.UTC(2026, 2, 10, 3, 0);
const started = Date.now();
const now = () => BASE + (Date.now() - started);
const HOUR = 3_600_000;
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * Hostile markup inside the article body itself: what the feed sanitizer removes from feed HTML
 * must not reach the view from a page either (images by the same policy: raster data: kept, SVG data: dropped).
 */
const PAGE_PAYLOAD = [
  '<p>사진 설명: 행사장 모습 <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="행사장"></p>',
  `<p>회사 측은 이번 인사가 연구 조직의 세대교체를 위한 것이라고 설명했으며, 후임 대표 선임 절차는 다음 달 이사회에서 마무리될 예정이다.
    <img src="x" onerror="window.__pwned='onerror'"> 발표 전문은 <a id="js-link" href="javascript:window.__pwned='link'">자세히 보기</a>에서 볼 수 있다고 밝혔다.</p>`,
  `<script>window.__pwned = 'script'</script><iframe src="https://${ATTACKER}/frame"></iframe>`,
  '<p><img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+" alt="svg"></p>',
].join('\n');

/**
 * An article page of a site without a rule (the local server is no catalog outlet: Readability
 * finds the body), chrome full of decoys, the payload inside its body element.
 */
function articlePage(spec: ArticleSpec): string {
  const page = buildArticlePage('generic', { ...spec, padToBytes: 30_000 });
  const open = '<div class="post-content">';
  if (!page.includes(open)) throw new Error('the generic page shape changed: no body element to put the payload in');
  return page.replace(open, `${open}\n${PAGE_PAYLOAD}\n`);
}

describe('the article view of full-text monitoring', () => {
  let browser: Browser;
  let app: AppHarness;
  let page: Page;
  const fresh = sampleArticle(31); // its third paragraph names 카카오브레인 김일두; the feed says nothing of it
  const old = sampleArticle(32);

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp({ browser, now, pageClient: { minGapMs: 0, deadlineMs: 5_000 } });
    page = app.page;
    const { feeds, engine } = app;
    feeds.route('/robots.txt', { status: 404 });
    feeds.route('/news/1', { headers: HTML, body: articlePage(fresh) });
    feeds.route('/news/old', { headers: HTML, body: articlePage(old) });
    // '/news/gone' is not served: 404.
    feeds.route('/snippets.xml', {
      headers: RSS_HEADERS,
      body: rss({
        title: '요약 피드',
        items: [
          {
            guid: 'n1',
            title: fresh.title,
            link: feeds.url('/news/1'),
            description: '업계 소식 요약…',
            pubDate: new Date(now() - HOUR).toUTCString(),
          },
          {
            guid: 'gone',
            title: '카카오브레인 조직 개편설',
            link: feeds.url('/news/gone'),
            description: '카카오브레인이 조직 개편을 검토한다는 소식이다.',
            pubDate: new Date(now() - 2 * HOUR).toUTCString(),
          },
          {
            guid: 'old',
            title: old.title,
            link: feeds.url('/news/old'),
            description: '카카오브레인 관련 지난 소식 요약…',
            pubDate: new Date(now() - 72 * HOUR).toUTCString(),
          },
        ],
      }),
    });
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인', color: '#e11d48', notify: true });
    engine.feeds.add({ url: feeds.url('/snippets.xml') });
    await engine.poll({ all: true });
    await engine.pagesSettled();
    await engine.whenIdle();
    await app.open();
  });
  afterEach(async () => {
    // Back to the list whatever the test left open, so one failure does not fail the next test too.
    const backButton = page.getByRole('button', { name: '목록으로' });
    if (await backButton.isVisible()) await backButton.click();
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  const openStory = async (title: string) => {
    const story = page.locator('.story', { hasText: title });
    await story.waitFor();
    await story.locator('.story-title').click();
    await page.locator('article.article h1', { hasText: title }).waitFor();
  };
  const body = () => page.locator('article.article .article-body');
  const source = () => page.locator('article.article .article-source');

  it('shows the article taken from its page, sanitized, the body match highlighted, with a switch to the feed text', async () => {
    await openStory(fresh.title);
    await expect.poll(() => source().textContent()).toContain('원문 페이지에서 가져온 기사입니다.');
    await expect.poll(() => body().textContent()).toContain('카카오브레인 김일두 대표가');
    const text = (await body().textContent())!;
    expect(text).not.toContain(DECOY);
    expect(text).not.toContain('업계 소식 요약');
    // The match the alert found in the body is highlighted in it.
    expect(await body().locator('mark').allTextContents()).toContain('카카오브레인');
    const showPage = page.getByRole('button', { name: '원문 기사 보기' });
    const showFeed = page.getByRole('button', { name: '피드 글 보기' });
    expect(await showPage.getAttribute('aria-pressed')).toBe('true');

    // Sanitized exactly like feed HTML: nothing runs, nothing leaves for the attacker; the raster image stays.
    // The paragraph with the javascript: link stays as text (Readability turns such links into text); clicking it does nothing.
    await body().getByText('자세히 보기', { exact: false }).click({ timeout: 2000 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const html = (await body().innerHTML()).toLowerCase();
    for (const banned of ['<script', '<iframe', 'onerror', 'javascript:', 'image/svg']) expect(html).not.toContain(banned);
    expect(await body().locator('img[alt="행사장"]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(app.requests.filter((r) => r.includes(ATTACKER))).toEqual([]);
    await screenshotBoth(page, 'article-full-text');

    // The feed's own text, and back.
    await showFeed.click();
    await expect.poll(() => body().textContent()).toContain('업계 소식 요약');
    expect(await body().textContent()).not.toContain('김일두');
    expect(await showFeed.getAttribute('aria-pressed')).toBe('true');
    expect(await source().textContent()).not.toContain('원문 페이지에서 가져온 기사입니다.');
    await showPage.click();
    await expect.poll(() => body().textContent()).toContain('김일두');
  });

  it('a page that could not be fetched: the reason in words, the feed text shown', async () => {
    await openStory('카카오브레인 조직 개편설');
    await expect
      .poll(() => source().textContent())
      .toBe(
        '원문 기사를 가져오지 못해 피드의 글을 보여 줍니다: 기사 페이지를 찾을 수 없습니다 (404). 삭제되었거나 주소가 바뀌었을 수 있습니다.',
      );
    expect(await body().textContent()).toContain('카카오브레인이 조직 개편을 검토한다는 소식이다.');
    expect(await page.getByRole('button', { name: '원문 기사 보기' }).count()).toBe(0);
    await screenshotBoth(page, 'article-page-failed');
  });

  it('an article older than 48 hours: no page until it is opened; opening fetches it and the view shows it when it arrives', async () => {
    const requestsFor = () => app.feeds.requestCount('/news/old');
    expect(requestsFor()).toBe(0);
    await openStory(old.title);
    await expect.poll(() => body().textContent(), { timeout: 15_000 }).toContain('카카오브레인 김일두 대표가');
    expect(await source().textContent()).toContain('원문 페이지에서 가져온 기사입니다.');
    expect(requestsFor()).toBe(1);
    expect(app.pageErrors.filter((e) => !/Content Security Policy|net::ERR/.test(e))).toEqual([]);
  });
  it('the Feeds view shows each feed’s full-text mode and changes it; the engine follows, and a reload shows it', async () => {
    await page.locator('nav [data-view="feeds"]').click();
    const mode = page.locator('.feed-row', { hasText: '요약 피드' }).getByLabel('원문 가져오기');
    await expect.poll(() => mode.inputValue()).toBe('auto');
    expect(await mode.locator('option:checked').textContent()).toBe('자동 (요약 피드만)');
    await mode.selectOption({ label: '안 함' });
    await expect.poll(() => app.engine.feeds.list()[0]!.fullText).toBe('never');
    await app.open();
    await page.locator('nav [data-view="feeds"]').click();
    await expect.poll(() => mode.inputValue()).toBe('never');
    await mode.selectOption('always');
    await expect.poll(() => app.engine.feeds.list()[0]!.fullText).toBe('always');
  });
});

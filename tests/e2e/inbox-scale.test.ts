/**
 * The inbox at scale and under live updates, in real Chromium against the real engine:
 * - a poll that brings new alerts while the user is scrolled down keeps the row they were looking
 *   at and their selection where they were;
 * - 100 000 alerts (seeded with SQL, for speed) scroll without the page hanging: only a window
 *   of rows is in the DOM, and a jump to the middle fills in with the right rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { rss } from '../helpers/rss';
import { launchChromium, screenshotBoth, startApp, type AppHarness } from './harness';
import { RSS_HEADERS } from './corpus';
import { engineInternals } from '../../main/engine/internals';

// Functions passed to page.evaluate run in the page; the root tsconfig has no DOM lib, so the
// page's globals are declared here, loosely, for those bodies only.
declare const requestAnimationFrame: (callback: () => void) => number;
/** The list's scroll container, as these page functions use it. */
type Scroller = { scrollTop: number; scrollHeight: number };

const ROW = 112; // renderer/src/views/Inbox.tsx ROW_HEIGHT

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function resignations(now: number, count: number, offset = 0) {
  return Array.from({ length: count }, (_, i) => ({
    guid: `r-${offset + i}`,
    title: `${offset + i}번째 소식: 스타트업 임원 퇴사`,
    link: `https://news.example.kr/r/${offset + i}`,
    pubDate: new Date(now - (offset + i) * 60_000).toUTCString(),
    description: `<p>한 IT 기업의 임원이 퇴사했다. 기사 번호 ${offset + i}.</p>`,
  }));
}

describe('live update of the inbox', () => {
  let app: AppHarness;
  const now = Date.now();

  beforeAll(async () => {
    app = await startApp({
      browser,
      routes: { '/many.xml': { headers: RSS_HEADERS, body: rss({ title: '테크 뉴스', items: resignations(now, 150, 10) }) } },
      seed: (engine) => void engine.watchlists.create({ name: '퇴사', query: '퇴사' }),
    });
    // The feed lives on the harness's server, whose address is known only once it started.
    const added = engineInternals(app.engine).feeds.add({ url: app.feeds.url('/many.xml'), folder: [] }, now);
    await app.engine.poll({ feedIds: [added.id] });
    await app.engine.whenIdle();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the scroll position and the selection when a poll brings new alerts', async () => {
    const { page } = app;
    await page.locator('nav [data-view="settings"]').click();
    await page.locator('nav [data-view="inbox"]').click(); // re-reads the inbox
    const scroller = page.locator('.story-scroll');
    await expect.poll(() => scroller.getAttribute('data-total')).toBe('150');

    await scroller.evaluate((el: Scroller, top) => (el.scrollTop = top), 40 * ROW + 30);
    const row = (i: number) => page.locator(`.story-slot[data-index="${i}"] .story`);
    await row(41).waitFor();
    const anchor = await row(40).getAttribute('data-story');
    await row(42).click();
    const selected = await row(42).getAttribute('data-story');

    // Three newer articles arrive with the next poll; the engine pushes alerts.new.
    app.feeds.route('/many.xml', {
      headers: RSS_HEADERS,
      body: rss({ title: '테크 뉴스', items: [...resignations(now + 10 * 60_000, 3), ...resignations(now, 150, 10)] }),
    });
    await app.engine.poll({ all: true });

    await expect.poll(() => scroller.getAttribute('data-total')).toBe('153');
    await expect.poll(() => page.locator('.fresh-pill').textContent()).toContain('3');
    // The same story is still the one at the top of the viewport, 30 px into it, and still selected.
    const top = await scroller.evaluate((el: Scroller) => el.scrollTop);
    expect(top).toBe(43 * ROW + 30);
    expect(await row(43).getAttribute('data-story')).toBe(anchor);
    expect(await page.locator('.story.selected').getAttribute('data-story')).toBe(selected);
    // The live region announced it.
    await expect.poll(() => page.locator('main [role="status"]').first().textContent()).toContain('새 알림 3건');
  });
});

describe('100 000 alerts', () => {
  let app: AppHarness;
  const now = Date.now();
  const TOTAL = 100_000;

  beforeAll(async () => {
    app = await startApp({
      browser,
      seed: async (engine) => {
        const watchlist = engine.watchlists.create({ name: '카카오', query: '카카오' });
        await engine.whenIdle();
        const insertArticle = engineInternals(engine).db.prepare(
          `INSERT INTO articles (id, feed_id, source_title, identity, link, title, published_at, first_seen_at, sort_at, updated_at, text, raw_html, content_hash, story_id)
           VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const insertAlert = engineInternals(engine).db.prepare(
          `INSERT INTO alerts (article_id, watchlist_id, watchlist_name, watchlist_color, story_id, spans, origin, created_at, sort_at)
           VALUES (?, ?, ?, ?, ?, ?, 'backfill', ?, ?)`,
        );
        engineInternals(engine).db.transaction(() => {
          for (let i = 1; i <= TOTAL; i++) {
            const at = now - i * 30_000;
            const title = `카카오 소식 ${i}호`;
            const text = `카카오가 ${i}번째 발표를 했다.`;
            insertArticle.run(
              i,
              `언론사 ${i % 20}`,
              `seed-${i}`,
              `https://news.example.kr/s/${i}`,
              title,
              at,
              at,
              at,
              at,
              text,
              `<p>${text}</p>`,
              `h${i}`,
              i,
            );
            insertAlert.run(
              i,
              watchlist.id,
              watchlist.name,
              watchlist.color,
              i,
              JSON.stringify([
                { field: 'title', start: 0, end: 3 },
                { field: 'text', start: 0, end: 3 },
              ]),
              at,
              at,
            );
          }
        })();
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('scrolls through them without hanging', async () => {
    const { page } = app;
    const scroller = page.locator('.story-scroll');
    await expect.poll(() => scroller.getAttribute('data-total'), { timeout: 20_000 }).toBe(String(TOTAL));
    await page.locator('.story-slot[data-index="0"] .story').waitFor();
    expect(await page.locator('.story-slot[data-index="0"] .story-title').textContent()).toBe('카카오 소식 1호');
    // Counts with the locale's digit grouping ("전체 100000건" before).
    await expect
      .poll(() => page.locator('.inbox .view-header .count').textContent())
      .toBe(`전체 ${TOTAL.toLocaleString('ko')}건 · 안 읽음 ${TOTAL.toLocaleString('ko')}건`);
    expect(TOTAL.toLocaleString('ko')).toMatch(/,/);
    await screenshotBoth(page, 'inbox-100k');

    // A fling through the whole list inside the page, one step per frame: the longest frame
    // tells whether the renderer kept up (the engine answers later, once scrolling pauses).
    const longestFrame = await scroller.evaluate(
      (el: Scroller, rowHeight) =>
        new Promise<number>((done) => {
          let step = 0;
          let last = performance.now();
          let longest = 0;
          const tick = () => {
            const t = performance.now();
            longest = Math.max(longest, t - last);
            last = t;
            el.scrollTop = step * 2_500 * rowHeight;
            if (++step <= 40) requestAnimationFrame(tick);
            else done(longest);
          };
          requestAnimationFrame(tick);
        }),
      ROW,
    );
    console.log(`100k fling: longest frame ${Math.round(longestFrame)} ms`);
    // Generous: the machine running the suite has 2 cores shared with other test files.
    expect(longestFrame).toBeLessThan(1_000);
    expect(await page.locator('.story-slot').count()).toBeLessThan(40);
    // Jump to the middle: the right rows arrive; only a window of rows is in the DOM.
    await scroller.evaluate((el: Scroller, top) => (el.scrollTop = top), 50_000 * ROW);
    const middle = page.locator('.story-slot[data-index="50000"] .story-title');
    await middle.waitFor({ timeout: 15_000 });
    expect(await middle.textContent()).toBe('카카오 소식 50001호');
    expect(await page.locator('.story-slot').count()).toBeLessThan(40);
    // And the keyboard still works down there.
    await page.locator('.story-slot[data-index="50000"] .story').click();
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.story.selected .story-title').textContent()).toBe('카카오 소식 50002호');
    // The end of the list.
    await scroller.evaluate((el: Scroller) => (el.scrollTop = el.scrollHeight));
    await page.locator(`.story-slot[data-index="${TOTAL - 1}"] .story`).waitFor({ timeout: 15_000 });
  });
});

/**
 * Full-text monitoring from the command line (issue 11): `nunchi` as a child process against a
 * local server that serves the feed and the article pages. `poll` returns only once the pages of
 * the articles it found were fetched and matched (or gave up); `--no-full-text` skips them; the
 * mode per feed through `feeds add|set --full-text`, kept by OPML; `parse --full-text`. Dates are
 * relative to the real clock (the child reads it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArticlePage, sampleArticle } from '../helpers/article-pages';
import { floorToMinute, HOUR, MINUTE } from '../helpers/clock';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss, type RssItemSpec } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';
import { runCli, startCli } from './run-cli';

const tempDir = useTempDir();
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ '/robots.txt': { status: 404 } });
});
afterAll(() => server.close());

const NOW = floorToMinute(Date.now());
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };

/** A page whose body alone names 카카오브레인 (third paragraph), answered after a delay. */
function slowPage(path: string, seed: number, delayMs = 1_500): string {
  const body = buildArticlePage('etnews', { ...sampleArticle(seed), padToBytes: 20_000 });
  server.route(path, async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.writeHead(200, HTML).end(body);
  });
  return server.url(path);
}

const item = (guid: string, link: string, minutesAgo: number): RssItemSpec => ({
  guid,
  title: `반도체 업계 소식 ${guid}`,
  link,
  description: '업계 소식 요약…',
  pubDate: new Date(NOW - minutesAgo * MINUTE).toUTCString(),
});

interface AlertsJson {
  total: number;
  alerts: Array<{ articleId: number; link: string; watchlists: string[]; snippet: string }>;
}

describe('nunchi and full text', { timeout: 240_000 }, () => {
  it('poll waits for the pages of the articles it found; their body alerts exist when it exits', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), NUNCHI_NOTIFY_LOG: join(dir, 'notify.jsonl') };
    const feedPath = '/cli-ft/rss.xml';
    const serve = (items: RssItemSpec[]) =>
      server.route(feedPath, { headers: { 'Content-Type': 'application/rss+xml' }, body: rss({ title: '전자신문', items }) });
    const first = slowPage('/cli-ft/news/1', 1);
    const missing = server.url('/cli-ft/news/404');
    serve([item('a1', first, 30), item('a2', missing, 20)]);

    expect((await runCli(['feeds', 'add', server.url(feedPath)], env)).code).toBe(0);
    expect((await runCli(['watch', 'add', '카카오', '카카오브레인'], env)).code).toBe(0);

    // First poll: the page answers 1.5 s late, and still its alert is there when poll exits (backlog: no notification).
    const poll = await runCli(['poll', '--all'], env);
    expect(poll.code).toBe(0);
    expect(server.requestCount('/cli-ft/news/1')).toBe(1);
    expect(poll.stdout).toContain('원문 2건 확인');
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as AlertsJson;
    expect(alerts.alerts.map((a) => a.link)).toEqual([first]);
    // The inbox row shows the body around the match.
    expect(alerts.alerts[0]!.snippet).toContain('카카오브레인');

    // A new article: live, so it notifies — after the page, before poll exits.
    const second = slowPage('/cli-ft/news/2', 2);
    serve([item('a1', first, 30), item('a2', missing, 20), item('a3', second, 5)]);
    const live = await runCli(['poll', '--all', '--json'], env);
    expect(live.code).toBe(0);
    const summary = JSON.parse(live.stdout) as { inserted: number; newAlerts: number; pages: { checked: number; newAlerts: number } };
    expect(summary).toMatchObject({ inserted: 1, newAlerts: 1, pages: { checked: 1, newAlerts: 1 } });
    const notified = readFileSync(env.NUNCHI_NOTIFY_LOG, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; body: string });
    expect(notified).toHaveLength(1);
    // The 404 was not asked again.
    expect(server.requestCount('/cli-ft/news/404')).toBe(1);

    // --no-full-text: the poll stores the article and leaves its page alone.
    const third = slowPage('/cli-ft/news/3', 3);
    serve([item('a1', first, 30), item('a2', missing, 20), item('a3', second, 5), item('a4', third, 1)]);
    const skip = await runCli(['poll', '--all', '--no-full-text'], env);
    expect(skip.code).toBe(0);
    expect(server.requestCount('/cli-ft/news/3')).toBe(0);
  });

  it('run fetches the pages in the background and prints a body alert when its page arrives, without exiting', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), NUNCHI_NOTIFY_LOG: join(dir, 'notify.jsonl') };
    const feedPath = '/cli-ft/run.xml';
    const link = slowPage('/cli-ft/run/1', 5, 500);
    server.route(feedPath, {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: '전자신문', items: [item('r1', link, 15)] }),
    });
    expect((await runCli(['feeds', 'add', server.url(feedPath)], env)).code).toBe(0);
    expect((await runCli(['watch', 'add', '김일두', '김일두'], env)).code).toBe(0);

    const run = startCli(['run', '--no-desktop-notifications'], env);
    const title = '반도체 업계 소식 r1';
    const deadline = Date.now() + 90_000;
    while (!run.output.stdout.includes(title) && run.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // The feed's text never names 김일두: the alert can only come from the page, fetched while run goes on.
    expect(run.output.stdout).toContain(title);
    expect(run.exitCode).toBeNull();
    expect(server.requestCount('/cli-ft/run/1')).toBe(1);
    run.kill('SIGINT');
    expect((await run.done).code).toBe(0);
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as AlertsJson;
    expect(alerts.alerts.map((a) => [a.link, a.watchlists])).toEqual([[link, ['김일두']]]);
    expect(alerts.alerts[0]!.snippet).toContain('김일두');
  });

  it('feeds add|set --full-text, shown by feeds list, refused in words when wrong, kept by OPML export and import', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite') };
    server.route('/cli-ft/modes.xml', { headers: { 'Content-Type': 'application/rss+xml' }, body: rss({ title: '모드', items: [] }) });
    const added = await runCli(['feeds', 'add', server.url('/cli-ft/modes.xml'), '--full-text', 'always', '--json'], env);
    expect(added.code).toBe(0);
    const feed = (JSON.parse(added.stdout) as { feed: { id: number; fullText: string } }).feed;
    expect(feed.fullText).toBe('always');
    expect((await runCli(['feeds', 'list'], env)).stdout).toContain('원문 가져오기: always');

    const wrong = await runCli(['feeds', 'set', String(feed.id), '--full-text', 'sometimes'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('원문 가져오기 방식은 auto, always, never 중 하나입니다: sometimes');

    const set = await runCli(['feeds', 'set', String(feed.id), '--full-text', 'never'], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`#${feed.id} 원문 가져오기: never`);

    const exported = await runCli(['feeds', 'export'], env);
    expect(exported.stdout).toContain('nunchi:fullText="never"');
    const opml = join(dir, 'feeds.opml');
    writeFileSync(opml, exported.stdout);
    const otherEnv = { NUNCHI_DB: join(dir, 'other.sqlite') };
    expect((await runCli(['feeds', 'import', opml], otherEnv)).code).toBe(0);
    const listed = JSON.parse((await runCli(['feeds', 'list', '--json'], otherEnv)).stdout) as { feeds: Array<{ fullText: string }> };
    expect(listed.feeds.map((f) => f.fullText)).toEqual(['never']);
  });

  it('parse --full-text shows the text extracted from each item’s page, or the reason there is none', async () => {
    const page = slowPage('/cli-ft/parse/1', 4, 0);
    server.route('/cli-ft/parse.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: '파싱', items: [item('p1', page, 10), item('p2', server.url('/cli-ft/parse/404'), (9 * HOUR) / MINUTE)] }),
    });
    const json = await runCli(['parse', server.url('/cli-ft/parse.xml'), '--full-text', '--json'], {});
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      items: Array<{ id: string; text: string; page?: { ok: boolean; text?: string; reason?: string; error?: string } }>;
    };
    const [withPage, without] = parsed.items;
    expect(withPage!.text).not.toContain('카카오브레인');
    expect(withPage!.page).toMatchObject({ ok: true });
    expect(withPage!.page!.text).toContain('카카오브레인 김일두 대표가 최근 회사에 퇴사 의사를 밝혔다');
    expect(without!.page).toMatchObject({ ok: false, reason: 'page.not_found' });
    expect(without!.page!.error).toContain('기사 페이지를 찾을 수 없습니다');

    const text = await runCli(['parse', server.url('/cli-ft/parse.xml'), '--full-text', '--lang', 'en'], {});
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Text extracted from the page');
    expect(text.stdout).toContain('카카오브레인 김일두 대표가');
    expect(text.stdout).toContain('No page text:');
  });
});

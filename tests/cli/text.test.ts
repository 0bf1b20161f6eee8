/**
 * What the terminal prints, in Korean (issue 15): times with 오전/오후 even where Node's ICU has no
 * Korean day periods ("PM 3:15" before), Korean link paths decoded rather than percent-encoded,
 * and no English placeholder inside a Korean sentence ("ID QUERY" before).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';
import { runCli } from './run-cli';

const tempDir = useTempDir();
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

/** Yesterday's date in Seoul (so the test never depends on the day it runs), as its parts. */
function yesterdayInSeoul(): { ymd: string; short: string } {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(Date.now() - 86_400_000);
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  return { ymd, short: `${String(year % 100).padStart(2, '0')}. ${month}. ${day}.` };
}

describe('nunchi speaks Korean without stumbling', { timeout: 90_000 }, () => {
  it('prints 오후 3:15 and the decoded Korean path of a link', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), TZ: 'Asia/Seoul' };
    const { ymd, short } = yesterdayInSeoul();
    const link = `https://news.example.kr/${encodeURIComponent('경제')}/${encodeURIComponent('카카오브레인')}?id=1%2F2`;
    server.route('/text/feed.xml', {
      headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
      body: rss({
        title: '테스트 일보',
        items: [{ guid: 't-1', title: '카카오브레인 대표 사임', link, description: '본문', pubDate: `${ymd} 15:15` }],
      }),
    });
    expect((await runCli(['feeds', 'add', server.url('/text/feed.xml')], env)).code).toBe(0);
    expect((await runCli(['watch', 'add', '카카오', '카카오브레인'], env)).code).toBe(0);
    expect((await runCli(['poll', '--all', '--no-desktop-notifications'], env)).code).toBe(0);

    const alerts = await runCli(['alerts'], env);
    expect(alerts.code).toBe(0);
    expect(alerts.stdout).toContain(`테스트 일보 · ${short} 오후 3:15`);
    expect(alerts.stdout).not.toMatch(/\b[AP]M\b/);
    // Decoded for reading; the escaped slash in the query keeps its meaning.
    expect(alerts.stdout).toContain('https://news.example.kr/경제/카카오브레인?id=1%2F2');
    // The JSON keeps the link exactly as stored.
    const json = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as { alerts: { link: string }[] };
    expect(json.alerts[0]!.link).toBe(link);
  });

  it('asks for the missing arguments in Korean words', async () => {
    const env = { NUNCHI_DB: join(tempDir(), 'nunchi.sqlite') };
    const edit = await runCli(['watch', 'edit'], env);
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain('인자가 부족합니다: ID 검색식');
    expect(edit.stderr).not.toContain('QUERY');
    const english = await runCli(['watch', 'edit', '--lang', 'en'], env);
    expect(english.stderr).toContain('Missing argument: ID QUERY');
  });
});

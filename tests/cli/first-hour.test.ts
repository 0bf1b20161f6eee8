/**
 * A new user's first hour with `nunchi` (issue 15): each stumble a fresh user hit, as the user
 * meets it — the real CLI entry point (`main`, in this process for speed), a real database file
 * and a real feed server on 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/nunchi';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

interface Run {
  code: number;
  out: string;
  err: string;
}

/** A fresh database; `nunchi(...args)` runs one command on it in Korean, as a terminal would. */
function session() {
  const dir = tempDir();
  const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), LANG: 'ko_KR.UTF-8' };
  const nunchi = async (...args: string[]): Promise<Run> => {
    const run = { code: 0, out: '', err: '' };
    run.code = await main(args, { out: (t) => void (run.out += t), err: (t) => void (run.err += t), tty: false }, env);
    return run;
  };
  return { dir, nunchi };
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toUTCString();
/** The CLI's --json output, typed as the test reads it. */
const parsed = <T>(out: string): T => JSON.parse(out) as T;
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('nunchi --version', () => {
  it.each(['--version', '-V'])('%s prints the version and exits 0', async (flag) => {
    const { nunchi } = session();
    const run = await nunchi(flag);
    expect(run).toEqual({ code: 0, out: `nunchi ${version}\n`, err: '' });
  });
});

describe('query mistakes, shown where they are', () => {
  it('puts the carets under the mistake in terminal columns: Hangul is two columns wide', async () => {
    const { nunchi } = session();
    const run = await nunchi('watch', 'test', '카카오 /브레인/');
    expect(run.code).toBe(1);
    // The last two lines (a new database is announced above the error).
    const [queryLine, caretLine] = run.err.trimEnd().split('\n').slice(-2);
    expect(queryLine).toBe('  카카오 /브레인/');
    // "카카오 " takes 7 columns, "/브레인/" 8: the carets start at column 10 and cover it.
    expect(caretLine).toBe(`  ${' '.repeat(7)}${'^'.repeat(8)}`);
  });

  it.each(['^카카오$', '[카카오]', 'Ko\\w+'])(
    'refuses %s with the regex hint instead of saving a query that matches nothing',
    async (query) => {
      const { nunchi } = session();
      const run = await nunchi('watch', 'add', '정규식', query);
      expect(run.code).toBe(1);
      expect(run.err).toContain('정규식');
      expect(run.err).toContain('따옴표로 감싸세요');
      expect(parsed<{ watchlists: unknown[] }>((await nunchi('watch', 'list', '--json')).out).watchlists).toEqual([]);
    },
  );

  it('reads a query that starts with - as the query, not as options, with or without --', async () => {
    const { nunchi } = session();
    expect((await nunchi('watch', 'add', '퇴사', '-퇴근 카카오')).code).toBe(0);
    expect((await nunchi('watch', 'add', '퇴사2', '-퇴근', '카카오')).code).toBe(0);
    expect((await nunchi('watch', 'add', '퇴사3', '--', '-퇴근 카카오')).code).toBe(0);
    const lists = parsed<{ watchlists: Array<{ name: string; query: string }> }>((await nunchi('watch', 'list', '--json')).out).watchlists;
    expect(lists.map((w) => [w.name, w.query])).toEqual([
      ['퇴사', '-퇴근 카카오'],
      ['퇴사2', '-퇴근 카카오'],
      ['퇴사3', '-퇴근 카카오'],
    ]);
    const test = await nunchi('watch', 'test', '-퇴근 카카오');
    expect(test.code).toBe(0);
    expect(test.out).toContain('0건이 일치합니다');
  });
});

describe('feeds', { timeout: 60_000 }, () => {
  it('says a feed is already followed instead of "added" again', async () => {
    const { nunchi } = session();
    const url = server.url('/first/again.xml');
    expect((await nunchi('feeds', 'add', url)).out).toBe(`피드를 추가했습니다 (#1): ${url}\n`);
    const again = await nunchi('feeds', 'add', url);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`이미 구독 중인 피드입니다 (#1): ${url}\n`);
    expect(JSON.parse((await nunchi('feeds', 'add', url, '--json')).out)).toMatchObject({ alreadyFollowed: true, feed: { id: 1 } });
    expect(parsed<{ feeds: unknown[] }>((await nunchi('feeds', 'list', '--json')).out).feeds).toHaveLength(1);
  });

  it('imports OPML: keeps the outline name of a feed without a title, and lists what it skipped and why', async () => {
    const { dir, nunchi } = session();
    // A feed with no <title> of its own.
    server.route('/first/untitled.xml', {
      headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
      body: rss({ title: '', items: [{ guid: 'u1', title: '사내 공지', link: 'https://intra.example.kr/1', pubDate: hoursAgo(1) }] }),
    });
    const opml = join(dir, 'subscriptions.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>내 구독</title></head><body>
  <outline text="우리 회사 소식" type="rss" xmlUrl="${server.url('/first/untitled.xml')}"/>
  <outline text="로컬 파일" type="rss" xmlUrl="file:///home/me/feed.xml"/>
  <outline text="회사 홈페이지" type="link" xmlUrl="https://intra.example.kr/"/>
</body></opml>`,
    );
    const imported = await nunchi('feeds', 'import', opml);
    expect(imported.code).toBe(0);
    expect(imported.out.split('\n')).toEqual([
      '1개 추가, 0개는 이미 있음',
      '  건너뜀: 로컬 파일 (file:///home/me/feed.xml) — http 또는 https 주소만 구독할 수 있습니다.',
      '  건너뜀: 회사 홈페이지 (https://intra.example.kr/) — 피드가 아니라 웹 페이지나 다른 OPML 파일을 가리키는 항목입니다.',
      '',
    ]);
    const json = parsed<{ rejected: Array<{ code: string; title: string }> }>((await nunchi('feeds', 'import', opml, '--json')).out);
    expect(json.rejected.map((r) => [r.code, r.title])).toEqual([
      ['error.unsupported_scheme', '로컬 파일'],
      ['error.opml_not_a_feed', '회사 홈페이지'],
    ]);

    expect((await nunchi('poll', '--all', '--no-desktop-notifications')).code).toBe(0);
    const [feed] = parsed<{ feeds: unknown[] }>((await nunchi('feeds', 'list', '--json')).out).feeds;
    expect(feed).toMatchObject({ displayTitle: '우리 회사 소식', lastStatus: 'ok', articleCount: 1 });
    const found = parsed<{ results: Array<{ source: string }> }>((await nunchi('search', '공지', '--json')).out);
    expect(found.results.map((r) => r.source)).toEqual(['우리 회사 소식']);
  });

  it('counts a feed removed and added again as one outlet of its story, not two', async () => {
    const { nunchi } = session();
    server.route('/first/etnews.xml', {
      headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
      body: rss({
        title: '전자신문',
        items: [{ guid: 'et-1', title: '카카오브레인 대표 사임', link: 'https://www.etnews.com/1', pubDate: hoursAgo(2) }],
      }),
    });
    const url = server.url('/first/etnews.xml');
    expect((await nunchi('watch', 'add', '카카오', '카카오브레인')).code).toBe(0);
    expect((await nunchi('feeds', 'add', url)).code).toBe(0);
    expect((await nunchi('poll', '--all', '--no-desktop-notifications')).code).toBe(0);
    expect((await nunchi('feeds', 'remove', '1')).code).toBe(0); // the alerted article stays
    expect((await nunchi('feeds', 'add', url)).out).toContain('피드를 추가했습니다');
    expect((await nunchi('poll', '--all', '--no-desktop-notifications')).code).toBe(0);

    const alerts = parsed<{ alerts: unknown[] }>((await nunchi('alerts', '--json')).out).alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: '카카오브레인 대표 사임', source: '전자신문', outlets: 1 });
    expect((await nunchi('alerts')).out).not.toContain('외 1곳');
  });
});

/**
 * "Bad input gets a clear error and loses nothing": every hostile or broken response from the
 * issue, served by a real local HTTP server next to a healthy feed. In every case the healthy feed
 * is polled normally, what the broken feed stored before stays, and its error is stored in words.
 */
import iconv from 'iconv-lite';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedErrorCode } from '../../shared/errors';
import { translate, type MessageArgs } from '../../shared/messages';
import type { FeedRecord } from '../../shared/types';
import { inProcessFeedProcessor } from '../../main/feeds/pipeline-pool';
import { pollFeeds } from '../../main/feeds/poll';
import { articleView } from '../../main/api/views';
import { InboxReads } from '../../main/store/inbox-reads';
import { ArticleStore } from '../../main/store/articles';
import { openDatabase, type Db } from '../../main/store/database';
import { FeedStore } from '../../main/store/feeds';
import { startFeedServer, type FeedServer, type Route } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let server: FeedServer;
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

const XML = { 'Content-Type': 'application/rss+xml; charset=utf-8' };

function goodFeed(name: string, round: number): string {
  return rss({
    title: name,
    items: Array.from({ length: round }, (_, i) => ({
      guid: `${name}-${i}`,
      title: `${name} 기사 ${i}: 카카오브레인 소식`,
      link: `https://news.example.kr/${name}/${i}`,
      description: `<p>${name} 본문 ${i}</p>`,
      pubDate: 'Sat, 28 Nov 2026 09:00:00 +0900',
    })),
  });
}

interface Harness {
  db: Db;
  feeds: FeedStore;
  articles: ArticleStore;
  healthy: FeedRecord;
  broken: FeedRecord;
  poll: () => ReturnType<typeof pollFeeds>;
}

let caseNo = 0;
/** A database with a healthy feed and a feed that is healthy on the first poll, then `bad`. */
async function twoPolls(bad: Route | { url: string }): Promise<Harness & { second: Awaited<ReturnType<typeof pollFeeds>> }> {
  caseNo += 1;
  const healthyPath = `/case${caseNo}/healthy.xml`;
  const brokenPath = `/case${caseNo}/broken.xml`;
  server.route(healthyPath, { headers: XML, body: goodFeed(`healthy${caseNo}`, 1) });
  server.route(brokenPath, { headers: XML, body: goodFeed(`broken${caseNo}`, 2) });
  const db = openDatabase(join(tempDir(), 'poll.sqlite'));
  const feeds = new FeedStore(db);
  const articles = new ArticleStore(db);
  const healthy = feeds.add({ url: server.url(healthyPath) }, NOW);
  let broken = feeds.add({ url: server.url(brokenPath) }, NOW);
  const poll = () =>
    pollFeeds(feeds.enabled(), {
      feeds,
      articles,
      processor: inProcessFeedProcessor,
      locale: 'ko',
      now: () => NOW,
      random: () => 0.5,
      fetch: { deadlineMs: 1500, maxBytes: 2 * 1024 * 1024 },
    });
  const first = await poll();
  expect(first.failed).toBe(0);
  expect(articles.count()).toBe(3);

  server.route(healthyPath, { headers: XML, body: goodFeed(`healthy${caseNo}`, 2) });
  if ('url' in bad) {
    db.prepare(`UPDATE feeds SET url = ? WHERE id = ?`).run(bad.url, broken.id);
    broken = feeds.get(broken.id)!;
  } else {
    server.route(brokenPath, bad);
  }
  const second = await poll();
  return { db, feeds, articles, healthy, broken: feeds.get(broken.id)!, poll, second };
}

/** The limits of this harness (deadlineMs 1500, maxBytes 2 MiB) are the ones the user is told about. */
const LIMIT_ARGS: Partial<Record<FeedErrorCode, MessageArgs>> = {
  'error.timeout': { seconds: 1.5 },
  'error.response_too_large': { mebibytes: 2 },
};

async function expectFailureLosesNothing(bad: Route | { url: string }, code: FeedErrorCode) {
  const h = await twoPolls(bad);
  // The healthy feed went on: its new article arrived.
  expect(h.articles.listByFeed(h.healthy.id)).toHaveLength(2);
  // The broken feed kept what it had.
  expect(h.articles.listByFeed(h.broken.id)).toHaveLength(2);
  // Its error is stored, in words a person understands, with the detail for the log.
  expect(h.broken).toMatchObject({
    lastStatus: 'error',
    lastErrorCode: code,
    lastError: translate('ko', code, LIMIT_ARGS[code]),
    consecutiveFailures: 1,
  });
  expect(h.broken.lastErrorDetail).toBeTruthy();
  expect(h.broken.nextDueAt).toBeGreaterThan(NOW);
  expect(h.second.failed).toBe(1);
  h.db.close();
  return h;
}

/** Polls a readable-but-hostile feed; returns what it stored, and what the article view serves for each. */
async function expectStored(bad: Route) {
  const h = await twoPolls(bad);
  expect(h.broken.lastStatus).toBe('ok');
  // Only what this poll brought: the two articles of the first poll stay, as always.
  const all = h.articles.listByFeed(h.broken.id);
  expect(all.filter((a) => a.identity.startsWith('broken'))).toHaveLength(2);
  const fresh = all
    .filter((a) => !a.identity.startsWith('broken'))
    .map((a) => ({ ...a, shownHtml: articleView(new InboxReads(h.db).article(a.id)!).html }));
  h.db.close();
  return fresh;
}

const feedWith = (body: string | Buffer, headers: Record<string, string> = XML): Route => ({ headers, body });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('a broken feed loses nothing and says why', () => {
  it('malformed XML', () =>
    expectFailureLosesNothing(
      feedWith('<rss version="2.0"><channel><title>x</title><item><title>a</item></channel>'),
      'error.malformed_feed',
    ));

  it('a body truncated mid-item', () => {
    const full = goodFeed('cut', 3);
    return expectFailureLosesNothing(
      feedWith(full.slice(0, full.indexOf('<item>', full.indexOf('<item>') + 1) + 20)),
      'error.malformed_feed',
    );
  });

  it('an HTML page instead of a feed', () =>
    expectFailureLosesNothing(
      feedWith('<!DOCTYPE html><html><head><title>전자신문</title></head><body><h1>홈</h1></body></html>', { 'Content-Type': 'text/html' }),
      'error.not_a_feed',
    ));

  it('an empty body', () => expectFailureLosesNothing(feedWith(''), 'error.empty_body'));

  it('a billion-laughs DTD', async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>x</guid></item></channel></rss>`;
    await expectFailureLosesNothing(feedWith(lol), 'error.unsafe_xml');
  });

  it('an external entity pointing at a local file', async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><guid>x</guid><description>&xxe;</description></item></channel></rss>`;
    const h = await expectFailureLosesNothing(feedWith(xxe), 'error.unsafe_xml');
    const all = h.db;
    void all;
  });

  it('a 100 MB body', () =>
    expectFailureLosesNothing((_req, res) => {
      res.writeHead(200, XML);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 100 && res.write(chunk)) sent += 1;
        if (sent >= 100) res.end();
        else
          res.once('drain', () => {
            sent += 1;
            pump();
          });
      };
      res.on('close', () => {
        sent = 100;
      });
      pump();
    }, 'error.response_too_large'));

  it('a gzip bomb', () =>
    expectFailureLosesNothing(
      feedWith(gzipSync(Buffer.alloc(50 * 1024 * 1024)), { ...XML, 'Content-Encoding': 'gzip' }),
      'error.response_too_large',
    ));

  it('a body that trickles one byte every 200 ms', () =>
    expectFailureLosesNothing((_req, res) => {
      res.writeHead(200, XML);
      const body = goodFeed('slow', 1);
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length || res.destroyed) return clearInterval(timer);
        res.write(body[i++]!);
      }, 200);
      res.on('close', () => clearInterval(timer));
    }, 'error.timeout'));

  it('a redirect loop', () =>
    expectFailureLosesNothing((req, res) => {
      res.writeHead(302, { Location: req.url ?? '/' }).end();
    }, 'error.too_many_redirects'));
  it('a redirect to file:///etc/passwd', () =>
    expectFailureLosesNothing({ status: 302, headers: { Location: 'file:///etc/passwd' } }, 'error.redirect_unsafe'));
  it('404', () => expectFailureLosesNothing({ status: 404 }, 'error.http_not_found'));
  it('410', () => expectFailureLosesNothing({ status: 410 }, 'error.http_gone'));
  it('500', () => expectFailureLosesNothing({ status: 500 }, 'error.http_server_error'));

  it('429 with Retry-After is retried no sooner than asked', async () => {
    const h = await expectFailureLosesNothing({ status: 429, headers: { 'Retry-After': '7200' } }, 'error.http_too_many_requests');
    // Exactly two hours on the poll's own clock (not the machine's): Retry-After outweighs the
    // 10-minute backoff, and the instant it names is read against the injected `now`.
    expect(h.broken.nextDueAt).toBe(NOW + 7200_000);
  });

  it('a connection refused', async () => {
    const port = await freePort();
    await expectFailureLosesNothing({ url: `http://127.0.0.1:${port}/rss` }, 'error.network_refused');
  });

  it('a DNS failure', () => expectFailureLosesNothing({ url: 'http://nunchi-feed.invalid/rss' }, 'error.network_dns'));

  it('a javascript: feed address is refused', () => expectFailureLosesNothing({ url: 'javascript:alert(1)' }, 'error.unsupported_scheme'));
});

describe('hostile but readable feeds are stored, cleaned', () => {
  const korean = rss({ title: '보안뉴스', items: [{ guid: 'k1', title: '카카오브레인 대표 사임', description: '년 인공지능' }] });

  it('a lying charset: header says EUC-KR, body is UTF-8', async () => {
    const stored = await expectStored(feedWith(korean, { 'Content-Type': 'application/rss+xml; charset=euc-kr' }));
    expect(stored.map((a) => a.title)).toContain('카카오브레인 대표 사임');
  });

  it('a lying charset: header says UTF-8, body is EUC-KR (CP949)', async () => {
    const bytes = iconv.encode(korean.replace('encoding="UTF-8"', 'encoding="euc-kr"').replace('사임', '똠방'), 'cp949');
    const stored = await expectStored(feedWith(bytes, { 'Content-Type': 'application/rss+xml; charset=utf-8' }));
    expect(stored.map((a) => a.title)).toContain('카카오브레인 대표 똠방');
  });

  it('UTF-16 with a BOM', async () => {
    const text = korean.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const stored = await expectStored(
      feedWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { 'Content-Type': 'application/xml' }),
    );
    expect(stored.map((a) => a.title)).toContain('카카오브레인 대표 사임');
  });

  it('duplicate guids stay distinct articles', async () => {
    const dup = rss({
      title: 'dup',
      items: [
        { guid: 'same', title: '첫 번째 기사' },
        { guid: 'same', title: '두 번째 기사' },
      ],
    });
    const stored = await expectStored(feedWith(dup));
    expect(stored.map((a) => a.title).sort()).toEqual(['두 번째 기사', '첫 번째 기사']);
    expect(new Set(stored.map((a) => a.identity)).size).toBe(2);
  });

  it('javascript: and data: links are dropped', async () => {
    const links = rss({
      title: 'links',
      items: [
        { guid: 'j', title: '자바스크립트 링크', link: 'javascript:alert(1)' },
        { guid: 'd', title: '데이터 링크', link: 'data:text/html,<script>alert(1)</script>' },
      ],
    });
    const stored = await expectStored(feedWith(links));
    expect(stored.map((a) => a.link)).toEqual([null, null]);
  });

  it('a 100 KB title is cut short without splitting a character', async () => {
    const stored = await expectStored(feedWith(rss({ title: 'long', items: [{ guid: 'l', title: '가'.repeat(100_000) }] })));
    const title = stored[0]!.title;
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.startsWith('가가가')).toBe(true);
    expect(title).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('NUL bytes and invalid UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        rss({ title: 'bytes', items: [{ guid: 'n', title: '널\u0000바이트 제목', description: 'before INVALID after' }] }).split(
          'INVALID',
        )[0]!,
      ),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(
        rss({ title: 'bytes', items: [{ guid: 'n', title: '널\u0000바이트 제목', description: 'before INVALID after' }] }).split(
          'INVALID',
        )[1]!,
      ),
    ]);
    const stored = await expectStored(feedWith(bytes));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.title).not.toContain('\u0000');
    expect(stored[0]!.text).toContain('after');
  });

  it('script, iframe, onerror, svg onload and style payloads do not survive', async () => {
    const payload =
      '<p>본문</p><script>alert(1)</script><iframe src="https://evil.example/"></iframe><img src="x" onerror="alert(1)">' +
      '<svg onload="alert(1)"><circle/></svg><style>body{display:none}</style><a href="javascript:alert(1)">링크</a>' +
      '<img src="https://img.example.kr/a.jpg" alt="사진">';
    const stored = await expectStored(
      feedWith(rss({ title: 'xss', items: [{ guid: 'x', title: 'XSS <b>제목</b>', description: payload }] })),
    );
    // What the article view serves: the stored body sanitized on the way out.
    const html = stored[0]!.shownHtml;
    expect(html).toContain('본문');
    expect(html).toContain('https://img.example.kr/a.jpg');
    for (const banned of ['<script', 'alert(1)', '<iframe', 'onerror', '<svg', 'onload', '<style', 'javascript:']) {
      expect(html.toLowerCase()).not.toContain(banned);
    }
    expect(stored[0]!.text).not.toContain('alert');
    expect(stored[0]!.title).toBe('XSS 제목');
  });
});

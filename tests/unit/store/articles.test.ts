import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleStore, sortTime } from '../../../main/store/articles';
import { openDatabase, type Db } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { StoryIndex } from '../../../main/stories/story-index';
import { makeItem } from '../../helpers/items';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

function setup(): { db: Db; feeds: FeedStore; articles: ArticleStore } {
  const db = openDatabase(join(tempDir(), 'nunchi.sqlite'));
  return { db, feeds: new FeedStore(db), articles: new ArticleStore(db) };
}

describe('ArticleStore', () => {
  it('a write by another process between the store reading and writing does not fail the feed (IMMEDIATE)', () => {
    const path = join(tempDir(), 'two-writers.sqlite');
    const db = openDatabase(path);
    const feed = new FeedStore(db).add({ url: 'https://a.example/rss' }, NOW);
    const articles = new ArticleStore(db, new StoryIndex());
    // The other process (another `nunchi run`, the app): its own connection, no patience.
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    let otherWrite: unknown = null;
    const result = articles.storeFeedItems(
      { id: feed.id, title: 'A' },
      [makeItem({ identity: 'g1', publishedAt: NOW })],
      NOW,
      undefined,
      () => {
        // Runs after the store read what it knows and before it writes.
        try {
          other.prepare(`INSERT INTO settings (key, value) VALUES ('other', '1')`).run();
        } catch (error) {
          otherWrite = (error as { code?: string }).code;
        }
        return true;
      },
    );
    // Before: the store's transaction read first and failed at its first write with SQLITE_BUSY_SNAPSHOT.
    expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, tooOld: 0 });
    // The store held the write lock from its first statement: the other writer waited its turn.
    expect(otherWrite).toBe('SQLITE_BUSY');
    other.close();
    db.close();
  });

  it('inserts new items, skips unchanged ones and updates changed ones', () => {
    const { feeds, articles } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss', title: '전자신문' }, NOW);
    const first = articles.storeFeedItems(
      { id: feed.id, title: '전자신문' },
      [makeItem({ identity: 'g1' }), makeItem({ identity: 'g2' })],
      NOW,
    );
    expect(first).toEqual({ inserted: 2, updated: 0, unchanged: 0, tooOld: 0 });

    const again = articles.storeFeedItems(
      { id: feed.id, title: '전자신문' },
      [makeItem({ identity: 'g1' }), makeItem({ identity: 'g2', text: '정정된 본문' })],
      NOW + 60_000,
    );
    expect(again).toEqual({ inserted: 0, updated: 1, unchanged: 1, tooOld: 0 });
    const stored = articles.listByFeed(feed.id);
    expect(stored.map((a) => a.text).sort()).toEqual(['본문 g1', '정정된 본문']);
    // An update never moves the first-seen time.
    expect(stored.every((a) => a.firstSeenAt === NOW)).toBe(true);
  });

  it('keeps articles unique by identity within a feed, but not across feeds', () => {
    const { feeds, articles } = setup();
    const a = feeds.add({ url: 'https://a.example/rss' }, NOW);
    const b = feeds.add({ url: 'https://b.example/rss' }, NOW);
    articles.storeFeedItems({ id: a.id, title: 'A' }, [makeItem({ identity: 'same' })], NOW);
    articles.storeFeedItems({ id: b.id, title: 'B' }, [makeItem({ identity: 'same' })], NOW);
    articles.storeFeedItems({ id: a.id, title: 'A' }, [makeItem({ identity: 'same' })], NOW);
    expect(articles.count()).toBe(2);
  });

  it('recognises the same canonical link from two feeds as one story', () => {
    const { feeds, articles } = setup();
    const a = feeds.add({ url: 'https://a.example/rss' }, NOW);
    const b = feeds.add({ url: 'https://b.example/rss' }, NOW);
    const link = 'https://news.example/article/1';
    articles.storeFeedItems({ id: a.id, title: 'A' }, [makeItem({ identity: 'x', canonicalLink: link })], NOW);
    articles.storeFeedItems({ id: b.id, title: 'B' }, [makeItem({ identity: 'y', canonicalLink: link, title: '다른 제목' })], NOW);
    articles.storeFeedItems({ id: b.id, title: 'B' }, [makeItem({ identity: 'z', canonicalLink: 'https://news.example/other' })], NOW);
    const [first] = articles.listByFeed(a.id);
    const story = articles.listByStory(first!.storyId);
    expect(story.map((s) => s.identity)).toEqual(['x', 'y']);
  });

  it('hands each new or changed article to the callback inside the transaction', () => {
    const { feeds, articles } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss' }, NOW);
    const seen: Array<[string, boolean]> = [];
    articles.storeFeedItems({ id: feed.id, title: 'A' }, [makeItem({ identity: 'n' })], NOW, (s) => seen.push([s.item.identity, s.isNew]));
    articles.storeFeedItems({ id: feed.id, title: 'A' }, [makeItem({ identity: 'n', title: '수정' })], NOW, (s) =>
      seen.push([s.item.identity, s.isNew]),
    );
    expect(seen).toEqual([
      ['n', true],
      ['n', false],
    ]);
  });

  it('rolls back the whole feed when the callback fails (article and its alerts land together)', () => {
    const { feeds, articles } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss' }, NOW);
    expect(() =>
      articles.storeFeedItems({ id: feed.id, title: 'A' }, [makeItem({ identity: '1' }), makeItem({ identity: '2' })], NOW, (s) => {
        if (s.item.identity === '2') throw new Error('matcher failed');
      }),
    ).toThrow('matcher failed');
    expect(articles.count()).toBe(0);
  });

  it('dates: no date = first seen, stable across polls; future dates sort as first seen', () => {
    const { feeds, articles } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss' }, NOW);
    const future = NOW + 3 * 24 * 3600_000;
    const past = NOW - 3600_000;
    articles.storeFeedItems(
      { id: feed.id, title: 'A' },
      [
        makeItem({ identity: 'nodate' }),
        makeItem({ identity: 'future', publishedAt: future }),
        makeItem({ identity: 'past', publishedAt: past }),
      ],
      NOW,
    );
    articles.storeFeedItems({ id: feed.id, title: 'A' }, [makeItem({ identity: 'nodate' })], NOW + 600_000);
    const byId = new Map(articles.listByFeed(feed.id).map((a) => [a.identity, a]));
    expect(byId.get('nodate')!.publishedAt).toBeNull();
    expect(byId.get('nodate')!.sortAt).toBe(NOW);
    expect(byId.get('future')!.publishedAt).toBe(future);
    expect(byId.get('future')!.sortAt).toBe(NOW);
    expect(byId.get('past')!.sortAt).toBe(past);
    expect(sortTime(NOW + 60_000, NOW)).toBe(NOW + 60_000); // a clock a minute ahead is believed
  });

  it('removing a feed removes its articles', () => {
    const { feeds, articles } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss' }, NOW);
    articles.storeFeedItems({ id: feed.id, title: 'A' }, [makeItem({ identity: '1' })], NOW);
    expect(feeds.remove(feed.id)).toBe(true);
    expect(articles.count()).toBe(0);
    expect(feeds.list()).toEqual([]);
  });
});

describe('FeedStore', () => {
  it('adds once per URL and reports health after success and failure', () => {
    const { feeds } = setup();
    const feed = feeds.add({ url: 'https://a.example/rss', folder: ['IT', '국내'] }, NOW);
    expect(feeds.add({ url: 'https://a.example/rss' }, NOW).id).toBe(feed.id);
    expect(feed).toMatchObject({ displayTitle: 'a.example', folder: ['IT', '국내'], enabled: true, intervalMinutes: 10, nextDueAt: 0 });
    expect(feeds.due(NOW).map((f) => f.id)).toEqual([feed.id]);

    feeds.recordOutcome(feed.id, {
      kind: 'error',
      at: NOW,
      nextDueAt: NOW + 600_000,
      code: 'error.http_not_found',
      message: '피드를 찾을 수 없습니다 (404).',
      detail: 'HTTP 404 from https://a.example/rss',
    });
    feeds.recordOutcome(feed.id, {
      kind: 'error',
      at: NOW,
      nextDueAt: NOW + 1_200_000,
      code: 'error.http_not_found',
      message: 'x',
      detail: 'y',
    });
    expect(feeds.get(feed.id)).toMatchObject({
      lastStatus: 'error',
      consecutiveFailures: 2,
      lastErrorCode: 'error.http_not_found',
      nextDueAt: NOW + 1_200_000,
    });
    expect(feeds.due(NOW)).toEqual([]);

    feeds.recordOutcome(feed.id, {
      kind: 'ok',
      at: NOW + 1,
      nextDueAt: NOW + 600_001,
      etag: '"abc"',
      lastModified: 'Sat, 28 Nov 2026 03:00:00 GMT',
      title: '전자신문 속보',
      format: 'rss',
      encoding: 'cp949',
      ttlMinutes: 30,
    });
    expect(feeds.get(feed.id)).toMatchObject({
      displayTitle: '전자신문 속보',
      lastStatus: 'ok',
      consecutiveFailures: 0,
      lastError: null,
      etag: '"abc"',
      encoding: 'cp949',
      ttlMinutes: 30,
    });
    feeds.update(feed.id, { customTitle: 'ET', enabled: false });
    expect(feeds.get(feed.id)).toMatchObject({ displayTitle: 'ET', enabled: false });
    expect(feeds.due(NOW + 10 ** 9)).toEqual([]);
  });
});

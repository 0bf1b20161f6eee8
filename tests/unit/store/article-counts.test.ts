/**
 * feeds.article_count (migration 9): the feed list reads it instead of counting every feed's
 * articles. It must always say what a count would: after inserts, re-polls, updates, retention,
 * a removed feed, news-search articles (no feed), and on a database upgraded from before.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleStore } from '../../../main/store/articles';
import { openDatabase, type Db } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { MIGRATIONS, migrate } from '../../../main/store/migrations';
import { pruneOldArticles } from '../../../main/store/retention';
import { makeItem } from '../../helpers/items';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

/** What the feed list says next to what counting the articles says, per feed. */
function countsOf(db: Db, feeds: FeedStore): { listed: Record<number, number>; counted: Record<number, number> } {
  const listed = Object.fromEntries(feeds.list().map((feed) => [feed.id, feed.articleCount]));
  const counted = Object.fromEntries(
    feeds.list().map((feed) => [feed.id, db.prepare(`SELECT count(*) FROM articles WHERE feed_id = ?`).pluck().get(feed.id) as number]),
  );
  return { listed, counted };
}

describe('the feed list’s article counts', () => {
  it('follow inserts, re-polls, changed items, retention and search articles', () => {
    const db = openDatabase(join(tempDir(), 'counts.sqlite'));
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    const a = feeds.add({ url: 'https://a.example/rss', title: '전자신문' }, NOW);
    const b = feeds.add({ url: 'https://b.example/rss', title: '블로터' }, NOW);

    const old = Array.from({ length: 3 }, (_, i) => makeItem({ identity: `old-${i}`, publishedAt: NOW - 100 * DAY }));
    const fresh = Array.from({ length: 4 }, (_, i) => makeItem({ identity: `new-${i}`, publishedAt: NOW - DAY }));
    articles.storeFeedItems({ id: a.id, title: '전자신문' }, old, NOW - 100 * DAY);
    articles.storeFeedItems({ id: a.id, title: '전자신문' }, fresh, NOW);
    articles.storeFeedItems({ id: b.id, title: '블로터' }, fresh, NOW);
    expect(countsOf(db, feeds).listed).toEqual({ [a.id]: 7, [b.id]: 4 });

    // The same items again, one of them changed: nothing new.
    const changed = makeItem({ identity: 'new-0', publishedAt: NOW - DAY, title: '고친 제목' });
    expect(articles.storeFeedItems({ id: a.id, title: '전자신문' }, [changed, ...fresh.slice(1)], NOW).inserted).toBe(0);
    // Found by news search: no feed's article.
    articles.storeSearchItems('naver', [{ item: makeItem({ identity: 'search-1' }), sourceTitle: '연합뉴스', outlet: null }], NOW);
    expect(countsOf(db, feeds).listed).toEqual({ [a.id]: 7, [b.id]: 4 });

    // Retention takes the three old ones of feed a.
    expect(pruneOldArticles(db, NOW, 90)).toBe(3);
    const after = countsOf(db, feeds);
    expect(after.listed).toEqual({ [a.id]: 4, [b.id]: 4 });
    expect(after.listed).toEqual(after.counted);

    // Removing feed a leaves b's count alone.
    feeds.remove(a.id);
    expect(countsOf(db, feeds).listed).toEqual({ [b.id]: 4 });
    db.close();
  });

  it('are counted once when an older database is upgraded', () => {
    const path = join(tempDir(), 'v8.sqlite');
    // A database of schema 8, with articles written before anything counted them.
    const raw = new Database(path);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 8),
    );
    raw.exec(`INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://a.example/rss', 0), (2, 'https://b.example/rss', 0)`);
    const insert = raw.prepare(
      `INSERT INTO articles (feed_id, source_title, identity, title, first_seen_at, sort_at, updated_at, text, raw_html, content_hash)
       VALUES (?, 'x', ?, 't', 0, 0, 0, '', '', 'h')`,
    );
    for (let i = 0; i < 5; i++) insert.run(1, `a-${i}`);
    insert.run(2, 'b-0');
    raw.close();

    const db = openDatabase(path);
    const feeds = new FeedStore(db);
    expect(countsOf(db, feeds).listed).toEqual({ 1: 5, 2: 1 });
    db.close();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORY_WINDOW_MS, StoryIndex } from '../../../main/stories/story-index';
import { titleFeatures } from '../../../main/stories/story-similarity';
import { ArticleStore, storyIndexFromDatabase } from '../../../main/store/articles';
import { openDatabase } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { makeItem } from '../../helpers/items';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
const HOUR = 3600_000;

function indexWith(titles: Array<[articleId: number, storyId: number, title: string, sortAt?: number]>, now = NOW): StoryIndex {
  const index = new StoryIndex();
  for (const [articleId, storyId, title, sortAt] of titles) index.add(articleId, storyId, titleFeatures(title), sortAt ?? now, now);
  return index;
}

describe('StoryIndex', () => {
  it('finds the story a near-identical headline belongs to, and none for a look-alike', () => {
    const index = indexWith([
      [1, 1, '[단독]카카오브레인 김일두 대표 사임'],
      [2, 2, '카카오뱅크 대표 사임'],
      [3, 3, '삼성전자 3분기 실적 발표'],
    ]);
    expect(index.find(titleFeatures('카카오브레인 김일두 대표 사임…"새로운 도전" - ZDNet Korea'), NOW, NOW)?.storyId).toBe(1);
    expect(index.find(titleFeatures('카카오뱅크 대표 사임 | 블로터'), NOW, NOW)?.storyId).toBe(2);
    expect(index.find(titleFeatures('삼성전자 4분기 실적 발표'), NOW, NOW)).toBeUndefined();
    expect(index.find(titleFeatures('네이버 CEO 선임'), NOW, NOW)).toBeUndefined();
  });

  it('answers with the story of the best-scoring title, the earliest article on a tie', () => {
    const index = indexWith([
      [10, 10, '카카오브레인 대표 사임 후임 미정 이사회 개최'],
      [11, 11, '카카오브레인 김일두 대표 사임'],
      [12, 12, '카카오브레인 김일두 대표 사임'],
    ]);
    const match = index.find(titleFeatures('카카오브레인 김일두 대표 사임'), NOW, NOW);
    expect(match).toMatchObject({ storyId: 11, articleId: 11, score: 1 });
  });

  it('groups only titles at most 48 hours apart by sort time', () => {
    const index = indexWith([[1, 1, '카카오브레인 대표 사임', NOW - 47 * HOUR]]);
    expect(index.find(titleFeatures('카카오브레인 대표 사임'), NOW, NOW)?.storyId).toBe(1);
    // A query dated far from the indexed one: apart, even though both are in the window of "now".
    expect(index.find(titleFeatures('카카오브레인 대표 사임'), NOW + 2 * HOUR, NOW + 2 * HOUR)).toBeUndefined();
    expect(index.find(titleFeatures('카카오브레인 대표 사임'), NOW - 49 * HOUR, NOW)).toBeUndefined();
  });

  it('neither indexes nor matches articles older than the window, and sweeps expired ones', () => {
    const index = new StoryIndex();
    index.add(1, 1, titleFeatures('카카오브레인 대표 사임'), NOW - STORY_WINDOW_MS - 1, NOW);
    expect(index.size).toBe(0);
    for (let i = 0; i < 100; i++) index.add(100 + i, 100 + i, titleFeatures(`기사 ${i}번 카카오 소식`), NOW - 40 * HOUR, NOW);
    index.add(500, 500, titleFeatures('네이버 하이퍼클로바X 공개'), NOW, NOW);
    expect(index.size).toBe(101);
    // Ten hours later the 100 old titles are past the window (and its slack): a query sweeps them.
    const later = NOW + 10 * HOUR;
    expect(index.find(titleFeatures('네이버, 하이퍼클로바X 공개'), later, later)?.storyId).toBe(500);
    expect(index.size).toBe(1);
  });

  it('forgets a removed article (a rolled-back transaction)', () => {
    const index = indexWith([[1, 1, '카카오브레인 대표 사임']]);
    index.remove(1);
    expect(index.find(titleFeatures('카카오브레인 대표 사임'), NOW, NOW)).toBeUndefined();
    expect(index.size).toBe(0);
  });

  it('still finds a duplicate when most of its features are very common in the index', () => {
    // 2 000 recent titles all carrying "대표 사임": those features are skipped as too common,
    // the rarer ones (the company name) still find the story.
    const titles: Array<[number, number, string]> = [];
    for (let i = 0; i < 2000; i++) titles.push([i + 1, i + 1, `회사${i}호 대표 사임`]);
    titles.push([5000, 5000, '카카오브레인 김일두 대표 사임']);
    const index = indexWith(titles);
    expect(index.find(titleFeatures('카카오브레인 김일두 대표 사임 - 전자신문'), NOW, NOW)?.storyId).toBe(5000);
    expect(index.find(titleFeatures('카카오뱅크 대표 사임'), NOW, NOW)).toBeUndefined();
  });

  it('is rebuilt from the database with the alerted articles of the last 48 hours', () => {
    const db = openDatabase(join(tempDir(), 'nunchi.sqlite'));
    const feeds = new FeedStore(db);
    const feed = feeds.add({ url: 'https://a.example/rss', title: '전자신문' }, NOW);
    new ArticleStore(db).storeFeedItems(
      { id: feed.id, title: '전자신문' },
      [
        makeItem({ identity: 'old', title: '네이버 하이퍼클로바X 공개', publishedAt: NOW - 60 * HOUR }),
        makeItem({ identity: 'new', title: '카카오브레인 김일두 대표 사임', publishedAt: NOW - 2 * HOUR }),
      ],
      NOW,
    );
    // Only articles with an alert take part in grouping by title.
    expect(storyIndexFromDatabase(db, NOW).size).toBe(0);
    db.prepare(`INSERT INTO watchlists (name, color, query, created_at, updated_at) VALUES ('w', '#000000', 'x', 0, 0)`).run();
    db.prepare(
      `INSERT INTO alerts (article_id, watchlist_id, watchlist_name, watchlist_color, story_id, spans, origin, created_at)
       SELECT id, 1, 'w', '#000000', story_id, '[]', 'live', 0 FROM articles`,
    ).run();
    const index = storyIndexFromDatabase(db, NOW);
    expect(index.size).toBe(1);
    const story = new ArticleStore(db).listByFeed(feed.id).find((a) => a.identity === 'new')!.storyId;
    expect(index.find(titleFeatures('[속보] 카카오브레인 김일두 대표 사임'), NOW, NOW)?.storyId).toBe(story);
    expect(index.find(titleFeatures('네이버, 하이퍼클로바X 공개'), NOW - 59 * HOUR, NOW)).toBeUndefined();
    db.close();
  });
});

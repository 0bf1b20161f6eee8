/**
 * One story, one group (issue 4): several outlets carrying the same news under different links and
 * slightly different headlines get one story id; look-alike headlines and articles more than 48 hours
 * apart do not. Against a real database, and through the real engine and a real local feed server.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { ArticleStore, storyIndexFromDatabase } from '../../main/store/articles';
import { openDatabase, type Db } from '../../main/store/database';
import { FeedStore } from '../../main/store/feeds';
import { useEngines, useFeedServer } from '../helpers/harness';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';
import { engineInternals } from '../../main/engine/internals';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0); // 12:00 KST
const HOUR = 3600_000;
const { serveRss: serve } = useFeedServer();
const engines = useEngines();

function openEngine(databasePath: string, now: number): Engine {
  return engines.open({ databasePath, processing: 'in-process', now: () => now });
}

function storyOf(engine: Engine, title: string): number {
  const row = engineInternals(engine).db.prepare(`SELECT story_id FROM articles WHERE title = ?`).get(title) as
    { story_id: number } | undefined;
  if (!row) throw new Error(`no article titled ${title}`);
  return row.story_id;
}

describe('story grouping through the engine', () => {
  it("gives three outlets' reports of one resignation one story, and keeps it across a restart", async () => {
    const databasePath = join(tempDir(), 'nunchi.sqlite');
    const etnews = serve('/etnews.xml', '전자신문', [
      {
        guid: 'et-1',
        title: '[단독]카카오브레인 김일두 대표 사임',
        link: 'https://www.etnews.com/20261128000101',
        pubDate: '2026-11-28 10:05',
        description: '카카오의 AI 자회사 카카오브레인 김일두 대표가 사임했다.',
      },
      {
        guid: 'et-2',
        title: '카카오뱅크 대표 사임',
        link: 'https://www.etnews.com/20261128000102',
        pubDate: '2026-11-28 09:40',
        description: '카카오뱅크 대표가 물러난다.',
      },
    ]);
    const zdnet = serve('/zdnet.xml', 'ZDNet Korea', [
      {
        guid: 'zd-1',
        title: '카카오브레인 김일두 대표 사임…"새로운 도전" - ZDNet Korea',
        link: 'https://zdnet.co.kr/view/?no=20261128101530',
        pubDate: '2026-11-28 10:15',
        description: '김일두 대표가 회사를 떠난다.',
      },
      {
        guid: 'zd-2',
        title: '삼성전자 3분기 실적 발표',
        link: 'https://zdnet.co.kr/view/?no=20261128090000',
        pubDate: '2026-11-28 09:00',
        description: '실적',
      },
    ]);
    const bloter = serve('/bloter.xml', '블로터', [
      {
        guid: 'bl-1',
        title: '카카오브레인 대표 사임 | 블로터',
        link: 'https://www.bloter.net/news/articleView.html?idxno=620001',
        pubDate: '2026-11-28 10:32',
        description: '카카오브레인 대표가 사임했다.',
      },
      {
        guid: 'bl-2',
        title: '삼성전자 4분기 실적 발표',
        link: 'https://www.bloter.net/news/articleView.html?idxno=620002',
        pubDate: '2026-11-28 09:10',
        description: '실적',
      },
    ]);

    const engine = openEngine(databasePath, NOW);
    // Title grouping is for articles that raise alerts (see ArticleStore.storeFeedItems).
    engine.watchlists.create({ name: '감시', query: '카카오브레인 OR 카카오뱅크 OR 삼성전자' });
    for (const url of [etnews, zdnet, bloter]) engineInternals(engine).feeds.add({ url }, NOW);
    await engine.poll({ all: true });

    const story = storyOf(engine, '[단독]카카오브레인 김일두 대표 사임');
    expect(storyOf(engine, '카카오브레인 김일두 대표 사임…"새로운 도전" - ZDNet Korea')).toBe(story);
    expect(storyOf(engine, '카카오브레인 대표 사임 | 블로터')).toBe(story);
    expect(
      engineInternals(engine)
        .articles.listByStory(story)
        .map((a) => a.sourceTitle)
        .sort(),
    ).toEqual(['ZDNet Korea', '블로터', '전자신문']);
    // The look-alikes are stories of their own.
    expect(storyOf(engine, '카카오뱅크 대표 사임')).not.toBe(story);
    expect(storyOf(engine, '삼성전자 3분기 실적 발표')).not.toBe(storyOf(engine, '삼성전자 4분기 실적 발표'));
    await engine.close();

    // A restart rebuilds the index from the database: a fourth outlet an hour later joins the story.
    const later = NOW + HOUR;
    const yonhap = serve('/yonhap.xml', '연합뉴스', [
      {
        guid: 'yh-1',
        title: '(1보) 카카오브레인 김일두 대표 사임',
        link: 'https://www.yna.co.kr/view/AKR20261128071000017',
        pubDate: '2026-11-28 12:30',
        description: '카카오브레인 대표 사임.',
      },
    ]);
    const reopened = openEngine(databasePath, later);
    engineInternals(reopened).feeds.add({ url: yonhap }, later);
    await reopened.poll({ all: true });
    expect(storyOf(reopened, '(1보) 카카오브레인 김일두 대표 사임')).toBe(story);
    expect(engineInternals(reopened).articles.listByStory(story)).toHaveLength(4);
  });
});

describe('story grouping in the store (real database)', () => {
  function setup(): { db: Db; articles: ArticleStore; feed: (title: string) => { id: number; title: string } } {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const feeds = new FeedStore(db);
    let n = 0;
    return {
      db,
      articles: new ArticleStore(db, storyIndexFromDatabase(db, NOW)),
      feed: (title) => ({ id: feeds.add({ url: `https://feed${n++}.example/rss`, title }, NOW).id, title }),
    };
  }
  const storyIds = (db: Db) =>
    new Map(
      (db.prepare(`SELECT identity, story_id FROM articles`).all() as Array<{ identity: string; story_id: number }>).map((r) => [
        r.identity,
        r.story_id,
      ]),
    );

  it('keeps look-alike headlines apart', () => {
    const { db, articles, feed } = setup();
    const pairs = [
      ['카카오브레인 대표 사임', '카카오뱅크 대표 사임'],
      ['삼성전자 3분기 실적 발표', '삼성전자 4분기 실적 발표'],
      ['네이버 CEO 사임', '네이버 CEO 선임'],
    ];
    const a = feed('전자신문');
    const b = feed('ZDNet Korea');
    pairs.forEach(([x, y], i) => {
      articles.storeFeedItems(
        a,
        [
          makeItem({
            identity: `a${i}`,
            title: x,
            link: `https://etnews.example/${i}`,
            canonicalLink: `https://etnews.example/${i}`,
            publishedAt: NOW - HOUR,
          }),
        ],
        NOW,
      );
      articles.storeFeedItems(
        b,
        [
          makeItem({
            identity: `b${i}`,
            title: y,
            link: `https://zdnet.example/${i}`,
            canonicalLink: `https://zdnet.example/${i}`,
            publishedAt: NOW - HOUR,
          }),
        ],
        NOW,
      );
    });
    const ids = storyIds(db);
    pairs.forEach((_, i) => expect(ids.get(`a${i}`)).not.toBe(ids.get(`b${i}`)));
    expect(new Set(ids.values()).size).toBe(6);
  });

  it('keeps the same headline apart when the articles are more than 48 hours apart', () => {
    const { db, articles, feed } = setup();
    const a = feed('전자신문');
    const b = feed('블로터');
    const c = feed('ZDNet Korea');
    articles.storeFeedItems(a, [makeItem({ identity: 'old', title: '카카오브레인 대표 사임', publishedAt: NOW - 47 * HOUR })], NOW);
    articles.storeFeedItems(
      b,
      [makeItem({ identity: 'near', title: '카카오브레인 대표 사임 | 블로터', publishedAt: NOW - 46 * HOUR })],
      NOW,
    );
    // Three days later: the same words are a new story (the old one left the window).
    const later = NOW + 72 * HOUR;
    articles.storeFeedItems(c, [makeItem({ identity: 'far', title: '카카오브레인 대표 사임', publishedAt: later - HOUR })], later);
    const ids = storyIds(db);
    expect(ids.get('near')).toBe(ids.get('old'));
    expect(ids.get('far')).not.toBe(ids.get('old'));
  });

  it('groups by canonical link first, and by title the articles that only share a headline', () => {
    const { db, articles, feed } = setup();
    const a = feed('전자신문');
    const b = feed('다음뉴스');
    const c = feed('블로터');
    const link = 'https://www.etnews.com/20261128000101';
    articles.storeFeedItems(
      a,
      [makeItem({ identity: 'x', title: '카카오브레인 김일두 대표 사임', canonicalLink: link, publishedAt: NOW - HOUR })],
      NOW,
    );
    articles.storeFeedItems(
      b,
      [makeItem({ identity: 'y', title: '전혀 다른 제목의 재전송 기사', canonicalLink: link, publishedAt: NOW - HOUR })],
      NOW,
    );
    articles.storeFeedItems(
      c,
      [
        makeItem({
          identity: 'z',
          title: '카카오브레인 대표 사임 - 블로터',
          canonicalLink: 'https://www.bloter.net/1',
          publishedAt: NOW - HOUR,
        }),
      ],
      NOW,
    );
    const ids = storyIds(db);
    expect(ids.get('y')).toBe(ids.get('x'));
    expect(ids.get('z')).toBe(ids.get('x'));
  });

  it('forgets the titles of a rolled-back transaction', () => {
    const { db, articles, feed } = setup();
    const a = feed('전자신문');
    const b = feed('블로터');
    // Ids are reused after a rollback: the lost title is the second of its batch, so a stale index
    // entry would hand the next article (given the first id again) a story id that does not exist.
    expect(() =>
      articles.storeFeedItems(
        a,
        [
          makeItem({ identity: 'filler', title: '네이버 하이퍼클로바X 공개', publishedAt: NOW - HOUR }),
          makeItem({ identity: 'lost', title: '카카오브레인 대표 사임', publishedAt: NOW - HOUR }),
        ],
        NOW,
        (stored) => {
          if (stored.item.identity === 'lost') throw new Error('matcher failed');
        },
      ),
    ).toThrow('matcher failed');
    articles.storeFeedItems(b, [makeItem({ identity: 'kept', title: '카카오브레인 대표 사임', publishedAt: NOW - HOUR })], NOW);
    const ids = storyIds(db);
    expect(ids.has('lost')).toBe(false);
    // Its own story, not the id of an article that was never written.
    const kept = db.prepare(`SELECT id, story_id FROM articles WHERE identity = 'kept'`).get() as { id: number; story_id: number };
    expect(kept.story_id).toBe(kept.id);
  });
});

import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../../main/store/articles';
import { openDatabase, type Db } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { indexAllPending } from '../../../main/store/fts-indexer';
import { searchArticles } from '../../../main/store/search';
import { searchTerms } from '../../../main/store/search-text';
import { makeItem } from '../../helpers/items';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

let db: Db;
let articles: ArticleStore;
let feedId: number;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'search.sqlite'));
  articles = new ArticleStore(db);
  feedId = new FeedStore(db).add({ url: 'https://a.example/rss' }, NOW).id;
  articles.storeFeedItems(
    { id: feedId, title: '블로터' },
    [
      makeItem({ identity: '1', title: '카카오브레인 대표 퇴사', text: '김일두 대표가 회사를 떠난다.', publishedAt: NOW - 3000 }),
      makeItem({ identity: '2', title: '네이버 클라우드 AI 반도체', text: '퇴근길 뉴스: 하이퍼클로바X 2.0 공개', publishedAt: NOW - 2000 }),
      makeItem({
        identity: '3',
        title: 'ＫｏＧＰＴ 업데이트',
        text: '카카오브레인이 KoGPT 2.0을 발표했다. 카카오브레인 카카오브레인',
        publishedAt: NOW - 1000,
      }),
      makeItem({ identity: '4', title: '삼성전자 실적', text: '퇴사자 증가와 인력 이동', publishedAt: NOW }),
    ],
    NOW,
  );
});

/** The identity of the article a result shows (a result carries only what it shows: see SearchHit). */
const identityOf = (hit: { id: number }) => db.prepare(`SELECT identity FROM articles WHERE id = ?`).pluck().get(hit.id) as string;
const titles = (query: string, sort: 'relevance' | 'date' = 'date') => searchArticles(db, { query, sort }).items.map(identityOf);

describe('searchArticles', () => {
  for (const indexed of [false, true]) {
    describe(indexed ? 'after the indexer ran' : 'before the indexer ran (queued articles)', () => {
      beforeEach(() => {
        if (indexed) expect(indexAllPending(db)).toBe(4);
      });

      it('finds 3+ character terms', () => expect(titles('카카오브레인')).toEqual(['3', '1']));
      it('finds 2-character Korean words (trigram cannot)', () => expect(titles('퇴사')).toEqual(['4', '1']));
      it('does not confuse 퇴근 with 퇴사', () => expect(titles('퇴근')).toEqual(['2']));
      it('ANDs terms, mixing short and long', () => expect(titles('퇴사 카카오브레인')).toEqual(['1']));
      it('folds full-width and case (NFKC)', () => expect(titles('kogpt')).toEqual(['3']));
      it('treats FTS syntax in user input as text', () => {
        for (const q of ['2.0', '"', 'AND', 'OR NOT', '*', '카카오 AND (', 'title:x', '^', 'NEAR(a b)', "'", '-']) {
          expect(() => searchArticles(db, { query: q })).not.toThrow();
        }
        expect(titles('2.0')).toEqual(['3', '2']);
      });
      it('quoted phrases stay whole', () => expect(titles('"대표가 회사를"')).toEqual(['1']));
    });
  }

  it('ranks by relevance once indexed: a title hit above body mentions, then by frequency', () => {
    indexAllPending(db);
    expect(titles('카카오브레인', 'relevance')).toEqual(['1', '3']);
    expect(titles('카카오브레인', 'date')).toEqual(['3', '1']);
  });

  it('an indexed term reads what the index names and the queue, never every stored article', () => {
    indexAllPending(db);
    // The statements searchArticles prepares (rank and count the hits, then read the page's
    // articles), each then explained: no plan may walk the articles table.
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = Object.assign(Object.create(db) as Db, { prepare: (sql: string) => (statements.push(sql), prepare(sql)) });
    expect(searchArticles(spy, { query: '카카오브레인' }).total).toBe(2);
    expect(statements).toHaveLength(2);
    for (const sql of statements) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ t0: 'x', match: '"x"', limit: 1, offset: 0, ids: '[1]' }) as Array<{
        detail: string;
      }>;
      expect(plan.map((step) => step.detail)).not.toContain('SCAN a');
    }
  });

  it('ranks indexed hits by relevance from the index alone: only the articles of the page are read', () => {
    indexAllPending(db);
    // In a new process each article row read is a page read (~28 ms for 1 253 hits among 50 000).
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = Object.assign(Object.create(db) as Db, { prepare: (sql: string) => (statements.push(sql), prepare(sql)) });
    expect(searchArticles(spy, { query: '카카오브레인' }).items.map(identityOf)).toEqual(['1', '3']);
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${statements[0]!}`).all({ t0: 'x', match: '"x"', limit: 1, offset: 0 }) as Array<{ detail: string }>
    ).map((step) => step.detail);
    // The queue of articles not yet indexed is read with their rows (it is scanned); the hits are not.
    expect(plan.filter((detail) => /^(SEARCH|SCAN) a\b/.test(detail))).toEqual(['SEARCH a USING INTEGER PRIMARY KEY (rowid=?)']);
    expect(plan.join('\n')).toMatch(/SCAN p\nSEARCH a USING INTEGER PRIMARY KEY/);
  });

  it('a result carries what it shows, never the body HTML', () => {
    const html = `<figure><img src="https://img.example/1.jpg"></figure>${'<p>광고 <a href="https://ad.example">링크</a></p>'.repeat(2000)}`;
    articles.storeFeedItems(
      { id: feedId, title: '전자신문' },
      [
        makeItem({
          identity: '5',
          title: '오픈AI 발표',
          text: '오픈AI가 새 모델을 공개했다.',
          link: 'https://e.kr/5',
          rawHtml: html,
          publishedAt: NOW,
        }),
      ],
      NOW,
    );
    const [hit] = searchArticles(db, { query: '오픈AI' }).items;
    expect(hit).toEqual({
      id: expect.any(Number) as number,
      feedId,
      sourceTitle: '전자신문',
      title: '오픈AI 발표',
      link: 'https://e.kr/5',
      sortAt: NOW,
      publishedAt: NOW,
      text: '오픈AI가 새 모델을 공개했다.',
    });
  });

  it('paginates with a stable total', () => {
    const first = searchArticles(db, { query: '퇴', sort: 'date', limit: 1, offset: 0 });
    const second = searchArticles(db, { query: '퇴', sort: 'date', limit: 1, offset: 1 });
    expect(first.total).toBe(3);
    expect(second.total).toBe(3);
    expect([identityOf(first.items[0]!), identityOf(second.items[0]!)]).toEqual(['4', '2']);
    // A page past the end: no article, and still the total.
    expect(searchArticles(db, { query: '퇴', sort: 'date', limit: 1, offset: 10 })).toMatchObject({ total: 3, items: [] });
  });

  it('re-indexes a changed article and forgets the old words', () => {
    indexAllPending(db);
    articles.storeFeedItems(
      { id: feedId, title: '블로터' },
      [makeItem({ identity: '2', title: '엔비디아 신제품', text: '새 GPU' })],
      NOW + 1,
    );
    indexAllPending(db);
    expect(titles('네이버')).toEqual([]);
    expect(titles('엔비디아')).toEqual(['2']);
  });

  it('an empty query finds nothing rather than everything', () => {
    expect(searchArticles(db, { query: '   ' })).toMatchObject({ total: 0, items: [] });
  });

  it('splits terms and keeps quoted phrases', () => {
    expect(searchTerms('카카오  "오픈 AI"  KoGPT')).toEqual(['카카오', '오픈 ai', 'kogpt']);
  });
});

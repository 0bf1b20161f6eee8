/**
 * Where matching happens (issue 3): live alerts in the poll's transaction, no duplicates on a
 * re-poll, retroactive application of new and edited watchlists, deletion keeping or deleting
 * alerts, the preview, feed scope and mute terms — against a real database and a real feed server.
 */
import { formatMessage } from '../../shared/messages';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { useEngines, useFeedServer } from '../helpers/harness';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';
import { engineInternals } from '../../main/engine/internals';

const tempDir = useTempDir();
let clock = Date.UTC(2026, 10, 28, 3, 0, 0);
const { serveRss: serve } = useFeedServer();
const engines = useEngines();

function newEngine(): Engine {
  return engines.open({ databasePath: join(tempDir(), 'nunchi.sqlite'), processing: 'in-process', now: () => clock });
}

const kakao = {
  guid: 'k1',
  title: '카카오브레인 대표 퇴사',
  link: 'https://www.etnews.com/1',
  description: '김일두 대표가 회사를 떠난다.',
};
const naver = {
  guid: 'n1',
  title: '네이버 하이퍼클로바X 공개',
  link: 'https://www.etnews.com/2',
  description: '네이버가 새 모델을 공개했다. KoGPT와 경쟁.',
};
const commute = { guid: 'c1', title: '퇴근길 IT 뉴스', link: 'https://www.etnews.com/3', description: '오늘의 소식' };

async function pollTwice(engine: Engine, url: string) {
  const feed = engineInternals(engine).feeds.add({ url }, clock);
  // The first poll of a feed is its backlog; later polls are live.
  await engine.poll({ all: true });
  return feed;
}

describe('matching inside the poll', () => {
  it('writes one alert per (article, watchlist) in the store transaction, never twice', async () => {
    const engine = newEngine();
    const kogpt = engine.watchlists.create({ name: 'KoGPT', query: '카카오브레인 OR KoGPT' });
    const quit = engine.watchlists.create({ name: '퇴사', query: '퇴사' });
    const url = serve('/live.xml', '전자신문', [kakao]);
    await pollTwice(engine, url);
    const first = engineInternals(engine).alerts.count();
    expect(first).toBe(2); // 카카오브레인 → KoGPT list; 퇴사 → 퇴사 list
    expect(engineInternals(engine).alerts.listForWatchlist(kogpt.id)[0]!.origin).toBe('backfill'); // first poll = backlog

    serve('/live.xml', '전자신문', [kakao, naver, commute]);
    clock += 600_000;
    const summary = await engine.poll({ all: true });
    expect(summary.newAlerts).toBe(1); // naver mentions KoGPT; 퇴근 is not 퇴사
    expect(
      engineInternals(engine)
        .alerts.listForWatchlist(kogpt.id)
        .map((a) => a.origin)
        .sort(),
    ).toEqual(['backfill', 'live']);
    expect(engineInternals(engine).alerts.listForWatchlist(quit.id)).toHaveLength(1);

    clock += 600_000;
    await engine.poll({ all: true });
    expect(engineInternals(engine).alerts.count()).toBe(3);
  });

  it('keeps the spans of the words that matched, in the original text', async () => {
    const engine = newEngine();
    const w = engine.watchlists.create({ name: 'KoGPT', query: 'KoGPT' });
    await pollTwice(engine, serve('/spans.xml', '블로터', [naver]));
    const [alert] = engineInternals(engine).alerts.listForWatchlist(w.id);
    const article = engineInternals(engine).articles.get(alert!.articleId)!;
    expect(alert!.spans.map((s) => (s.field === 'title' ? article.title : article.text).slice(s.start, s.end))).toEqual(['KoGPT']);
  });
});

describe('retroactive watchlists', () => {
  it('applies a new watchlist to stored articles in the background, as backfill', async () => {
    const engine = newEngine();
    await pollTwice(engine, serve('/retro.xml', '전자신문', [kakao, naver, commute]));
    expect(engineInternals(engine).alerts.count()).toBe(0);
    const w = engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    expect(engine.watchlists.get(w.id)!.backfilling).toBe(true);
    await engine.whenIdle();
    expect(engine.watchlists.get(w.id)!.backfilling).toBe(false);
    const alerts = engineInternals(engine).alerts.listForWatchlist(w.id);
    expect(alerts.map((a) => a.origin)).toEqual(['backfill']);
    expect(engineInternals(engine).articles.get(alerts[0]!.articleId)!.title).toBe('카카오브레인 대표 퇴사');
  });

  it('an edit keeps the alerts already raised and adds what the new query finds', async () => {
    const engine = newEngine();
    await pollTwice(engine, serve('/edit.xml', '전자신문', [kakao, naver, commute]));
    const w = engine.watchlists.create({ name: 'AI', query: '카카오브레인' });
    await engine.whenIdle();
    engine.watchlists.update(w.id, { query: 'KoGPT' });
    await engine.whenIdle();
    const titles = engineInternals(engine)
      .alerts.listForWatchlist(w.id)
      .map((a) => engineInternals(engine).articles.get(a.articleId)!.title)
      .sort();
    expect(titles).toEqual(['네이버 하이퍼클로바X 공개', '카카오브레인 대표 퇴사']);
    // A rename changes nothing about matching: no new pass.
    const revision = engine.watchlists.get(w.id)!.revision;
    engine.watchlists.update(w.id, { name: '생성형 AI' });
    expect(engine.watchlists.get(w.id)!.revision).toBe(revision);
  });

  it('deleting a watchlist keeps or deletes its alerts, as asked', async () => {
    const engine = newEngine();
    await pollTwice(engine, serve('/delete.xml', '전자신문', [kakao, naver]));
    const keep = engine.watchlists.create({ name: '남길 목록', query: '카카오브레인', color: '#112233' });
    const drop = engine.watchlists.create({ name: '지울 목록', query: '네이버' });
    await engine.whenIdle();
    engine.watchlists.remove(keep.id, 'keep');
    engine.watchlists.remove(drop.id, 'delete');
    const rows = engineInternals(engine).db.prepare(`SELECT watchlist_id, watchlist_name, watchlist_color FROM alerts`).all();
    expect(rows).toEqual([{ watchlist_id: null, watchlist_name: '남길 목록', watchlist_color: '#112233' }]);
  });

  it('respects feed scope and mute terms', async () => {
    const engine = newEngine();
    const a = engineInternals(engine).feeds.add({ url: serve('/scope-a.xml', '전자신문', [kakao]), folder: ['IT', '국내'] }, clock);
    engineInternals(engine).feeds.add(
      { url: serve('/scope-b.xml', '블로터', [{ ...kakao, guid: 'b', link: 'https://www.bloter.net/1' }]) },
      clock,
    );
    await engine.poll({ all: true });
    const scoped = engine.watchlists.create({ name: '범위', query: '카카오브레인', feedScope: { feedIds: [], folders: [['IT']] } });
    const muted = engine.watchlists.create({ name: '음소거', query: '카카오브레인', muteTerms: ['김일두'] });
    await engine.whenIdle();
    expect(
      engineInternals(engine)
        .alerts.listForWatchlist(scoped.id)
        .map((x) => engineInternals(engine).articles.get(x.articleId)!.feedId),
    ).toEqual([a.id]);
    expect(engineInternals(engine).alerts.listForWatchlist(muted.id)).toEqual([]);
  });
});

describe('preview', () => {
  it('returns the matching articles of the last 30 days, with highlights and a count', async () => {
    const engine = newEngine();
    const old = { guid: 'old', title: '카카오브레인 옛 기사', pubDate: new Date(clock - 40 * 86400_000).toUTCString() };
    await pollTwice(engine, serve('/preview.xml', '전자신문', [kakao, naver, commute, old]));
    const result = await engine.preview({ query: '카카오브레인 OR KoGPT' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.count).toBe(2);
    expect(result.items.map((i) => i.article.title).sort()).toEqual(['네이버 하이퍼클로바X 공개', '카카오브레인 대표 퇴사']);
    const hit = result.items.find((i) => i.article.title.startsWith('카카오'))!;
    expect(hit.spans).toContainEqual({ field: 'title', start: 0, end: 6 });
    // Nothing was saved.
    expect(engine.watchlists.list()).toEqual([]);
  });

  it('finds 2-character Korean words and spaced Hangul through the pre-filter', async () => {
    const engine = newEngine();
    const spaced = { guid: 's', title: '카카오 브레인, 새 모델 공개', link: 'https://www.etnews.com/9' };
    await pollTwice(engine, serve('/preview2.xml', '전자신문', [kakao, naver, commute, spaced]));
    await engine.whenIdle(); // indexed: the pre-filter goes through the trigram index
    const quit = await engine.preview({ query: '퇴사' });
    expect(quit.ok && quit.items.map((i) => i.article.title)).toEqual(['카카오브레인 대표 퇴사']);
    const brain = await engine.preview({ query: '카카오브레인' });
    expect(brain.ok && brain.count).toBe(2);
    const exact = await engine.preview({ query: '"카카오브레인"' });
    expect(exact.ok && exact.count).toBe(1);
  });

  it('sees articles stored after the first preview (the in-memory window is topped up)', async () => {
    const engine = newEngine();
    const url = serve('/preview3.xml', '전자신문', [naver]);
    await pollTwice(engine, url);
    const before = await engine.preview({ query: '카카오브레인' });
    expect(before.ok && before.count).toBe(0);
    serve('/preview3.xml', '전자신문', [naver, kakao]);
    await engine.poll({ all: true });
    const after = await engine.preview({ query: '카카오브레인' });
    expect(after.ok && after.items.map((i) => i.article.title)).toEqual(['카카오브레인 대표 퇴사']);
  });

  it('follows articles corrected or deleted after the window was read, by this engine or another process', async () => {
    const engine = newEngine();
    const url = serve('/preview5.xml', '전자신문', [kakao, naver, commute]);
    const feed = await pollTwice(engine, url);
    const count = async (query: string) => {
      const result = await engine.preview({ query });
      return result.ok ? result.count : -1;
    };
    expect(await count('카카오브레인')).toBe(1);
    expect(await count('하이퍼클로바X')).toBe(1);

    // The outlet corrects two articles: one now names 카카오브레인, the other no longer does.
    clock += 600_000;
    serve('/preview5.xml', '전자신문', [
      { ...kakao, title: '카카오 대표 퇴사', description: '김일두 대표가 회사를 떠난다.' },
      { ...naver, description: '네이버가 새 모델을 공개했다. 카카오브레인과 경쟁.' },
      commute,
    ]);
    await engine.poll({ all: true });
    const after = await engine.preview({ query: '카카오브레인' });
    expect(after.ok && after.items.map((i) => i.article.title)).toEqual(['네이버 하이퍼클로바X 공개']);

    // Another process (the CLI) rewrites that article in the same database file: the matcher
    // reads the new text, never the one the window kept.
    const other = new Database(engineInternals(engine).db.name);
    other.prepare(`UPDATE articles SET text = '네이버가 새 모델을 공개했다.', updated_at = updated_at + 1 WHERE identity = 'n1'`).run();
    other.close();
    expect(await count('카카오브레인')).toBe(0);
    expect(await count('퇴근길')).toBe(1);

    // The feed is removed: its articles have no alerts, so they go, and the preview forgets them.
    engine.feeds.remove(feed.id);
    expect(await count('퇴근길')).toBe(0);
    expect(await count('네이버')).toBe(0);
  });

  it('reads a large window in slices: other work runs before the first preview answers, and nothing is missed', async () => {
    const engine = newEngine();
    const feed = engineInternals(engine).feeds.add({ url: 'https://big.example.kr/rss' }, clock);
    const items = Array.from({ length: 5_500 }, (_, i) =>
      makeItem({
        identity: `big-${i}`,
        title: `기사 ${i}`,
        text: i % 11 === 0 ? '카카오브레인 소식' : '다른 소식',
        publishedAt: clock - i * 60_000,
      }),
    );
    engineInternals(engine).articles.storeFeedItems({ id: feed.id, title: '큰 매체' }, items, clock);
    const order: string[] = [];
    const preview = engine.preview({ query: '카카오브레인' }).then((result) => {
      order.push('preview');
      return result;
    });
    setImmediate(() => order.push('other work'));
    const result = await preview;
    expect(order).toEqual(['other work', 'preview']);
    expect(result.ok && result.count).toBe(500);
    // Once read, a preview answers without yielding.
    const again = engine.preview({ query: '"다른 소식"' });
    setImmediate(() => order.push('later work'));
    expect((await again).ok && ((await again) as { count: number }).count).toBe(5_000);
    expect(order).toEqual(['other work', 'preview']);
  });

  it('finds Hangul written with or without a space next to Latin (삼성SDS / 삼성 SDS)', async () => {
    const engine = newEngine();
    await pollTwice(
      engine,
      serve('/preview4.xml', '전자신문', [{ guid: 'sds', title: '삼성 SDS, 클라우드 사업 확대', link: 'https://www.etnews.com/sds' }]),
    );
    const result = await engine.preview({ query: '삼성SDS' });
    expect(result.ok && result.count).toBe(1);
  });

  it('reports a bad query with its position instead of throwing', async () => {
    const engine = newEngine();
    // As typed, with the space after OR: the ) is missing at column 9 (one past the end).
    const result = await engine.preview({ query: '(카카오 OR ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.column).toBe(9);
    expect(formatMessage('en', result.error)).toBe('Missing ) at column 9.');
    expect(formatMessage('ko', result.error)).toContain('9');
  });
});

describe('alerts outlive what they point at', () => {
  it('removing a feed keeps the articles an alert refers to (under the outlet name) and drops the rest', async () => {
    const engine = newEngine();
    const feed = await pollTwice(engine, serve('/removed.xml', '전자신문', [kakao, naver, commute]));
    const w = engine.watchlists.create({ name: '카카오', query: '카카오브레인' });
    await engine.whenIdle();
    engine.feeds.remove(feed.id);
    const left = engineInternals(engine).db.prepare(`SELECT title, feed_id, source_title FROM articles`).all();
    expect(left).toEqual([{ title: '카카오브레인 대표 퇴사', feed_id: null, source_title: '전자신문' }]);
    expect(engineInternals(engine).alerts.listForWatchlist(w.id)).toHaveLength(1);
  });

  it('alerts survive a restart of the engine', async () => {
    const path = join(tempDir(), 'restart.sqlite');
    const first = new Engine({ databasePath: path, processing: 'in-process', now: () => clock });
    await pollTwice(first, serve('/restart.xml', '전자신문', [kakao]));
    first.watchlists.create({ name: '카카오', query: '카카오브레인' });
    await first.whenIdle();
    await first.close();
    const second = new Engine({ databasePath: path, processing: 'in-process', now: () => clock });
    engines.track(second);
    expect(engineInternals(second).alerts.count()).toBe(1);
    expect(second.watchlists.list().map((x) => x.backfilling)).toEqual([false]);
  });
});

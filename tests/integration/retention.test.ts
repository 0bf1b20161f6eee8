import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { pruneOldArticles, pruneOldNotifications, vacuumStep } from '../../main/store/retention';
import { searchArticles } from '../../main/store/search';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';
import { engineInternals } from '../../main/engine/internals';

const tempDir = useTempDir();
const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 28);

describe('retention', () => {
  it('prunes old articles without alerts, keeps those with alerts, and gives the space back', async () => {
    const path = join(tempDir(), 'r.sqlite');
    const engine = new Engine({ databasePath: path, processing: 'in-process', now: () => NOW });
    try {
      const feed = engineInternals(engine).feeds.add({ url: 'https://a.example/rss' }, NOW);
      const old = Array.from({ length: 3000 }, (_, i) =>
        makeItem({ identity: `old${i}`, title: `오래된 기사 ${i}`, text: '본문 '.repeat(200), publishedAt: NOW - 120 * DAY }),
      );
      old.push(makeItem({ identity: 'kept', title: '카카오브레인 옛 소식', publishedAt: NOW - 200 * DAY }));
      old.push(makeItem({ identity: 'fresh', title: '어제 기사', publishedAt: NOW - DAY }));
      engineInternals(engine).articles.storeFeedItems({ id: feed.id, title: '전자신문' }, old, NOW);
      engine.watchlists.create({ name: '카카오', query: '카카오브레인' });
      await engine.whenIdle(); // indexing, the retroactive alert, and retention itself ran
      const identities = engineInternals(engine).db.prepare(`SELECT identity FROM articles ORDER BY identity`).pluck().all();
      expect(identities).toEqual(['fresh', 'kept']);
      expect(engineInternals(engine).alerts.count()).toBe(1);
      expect(searchArticles(engineInternals(engine).db, { query: '오래된' }).total).toBe(0);
      expect(engineInternals(engine).db.pragma('freelist_count', { simple: true })).toBe(0);
    } finally {
      await engine.close();
    }
    expect(statSync(path).size).toBeLessThan(2 * 1024 * 1024);
  });

  it('respects the retention setting and reports what it removed', () => {
    const engine = new Engine({ databasePath: join(tempDir(), 's.sqlite'), processing: 'in-process', now: () => NOW });
    const { db, feeds, articles } = engineInternals(engine);
    const feed = feeds.add({ url: 'https://a.example/rss' }, NOW);
    // 'b' is long enough to fill overflow pages of its own, so removing it must free pages.
    const long = '카카오브레인 본문 '.repeat(20_000);
    articles.storeFeedItems(
      { id: feed.id, title: 'A' },
      [makeItem({ identity: 'a', publishedAt: NOW - 10 * DAY }), makeItem({ identity: 'b', text: long, publishedAt: NOW - 40 * DAY })],
      NOW,
    );
    expect(pruneOldArticles(db, NOW, 90)).toBe(0);
    expect(pruneOldArticles(db, NOW, 30)).toBe(1);
    expect(articles.count()).toBe(1);
    // The freed pages go back to the file system, a bounded step at a time.
    const free = db.pragma('freelist_count', { simple: true }) as number;
    expect(free).toBeGreaterThan(40); // ~240 KB of text in 4 KiB pages
    expect(vacuumStep(db, 10)).toBe(10);
    expect(db.pragma('freelist_count', { simple: true })).toBe(free - 10);
    expect(vacuumStep(db)).toBe(free - 10);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(vacuumStep(db)).toBe(0);
    return engine.close();
  });
});

describe('deleting alerts', () => {
  it('alerts stay until the user deletes them; then retention may take their old articles', async () => {
    const { createHandlers, callHandler } = await import('../../main/api/handlers');
    const engine = new Engine({ databasePath: join(tempDir(), 'd.sqlite'), processing: 'in-process', now: () => NOW });
    try {
      const feed = engineInternals(engine).feeds.add({ url: 'https://a.example/rss' }, NOW);
      engineInternals(engine).articles.storeFeedItems(
        { id: feed.id, title: 'A' },
        [makeItem({ identity: 'old', title: '카카오브레인 옛 소식', publishedAt: NOW - 200 * DAY })],
        NOW,
      );
      engine.watchlists.create({ name: '카카오', query: '카카오브레인' });
      await engine.whenIdle();
      const table = createHandlers({ engine, dataDir: '/tmp', version: 'test' });
      const page = await callHandler(table, 'alerts.list', {});
      const storyId = (page as { ok: true; result: { stories: Array<{ storyId: number }> } }).result.stories[0]!.storyId;
      expect(await callHandler(table, 'alerts.delete', { storyIds: [storyId] })).toEqual({ ok: true, result: { deleted: 1 } });
      expect(engineInternals(engine).alerts.count()).toBe(0);
      expect(pruneOldArticles(engineInternals(engine).db, NOW, 90)).toBe(1);
    } finally {
      await engine.close();
    }
  });
});

describe('notification history', () => {
  it('drops shown notifications older than the retention period, never unshown ones', () => {
    const engine = new Engine({ databasePath: join(tempDir(), 'n.sqlite'), processing: 'in-process', now: () => NOW });
    const insert = engineInternals(engine).db.prepare(
      `INSERT INTO notifications (kind, title, body, alert_ids, created_at, shown_at) VALUES ('single', ?, '', '[]', ?, ?)`,
    );
    insert.run('old shown', NOW - 100 * DAY, NOW - 100 * DAY);
    insert.run('old never shown', NOW - 100 * DAY, null);
    insert.run('recent', NOW - DAY, NOW - DAY);
    expect(pruneOldNotifications(engineInternals(engine).db, NOW, 90)).toBe(1);
    expect(engineInternals(engine).db.prepare(`SELECT title FROM notifications ORDER BY id`).pluck().all()).toEqual([
      'old never shown',
      'recent',
    ]);
    return engine.close();
  });
});

describe('articles older than the retention period at first sight', () => {
  it('are neither stored nor counted as new; the poll says how many were too old', async () => {
    const { startFeedServer } = await import('../helpers/feed-server');
    const { rss } = await import('../helpers/rss');
    const server = await startFeedServer();
    const now = Date.now(); // the feed server's dates are compared with this clock
    const engine = new Engine({ databasePath: join(tempDir(), 'first-sight.sqlite'), processing: 'in-process', now: () => now });
    try {
      engine.settings.update({ retentionDays: 30 });
      server.route('/rss', {
        headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
        body: rss({
          title: '전자신문',
          items: [
            { guid: 'fresh', title: '어제 기사', pubDate: new Date(now - DAY).toUTCString() },
            { guid: 'old', title: '두 달 전 기사', pubDate: new Date(now - 60 * DAY).toUTCString() },
            { guid: 'older', title: '석 달 전 기사', pubDate: new Date(now - 90 * DAY).toUTCString() },
          ],
        }),
      });
      engine.feeds.add({ url: server.url('/rss') });
      const summary = await engine.poll({ all: true });
      // Before: inserted 3 — two of them deleted by the next retention pass.
      expect(summary.inserted).toBe(1);
      expect(summary.tooOld).toBe(2);
      expect(summary.results[0]).toMatchObject({ status: 'ok', inserted: 1, tooOld: 2 });
      await engine.whenIdle();
      expect(engineInternals(engine).db.prepare(`SELECT identity FROM articles`).pluck().all()).toEqual(['fresh']);
      // Seen again: still not stored, and not counted as new either.
      const again = await engine.poll({ all: true });
      expect(again.inserted).toBe(0);
    } finally {
      await engine.close();
      await server.close();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { useEngines, useFeedServer } from '../helpers/harness';
import { makeItem } from '../helpers/items';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const engines = useEngines();
const { serveRss, server } = useFeedServer();
const NOW = Date.UTC(2026, 10, 28, 3, 0);

const waitingForIndex = (engine: Engine) => engineInternals(engine).db.prepare('SELECT count(*) FROM fts_pending').pluck().get() as number;
const turns = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database with 600 articles still waiting for the search index, and one feed to poll. */
async function databaseWithBacklog(path: string): Promise<void> {
  const engine = new Engine({ databasePath: path, processing: 'in-process', now: () => NOW, backgroundAtStart: false });
  const feeds = engineInternals(engine).feeds;
  const stored = feeds.add({ url: 'https://backlog.example/rss' }, NOW);
  const items = Array.from({ length: 600 }, (_, i) =>
    makeItem({ identity: `b${i}`, title: `밀린 기사 ${i}`, publishedAt: NOW - 3600_000 }),
  );
  engineInternals(engine).articles.storeFeedItems({ id: stored.id, title: '전자신문' }, items, NOW);
  engine.feeds.add({ url: serveRss('/fresh.xml', '블로터', [{ guid: 'f1', title: 'KoGPT 공개', pubDate: '2026-11-28 11:00' }]) });
  engine.feeds.update(stored.id, { enabled: false });
  await engine.close();
}

describe('background work at start', () => {
  it('the monitor catches up on the search index as it opens', async () => {
    const path = join(tempDir(), 'monitor.sqlite');
    await databaseWithBacklog(path);
    const engine = engines.open({ databasePath: path, processing: 'in-process', now: () => NOW });
    await engine.whenIdle();
    expect(waitingForIndex(engine)).toBe(0);
  });

  it('a one-shot command polls first: the catch-up waits for its poll, then runs', async () => {
    const path = join(tempDir(), 'oneshot.sqlite');
    await databaseWithBacklog(path);
    const engine = engines.open({ databasePath: path, processing: 'in-process', now: () => NOW, backgroundAtStart: false });
    await turns(100);
    // Before: the catch-up started as the engine opened, beside the poll the command was run for.
    expect(waitingForIndex(engine)).toBe(600);
    const summary = await engine.poll({ all: true });
    expect(summary).toMatchObject({ inserted: 1, failed: 0 });
    await engine.whenIdle();
    expect(waitingForIndex(engine)).toBe(0);
  });

  it('a one-shot poll where every feed answers "not modified" ends without a background round', async () => {
    const path = join(tempDir(), 'unchanged.sqlite');
    const url = server().url('/unchanged.xml');
    server().route('/unchanged.xml', {
      headers: { 'Content-Type': 'application/rss+xml', ETag: '"same"' },
      body: rss({ title: '아이뉴스24', items: [{ guid: 'u1', title: 'KoGPT 공개', pubDate: '2026-11-28 11:00' }] }),
    });
    const first = new Engine({ databasePath: path, processing: 'in-process', now: () => NOW, backgroundAtStart: false });
    first.feeds.add({ url });
    expect(await first.poll({ all: true })).toMatchObject({ inserted: 1 });
    await first.whenIdle();
    // Then a backlog for the index, as a cold poll leaves one.
    const backlog = engineInternals(first).feeds.add({ url: 'https://backlog.example/rss', enabled: false }, NOW);
    const items = Array.from({ length: 300 }, (_, i) =>
      makeItem({ identity: `q${i}`, title: `밀린 기사 ${i}`, publishedAt: NOW - 3600_000 }),
    );
    engineInternals(first).articles.storeFeedItems({ id: backlog.id, title: '전자신문' }, items, NOW);
    await first.close();

    const engine = engines.open({ databasePath: path, processing: 'in-process', now: () => NOW + 3600_000, backgroundAtStart: false });
    expect(await engine.poll({ all: true })).toMatchObject({ inserted: 0, notModified: 1 });
    await engine.whenIdle();
    expect(waitingForIndex(engine)).toBe(300);
    // The monitor (or the next poll that brings news) catches up.
    const monitor = engines.open({ databasePath: path, processing: 'in-process', now: () => NOW + 3600_000 });
    await monitor.whenIdle();
    expect(waitingForIndex(monitor)).toBe(0);
  });
});

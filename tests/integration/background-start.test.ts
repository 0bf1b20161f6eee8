import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { useEngines, useFeedServer } from '../helpers/harness';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const engines = useEngines();
const { serveRss } = useFeedServer();
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
});

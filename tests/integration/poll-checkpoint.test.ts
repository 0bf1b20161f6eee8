/**
 * A first poll of many articles folds its write-ahead log back into the database as it goes
 * (every CHECKPOINT_EVERY_ARTICLES stored), instead of growing the log with every page it writes
 * and copying all of it at the end.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_ARTICLES } from '../../main/engine/feed-polling';
import { engineInternals } from '../../main/engine/internals';
import { useEngines, useFeedServer } from '../helpers/harness';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const engines = useEngines();
const { serveRss } = useFeedServer();
const NOW = Date.UTC(2026, 10, 28, 3, 0);

describe('checkpoints during a poll', () => {
  it('bring a first poll’s articles into the database file as it goes, not only at the end', async () => {
    const path = join(tempDir(), 'first-poll.sqlite');
    const engine = engines.open({ databasePath: path, processing: 'in-process', now: () => NOW, backgroundAtStart: false });
    const perFeed = 500;
    const feeds = (3 * CHECKPOINT_EVERY_ARTICLES) / perFeed;
    for (let f = 0; f < feeds; f++) {
      const items = Array.from({ length: perFeed }, (_, i) => ({
        guid: `${f}-${i}`,
        title: `피드 ${f}의 기사 ${i}: 카카오브레인과 네이버의 새 소식`,
        description: `본문 ${i}. 데이터센터와 반도체 투자 이야기가 이어진다.`,
        pubDate: '2026-11-28 11:00',
      }));
      engine.feeds.add({ url: serveRss(`/f${f}.xml`, `매체 ${f}`, items) });
    }
    // The log starts empty: what it holds afterwards is the poll's.
    engineInternals(engine).db.pragma('wal_checkpoint(TRUNCATE)');
    const summary = await engine.poll({ all: true });
    expect(summary).toMatchObject({ inserted: 3 * CHECKPOINT_EVERY_ARTICLES, failed: 0 });
    // Folded in as the poll went, most of what it stored is in the database file already (3 MB
    // here, the log 3.4 MB at its largest); without, the file held the empty schema (0.15 MB) and
    // the log every page the poll wrote (6.5 MB).
    const wal = statSync(`${path}-wal`).size;
    const database = statSync(path).size;
    expect(database).toBeGreaterThan(wal / 2);
  }, 60_000);
});

/**
 * The desktop app's promise: a long poll never freezes the window. Measured here without
 * Electron: a plain Node process hosts the engine worker exactly as Electron's main process does
 * (main/host), the engine polls the 500-feed benchmark corpus cold (parse, store, match, index),
 * and perf_hooks' event-loop delay histogram records how long this (the "main") thread was kept
 * from running. Events keep flowing to it the whole time, as they would to the window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EngineHost } from '../../main/host/engine-host';
import type { CorpusServer } from './poll-bench';

const ms = (ns: number) => (ns / 1e6).toFixed(1);

export async function benchEventLoop(server: CorpusServer): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-bench-loop-'));
  const host = await EngineHost.start({ databasePath: join(dir, 'bench.sqlite'), dataDir: dir, version: 'bench' });
  try {
    const feeds = Array.from({ length: 500 }, (_, f) => `${server.origin}/feed/${f}.xml`);
    await Promise.all(feeds.map((url) => host.invoke('feeds.add', { url })));
    await host.invoke('watchlists.create', { name: '카카오', query: '카카오 OR 네이버 OR AI' });
    let events = 0;
    host.subscribe(() => (events += 1));

    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = performance.now();
    const poll = await host.invoke('feeds.pollNow', {});
    // The UI keeps asking while the engine works in the background (indexing after the poll).
    const list = await host.invoke('alerts.list', { filter: 'all', limit: 100 });
    const seconds = (performance.now() - started) / 1000;
    histogram.disable();

    return {
      corpus: `500 feeds, ${poll.inserted} articles stored, ${list.total} alert stories`,
      'cold poll in the engine worker (s)': seconds.toFixed(2),
      'events received by the host thread': events,
      'host event-loop delay p50 / p99 (ms)': `${ms(histogram.percentile(50))} / ${ms(histogram.percentile(99))}`,
      'host event-loop delay max (ms, target < 50)': ms(histogram.max),
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

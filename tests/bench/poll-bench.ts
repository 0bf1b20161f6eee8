import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipelinePool } from '../../main/feeds/pipeline-pool';
import { pollFeeds } from '../../main/feeds/poll';
import { ArticleStore } from '../../main/store/articles';
import { openDatabase } from '../../main/store/database';
import { FeedStore } from '../../main/store/feeds';
import { indexAllPending } from '../../main/store/fts-indexer';

export interface CorpusServer {
  origin: string;
  bytes: number;
  /** Items in each feed. */
  items: number;
  stop(): void;
}

export async function startCorpusServer(feeds = 500, items = 100): Promise<CorpusServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./corpus-server.ts', import.meta.url).pathname, String(feeds), String(items)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const [origin, bytes] = line.split(' ');
  return { origin: origin!, bytes: Number(bytes), items, stop: () => child.stdin.end() };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Cold poll into an empty database, then a warm poll where every feed answers 304. */
export async function benchPoll(server: CorpusServer): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  const feeds = new FeedStore(db);
  const articles = new ArticleStore(db);
  for (let f = 0; f < 500; f++) feeds.add({ url: `${server.origin}/feed/${f}.xml` }, 0);
  const pool = new PipelinePool(2);
  const deps = { feeds, articles, processor: pool, locale: 'ko' as const };
  try {
    let t = performance.now();
    const cpuBefore = process.cpuUsage();
    const cold = await pollFeeds(feeds.enabled(), deps);
    const coldSeconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const coldCpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (cold.failed > 0) throw new Error(`cold poll: ${cold.failed} feeds failed: ${cold.results.find((r) => r.error)?.detail}`);

    t = performance.now();
    const indexed = indexAllPending(db);
    const indexSeconds = (performance.now() - t) / 1000;

    t = performance.now();
    const warm = await pollFeeds(feeds.enabled(), deps);
    const warmSeconds = (performance.now() - t) / 1000;
    if (warm.notModified !== 500)
      throw new Error(
        `warm poll: only ${warm.notModified} of 500 answered 304: ${JSON.stringify(warm.results.filter((r) => r.status !== 'not-modified').slice(0, 3))}`,
      );

    return {
      corpus: `500 feeds × 100 items, ${mb(server.bytes)}`,
      'cold poll (s)': coldSeconds.toFixed(2),
      'cold articles/s': Math.round(cold.inserted / coldSeconds),
      'cold poll CPU, all threads of the engine (s)': coldCpuSeconds.toFixed(2),
      'articles stored': cold.inserted,
      'search index catch-up (s, after the poll)': `${indexSeconds.toFixed(2)} for ${indexed}`,
      'warm poll, all 304 (s)': warmSeconds.toFixed(2),
      'peak RSS (whole process)': mb(process.resourceUsage().maxRSS * 1024),
    };
  } finally {
    await pool.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

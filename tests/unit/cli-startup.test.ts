/**
 * Issue 14: a read command (`nunchi alerts`, `watch list`, `feeds list`, `search`) starts only what
 * it uses. Checked on the import graph esbuild builds the bundle from: what `nunchi` and the read
 * commands' modules load before they run (static imports, followed to the end) must not include
 * zod and the API contract (a tenth of a second), the engine and the full API table (a read command
 * reads the stores through main/engine-reader.ts), the feed parser, the HTML parsers, the HTTP
 * client (node:http and zlib too), feed workers, the lease's node:crypto or the page DOM. Those are loaded with import() by the code that uses them.
 */
import { build, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ENTRY = 'main/cli/nunchi.ts';
/** Each read command runs nunchi.ts, then the command group it imports. */
const READ_COMMAND_MODULES = ['main/cli/read-commands.ts', 'main/cli/watch-command.ts', 'main/cli/feeds-command.ts'];

/** `nunchi poll` and `nunchi run`, and what they load (import()) once a notifier is attached. */
const MONITOR_COMMANDS = 'main/cli/monitor-commands.ts';
const NOTIFICATION_DELIVERY = 'main/alerts/delivery.ts';

/** Never on a read command's start-up path. */
const HEAVY_PACKAGES = [
  'zod',
  'rss-parser',
  'sanitize-html',
  'htmlparser2',
  'iconv-lite',
  'undici',
  'linkedom',
  '@mozilla/readability',
  'css-select',
];
/**
 * Node's own modules that only fetching, a feed worker, moving a feed between threads (node:v8,
 * ~5 ms), the monitor lease or reading a file asynchronously (fs/promises, ~2 ms) use (~18 ms together).
 */
const NODE_MODULES_NOT_FOR_READING = [
  'node:http',
  'node:https',
  'node:zlib',
  'node:worker_threads',
  'node:crypto',
  'node:v8',
  'node:fs/promises',
];
const HEAVY_MODULES = [
  'shared/api.ts',
  // The engine and the full API table: a read command reads the stores through main/engine/reader.ts.
  'main/engine.ts',
  'main/api/handlers.ts',
  'main/engine/feed-polling.ts',
  'main/engine/matching.ts',
  'main/engine/background.ts',
  // The fetch stage and the article-page client (the words for a page's failure used to pull them in).
  'main/feeds/fetch.ts',
  'main/pages/page-client.ts',
  'main/feeds/parse.ts',
  'main/search/google-news.ts',
  'main/search/naver-news.ts',
  'main/text/html-to-text.ts',
  // The article writer and the story grouping it runs: search reads rows through store/article-record.ts.
  'main/store/articles.ts',
  'main/stories/story-index.ts',
  'main/stories/story-similarity.ts',
];

let inputs: Metafile['inputs'];

beforeAll(async () => {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY, ...READ_COMMAND_MODULES, MONITOR_COMMANDS],
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    packages: 'external',
    outdir: 'out/test-graph',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  inputs = result.metafile.inputs;
}, 60_000);

/** Every module and package a file loads before it runs: its static imports, followed to the end. */
function staticClosure(start: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of inputs[file]?.imports ?? []) {
      if (edge.kind !== 'import-statement' || chains.has(edge.path)) continue;
      chains.set(edge.path, [...chains.get(file)!, edge.path]);
      if (!edge.external) queue.push(edge.path);
    }
  }
  return chains;
}

const packageOf = (path: string) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!);

describe('what a read command loads before it runs', () => {
  for (const start of [ENTRY, ...READ_COMMAND_MODULES]) {
    it(`${start}: no zod, no engine, no feed parser, no HTML parser, no HTTP client, no page DOM`, () => {
      const closure = staticClosure(start);
      // The chain that pulls each one in, so a failure says which import to make lazy.
      const offending = [...closure].filter(
        ([path]) => HEAVY_PACKAGES.includes(packageOf(path)) || HEAVY_MODULES.includes(path) || NODE_MODULES_NOT_FOR_READING.includes(path),
      );
      expect(offending.map(([, chain]) => chain.join(' → '))).toEqual([]);
    });
  }

  it('sees the imports it checks (the graph is not empty)', () => {
    const closure = staticClosure(ENTRY);
    expect(closure.has('main/cli/context.ts')).toBe(true);
    expect([...closure.keys()].map(packageOf)).toContain('better-sqlite3');
  });

  it('`nunchi poll` loads no HTML parser before a text with markup needs one (a warm poll has none)', () => {
    // What a poll with a notifier attached loads: the commands, then the notification delivery.
    const closure = new Map([...staticClosure(MONITOR_COMMANDS), ...staticClosure(NOTIFICATION_DELIVERY)]);
    expect(closure.has('main/text/html-to-text.ts')).toBe(true);
    const parsers = [...closure].filter(([path]) => ['htmlparser2', 'sanitize-html', 'rss-parser'].includes(packageOf(path)));
    expect(parsers.map(([, chain]) => chain.join(' → '))).toEqual([]);
  });
});

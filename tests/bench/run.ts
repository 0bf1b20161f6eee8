/**
 * `npm run bench`: the figures the issues ask for, measured on this machine. Not a test: nothing
 * here passes or fails on time; it prints what it measured next to the target.
 */
import { benchEventLoop } from './event-loop-bench';
import { benchCliPoll } from './cli-bench';
import { benchMatching } from './match-bench';
import { benchPoll, startCorpusServer } from './poll-bench';
import { benchPreview } from './preview-bench';
import { benchFulltext } from './fulltext-bench';
import { benchFulltextRecall } from './fulltext-recall-bench';
import { benchStages } from './stage-bench';

// `npm run bench -- cli --feeds 100 --repeat 3`: sections by name; --feeds shrinks the corpus (for
// iterating; the reported figures are at 500), --repeat gives medians of the end-to-end section.
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv.splice(at, 2)[1]) : fallback;
};
const feedCount = option('feeds', 500);
const repeat = option('repeat', 1);
const sections = new Set(argv);
const want = (name: string) => sections.size === 0 || sections.has(name);

function print(title: string, rows: Record<string, string | number>) {
  process.stdout.write(`\n## ${title}\n`);
  for (const [key, value] of Object.entries(rows)) process.stdout.write(`  ${key.padEnd(44)} ${value}\n`);
}

if (want('poll')) {
  const server = await startCorpusServer();
  try {
    print('Feed pipeline: cold and warm poll (target: cold ≤ 4 s, warm ≤ 0.5 s)', await benchPoll(server));
  } finally {
    server.stop();
  }
}

if (want('match')) {
  const rows = await benchMatching();
  const at = (k: number) => rows.find((r) => r.keywords === k)!;
  const table: Record<string, string | number> = {};
  for (const r of rows) {
    table[`${r.keywords} keywords × ${r.articles} articles`] =
      `${Math.round(r.articlesPerSecond)} articles/s (CPU: ${Math.round(r.cpuPerSecond)}/s, compile ${Math.round(r.compileMs)} ms)`;
  }
  table['cost at 10 000 keywords ÷ cost at 10'] = (at(10).articlesPerSecond / at(10_000).articlesPerSecond).toFixed(2) + '×';
  print('Matching (target: ≥ 100 000 articles/s at 1 000 keywords; 10 000 within 3× of 10)', table);
}

if (want('preview')) {
  print('Watchlist preview on 100 000 stored articles (target: ≤ 100 ms)', await benchPreview());
}

if (want('event-loop')) {
  const server = await startCorpusServer();
  try {
    print(
      'Desktop main thread while the engine worker polls the corpus (target: max event-loop delay < 50 ms)',
      await benchEventLoop(server),
    );
  } finally {
    server.stop();
  }
}

if (want('cli')) {
  const server = await startCorpusServer(feedCount);
  try {
    print(
      `End to end against the plain pipeline, same run: nunchi poll --all, ${feedCount} feeds × 100 items, 8 watchlists`,
      await benchCliPoll(server, feedCount, repeat),
    );
  } finally {
    server.stop();
  }
}

if (want('stages')) {
  print(`Feed pipeline stages, one thread, ${feedCount} feeds × 100 items (where a poll's worker time goes)`, await benchStages(feedCount));
}

if (want('fulltext')) {
  for (const [title, rows] of await benchFulltext()) print(title, rows);
}

if (want('fulltext') || want('fulltext-recall')) {
  print('Full text: body mentions found on a 9-outlet local site, feed text only vs with pages', await benchFulltextRecall());
}

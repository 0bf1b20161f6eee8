/**
 * `npx tsx tests/bench/stage-bench.ts [FEEDS]`: CPU of each stage of the feed pipeline on the
 * bench corpus, in this thread (no worker, no network): decode, parse (rss-parser), normalize,
 * and the structured clone a worker's answer costs. For finding where a poll's time goes.
 */
import { serialize, deserialize } from 'node:v8';
import { buildCorpus } from './corpus';
import { decodeFeedBytes } from '../../main/feeds/decode';
import { parseFeed } from '../../main/feeds/parse';
import { normalizeFeed } from '../../main/feeds/normalize';

const corpus = buildCorpus(Number(process.argv[2] ?? 500), 100);
const totals = { decode: 0, parse: 0, normalize: 0, serialize: 0, deserialize: 0 };
let items = 0;
let bytes = 0;
for (let round = 0; round < 2; round++) {
  for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] = 0;
  items = 0;
  bytes = 0;
  for (const feed of corpus) {
    let t = performance.now();
    const { text, encoding } = decodeFeedBytes(new Uint8Array(feed.body), feed.contentType);
    totals.decode += performance.now() - t;
    t = performance.now();
    const parsed = await parseFeed(text);
    totals.parse += performance.now() - t;
    t = performance.now();
    const normalized = normalizeFeed(parsed, { feedUrl: 'http://127.0.0.1/feed.xml', encoding });
    totals.normalize += performance.now() - t;
    t = performance.now();
    const wire = serialize(normalized);
    totals.serialize += performance.now() - t;
    t = performance.now();
    deserialize(wire);
    totals.deserialize += performance.now() - t;
    items += normalized.items.length;
    bytes += wire.length;
  }
}
for (const [k, v] of Object.entries(totals)) process.stdout.write(`${k.padEnd(12)} ${v.toFixed(0).padStart(6)} ms\n`);
process.stdout.write(`${items} items, ${(bytes / 1e6).toFixed(1)} MB on the wire\n`);

/**
 * `npm run bench -- stages`: the CPU of each stage a feed goes through in a poll's worker, on the
 * bench corpus, in one thread (no worker, no network): decode, parse (rss-parser), normalize, and
 * packing a result as the worker hands it to the engine's thread, copying it as postMessage does
 * (structuredClone runs the same serializer), and unpacking it there. For
 * finding where a poll's time goes; the second of two rounds is reported (the first warms the JIT).
 */
import { decodeFeedBytes } from '../../main/feeds/decode';
import { normalizeFeed } from '../../main/feeds/normalize';
import { packFeed, unpackFeed } from '../../main/feeds/packed-feed';
import { parseFeed } from '../../main/feeds/parse';
import { buildCorpus } from './corpus';

export async function benchStages(feeds = 500): Promise<Record<string, string>> {
  const corpus = buildCorpus(feeds, 100);
  const totals = { decode: 0, parse: 0, normalize: 0, pack: 0, copy: 0, unpack: 0 };
  let items = 0;
  let values = 0;
  for (let round = 0; round < 2; round++) {
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] = 0;
    items = 0;
    values = 0;
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
      const packed = packFeed(normalized);
      totals.pack += performance.now() - t;
      t = performance.now();
      const copied = structuredClone(packed);
      totals.copy += performance.now() - t;
      t = performance.now();
      unpackFeed(copied);
      totals.unpack += performance.now() - t;
      items += normalized.items.length;
      values += packed.fields.length;
    }
  }
  const rows: Record<string, string> = {};
  for (const [stage, ms] of Object.entries(totals)) rows[stage] = `${ms.toFixed(0)} ms`;
  rows['handed to the engine thread'] = `${items} items as ${values} values`;
  return rows;
}

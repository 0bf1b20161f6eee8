/**
 * Serves the benchmark corpus from 127.0.0.1 with ETags, in its own process so the poll being
 * measured has the engine's CPU and memory to itself. Prints the origin on its first stdout line.
 */
import { startFeedServer } from '../helpers/feed-server';
import { buildCorpus } from './corpus';

// `corpus-server.ts [FEEDS [ITEMS]]`: a smaller corpus for iterating (npm run bench -- cli --feeds 100).
const corpus = buildCorpus(Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 100));
const server = await startFeedServer(
  Object.fromEntries(corpus.map((f) => [f.path, { headers: { 'Content-Type': f.contentType, ETag: f.etag }, body: f.body }])),
);
process.stdout.write(`${server.origin} ${corpus.reduce((n, f) => n + f.body.length, 0)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));

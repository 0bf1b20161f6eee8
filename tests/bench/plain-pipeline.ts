/**
 * The bar of issue 14: the simplest pipeline that does nunchi's poll — rss-parser, better-sqlite3
 * and a keyword loop, 8 feeds at a time. cli-bench.ts bundles it (like the `nunchi` command) and
 * runs it as a child process on the same corpus, in the same run, so load on the machine affects
 * both and the figure that matters is the ratio.
 *
 *   node plain-pipeline.mjs DB ORIGIN FEEDS KEYWORD… → one JSON line {inserted, alerts, notModified, failed}
 *
 * Cold: an empty database, every item stored and matched. Warm: the stored ETag goes back as
 * If-None-Match and every feed answers 304.
 */
import Database from 'better-sqlite3';
import Parser from 'rss-parser';

const [dbPath, origin, feedCount, ...keywords] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT);
  CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, feed TEXT, guid TEXT UNIQUE, title TEXT, link TEXT, published TEXT, content TEXT);
  CREATE TABLE IF NOT EXISTS alerts (article INTEGER, keyword TEXT, PRIMARY KEY (article, keyword));
`);
const etagOf = db.prepare<[string], { etag: string | null }>('SELECT etag FROM feeds WHERE url = ?');
const saveEtag = db.prepare('INSERT INTO feeds (url, etag) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag');
const insertArticle = db.prepare('INSERT OR IGNORE INTO articles (feed, guid, title, link, published, content) VALUES (?, ?, ?, ?, ?, ?)');
const insertAlert = db.prepare('INSERT OR IGNORE INTO alerts (article, keyword) VALUES (?, ?)');
const parser = new Parser();
const lowered = keywords.map((k) => k.toLowerCase());
const counts = { inserted: 0, alerts: 0, notModified: 0, failed: 0 };

const store = db.transaction((url: string, etag: string | null, items: Parser.Item[]) => {
  for (const item of items) {
    const run = insertArticle.run(
      url,
      item.guid ?? item.link ?? item.title,
      item.title ?? '',
      item.link ?? null,
      item.isoDate ?? null,
      item.content ?? '',
    );
    if (run.changes === 0) continue;
    counts.inserted++;
    const text = `${item.title ?? ''} ${item.contentSnippet ?? ''}`.toLowerCase();
    for (let k = 0; k < lowered.length; k++) {
      if (text.includes(lowered[k]!)) {
        insertAlert.run(run.lastInsertRowid, keywords[k]);
        counts.alerts++;
      }
    }
  }
  saveEtag.run(url, etag);
});

async function poll(url: string): Promise<void> {
  const known = etagOf.get(url)?.etag;
  const response = await fetch(url, { headers: known ? { 'If-None-Match': known } : {} });
  if (response.status === 304) {
    counts.notModified++;
    return;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The charset from the header, else from the XML declaration (the corpus has EUC-KR feeds).
  const declared =
    /charset=([\w-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1] ??
    /encoding="([\w-]+)"/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 100)))?.[1];
  const feed = await parser.parseString(new TextDecoder(declared ?? 'utf-8').decode(bytes));
  store(url, response.headers.get('etag'), feed.items);
}

const urls = Array.from({ length: Number(feedCount) }, (_, f) => `${origin}/feed/${f}.xml`);
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      await poll(url).catch(() => counts.failed++);
    }
  }),
);
db.close();
process.stdout.write(`${JSON.stringify(counts)}\n`);

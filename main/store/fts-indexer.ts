import type { Db } from './database';
import { indexForm } from './search-text';

/**
 * Moves queued articles into the trigram index, one small transaction per call, so a cold poll
 * of 50 000 articles is not held up by the index (≈5x the cost of the insert itself) and the
 * engine stays responsive between batches. Returns how many articles were indexed.
 */
export function indexPendingArticles(db: Db, batchSize = 1000): number {
  const select = db.prepare(
    // The text indexed is the feed's text and, once extracted, the article's page (issue 11).
    `SELECT p.article_id AS id, p.reindex, a.title, a.text || coalesce(char(10) || pg.text, '') AS text
     FROM fts_pending p LEFT JOIN articles a ON a.id = p.article_id LEFT JOIN article_pages pg ON pg.article_id = p.article_id
     ORDER BY p.article_id LIMIT ?`,
  );
  const remove = db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`);
  const add = db.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`);
  const dequeue = db.prepare(`DELETE FROM fts_pending WHERE article_id = ?`);
  // Read inside the write transaction: another process indexing the same queue must not index a row twice.
  return db
    .transaction(() => {
      const pending = select.all(batchSize) as Array<{ id: number; reindex: number; title: string | null; text: string | null }>;
      for (const row of pending) {
        if (row.reindex) remove.run(row.id);
        // The article may have been deleted while it waited.
        if (row.title !== null) add.run(row.id, indexForm(row.title), indexForm(row.text ?? ''));
        dequeue.run(row.id);
      }
      return pending.length;
    })
    .immediate();
}

/** Index everything queued at once (tests and the benchmark; the engine indexes in small batches instead). */
export function indexAllPending(db: Db, batchSize = 2000): number {
  let total = 0;
  for (let n = indexPendingArticles(db, batchSize); n > 0; n = indexPendingArticles(db, batchSize)) total += n;
  return total;
}

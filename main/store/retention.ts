import type { Db } from './database';

const DAY_MS = 24 * 3600_000;

/**
 * Removes articles older than `retentionDays` that no alert refers to (alerts, and the articles
 * they point at, stay until the user deletes them), with their search-index rows, in batches of
 * small transactions. Returns how many articles went.
 */
export function pruneOldArticles(db: Db, now: number, retentionDays: number, batch = 2000): number {
  const cutoff = now - retentionDays * DAY_MS;
  const select = db
    .prepare(`SELECT id FROM articles a WHERE a.sort_at < ? AND NOT EXISTS (SELECT 1 FROM alerts al WHERE al.article_id = a.id) LIMIT ?`)
    .pluck();
  const unindex = db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`);
  const unqueue = db.prepare(`DELETE FROM fts_pending WHERE article_id = ?`);
  const drop = db.prepare(`DELETE FROM articles WHERE id = ?`);
  let removed = 0;
  for (;;) {
    // Chosen inside the write transaction: an alert another process adds meanwhile keeps its article.
    const count = db
      .transaction(() => {
        const ids = select.all(cutoff, batch) as number[];
        for (const id of ids) {
          unindex.run(id);
          unqueue.run(id);
          drop.run(id);
        }
        return ids.length;
      })
      .immediate();
    if (count === 0) return removed;
    removed += count;
  }
}

/** Notifications already shown and older than the retention period: a history nobody reads. */
export function pruneOldNotifications(db: Db, now: number, retentionDays: number): number {
  return db.prepare(`DELETE FROM notifications WHERE shown_at IS NOT NULL AND created_at < ?`).run(now - retentionDays * DAY_MS).changes;
}

/**
 * Gives free pages back to the file system a little at a time (the database is created with
 * auto_vacuum = INCREMENTAL), so it never holds the engine for long. Returns pages freed.
 */
export function vacuumStep(db: Db, pages = 500): number {
  const before = db.pragma('freelist_count', { simple: true }) as number;
  if (before === 0) return 0;
  db.pragma(`incremental_vacuum(${pages})`);
  return before - (db.pragma('freelist_count', { simple: true }) as number);
}

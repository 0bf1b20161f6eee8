import type { MatchSpan, Watchlist } from '../../shared/types';
import type { Db } from './database';

export interface NewAlert {
  articleId: number;
  /** The article's sort time (copied so the inbox never has to read article rows). */
  sortAt: number;
  storyId: number;
  watchlist: Pick<Watchlist, 'id' | 'name' | 'color'>;
  spans: MatchSpan[];
  origin: 'live' | 'backfill';
}

export interface AlertRecord {
  id: number;
  articleId: number;
  watchlistId: number | null;
  watchlistName: string;
  watchlistColor: string;
  storyId: number;
  spans: MatchSpan[];
  origin: 'live' | 'backfill';
  createdAt: number;
  readAt: number | null;
  starred: boolean;
}

interface AlertRow {
  id: number;
  article_id: number;
  watchlist_id: number | null;
  watchlist_name: string;
  watchlist_color: string;
  story_id: number;
  spans: string;
  origin: 'live' | 'backfill';
  created_at: number;
  read_at: number | null;
  starred: number;
}

export function toAlertRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    watchlistId: row.watchlist_id,
    watchlistName: row.watchlist_name,
    watchlistColor: row.watchlist_color,
    storyId: row.story_id,
    spans: JSON.parse(row.spans) as MatchSpan[],
    origin: row.origin,
    createdAt: row.created_at,
    readAt: row.read_at,
    starred: row.starred === 1,
  };
}

export class AlertStore {
  private readonly insertAlert;
  private readonly refreshSpans;
  private readonly moveArticle;
  private readonly facts;
  private readonly pending;

  constructor(private readonly db: Db) {
    // One alert per (article, watchlist): a re-poll or a second backfill never duplicates it.
    this.insertAlert = db.prepare(
      `INSERT INTO alerts (article_id, watchlist_id, watchlist_name, watchlist_color, story_id, spans, origin, created_at, sort_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (article_id, watchlist_id) DO NOTHING`,
    );
    this.refreshSpans = db.prepare(`UPDATE alerts SET spans = ? WHERE article_id = ? AND watchlist_id = ?`);
    this.moveArticle = db.prepare(`UPDATE alerts SET sort_at = ? WHERE article_id = ? AND sort_at <> ?`);
    this.facts = db.prepare(
      `SELECT coalesce((SELECT muted FROM story_state WHERE story_id = @storyId), 0) AS muted,
              EXISTS (SELECT 1 FROM alerts WHERE story_id = @storyId AND article_id <> @articleId AND id < @id) AS earlier`,
    );
    this.pending = db.prepare(`UPDATE alerts SET notify_state = 'pending' WHERE id = ?`);
  }

  /**
   * Returns the new alert's id, or null when this (article, watchlist) already had one — then
   * only its spans are refreshed, since a corrected article moves the words that matched.
   */
  add(alert: NewAlert, now: number): number | null {
    const info = this.insertAlert.run(
      alert.articleId,
      alert.watchlist.id,
      alert.watchlist.name,
      alert.watchlist.color,
      alert.storyId,
      JSON.stringify(alert.spans),
      alert.origin,
      now,
      alert.sortAt,
    );
    if (info.changes > 0) return Number(info.lastInsertRowid);
    this.refreshSpans.run(JSON.stringify(alert.spans), alert.articleId, alert.watchlist.id);
    return null;
  }

  /**
   * What decides whether a new alert notifies (main/alerts/marking.ts): its story is muted, or an
   * alert for another article of the same story came first (another outlet was first).
   */
  notifyFacts(alert: { id: number; articleId: number; storyId: number }): { storyMuted: boolean; earlierInStory: boolean } {
    const row = this.facts.get({ storyId: alert.storyId, articleId: alert.articleId, id: alert.id }) as { muted: number; earlier: number };
    return { storyMuted: row.muted === 1, earlierInStory: row.earlier === 1 };
  }

  /** The watchlists that already have an alert on this article. */
  watchlistsAlerted(articleId: number): Set<number> {
    return new Set(
      this.db
        .prepare(`SELECT watchlist_id FROM alerts WHERE article_id = ? AND watchlist_id IS NOT NULL`)
        .pluck()
        .all(articleId) as number[],
    );
  }

  /** The alert will notify: the dispatcher (main/alerts/dispatcher.ts) picks it up after the poll. */
  setPending(id: number): void {
    this.pending.run(id);
  }

  /**
   * Runs `work` in one immediate transaction: a batch of alerts (a backfill step) lands together or
   * not at all, and its reads (is there an alert already, the story's facts) cannot go stale before
   * its writes while another process writes (SQLITE_BUSY_SNAPSHOT).
   */
  batch(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  /** A corrected article may move in time: its alerts follow. */
  articleMoved(articleId: number, sortAt: number): void {
    this.moveArticle.run(sortAt, articleId, sortAt);
  }

  listForWatchlist(watchlistId: number): AlertRecord[] {
    return (this.db.prepare(`SELECT * FROM alerts WHERE watchlist_id = ? ORDER BY id`).all(watchlistId) as AlertRow[]).map(toAlertRecord);
  }

  /** Read or unread, a whole story at a time (the inbox shows a story once). */
  setRead(storyIds: readonly number[], readAt: number | null): void {
    const update = this.db.prepare(
      readAt === null
        ? `UPDATE alerts SET read_at = NULL WHERE story_id = ?`
        : `UPDATE alerts SET read_at = ? WHERE story_id = ? AND read_at IS NULL`,
    );
    this.db
      .transaction(() => {
        for (const storyId of storyIds) {
          if (readAt === null) update.run(storyId);
          else update.run(readAt, storyId);
        }
      })
      .immediate();
  }

  setStarred(storyId: number, starred: boolean): void {
    this.db.prepare(`UPDATE alerts SET starred = ? WHERE story_id = ?`).run(starred ? 1 : 0, storyId);
  }

  /** A muted story never notifies again; its pending notifications are dropped. */
  setMuted(storyId: number, muted: boolean): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(`INSERT INTO story_state (story_id, muted) VALUES (?, ?) ON CONFLICT (story_id) DO UPDATE SET muted = excluded.muted`)
          .run(storyId, muted ? 1 : 0);
        if (muted)
          this.db
            .prepare(`UPDATE alerts SET notify_state = 'none' WHERE story_id = ? AND notify_state IN ('pending', 'held')`)
            .run(storyId);
      })
      .immediate();
  }

  deleteStories(storyIds: readonly number[]): number {
    const drop = this.db.prepare(`DELETE FROM alerts WHERE story_id = ?`);
    return this.db.transaction(() => storyIds.reduce((n, storyId) => n + drop.run(storyId).changes, 0)).immediate();
  }

  markAllRead(now: number, watchlistId?: number): number {
    const info =
      watchlistId === undefined
        ? this.db.prepare(`UPDATE alerts SET read_at = ? WHERE read_at IS NULL`).run(now)
        : this.db.prepare(`UPDATE alerts SET read_at = ? WHERE read_at IS NULL AND watchlist_id = ?`).run(now, watchlistId);
    return info.changes;
  }

  count(): number {
    return this.db.prepare(`SELECT count(*) FROM alerts`).pluck().get() as number;
  }
}

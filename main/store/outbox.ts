/**
 * The notification outbox (the `notifications` table) and the alerts waiting for it: the reads and
 * writes of main/alerts/dispatcher.ts, which holds the exactly-once protocol and explains it.
 */
import type { Db } from './database';

/** A recorded notification, as the notifier is handed it. */
export interface OutboxRow {
  id: number;
  title: string;
  body: string;
  articleId: number | null;
  storyId: number | null;
}

/** An alert waiting to notify ('pending' or 'held'), with what the policy must know about it. */
export interface WaitingAlert {
  alertId: number;
  articleId: number;
  storyId: number;
  watchlistId: number | null;
  watchlistName: string;
  origin: 'live' | 'backfill';
  state: 'pending' | 'held';
  read: boolean;
  /** False when the watchlist was deleted. */
  watchlistNotifies: boolean;
  storyMuted: boolean;
  /** Another article of the same story alerted first. */
  earlierInStory: boolean;
  articleTitle: string;
  sourceTitle: string;
  snippet: string;
}

/** Who shows a notification: one engine (its random token), in a process on a host. */
export interface Claimant {
  owner: string;
  pid: number;
  host: string;
}

/** A claim on an unshown notification, as another engine sees it. */
export interface Claim extends Claimant {
  claimedAt: number;
}

interface UnshownRow {
  id: number;
  title: string;
  body: string;
  article_id: number | null;
  story_id: number | null;
  claimed_by: string | null;
  claimed_pid: number | null;
  claimed_host: string | null;
  claimed_at: number | null;
}

export interface NewNotification {
  kind: 'single' | 'batch' | 'summary';
  watchlistId: number | null;
  articleId: number | null;
  storyId: number | null;
  title: string;
  body: string;
  alertIds: number[];
  createdAt: number;
}

interface WaitingRow {
  id: number;
  article_id: number;
  story_id: number;
  watchlist_id: number | null;
  watchlist_name: string;
  origin: 'live' | 'backfill';
  notify_state: 'pending' | 'held';
  read_at: number | null;
  watchlist_notify: number | null;
  muted: number;
  earlier: number;
  title: string;
  source_title: string;
  snippet: string;
}

/**
 * Alerts waiting to notify, with what the policy must know: whether their watchlist still
 * notifies, their story is muted, another article of their story alerted first (re-checked here
 * because stories can be regrouped after the alert was written), and what the text shows.
 */
const WAITING_SQL = `
  SELECT a.id, a.article_id, a.story_id, a.watchlist_id, a.watchlist_name, a.origin, a.notify_state, a.read_at,
         w.notify AS watchlist_notify,
         coalesce(s.muted, 0) AS muted,
         EXISTS (SELECT 1 FROM alerts o WHERE o.story_id = a.story_id AND o.article_id <> a.article_id AND o.id < a.id) AS earlier,
         ar.title, ar.source_title, substr(ar.text, 1, @snippetChars) AS snippet
  FROM alerts a
  JOIN articles ar ON ar.id = a.article_id
  LEFT JOIN watchlists w ON w.id = a.watchlist_id
  LEFT JOIN story_state s ON s.story_id = a.story_id
  WHERE a.notify_state IN ('pending', 'held')
  ORDER BY a.id`;

const outboxes = new WeakMap<Db, NotificationOutbox>();

export class NotificationOutbox {
  /** One outbox per database, so that whoever dispatches on it can serialise on it. */
  static of(db: Db): NotificationOutbox {
    let outbox = outboxes.get(db);
    if (!outbox) outboxes.set(db, (outbox = new NotificationOutbox(db)));
    return outbox;
  }

  private constructor(private readonly db: Db) {}

  /**
   * Runs `work` in one immediate transaction: the decision and its record land together, and the
   * write lock taken at BEGIN means no other process decides on the same alerts meanwhile.
   */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Whether any notification is recorded but not shown yet. */
  /**
   * Whether a dispatch has anything to do: a notification recorded but not shown, or an alert
   * waiting to be decided. Most polls raise no alert: then a dispatch reads nothing else (the
   * settings' time zone starts ICU, ~25 ms of a warm poll).
   */
  hasWork(): boolean {
    return (
      this.db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM notifications WHERE shown_at IS NULL)
               OR EXISTS (SELECT 1 FROM alerts WHERE notify_state IN ('pending', 'held'))`,
        )
        .pluck()
        .get() === 1
    );
  }

  hasUnshown(): boolean {
    return this.db.prepare(`SELECT 1 FROM notifications WHERE shown_at IS NULL LIMIT 1`).get() !== undefined;
  }

  /**
   * Claims the notifications recorded but not shown yet (a crash in between, or a show that failed)
   * for `me`, oldest first, in one immediate transaction: those unclaimed, claimed by `me`, or whose
   * claim `mayTakeOver` judges abandoned. Another process showing them right now keeps them.
   */
  claimUnshown(me: Claimant, now: number, mayTakeOver: (claim: Claim) => boolean): OutboxRow[] {
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare(
            `SELECT id, title, body, article_id, story_id, claimed_by, claimed_pid, claimed_host, claimed_at
             FROM notifications WHERE shown_at IS NULL ORDER BY id`,
          )
          .all() as UnshownRow[];
        const claim = this.db.prepare(
          `UPDATE notifications SET claimed_by = @owner, claimed_pid = @pid, claimed_host = @host, claimed_at = @now WHERE id = @id`,
        );
        const claimed = rows.filter(
          (r) =>
            r.claimed_by === null ||
            r.claimed_by === me.owner ||
            mayTakeOver({ owner: r.claimed_by, pid: r.claimed_pid ?? 0, host: r.claimed_host ?? '', claimedAt: r.claimed_at ?? 0 }),
        );
        for (const r of claimed) claim.run({ ...me, now, id: r.id });
        return claimed.map((r) => ({ id: r.id, title: r.title, body: r.body, articleId: r.article_id, storyId: r.story_id }));
      })
      .immediate();
  }

  waitingAlerts(snippetChars: number): WaitingAlert[] {
    return (this.db.prepare(WAITING_SQL).all({ snippetChars }) as WaitingRow[]).map((row) => ({
      alertId: row.id,
      articleId: row.article_id,
      storyId: row.story_id,
      watchlistId: row.watchlist_id,
      watchlistName: row.watchlist_name,
      state: row.notify_state,
      origin: row.origin,
      watchlistNotifies: row.watchlist_notify === 1,
      storyMuted: row.muted === 1,
      earlierInStory: row.earlier === 1,
      read: row.read_at !== null,
      articleTitle: row.title,
      sourceTitle: row.source_title,
      snippet: row.snippet,
    }));
  }

  /** When the notifications recorded after `since` were created (the per-minute cap). */
  createdSince(since: number): number[] {
    return this.db.prepare(`SELECT created_at FROM notifications WHERE created_at > ?`).pluck().all(since) as number[];
  }

  /**
   * Records a notification, claimed by `by` (who shows it next), and sets its alerts 'notified';
   * returns its id. Call inside `atomically`.
   */
  record(notification: NewNotification, by: Claimant): number {
    const info = this.db
      .prepare(
        `INSERT INTO notifications (kind, watchlist_id, article_id, story_id, title, body, alert_ids, created_at, claimed_by, claimed_pid, claimed_host, claimed_at)
         VALUES (@kind, @watchlistId, @articleId, @storyId, @title, @body, @alertIds, @createdAt, @owner, @pid, @host, @createdAt)`,
      )
      .run({ ...notification, alertIds: JSON.stringify(notification.alertIds), owner: by.owner, pid: by.pid, host: by.host });
    this.setAlertState(notification.alertIds, 'notified');
    return Number(info.lastInsertRowid);
  }

  setAlertState(alertIds: readonly number[], state: 'notified' | 'held' | 'none'): void {
    const update = this.db.prepare(`UPDATE alerts SET notify_state = ? WHERE id = ?`);
    for (const id of alertIds) update.run(state, id);
  }

  /** Hands back what `owner` claimed and did not show (it closes): the next engine shows it at once. */
  releaseClaims(owner: string): void {
    this.db.prepare(`UPDATE notifications SET claimed_by = NULL WHERE claimed_by = ? AND shown_at IS NULL`).run(owner);
  }

  markShown(id: number, at: number): void {
    this.db.prepare(`UPDATE notifications SET shown_at = ? WHERE id = ? AND shown_at IS NULL`).run(at, id);
  }
}

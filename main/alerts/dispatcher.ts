/**
 * Exactly-once notification delivery through an outbox (the `notifications` table):
 *
 *   (a) show every notification recorded but not shown yet (the process died after recording);
 *   (b) in ONE transaction: read the 'pending' and 'held' alerts, apply the policy, insert the
 *       notification rows and set their alerts 'notified' (others 'held' or 'none');
 *   (c) show each new notification, then set its shown_at.
 *
 * A crash before (b) commits leaves the alerts 'pending': the next dispatch decides again. A crash
 * after (b) leaves rows with shown_at NULL: the next dispatch shows them in (a). An alert is never
 * 'notified' without its row, and a row is never recorded twice. Only the instant between the
 * notifier showing a row and shown_at being written can repeat a notification; the headless
 * notifier's log is idempotent by notification id to close that gap for it.
 *
 * Dispatches on one database are serialised: two overlapping calls would otherwise both find the
 * same unshown rows in (a).
 */
import type { Locale } from '../../shared/errors';
import type { Db } from '../store/database';
import { notificationText, type NotificationContent } from './notification-text';
import type { NotificationToShow, Notifier } from './notifier';
import { decideNotifications, suspendedUntil, type NotificationCandidate, type PlannedNotification, type PolicySettings } from './policy';

export interface DispatchSettings extends PolicySettings {
  locale: Locale;
}

export interface DispatchResult {
  /** Notifications shown by this call (leftovers from before included). */
  shown: number;
  /** Notifications recorded by this call. */
  recorded: number;
  /** Alerts held for later (quiet hours, pause, cap). */
  held: number;
  /** Notifications the notifier failed to show; they stay recorded and are retried next time. */
  failed: number;
  /** When to dispatch again to release held alerts or unshown notifications; null if nothing waits. */
  nextCheckAt: number | null;
}

interface CandidateRow {
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

interface Candidate extends NotificationCandidate {
  articleTitle: string;
  sourceTitle: string;
  snippet: string;
}

interface NotificationRow {
  id: number;
  title: string;
  body: string;
  article_id: number | null;
  story_id: number | null;
}

const MINUTE_MS = 60_000;
const SNIPPET_CHARS = 300;

const locks = new WeakMap<Db, Promise<unknown>>();

export function dispatchNotifications(db: Db, settings: DispatchSettings, notifier: Notifier, now: number): Promise<DispatchResult> {
  const previous = locks.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dispatchNow(db, settings, notifier, now));
  locks.set(db, run);
  return run;
}

async function dispatchNow(db: Db, settings: DispatchSettings, notifier: Notifier, now: number): Promise<DispatchResult> {
  const result: DispatchResult = { shown: 0, recorded: 0, held: 0, failed: 0, nextCheckAt: null };
  const suspended = suspendedUntil(now, settings);

  // (a) Leftovers of a crash. They were decided while notifying was allowed; if it is not now
  // (quiet hours began meanwhile), they wait for its end like held alerts.
  const leftovers = db
    .prepare(`SELECT id, title, body, article_id, story_id FROM notifications WHERE shown_at IS NULL ORDER BY id`)
    .all() as NotificationRow[];
  if (suspended && leftovers.length > 0) result.nextCheckAt = suspended.until;
  else await showAll(db, notifier, leftovers, now, result);

  // (b) Decide and record, atomically.
  const recorded = db.transaction(() => {
    const candidates = (db.prepare(CANDIDATES_SQL).all({ snippetChars: SNIPPET_CHARS }) as CandidateRow[]).map(toCandidate);
    if (candidates.length === 0) return { rows: [] as NotificationRow[], held: 0, nextCheckAt: null };
    const recent = db.prepare(`SELECT created_at FROM notifications WHERE created_at > ?`).pluck().all(now - MINUTE_MS) as number[];
    const decision = decideNotifications(candidates, settings, now, recent);

    const insert = db.prepare(
      `INSERT INTO notifications (kind, watchlist_id, article_id, story_id, title, body, alert_ids, created_at)
       VALUES (@kind, @watchlistId, @articleId, @storyId, @title, @body, @alertIds, @createdAt)`,
    );
    const setState = db.prepare(`UPDATE alerts SET notify_state = ? WHERE id = ?`);
    const rows: NotificationRow[] = [];
    for (const planned of decision.notify) {
      const text = notificationText(contentOf(planned), settings.locale);
      const alertIds = planned.alerts.map((a) => a.alertId);
      const info = insert.run({
        kind: planned.kind,
        watchlistId: planned.kind === 'batch' ? planned.watchlistId : planned.kind === 'single' ? planned.alerts[0]!.watchlistId : null,
        articleId: planned.kind === 'single' ? planned.articleId : null,
        storyId: planned.kind === 'single' ? planned.storyId : null,
        title: text.title,
        body: text.body,
        alertIds: JSON.stringify(alertIds),
        createdAt: now,
      });
      for (const id of alertIds) setState.run('notified', id);
      rows.push({
        id: Number(info.lastInsertRowid),
        title: text.title,
        body: text.body,
        article_id: planned.kind === 'single' ? planned.articleId : null,
        story_id: planned.kind === 'single' ? planned.storyId : null,
      });
    }
    for (const id of decision.hold) setState.run('held', id);
    for (const id of decision.drop) setState.run('none', id);
    return { rows, held: decision.hold.length, nextCheckAt: decision.nextCheckAt };
  })();
  result.recorded = recorded.rows.length;
  result.held = recorded.held;
  result.nextCheckAt = earliest(result.nextCheckAt, recorded.nextCheckAt);

  // (c) Show what was just recorded.
  await showAll(db, notifier, recorded.rows, now, result);
  return result;
}

async function showAll(db: Db, notifier: Notifier, rows: readonly NotificationRow[], now: number, result: DispatchResult): Promise<void> {
  const markShown = db.prepare(`UPDATE notifications SET shown_at = ? WHERE id = ? AND shown_at IS NULL`);
  for (const row of rows) {
    const notification: NotificationToShow = { id: row.id, title: row.title, body: row.body, articleId: row.article_id, storyId: row.story_id };
    try {
      await notifier.show(notification);
    } catch {
      // Not shown: it stays recorded with shown_at NULL and is shown by a later dispatch.
      result.failed += 1;
      continue;
    }
    markShown.run(now, row.id);
    result.shown += 1;
  }
}

/**
 * Alerts waiting to notify, with what the policy must know: whether their watchlist still
 * notifies, their story is muted, another article of their story alerted first (re-checked here
 * because stories can be regrouped after the alert was written), and what the text shows.
 */
const CANDIDATES_SQL = `
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

function toCandidate(row: CandidateRow): Candidate {
  return {
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
  };
}

function contentOf(planned: PlannedNotification<Candidate>): NotificationContent {
  const articles = distinctBy(planned.alerts, (a) => a.articleId);
  switch (planned.kind) {
    case 'single': {
      const first = planned.alerts[0]!;
      return {
        kind: 'single',
        watchlistNames: distinctBy(planned.alerts, (a) => a.watchlistName).map((a) => a.watchlistName),
        articleTitle: first.articleTitle,
        sourceTitle: first.sourceTitle,
        snippet: first.snippet,
      };
    }
    case 'batch':
      return {
        kind: 'batch',
        watchlistName: planned.alerts.find((a) => a.watchlistId === planned.watchlistId)?.watchlistName ?? '',
        articleCount: articles.length,
        headlines: articles.map((a) => a.articleTitle),
      };
    case 'summary': {
      const perWatchlist = new Map<string, Set<number>>();
      for (const a of planned.alerts) {
        const set = perWatchlist.get(a.watchlistName) ?? new Set<number>();
        set.add(a.articleId);
        perWatchlist.set(a.watchlistName, set);
      }
      return {
        kind: 'summary',
        articleCount: articles.length,
        perWatchlist: [...perWatchlist].map(([name, ids]) => ({ name, count: ids.size })),
      };
    }
  }
}

function distinctBy<T, K>(items: readonly T[], key: (item: T) => K): T[] {
  const seen = new Set<K>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

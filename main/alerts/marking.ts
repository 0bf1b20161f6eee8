/**
 * Whether a newly written alert should notify, decided inside the poll's store transaction so an
 * alert and its notify state land together: 'pending' when it is live, its watchlist notifies,
 * its story is not muted and its article is the first of its story to alert; 'none' otherwise
 * (the column's default). The dispatcher (main/alerts/dispatcher.ts) turns 'pending' alerts into
 * notifications after the poll.
 */
import type { Watchlist } from '../../shared/types';
import type { Db } from '../store/database';

export type NotifyState = 'none' | 'pending' | 'notified' | 'held';

export interface MarkFacts {
  origin: 'live' | 'backfill';
  watchlistNotifies: boolean;
  storyMuted: boolean;
  /** An alert for another article of the same story exists already (another outlet was first). */
  earlierInStory: boolean;
}

/** The rule, on its own. */
export function initialNotifyState(facts: MarkFacts): 'pending' | 'none' {
  return facts.origin === 'live' && facts.watchlistNotifies && !facts.storyMuted && !facts.earlierInStory ? 'pending' : 'none';
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    facts: db.prepare(
      `SELECT coalesce((SELECT muted FROM story_state WHERE story_id = @storyId), 0) AS muted,
              EXISTS (SELECT 1 FROM alerts WHERE story_id = @storyId AND article_id <> @articleId AND id < @id) AS earlier`,
    ),
    setPending: db.prepare(`UPDATE alerts SET notify_state = 'pending' WHERE id = ?`),
  };
}

/**
 * Sets the notify state of the alert just inserted (`id`) and returns it. Call it in the same
 * transaction as the insert.
 */
export function markNewAlert(
  db: Db,
  alert: { id: number; articleId: number; storyId: number; origin: 'live' | 'backfill' },
  watchlist: Pick<Watchlist, 'notify'>,
): 'pending' | 'none' {
  // Backlog and notify-off never need the lookups.
  if (alert.origin !== 'live' || !watchlist.notify) return 'none';
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  const row = s.facts.get({ storyId: alert.storyId, articleId: alert.articleId, id: alert.id }) as { muted: number; earlier: number };
  const state = initialNotifyState({
    origin: alert.origin,
    watchlistNotifies: watchlist.notify,
    storyMuted: row.muted === 1,
    earlierInStory: row.earlier === 1,
  });
  if (state === 'pending') s.setPending.run(alert.id);
  return state;
}

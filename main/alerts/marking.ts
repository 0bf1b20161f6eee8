/**
 * Whether a newly written alert should notify, decided inside the poll's store transaction so an
 * alert and its notify state land together: 'pending' when it is live, its watchlist notifies,
 * its story is not muted and its article is the first of its story to alert; 'none' otherwise
 * (the column's default). The dispatcher (main/alerts/dispatcher.ts) turns 'pending' alerts into
 * notifications after the poll.
 */
import type { Watchlist } from '../../shared/types';
import type { AlertStore } from '../store/alerts';

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

/**
 * Sets the notify state of the alert just inserted (`id`) and returns it. Call it in the same
 * transaction as the insert.
 */
export function markNewAlert(
  alerts: Pick<AlertStore, 'notifyFacts' | 'setPending'>,
  alert: { id: number; articleId: number; storyId: number; origin: 'live' | 'backfill' },
  watchlist: Pick<Watchlist, 'notify'>,
): 'pending' | 'none' {
  // Backlog and notify-off never need the lookups.
  if (alert.origin !== 'live' || !watchlist.notify) return 'none';
  const facts = alerts.notifyFacts(alert);
  const state = initialNotifyState({ origin: alert.origin, watchlistNotifies: watchlist.notify, ...facts });
  if (state === 'pending') alerts.setPending(alert.id);
  return state;
}

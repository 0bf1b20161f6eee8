/**
 * The notification policy: given the alerts waiting to notify ('pending' from the last poll,
 * 'held' from before), the settings and the time, decide which notifications to raise, which
 * alerts to hold for later, and which never notify. Pure: no database, no clock of its own, so
 * each rule is tested with an injected time (tests/unit/alerts/policy.test.ts).
 *
 * Rules, in order:
 * 1. Never notify: backlog (origin 'backfill'), a watchlist with notify off (or deleted), a muted
 *    story, an article that is not the first of its story to alert, an alert already read.
 * 2. Paused ("pause for 1 h") or quiet hours (in the user's zone, may cross midnight): everything
 *    left is held. Held alerts are summarised in one notification once notifying resumes.
 * 3. Otherwise: one summary of the held alerts; then, per watchlist, more than `batchThreshold`
 *    new alerts → one batch notification ("카카오브레인: 새 기사 5건"), else one notification per
 *    article (an article matching two watchlists notifies once, naming both).
 * 4. A global cap per rolling minute: notifications beyond it are not dropped but held, and
 *    summarised when the minute has room again.
 */
import { minuteOfDay } from '../../shared/time-zone';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export interface NotificationCandidate {
  alertId: number;
  articleId: number;
  storyId: number;
  watchlistId: number | null;
  watchlistName: string;
  state: 'pending' | 'held';
  origin: 'live' | 'backfill';
  /** The alert's watchlist still exists and has notify on. */
  watchlistNotifies: boolean;
  storyMuted: boolean;
  /** Another article of the same story alerted before this one (only the first notifies). */
  earlierInStory: boolean;
  read: boolean;
}

export interface PolicySettings {
  quietHours: { start: string; end: string } | null;
  timeZone: string;
  batchThreshold: number;
  maxNotificationsPerMinute: number;
  notificationsPausedUntil: number | null;
}

export type PlannedNotification<C extends NotificationCandidate = NotificationCandidate> =
  | { kind: 'single'; articleId: number; storyId: number; alerts: C[] }
  | { kind: 'batch'; watchlistId: number; alerts: C[] }
  | { kind: 'summary'; alerts: C[] };

export interface PolicyDecision<C extends NotificationCandidate = NotificationCandidate> {
  /** Raise these now, in this order. Their alerts become 'notified'. */
  notify: Array<PlannedNotification<C>>;
  /** Alert ids to set (or keep) 'held'. */
  hold: number[];
  /** Alert ids that will never notify: set to 'none'. */
  drop: number[];
  /** Why nothing or not everything was raised now. */
  holdReason: 'paused' | 'quiet-hours' | 'cap' | null;
  /** When held alerts could be released (end of pause or quiet hours, room under the cap), if any are held. */
  nextCheckAt: number | null;
}

/** 'HH:MM' → minutes after midnight; null when malformed. */
export function parseClock(hhmm: string): number | null {
  const m = /^(\d\d):(\d\d)$/.exec(hhmm);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/**
 * If `now` falls in the quiet hours, the instant they end; otherwise null. The window is
 * [start, end) in the user's zone and crosses midnight when start > end (23:00–07:00); equal
 * start and end mean no quiet hours.
 */
export function quietHoursEnd(now: number, quietHours: PolicySettings['quietHours'], timeZone: string): number | null {
  if (!quietHours) return null;
  const start = parseClock(quietHours.start);
  const end = parseClock(quietHours.end);
  if (start === null || end === null || start === end) return null;
  const minute = minuteOfDay(now, timeZone);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const minutesLeft = (end - minute + DAY_MINUTES) % DAY_MINUTES;
  return now - (now % MINUTE_MS) + minutesLeft * MINUTE_MS;
}

/** When notifying is suspended (pause, quiet hours), until when and why; null when it is not. */
export function suspendedUntil(now: number, settings: PolicySettings): { until: number; reason: 'paused' | 'quiet-hours' } | null {
  if (settings.notificationsPausedUntil !== null && now < settings.notificationsPausedUntil) {
    return { until: settings.notificationsPausedUntil, reason: 'paused' };
  }
  const quietEnd = quietHoursEnd(now, settings.quietHours, settings.timeZone);
  return quietEnd === null ? null : { until: quietEnd, reason: 'quiet-hours' };
}

/** Rule 1: why this alert must never notify, or null if it may. */
export function neverNotifyReason(c: NotificationCandidate): string | null {
  if (c.origin !== 'live') return 'backlog';
  if (!c.watchlistNotifies || c.watchlistId === null) return 'watchlist-notify-off';
  if (c.storyMuted) return 'story-muted';
  if (c.earlierInStory) return 'not-first-of-story';
  if (c.read) return 'already-read';
  return null;
}

/**
 * @param recentNotificationTimes creation times of the notifications already raised in the last
 *   minute (restarts included: they come from the database).
 */
export function decideNotifications<C extends NotificationCandidate>(
  candidates: readonly C[],
  settings: PolicySettings,
  now: number,
  recentNotificationTimes: readonly number[] = [],
): PolicyDecision<C> {
  const drop: number[] = [];
  const eligible: C[] = [];
  for (const c of candidates) {
    if (neverNotifyReason(c) === null) eligible.push(c);
    else drop.push(c.alertId);
  }
  if (eligible.length === 0) return { notify: [], hold: [], drop, holdReason: null, nextCheckAt: null };

  const suspended = suspendedUntil(now, settings);
  if (suspended) {
    return { notify: [], hold: eligible.map((c) => c.alertId), drop, holdReason: suspended.reason, nextCheckAt: suspended.until };
  }

  const planned = plan(eligible, settings.batchThreshold);

  // The cap: a rolling minute, counted from the database so a restart does not reset it.
  const windowTimes = recentNotificationTimes.filter((t) => t > now - MINUTE_MS && t <= now);
  const room = Math.max(0, settings.maxNotificationsPerMinute - windowTimes.length);
  const notify = planned.slice(0, room);
  const excess = planned.slice(room);
  if (excess.length === 0) return { notify, hold: [], drop, holdReason: null, nextCheckAt: null };

  // One slot frees when the oldest notification of the (now full) window leaves it.
  const times = [...windowTimes, ...notify.map(() => now)].sort((a, b) => a - b);
  const oldestThatMustLeave = times[times.length - settings.maxNotificationsPerMinute] ?? now;
  return {
    notify,
    hold: excess.flatMap((p) => p.alerts.map((a) => a.alertId)),
    drop,
    holdReason: 'cap',
    nextCheckAt: Math.max(now + 1, oldestThatMustLeave + MINUTE_MS),
  };
}

/** Rule 3: the summary of held alerts first, then batches and single notifications in alert order. */
function plan<C extends NotificationCandidate>(eligible: readonly C[], batchThreshold: number): Array<PlannedNotification<C>> {
  const held = eligible.filter((c) => c.state === 'held');
  const fresh = eligible.filter((c) => c.state === 'pending');
  const out: Array<PlannedNotification<C>> = [];
  if (held.length > 0) out.push({ kind: 'summary', alerts: held });

  const byWatchlist = groupBy(fresh, (c) => c.watchlistId!);
  const batches = new Map<number, PlannedNotification<C> & { kind: 'batch' }>();
  for (const [watchlistId, alerts] of byWatchlist) {
    if (alerts.length > batchThreshold) batches.set(watchlistId, { kind: 'batch', watchlistId, alerts: [...alerts] });
  }
  // An article already in a batch does not notify again for its other watchlists: its alert joins that batch.
  const batchOfArticle = new Map<number, PlannedNotification<C> & { kind: 'batch' }>();
  for (const batch of batches.values())
    for (const a of batch.alerts) if (!batchOfArticle.has(a.articleId)) batchOfArticle.set(a.articleId, batch);

  const singles = new Map<number, PlannedNotification<C> & { kind: 'single' }>();
  for (const c of fresh) {
    if (batches.has(c.watchlistId!)) continue;
    const batch = batchOfArticle.get(c.articleId);
    if (batch) {
      batch.alerts.push(c);
      continue;
    }
    const single = singles.get(c.articleId);
    if (single) single.alerts.push(c);
    else singles.set(c.articleId, { kind: 'single', articleId: c.articleId, storyId: c.storyId, alerts: [c] });
  }

  const rest: Array<PlannedNotification<C>> = [...batches.values(), ...singles.values()];
  const firstAlert = (p: PlannedNotification<C>) => Math.min(...p.alerts.map((a) => a.alertId));
  rest.sort((a, b) => firstAlert(a) - firstAlert(b));
  return out.concat(rest);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

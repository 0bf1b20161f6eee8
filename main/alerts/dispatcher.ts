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
 * Several engines may dispatch on one file (the app and `nunchi run`, a restarted worker): a row is
 * shown only by the engine that claimed it in an immediate transaction — rows recorded in (b) are
 * claimed by their recorder, leftovers in (a) by whoever finds them unclaimed or abandoned (the
 * claimant's process is gone, or it claimed long ago). Dispatches on one connection are also
 * serialised, so one engine never shows a row twice by overlapping itself.
 */
import type { Locale } from '../../shared/errors';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Claim, Claimant, NotificationOutbox, OutboxRow, WaitingAlert } from '../store/outbox';
import { notificationText, type NotificationContent } from './notification-text';
import type { NotificationToShow, Notifier } from './notifier';
import { decideNotifications, suspendedUntil, type PlannedNotification, type PolicySettings } from './policy';

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

const MINUTE_MS = 60_000;
const SNIPPET_CHARS = 300;

/** A claim older than this is abandoned whoever made it (showing one takes milliseconds). */
export const CLAIM_TIMEOUT_MS = 5 * MINUTE_MS;

/** Who shows the notifications, and when another engine's claim may be taken over. */
export interface Claims {
  me: Claimant;
  /** Besides a claim older than CLAIM_TIMEOUT_MS: whether its claimant is known to be gone. */
  gone?: (claim: Claim) => boolean;
}

const locks = new WeakMap<NotificationOutbox, Promise<unknown>>();
const defaultClaimants = new WeakMap<NotificationOutbox, Claimant>();

/**
 * `outbox`: NotificationOutbox.of(db), one per connection, so dispatches on it are serialised.
 * `claims`: the engine's identity (main/engine/monitor-lease.ts); by default one per outbox.
 */
export function dispatchNotifications(
  outbox: NotificationOutbox,
  settings: DispatchSettings,
  notifier: Notifier,
  now: number,
  claims?: Claims,
): Promise<DispatchResult> {
  let me = claims?.me ?? defaultClaimants.get(outbox);
  if (!me) defaultClaimants.set(outbox, (me = { owner: randomUUID(), pid: process.pid, host: hostname() }));
  const abandoned = (claim: Claim) => now - claim.claimedAt > CLAIM_TIMEOUT_MS || (claims?.gone?.(claim) ?? false);
  const previous = locks.get(outbox) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dispatchNow(outbox, settings, notifier, now, me, abandoned));
  locks.set(outbox, run);
  return run;
}

async function dispatchNow(
  outbox: NotificationOutbox,
  settings: DispatchSettings,
  notifier: Notifier,
  now: number,
  me: Claimant,
  abandoned: (claim: Claim) => boolean,
): Promise<DispatchResult> {
  const result: DispatchResult = { shown: 0, recorded: 0, held: 0, failed: 0, nextCheckAt: null };
  const suspended = suspendedUntil(now, settings);

  // (a) Leftovers of a crash (or of a show that failed). They were decided while notifying was
  // allowed; if it is not now (quiet hours began meanwhile), they wait for its end like held alerts.
  if (suspended) {
    if (outbox.hasUnshown()) result.nextCheckAt = suspended.until;
  } else {
    await showAll(outbox, notifier, outbox.claimUnshown(me, now, abandoned), now, result);
  }

  // (b) Decide and record, atomically.
  const recorded = outbox.atomically(() => {
    const candidates = outbox.waitingAlerts(SNIPPET_CHARS);
    if (candidates.length === 0) return { rows: [] as OutboxRow[], held: 0, nextCheckAt: null };
    const decision = decideNotifications(candidates, settings, now, outbox.createdSince(now - MINUTE_MS));
    const rows: OutboxRow[] = [];
    for (const planned of decision.notify) {
      const text = notificationText(contentOf(planned), settings.locale);
      const articleId = planned.kind === 'single' ? planned.articleId : null;
      const storyId = planned.kind === 'single' ? planned.storyId : null;
      const id = outbox.record(
        {
          kind: planned.kind,
          watchlistId: planned.kind === 'batch' ? planned.watchlistId : planned.kind === 'single' ? planned.alerts[0]!.watchlistId : null,
          articleId,
          storyId,
          title: text.title,
          body: text.body,
          alertIds: planned.alerts.map((a) => a.alertId),
          createdAt: now,
        },
        me,
      );
      rows.push({ id, title: text.title, body: text.body, articleId, storyId });
    }
    outbox.setAlertState(decision.hold, 'held');
    outbox.setAlertState(decision.drop, 'none');
    return { rows, held: decision.hold.length, nextCheckAt: decision.nextCheckAt };
  });
  result.recorded = recorded.rows.length;
  result.held = recorded.held;
  result.nextCheckAt = earliest(result.nextCheckAt, recorded.nextCheckAt);

  // (c) Show what was just recorded.
  await showAll(outbox, notifier, recorded.rows, now, result);
  return result;
}

async function showAll(
  outbox: NotificationOutbox,
  notifier: Notifier,
  rows: readonly OutboxRow[],
  now: number,
  result: DispatchResult,
): Promise<void> {
  for (const row of rows) {
    const notification: NotificationToShow = {
      id: row.id,
      title: row.title,
      body: row.body,
      articleId: row.articleId,
      storyId: row.storyId,
    };
    try {
      await notifier.show(notification);
    } catch {
      // Not shown: it stays recorded with shown_at NULL and is shown by a later dispatch.
      result.failed += 1;
      continue;
    }
    outbox.markShown(row.id, now);
    result.shown += 1;
  }
}

function contentOf(planned: PlannedNotification<WaitingAlert>): NotificationContent {
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

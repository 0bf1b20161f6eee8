/**
 * What the engine holds once a notifier is set: runs the dispatcher after each poll and on start,
 * and wakes itself up when held notifications become due (the end of quiet hours or of a pause,
 * room under the per-minute cap) even if no poll happens then. Never throws into the poll.
 */
import type { NotificationOutbox } from '../store/outbox';
import { dispatchNotifications, type Claims, type DispatchResult, type DispatchSettings } from './dispatcher';
import type { Notifier } from './notifier';

/** setTimeout's limit is ~24.8 days; re-check daily at most. */
const MAX_DELAY_MS = 24 * 3600_000;
const MIN_DELAY_MS = 1000;

/** A dispatch with nothing recorded to show and no alert to decide: it needs no settings and holds no timer. */
const nothingToDo = (): DispatchResult => ({ shown: 0, recorded: 0, held: 0, failed: 0, nextCheckAt: null });

export interface NotificationDeliveryOptions {
  outbox: NotificationOutbox;
  notifier: Notifier;
  settings: () => DispatchSettings;
  now: () => number;
  /** Who this engine is, so that two engines on one file never show the same notification. */
  claims?: Claims;
  /** A dispatch that failed (a database error); the alerts stay pending for the next one. */
  onError?: (error: unknown) => void;
}

export class NotificationDelivery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DispatchResult | null> = Promise.resolve(null);
  private closed = false;

  constructor(private readonly options: NotificationDeliveryOptions) {}

  dispatch(): Promise<DispatchResult | null> {
    if (this.closed) return Promise.resolve(null);
    const { outbox, notifier, settings, now, onError, claims } = this.options;
    // Reading the settings may fail too (a locked database): inside the chain, so it reaches onError.
    this.running = Promise.resolve()
      .then(() => (outbox.hasWork() ? dispatchNotifications(outbox, settings(), notifier, now(), claims) : nothingToDo()))
      .then((result) => {
        this.wakeAt(result.nextCheckAt);
        return result;
      })
      .catch((error: unknown) => {
        onError?.(error);
        return null;
      });
    return this.running;
  }

  private wakeAt(at: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (at === null || this.closed) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, at - this.options.now()));
    this.timer = setTimeout(() => void this.dispatch(), delay);
    this.timer.unref();
  }

  /** Stops the wake-up timer and waits for a dispatch in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

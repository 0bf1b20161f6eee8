/** Notifications: where they go (a notifier, or none) and when the outbox is dispatched. */
import type { NotificationDelivery } from '../alerts/delivery';
import type { Claims, DispatchSettings } from '../alerts/dispatcher';
import type { Notifier } from '../alerts/notifier';
import type { NotificationOutbox } from '../store/outbox';
import { logger } from '../logger';

const log = logger('notifications');

export class Notifications {
  private delivery: NotificationDelivery | null = null;
  private closed = false;

  constructor(
    private readonly options: {
      outbox: NotificationOutbox;
      settings: () => DispatchSettings;
      now: () => number;
      /** This engine, claiming what it shows (another process on the file shows the rest). */
      claims?: Claims;
    },
  ) {}

  /**
   * Where notifications go (the CLI's headless notifier, the Electron one); null stops them.
   * Dispatches right away: notifications recorded but not shown before a crash, and alerts left
   * pending, are shown now (main/alerts/dispatcher.ts).
   */
  async setNotifier(notifier: Notifier | null): Promise<void> {
    await this.delivery?.close();
    // Loaded by the first notifier (with the HTML-to-text parser its words need), not by an
    // engine that never notifies: a CLI read command (issue 14).
    const Delivery = notifier ? (await import('../alerts/delivery')).NotificationDelivery : null;
    const { outbox, settings, now, claims } = this.options;
    this.delivery =
      notifier && Delivery
        ? new Delivery({
            outbox,
            notifier,
            now,
            settings,
            claims,
            // Locked, disk full …: the alerts stay pending and the next poll (or wake-up) tries again.
            onError: (error) => log.error('dispatching notifications failed', {}, error),
          })
        : null;
    await this.dispatch();
  }

  /** Raises the notifications that are due; runs after every poll. Never throws. */
  async dispatch(): Promise<void> {
    if (!this.closed) await this.delivery?.dispatch();
  }

  /**
   * Stops the wake-up timer, waits for a dispatch in progress and hands back the notifications
   * this engine claimed but could not show, so the next engine on the file shows them at once.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.delivery?.close();
    const { outbox, claims } = this.options;
    if (!claims) return;
    try {
      outbox.releaseClaims(claims.me.owner);
    } catch (error) {
      // Locked or read-only now: the claims are taken over once they are old (CLAIM_TIMEOUT_MS).
      log.warn('handing back unshown notifications failed', {}, error);
    }
  }
}

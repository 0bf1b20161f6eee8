/** Notifications: where they go (a notifier, or none) and when the outbox is dispatched. */
import { NotificationDelivery } from '../alerts/delivery';
import type { DispatchSettings } from '../alerts/dispatcher';
import type { Notifier } from '../alerts/notifier';
import type { NotificationOutbox } from '../store/outbox';

export class Notifications {
  private delivery: NotificationDelivery | null = null;
  private closed = false;

  constructor(
    private readonly options: {
      outbox: NotificationOutbox;
      settings: () => DispatchSettings;
      now: () => number;
    },
  ) {}

  /**
   * Where notifications go (the CLI's headless notifier, the Electron one); null stops them.
   * Dispatches right away: notifications recorded but not shown before a crash, and alerts left
   * pending, are shown now (main/alerts/dispatcher.ts).
   */
  async setNotifier(notifier: Notifier | null): Promise<void> {
    await this.delivery?.close();
    const { outbox, settings, now } = this.options;
    this.delivery = notifier ? new NotificationDelivery({ outbox, notifier, now, settings }) : null;
    await this.dispatch();
  }

  /** Raises the notifications that are due; runs after every poll. Never throws. */
  async dispatch(): Promise<void> {
    if (!this.closed) await this.delivery?.dispatch();
  }

  /** Stops the wake-up timer and waits for a dispatch in progress. */
  async close(): Promise<void> {
    this.closed = true;
    await this.delivery?.close();
  }
}

/**
 * Where notifications go. Two implementations: the headless one (terminal, `notify-send`, an
 * optional JSON-lines log; main/alerts/headless-notifier.ts) and the Electron one (native
 * Notification; main/electron/). The dispatcher (main/alerts/dispatcher.ts) decides what to show
 * and records it; a notifier only shows.
 */
export interface NotificationToShow {
  /** The notification's row id in the `notifications` table: stable across restarts. */
  id: number;
  /** Plain text, already cleaned and capped (main/alerts/notification-text.ts). */
  title: string;
  /** Plain text, already cleaned and capped. A desktop backend that reads markup must escape it. */
  body: string;
  /** The article a click should open (single notifications), else null. */
  articleId: number | null;
  storyId: number | null;
}

export interface Notifier {
  /**
   * Shows one notification. Resolve once it is handed to the OS (or written); the dispatcher then
   * marks it shown. Rejecting means "not shown": it stays recorded and is shown again on the next
   * dispatch, so an implementation should reject only when nothing was shown at all.
   */
  show(notification: NotificationToShow): Promise<void>;
}

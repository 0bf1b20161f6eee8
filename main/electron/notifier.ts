/**
 * The Electron notifier: native notifications through Electron's Notification (the engine's
 * dispatcher decides what and when; this only shows). Text is cleaned again and escaped on Linux;
 * a click opens the app on that story. Shown notifications stay referenced until closed: a
 * garbage-collected Notification loses its click handler.
 */
import { Notification } from 'electron';
import type { NotificationToShow } from '../alerts/notifier';
import { notificationContent } from './notification-text';

export function createDesktopNotifier(options: {
  icon?: string;
  onClick: (articleId: number | null) => void;
}): (notification: NotificationToShow) => Promise<void> {
  const live = new Set<Notification>();
  return (input) => {
    // Rejecting means "not shown": the engine keeps the notification and retries it later.
    if (!Notification.isSupported()) return Promise.reject(new Error('notifications are not supported here'));
    const content = notificationContent(input, process.platform);
    const notification = new Notification({ title: content.title, body: content.body, icon: options.icon });
    live.add(notification);
    const forget = () => live.delete(notification);
    notification.on('click', () => {
      forget();
      options.onClick(input.articleId);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
    return Promise.resolve();
  };
}

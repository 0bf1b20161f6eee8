/** Words the tray shows, in the user's language; the unread count is the point of the tray. */
import type { AppSettings } from '../../shared/api';
import { translate, type Message } from '../../shared/messages';

type Locale = AppSettings['locale'];

export function trayLabels(locale: Locale) {
  return {
    open: translate(locale, 'tray.open'),
    pollNow: translate(locale, 'tray.pollNow'),
    pause: translate(locale, 'tray.pause'),
    resume: translate(locale, 'tray.resume'),
    restart: translate(locale, 'tray.restart'),
    quit: translate(locale, 'tray.quit'),
  };
}

export function trayTooltip(unread: number, locale: Locale): string {
  if (unread <= 0) return translate(locale, 'tray.noAlerts');
  const count = unread > 999 ? '999+' : String(unread);
  return translate(locale, 'tray.unread', { count });
}

/**
 * When the engine is not running the tooltip says so, and why, instead of the unread count: a tray
 * that looks fine while nothing is watched is the failure this app must never have.
 */
export function trayMonitorTooltip(monitor: { state: 'restarting' | 'stopped'; reason: Message }, locale: Locale): string {
  return translate(locale, monitor.state === 'restarting' ? 'tray.monitorRestarting' : 'tray.monitorStopped', { reason: monitor.reason });
}

/** macOS shows a short title next to the tray icon; elsewhere the tooltip carries the count. */
export function trayTitle(unread: number): string {
  return unread <= 0 ? '' : unread > 99 ? '99+' : String(unread);
}

export const PAUSE_MS = 3600_000;

export function isPaused(settings: Pick<AppSettings, 'notificationsPausedUntil'>, now: number): boolean {
  return settings.notificationsPausedUntil !== null && settings.notificationsPausedUntil > now;
}

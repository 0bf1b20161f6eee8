/** Words the tray shows, in the user's language; the unread count is the point of the tray. */
import type { AppSettings } from '../../shared/api';

type Locale = AppSettings['locale'];

const LABELS = {
  ko: { open: 'Nunchi 열기', pollNow: '지금 확인', pause: '알림 1시간 끄기', resume: '알림 다시 켜기', restart: '감시 다시 시작', quit: '종료' },
  en: { open: 'Open Nunchi', pollNow: 'Check now', pause: 'Pause notifications for 1 hour', resume: 'Resume notifications', restart: 'Restart monitoring', quit: 'Quit' },
} as const;

export function trayLabels(locale: Locale) {
  return LABELS[locale];
}

export function trayTooltip(unread: number, locale: Locale): string {
  if (unread <= 0) return locale === 'ko' ? 'Nunchi — 새 알림 없음' : 'Nunchi — no new alerts';
  const count = unread > 999 ? '999+' : String(unread);
  return locale === 'ko' ? `Nunchi — 읽지 않은 알림 ${count}건` : `Nunchi — ${count} unread alert${unread === 1 ? '' : 's'}`;
}

/**
 * When the engine is not running the tooltip says so, and why, instead of the unread count: a tray
 * that looks fine while nothing is watched is the failure this app must never have.
 */
export function trayMonitorTooltip(monitor: { state: 'restarting' | 'stopped'; reason: { ko: string; en: string } }, locale: Locale): string {
  const reason = monitor.reason[locale];
  if (monitor.state === 'restarting') return locale === 'ko' ? `Nunchi — 감시 엔진을 다시 시작하는 중: ${reason}` : `Nunchi — restarting monitoring: ${reason}`;
  return locale === 'ko' ? `Nunchi — 감시 중지됨: ${reason}` : `Nunchi — monitoring stopped: ${reason}`;
}

/** macOS shows a short title next to the tray icon; elsewhere the tooltip carries the count. */
export function trayTitle(unread: number): string {
  return unread <= 0 ? '' : unread > 99 ? '99+' : String(unread);
}

export const PAUSE_MS = 3600_000;

export function isPaused(settings: Pick<AppSettings, 'notificationsPausedUntil'>, now: number): boolean {
  return settings.notificationsPausedUntil !== null && settings.notificationsPausedUntil > now;
}

/** Times as people read them: "3분 전" in lists, the full date in the user's time zone on hover. */
import { formatTimeOfDay, safeTimeZone } from '../../../shared/datetime';
import type { Locale } from '../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(at: number, now: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.round(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return format.format(Math.round(diff / DAY), 'day');
  return absoluteDate(at, locale);
}

/**
 * "2026년 11월 28일 토요일 오후 3:15 (GMT+9)" / "Saturday, November 28, 2026 at 3:15 PM (GMT+9)".
 * The Korean time of day comes from shared/datetime (오전/오후 without ICU's day periods), the
 * same words the terminal prints.
 */
export function absoluteTime(at: number, locale: Locale, timeZone?: string): string {
  const zone = safeTimeZone(timeZone);
  const zoneName = ` (${timeZoneName(at, locale, timeZone)})`;
  if (locale === 'ko')
    return `${new Intl.DateTimeFormat('ko', { dateStyle: 'full', timeZone: zone }).format(at)} ${formatTimeOfDay(at, 'ko', zone)}${zoneName}`;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(at) + zoneName;
}

export function absoluteDate(at: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: safeTimeZone(timeZone) }).format(at);
}

function timeZoneName(at: number, locale: Locale, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: safeTimeZone(timeZone) }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone ?? '';
}

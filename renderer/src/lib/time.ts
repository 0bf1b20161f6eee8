/** Times as people read them: "3분 전" in lists, the full date in the user's time zone on hover. */
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

function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "2026년 11월 28일 (토) 오후 3:15 KST" / "Sat, Nov 28, 2026, 3:15 PM GMT+9". */
export function absoluteTime(at: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(at) + ` (${timeZoneName(at, locale, timeZone)})`;
}

export function absoluteDate(at: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(at);
}

function timeZoneName(at: number, locale: Locale, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: safeZone(timeZone) }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone ?? '';
}

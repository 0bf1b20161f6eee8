/**
 * Times as people read them, the same in the terminal and the app. Korean times are put together
 * here from the clock's numbers rather than by Intl's Korean pattern: an ICU build without Korean
 * day periods (Node's small ICU, some system ICUs) prints "AM 6:03" where a Korean reader expects
 * "오전 6:03". Only the numbers come from Intl (in the user's time zone), and those every ICU has.
 */
import type { Locale } from './messages';

/** The Korean day periods, which some ICU builds lack (this file's reason to exist). */
const KO_DAY_PERIOD = { am: '오전', pm: '오후' } as const;

export interface ClockParts {
  year: number;
  month: number;
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
}

/** The zone if Intl knows it, else undefined (the system zone): a bad setting must not break a list. */
export function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(timeZone, known);
  }
  return known ? timeZone : undefined;
}

/** Zones already checked: a list of 50 alerts asks 100 times, and each check builds a formatter. */
const knownZones = new Map<string, boolean>();

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour (0–23) and minute of `at` in `timeZone`. */
export function clockParts(at: number, timeZone?: string): ClockParts {
  const zone = safeTimeZone(timeZone);
  const id = zone ?? '';
  let format = partsFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    partsFormats.set(id, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  // Some engines write midnight as 24 even with h23.
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** "오후 3:15" (ko) / "3:15 PM" (en). */
export function formatTimeOfDay(at: number, locale: Locale, timeZone?: string): string {
  if (locale !== 'ko') return new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: safeTimeZone(timeZone) }).format(at);
  const { hour, minute } = clockParts(at, timeZone);
  return koreanTime(hour, minute);
}

/** 15, 5 → "오후 3:05"; 0, 0 → "오전 12:00"; 12, 0 → "오후 12:00" (the Korean 12-hour clock). */
export function koreanTime(hour: number, minute: number): string {
  const period = hour < 12 ? KO_DAY_PERIOD.am : KO_DAY_PERIOD.pm;
  return `${period} ${hour % 12 || 12}:${String(minute).padStart(2, '0')}`;
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** "26. 11. 28. 오후 3:15" (ko, as the README shows) / "28/11/2026, 15:15" (en). */
export function formatShortDateTime(at: number, locale: Locale, timeZone?: string): string {
  if (locale !== 'ko') {
    const zone = safeTimeZone(timeZone);
    let format = shortFormats.get(zone ?? '');
    if (!format)
      shortFormats.set(zone ?? '', (format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: zone })));
    return format.format(at);
  }
  const { year, month, day, hour, minute } = clockParts(at, timeZone);
  return `${String(year % 100).padStart(2, '0')}. ${month}. ${day}. ${koreanTime(hour, minute)}`;
}

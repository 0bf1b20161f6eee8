/**
 * Times as people read them, the same in the terminal and the app. Korean times are put together
 * here from the clock's numbers rather than by Intl's Korean pattern: an ICU build without Korean
 * day periods (Node's small ICU, some system ICUs) prints "AM 6:03" where a Korean reader expects
 * "오전 6:03". Only the numbers come from Intl (in the user's time zone), and those every ICU has;
 * in the system's zone they come from Date's own getters, without Intl (shared/time-zone.ts).
 */
import type { Locale } from './messages';
import { zonedParts } from './time-zone';

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

/** Year, month, day, hour (0–23) and minute of `at` in `timeZone` (undefined or unknown: the system's). */
export function clockParts(at: number, timeZone?: string): ClockParts {
  const { year, month, day, hour, minute } = zonedParts(at, safeTimeZone(timeZone));
  return { year, month, day, hour, minute };
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

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "26. 11. 28. 오후 3:15" (ko, as the README shows) / "28/11/2026, 15:15" (en, en-GB's short date
 * and time). Both are put together from the clock's numbers: in the system's zone that needs no
 * Intl at all (shared/time-zone.ts).
 */
export function formatShortDateTime(at: number, locale: Locale, timeZone?: string): string {
  const { year, month, day, hour, minute } = clockParts(at, timeZone);
  if (locale !== 'ko') return `${pad2(day)}/${pad2(month)}/${year}, ${pad2(hour)}:${pad2(minute)}`;
  return `${pad2(year % 100)}. ${month}. ${day}. ${koreanTime(hour, minute)}`;
}

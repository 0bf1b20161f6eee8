/**
 * Calendar days and clock times in the user's time zone (not the machine's), for trends, the day
 * filter, quiet hours and every time shown.
 *
 * A zone of `undefined` is this process's own zone, the system's (the user chose none): its
 * numbers come from Date's own getters. Intl's date formatter, needed for any named zone, costs
 * ~25 ms to start (ICU's calendar and pattern data), a sixth of a read command's budget (issue 14),
 * and the system's zone is what most people keep.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock numbers of an instant in a zone (undefined: this process's own zone). */
export function zonedParts(epochMs: number, timeZone?: string): ZonedParts {
  if (timeZone === undefined) {
    const local = new Date(epochMs);
    return {
      year: local.getFullYear(),
      month: local.getMonth() + 1,
      day: local.getDate(),
      hour: local.getHours(),
      minute: local.getMinutes(),
      second: local.getSeconds(),
    };
  }
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  // Some engines write midnight as 24 even with h23.
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function dayKey(epochMs: number, timeZone?: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The zone's offset from UTC at an instant, in ms (Seoul: +9 h). */
export function zoneOffsetMs(epochMs: number, timeZone?: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone. */
export function dayStart(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - zoneOffsetMs(guess, timeZone);
  // Correct once more in case the offset differs at the actual start (DST changes).
  return guess - zoneOffsetMs(first, timeZone);
}

/** Minutes since midnight of an instant in a time zone (for quiet hours). */
export function minuteOfDay(epochMs: number, timeZone?: string): number {
  const p = zonedParts(epochMs, timeZone);
  return p.hour * 60 + p.minute;
}

/**
 * Feed dates to epoch milliseconds (UTC), without ever consulting the machine's time zone.
 *
 * Feeds write dates in RFC 822 (RSS), ISO 8601 (Atom, JSON Feed) and, in Korea, a zoo of local
 * forms ("2024.06.23 15:15", "2024년 6월 23일 오후 3시 15분", "2024. 6. 23. 오후 3:15:00"). `Date.parse`
 * reads zone-less strings in the machine's zone and rejects half of the sloppy variants, so this is
 * a small hand-written parser: a date part, then an optional time, meridiem and zone.
 *
 * A date without a zone is read as Korea Standard Time, a fixed UTC+09:00: Korea has not observed
 * daylight saving time since 1988, so no tz database is needed for any date we accept (1990..2100).
 */

const SEOUL_OFFSET_MINUTES = 9 * 60;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
/** Longer strings are not dates; refuse them before running any pattern on them. */
const MAX_INPUT_LENGTH = 120;

/** Month names and their prefixes (RFC 822 uses three letters; sloppy feeds write them out). */
const MONTHS = new Map<string, number>(
  Object.entries({
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    sept: 9,
    oct: 10,
    nov: 11,
    dec: 12,
    january: 1,
    february: 2,
    march: 3,
    april: 4,
    june: 6,
    july: 7,
    august: 8,
    september: 9,
    october: 10,
    november: 11,
    december: 12,
  }),
);

const WEEKDAYS = new Set([
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/**
 * Zone names seen in feeds, in minutes east of UTC. The US names follow RFC 822 (CST is US Central,
 * not China). Unknown names make the date unreadable rather than silently hours off.
 */
const ZONES = new Map<string, number>(
  Object.entries({
    z: 0,
    ut: 0,
    utc: 0,
    gmt: 0,
    kst: 9 * 60,
    jst: 9 * 60,
    est: -5 * 60,
    edt: -4 * 60,
    cst: -6 * 60,
    cdt: -5 * 60,
    mst: -7 * 60,
    mdt: -6 * 60,
    pst: -8 * 60,
    pdt: -7 * 60,
  }),
);

interface DateParts {
  year: number;
  month: number;
  day: number;
  /** What follows the date: time, meridiem, zone (or nothing). */
  rest: string;
}

interface TimeParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the string names no zone. */
  offset: number | null;
}

// --- date parts -----------------------------------------------------------------------------------

/** 2024-06-23, 2024.06.23, 2024/06/23, "2024. 6. 23." (ko-KR toLocaleString), 2024-06-23T… */
const NUMERIC_DATE = /^(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:\s*\.)?(?=$|[\sT])/i;
/** 2024년 6월 23일 */
const KOREAN_DATE = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/;
/** [Tue,] 27 Dec 2005 — weekday optional, month name in any case, two- or four-digit year. */
const RFC822_DATE = /^(?:([a-z]+)\.?\s*,?\s*)?(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})(?=$|[\s,T+-])/i;
/** [Mon] Jun 23[,] 2024 — JavaScript's Date#toString and US-style writing. */
const MONTH_FIRST_DATE = /^(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?=$|[\s,T])/i;
/** 20240623 or 20240623151530 (some Korean CMSs print timestamps this way). */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2}))?$/;

function readDate(s: string): DateParts | null {
  let m = NUMERIC_DATE.exec(s);
  if (m) return { year: +m[1]!, month: +m[3]!, day: +m[4]!, rest: s.slice(m[0].length) };

  m = KOREAN_DATE.exec(s);
  if (m) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, rest: s.slice(m[0].length) };

  m = RFC822_DATE.exec(s);
  if (m) {
    // A weekday that disagrees with the date is common and harmless; an unknown word is not a date.
    if (m[1] !== undefined && !WEEKDAYS.has(m[1].toLowerCase())) return null;
    const month = MONTHS.get(m[3]!.toLowerCase());
    if (month === undefined) return null;
    let year = +m[4]!;
    // RFC 822 allowed two-digit years.
    if (m[4]!.length === 2) year += year < 70 ? 2000 : 1900;
    return { year, month, day: +m[2]!, rest: s.slice(m[0].length) };
  }

  m = MONTH_FIRST_DATE.exec(s);
  if (m) {
    if (m[1] !== undefined && !WEEKDAYS.has(m[1].toLowerCase())) return null;
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month === undefined) return null;
    return { year: +m[4]!, month, day: +m[3]!, rest: s.slice(m[0].length) };
  }

  m = COMPACT_DATE.exec(s);
  if (m) {
    const rest = m[4] === undefined ? '' : `${m[4]}:${m[5]}:${m[6]}`;
    return { year: +m[1]!, month: +m[2]!, day: +m[3]!, rest };
  }
  return null;
}

// --- time and zone ---------------------------------------------------------------------------------

const MERIDIEM_BEFORE = /^(오전|오후|am|pm|a\.m\.|p\.m\.)\s*/i;
const MERIDIEM_AFTER = /^\s*(am|pm|a\.m\.|p\.m\.)(?=$|[\s+-])/i;
/** 15:15, 15:15:30, 15:15:30.123456 */
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?/;
/** 3시, 3시 15분, 3시 15분 30초 */
const KOREAN_CLOCK = /^(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분(?:\s*(\d{1,2})\s*초)?)?/;
/** +0900, +09:00, +09, -5, optionally after GMT/UTC/UT ("GMT+0900" from Date#toString). */
const NUMERIC_ZONE = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function isAfternoon(meridiem: string): boolean {
  const lower = meridiem.toLowerCase();
  return lower === '오후' || lower.startsWith('p');
}

/** "+0900", "KST", "+0900 KST", "GMT+0900": minutes east of UTC; undefined if unreadable. */
function readZone(zone: string): number | null | undefined {
  const tokens = zone.split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0) return null;
  if (tokens.length > 2) return undefined;
  let numeric: number | undefined;
  let named: number | undefined;
  for (const token of tokens) {
    const m = NUMERIC_ZONE.exec(token);
    if (m) {
      const hours = +m[2]!;
      const minutes = m[3] === undefined ? 0 : +m[3];
      if (hours > 14 || minutes > 59 || numeric !== undefined) return undefined;
      numeric = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      continue;
    }
    const byName = ZONES.get(token.toLowerCase());
    if (byName === undefined || named !== undefined) return undefined;
    named = byName;
  }
  // "+0900 KST": the number is the authority, the name is decoration.
  return numeric ?? named ?? null;
}

function readTime(rest: string): TimeParts | null {
  let s = rest.trim().replace(/^(?:T|,|at\s)\s*/i, '');
  if (s === '') return { hour: 0, minute: 0, second: 0, millisecond: 0, offset: null };

  let meridiem: string | undefined;
  let m = MERIDIEM_BEFORE.exec(s);
  if (m) {
    meridiem = m[1];
    s = s.slice(m[0].length);
  }

  let hour: number;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  m = CLOCK.exec(s);
  if (m) {
    hour = +m[1]!;
    minute = +m[2]!;
    second = m[3] === undefined ? 0 : +m[3];
    // Fractions beyond milliseconds are truncated, not rounded: ".9999" stays in the same second.
    millisecond = m[4] === undefined ? 0 : +m[4].slice(0, 3).padEnd(3, '0');
  } else {
    m = KOREAN_CLOCK.exec(s);
    if (!m) return null;
    hour = +m[1]!;
    minute = m[2] === undefined ? 0 : +m[2];
    second = m[3] === undefined ? 0 : +m[3];
  }
  s = s.slice(m[0].length);

  if (meridiem === undefined) {
    const after = MERIDIEM_AFTER.exec(s);
    if (after) {
      meridiem = after[1];
      s = s.slice(after[0].length);
    }
  }
  if (meridiem !== undefined) {
    // 12-hour clock: 오전 12시 is midnight, 오후 12시 is noon.
    if (hour > 12) return null;
    hour = (hour % 12) + (isAfternoon(meridiem) ? 12 : 0);
  }
  // A leap second is folded into the one before it.
  if (second === 60) second = 59;
  if (hour > 23 || minute > 59 || second > 59) return null;

  const offset = readZone(s.trim());
  if (offset === undefined) return null;
  return { hour, minute, second, millisecond, offset };
}

// --- entry point ------------------------------------------------------------------------------------

/**
 * Epoch milliseconds (UTC) for a feed's date string; null when it is missing, unreadable, names an
 * unknown zone, or falls outside 1990..2100. Zone-less dates are read as Asia/Seoul (+09:00).
 */
export function parseFeedDate(raw: string | undefined | null): number | null {
  if (typeof raw !== 'string') return null;
  return readUsualForm(raw) ?? parseAnyFeedDate(raw);
}

// --- the usual forms, read directly -----------------------------------------------------------------

/** RFC 822 as RSS generators print it: "Fri, 27 Nov 2026 00:01:40 GMT" or "… +0900". */
const USUAL_RFC822 = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:GMT|([+-])(\d{2})(\d{2}))$/;
/** ISO 8601 as Atom generators print it: "2026-11-27T00:01:40Z", "….123+09:00". */
const USUAL_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const SHORT_WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/**
 * The two forms nearly every feed writes, read with one pattern each: the general reader below
 * costs ~2 µs a date (a fifth of normalizing an item) to try a dozen patterns for the forms few
 * feeds use. Undefined when `raw` is not exactly one of them or a value is out of range: the
 * general reader then decides, so this can only ever agree with it (tests/unit/feeds/dates.test.ts
 * compares the two on generated dates).
 */
function readUsualForm(raw: string): number | undefined {
  let m = USUAL_RFC822.exec(raw);
  if (m) {
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month === undefined || !SHORT_WEEKDAYS.has(raw.slice(0, 3))) return undefined;
    const offset = m[7] === undefined ? 0 : zoneMinutes(m[7], m[8]!, m[9]!);
    return instant(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!, 0, offset);
  }
  m = USUAL_ISO.exec(raw);
  if (m) {
    const millisecond = m[7] === undefined ? 0 : +m[7].slice(0, 3).padEnd(3, '0');
    const offset = m[8] === undefined ? 0 : zoneMinutes(m[8], m[9]!, m[10]!);
    return instant(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, millisecond, offset);
  }
  return undefined;
}

function zoneMinutes(sign: string, hours: string, minutes: string): number | undefined {
  const h = +hours;
  const m = +minutes;
  if (h > 14 || m > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

/** The instant of a fully read date, or undefined when a part is out of range (the general reader decides). */
function instant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  offset: number | undefined,
): number | undefined {
  if (offset === undefined || year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utcMidnight = Date.UTC(year, month - 1, day);
  if (new Date(utcMidnight).getUTCDate() !== day) return undefined;
  return utcMidnight + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millisecond;
}

// --- any form -----------------------------------------------------------------------------------------

/** parseFeedDate for every form it accepts (exported for the test that holds the usual forms to it). */
export function parseAnyFeedDate(raw: string): number | null {
  if (raw.length > MAX_INPUT_LENGTH * 4) return null;
  const s = raw
    // Parenthesised comments ("(Korean Standard Time)", a weekday "(일)") carry nothing we need,
    // except a bare zone name such as "(UTC)", which is kept as a zone.
    .replace(/\(([^)]*)\)/g, (_, inner: string) => (ZONES.has(inner.trim().toLowerCase()) ? ` ${inner} ` : ' '))
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '' || s.length > MAX_INPUT_LENGTH) return null;

  const date = readDate(s);
  if (!date) return null;
  const { year, month, day } = date;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const time = readTime(date.rest);
  if (!time) return null;

  const utcMidnight = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 31 June over to 1 July; such a date is not a date.
  if (new Date(utcMidnight).getUTCDate() !== day) return null;

  const offset = time.offset ?? SEOUL_OFFSET_MINUTES;
  return utcMidnight + ((time.hour * 60 + time.minute - offset) * 60 + time.second) * 1000 + time.millisecond;
}

import { afterEach, describe, expect, it } from 'vitest';
import { parseAnyFeedDate, parseFeedDate } from '../../../main/feeds/dates';

/** Expected instants written in UTC, so the table reads the same in any machine zone. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);

const readable: Array<[string, number]> = [
  // RFC 822 and its sloppy relatives (RSS pubDate)
  ['Mon, 24 Jun 2024 09:00:00 GMT', utc(2024, 6, 24, 9)],
  ['Mon, 24 Jun 2024 09:00:00 UT', utc(2024, 6, 24, 9)],
  ['Mon, 24 Jun 2024 09:00:00 UTC', utc(2024, 6, 24, 9)],
  ['Mon, 24 Jun 2024 09:00:00 Z', utc(2024, 6, 24, 9)],
  ['Mon, 24 Jun 2024 09:00:00 KST', utc(2024, 6, 24, 0)],
  ['Mon, 24 Jun 2024 09:00:00 EST', utc(2024, 6, 24, 14)],
  ['Mon, 24 Jun 2024 09:00:00 EDT', utc(2024, 6, 24, 13)],
  ['Mon, 24 Jun 2024 09:00:00 CST', utc(2024, 6, 24, 15)],
  ['Mon, 24 Jun 2024 09:00:00 PDT', utc(2024, 6, 24, 16)],
  ['Mon, 24 Jun 2024 09:00:00 -0500', utc(2024, 6, 24, 14)],
  ['Tue, 27 Dec 2005 13:30:33+0900', utc(2005, 12, 27, 4, 30, 33)], // zone glued to the time
  ['Sat,  1 Jan 2005 10:00:00 +0900', utc(2005, 1, 1, 1)], // double space, one-digit day
  ['Sat, 1 Jan 2005 10:00:00 +0900', utc(2005, 1, 1, 1)],
  ['Mon, 24 Jun 2024 09:00 +0900', utc(2024, 6, 24, 0)], // no seconds
  ['24 Jun 2024 09:00:00 +0900', utc(2024, 6, 24, 0)], // no weekday
  ['Fri, 24 Jun 2024 09:00:00 +0900', utc(2024, 6, 24, 0)], // wrong weekday (it was a Monday)
  ['Mon 24 Jun 2024 09:00:00 +0900', utc(2024, 6, 24, 0)], // no comma
  ['Mon, 24 Jun 24 09:00:00 +0900', utc(2024, 6, 24, 0)], // two-digit year
  ['Monday, 24 June 2024 09:00:00 +09:00', utc(2024, 6, 24, 0)], // names written out, colon in zone
  ['mon, 24 JUN 2024 09:00:00 gmt', utc(2024, 6, 24, 9)],
  ['Mon, 24 Jun 2024 09:00:00 +0900 (KST)', utc(2024, 6, 24, 0)],
  ['Mon, 24 Jun 2024 09:00:00', utc(2024, 6, 24, 0)], // no zone: Seoul
  ['Sun, 23 Jun 2024 06:15:00 (UTC)', utc(2024, 6, 23, 6, 15)], // zone only as a comment
  ['Mon Jun 24 2024 09:00:00 GMT+0900 (Korean Standard Time)', utc(2024, 6, 24, 0)], // Date#toString
  ['June 24, 2024 3:15 PM', utc(2024, 6, 24, 6, 15)],
  // ISO 8601 (Atom, JSON Feed)
  ['2024-06-23T15:15:30Z', utc(2024, 6, 23, 15, 15, 30)],
  ['2024-06-23T15:15:30+09:00', utc(2024, 6, 23, 6, 15, 30)],
  ['2024-06-23T15:15:30+0900', utc(2024, 6, 23, 6, 15, 30)],
  ['2024-06-23T15:15:30.123Z', utc(2024, 6, 23, 15, 15, 30, 123)],
  ['2024-06-23T15:15:30.123456789-07:00', utc(2024, 6, 23, 22, 15, 30, 123)],
  ['2024-06-23T15:15:30.5+09:00', utc(2024, 6, 23, 6, 15, 30, 500)],
  ['2004-12-27T11:30:00', utc(2004, 12, 27, 2, 30)], // zone-less ISO: Seoul, not the machine zone
  ['2024-06-23T15:15', utc(2024, 6, 23, 6, 15)],
  ['2024-06-23', utc(2024, 6, 22, 15)], // midnight in Seoul
  ['2024-02-29', utc(2024, 2, 28, 15)], // leap day
  // Korean forms, all read as Seoul time
  ['2024-06-23 15:15', utc(2024, 6, 23, 6, 15)],
  ['2024-06-23 15:15:30', utc(2024, 6, 23, 6, 15, 30)],
  ['2024.06.23 15:15', utc(2024, 6, 23, 6, 15)],
  ['2024.06.23', utc(2024, 6, 22, 15)],
  ['2024/06/23', utc(2024, 6, 22, 15)],
  ['2024/6/3 9:05', utc(2024, 6, 3, 0, 5)],
  ['2024.06.23(일) 15:15', utc(2024, 6, 23, 6, 15)],
  ['2024. 6. 23. 오후 3:15:00', utc(2024, 6, 23, 6, 15)], // ko-KR toLocaleString
  ['2024년 6월 23일', utc(2024, 6, 22, 15)],
  ['2024년 06월 23일 (일) 15:15', utc(2024, 6, 23, 6, 15)],
  ['2024년 6월 23일 오후 3시 15분', utc(2024, 6, 23, 6, 15)],
  ['2024년 6월 23일 오전 9시 5분 7초', utc(2024, 6, 23, 0, 5, 7)],
  ['2024년 6월 23일 오후 3시', utc(2024, 6, 23, 6)],
  ['2024년 6월 23일 오전 12시', utc(2024, 6, 22, 15)], // 오전 12시 = 00:00
  ['2024년 6월 23일 오후 12시', utc(2024, 6, 23, 3)], // 오후 12시 = 12:00
  ['2024-06-23 오전 12:30', utc(2024, 6, 22, 15, 30)],
  ['2024-06-23 오후 12:30', utc(2024, 6, 23, 3, 30)],
  ['2024-06-23 오후 11:59', utc(2024, 6, 23, 14, 59)],
  ['20240623151530', utc(2024, 6, 23, 6, 15, 30)],
  // surroundings
  ['  \u200B2024-06-23T15:15:30Z\n', utc(2024, 6, 23, 15, 15, 30)],
  ['1990-01-01T00:00:00Z', utc(1990, 1, 1)],
  ['2100-12-31T23:59:59Z', utc(2100, 12, 31, 23, 59, 59)],
  ['2016-12-31T23:59:60Z', utc(2016, 12, 31, 23, 59, 59)], // leap second folded
];

const unreadable: Array<string | null | undefined> = [
  null,
  undefined,
  '',
  '   ',
  'garbage',
  '어제',
  '3시간 전',
  '2024-13-01',
  '2024-00-10',
  '2024-02-30',
  '2023-02-29',
  '2024-06-31 10:00',
  '1989-12-31T23:59:59Z', // before 1990
  '2101-01-01', // after 2100
  'Mon, 24 Foo 2024 09:00:00 GMT',
  'Blah, 24 Jun 2024 09:00:00 GMT',
  'Mon, 24 Jun 2024 25:00:00 GMT',
  '2024-06-23 15:61',
  'Mon, 24 Jun 2024 09:00:00 XYZ', // an unknown zone would be hours off
  '2024-06-23T15:15:30+2500',
  '2024년 6월 23일 오전 13시',
  '2024-06-23 15:15 and then some',
  '2024-06-23T15:15:30Z'.padEnd(5000, ' x'),
];

describe('parseFeedDate', () => {
  it.each(readable)('reads %j', (raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });

  it.each(unreadable.map((raw) => [raw]))('gives null for %j', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });

  it('treats "KST", "+0900" and no zone at all as the same instant', () => {
    const a = parseFeedDate('Mon, 24 Jun 2024 09:00:00 KST');
    expect(parseFeedDate('Mon, 24 Jun 2024 09:00:00 +0900')).toBe(a);
    expect(parseFeedDate('Mon, 24 Jun 2024 09:00:00')).toBe(a);
    expect(parseFeedDate('2024-06-24 09:00')).toBe(a);
  });

  it('reads the usual RFC 822 and ISO 8601 forms exactly as the general reader does', () => {
    // parseFeedDate reads the forms nearly every feed writes with one pattern each, and leaves
    // anything else (or anything out of range) to the general reader: on every generated date of
    // those shapes, in range or not, the two must give the same instant or both null.
    let seed = 11;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const digits = (n: number, max: number) => String(Math.floor(random() * max)).padStart(n, '0');
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Xyz', 'Jun'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Foo', 'Mon'];
    const year = () => String(1985 + Math.floor(random() * 120));
    let readableCount = 0;
    for (let n = 0; n < 20_000; n++) {
      const zone = pick(['GMT', '+0900', '-0500', `${pick(['+', '-'])}${digits(2, 20)}${digits(2, 70)}`]);
      const isoZone = pick(['Z', '+09:00', '-07:00', `${pick(['+', '-'])}${digits(2, 20)}:${digits(2, 70)}`]);
      const clock = `${digits(2, 26)}:${digits(2, 62)}:${digits(2, 62)}`;
      const raw =
        random() < 0.5
          ? `${pick(weekdays)}, ${digits(2, 34)} ${pick(months)} ${year()} ${clock} ${zone}`
          : `${year()}-${digits(2, 14)}-${digits(2, 34)}T${clock}${pick(['', '.5', '.123', '.123456789'])}${isoZone}`;
      const usual = parseFeedDate(raw);
      expect(usual, raw).toBe(parseAnyFeedDate(raw));
      if (usual !== null) readableCount += 1;
    }
    // Both readable and unreadable dates were compared.
    expect(readableCount).toBeGreaterThan(5_000);
    expect(readableCount).toBeLessThan(19_000);
  });

  describe('never reads the machine zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['America/New_York', 'UTC', 'Asia/Kolkata'])('gives the same instants under TZ=%s', (zone) => {
      // Node re-reads the zone when TZ is assigned; prove it did before trusting the comparison.
      process.env.TZ = zone;
      const probe = new Date(2024, 0, 15, 12).getTimezoneOffset();
      expect(probe).toBe({ 'America/New_York': 300, UTC: 0, 'Asia/Kolkata': -330 }[zone]);
      for (const [raw, expected] of readable) expect(parseFeedDate(raw), raw).toBe(expected);
    });
  });
});

/**
 * Korean times without ICU's Korean day periods: Node's ICU here prints "PM 3:15" for ko-KR, the
 * README (and a Korean reader) expects "오후 3:15". The formatter builds the Korean form itself.
 */
import { describe, expect, it } from 'vitest';
import { clockParts, formatShortDateTime, formatTimeOfDay, koreanTime, safeTimeZone } from '../../../shared/datetime';

// 2026-11-28 06:15 UTC = 15:15 in Seoul. A fixed instant is fine here: nothing compares it with now.
const AFTERNOON = Date.UTC(2026, 10, 28, 6, 15);

describe('koreanTime', () => {
  it.each([
    [0, 0, '오전 12:00'],
    [0, 5, '오전 12:05'],
    [6, 3, '오전 6:03'],
    [11, 59, '오전 11:59'],
    [12, 0, '오후 12:00'],
    [15, 15, '오후 3:15'],
    [23, 59, '오후 11:59'],
  ])('%i:%i → %s', (hour, minute, expected) => {
    expect(koreanTime(hour, minute)).toBe(expected);
  });
});

describe('formatShortDateTime', () => {
  it('writes Korean dates and times as the README shows them, in the given zone', () => {
    expect(formatShortDateTime(AFTERNOON, 'ko', 'Asia/Seoul')).toBe('26. 11. 28. 오후 3:15');
    expect(formatShortDateTime(AFTERNOON, 'ko', 'UTC')).toBe('26. 11. 28. 오전 6:15');
    // Midnight in Seoul is 12 a.m. of the next day.
    expect(formatShortDateTime(Date.UTC(2026, 10, 28, 15, 0), 'ko', 'Asia/Seoul')).toBe('26. 11. 29. 오전 12:00');
  });

  it('never prints the English day periods in Korean', () => {
    for (let hour = 0; hour < 24; hour++) {
      expect(formatShortDateTime(Date.UTC(2026, 0, 1, hour, 30), 'ko', 'UTC')).not.toMatch(/AM|PM/);
    }
  });

  it('keeps English as Intl writes it (24-hour, day first)', () => {
    expect(formatShortDateTime(AFTERNOON, 'en', 'Asia/Seoul')).toBe('28/11/2026, 15:15');
  });

  it('falls back to the system zone for an unknown zone instead of failing', () => {
    expect(safeTimeZone('Mars/Olympus')).toBeUndefined();
    expect(formatShortDateTime(AFTERNOON, 'ko', 'Mars/Olympus')).toMatch(/^26\. 11\. 2[89]\. 오[전후] \d{1,2}:\d\d$/);
  });
});

describe('formatTimeOfDay and clockParts', () => {
  it('gives the time of day in the zone', () => {
    expect(formatTimeOfDay(AFTERNOON, 'ko', 'Asia/Seoul')).toBe('오후 3:15');
    expect(formatTimeOfDay(AFTERNOON, 'en', 'Asia/Seoul')).toBe('3:15 PM');
    expect(clockParts(AFTERNOON, 'Asia/Seoul')).toEqual({ year: 2026, month: 11, day: 28, hour: 15, minute: 15 });
    expect(clockParts(Date.UTC(2026, 10, 28, 15, 0), 'Asia/Seoul').hour).toBe(0);
  });
});

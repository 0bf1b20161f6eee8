/**
 * shared/setting-values.ts reads stored settings without zod (issue 14: a read command must not
 * load the API contract). It must give the same answer as the contract's SettingsSchema for every
 * key: a value the schema takes comes back as the schema returns it, one it refuses is refused.
 */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../shared/api';
import { SETTING_KEYS, settingValue } from '../../../shared/setting-values';

/** Values of every shape, good and bad for some key: each key is asked about all of them. */
const SAMPLES: unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  3,
  60,
  61,
  100,
  101,
  3650,
  3651,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1764000000000,
  '',
  ' ',
  'ko',
  'en',
  'ja',
  'light',
  'dark',
  'system',
  'Asia/Seoul',
  'UTC',
  'Mars/Olympus',
  'x'.repeat(65),
  'Nunchi/1.0 (+https://example.com)',
  '  Nunchi/1.0  ',
  'Nunchi\r\nX-Evil: 1',
  '뉴스',
  'x'.repeat(500),
  'x'.repeat(501),
  'http://127.0.0.1:8080/search',
  '  https://news.google.com  ',
  'https://user:pw@news.google.com',
  'ftp://news.google.com',
  `https://example.com/${'a'.repeat(480)}`,
  `https://example.com/${'a'.repeat(481)}`,
  '07:30',
  '23:59',
  '24:00',
  '7:30',
  { start: '22:00', end: '07:00' },
  { start: '22:00', end: '07:00', extra: 1 },
  { start: '22:00' },
  { start: '25:00', end: '07:00' },
  ['22:00', '07:00'],
  {},
  [],
];

describe('stored settings read without zod', () => {
  it('checks exactly the keys of the schema', () => {
    expect([...SETTING_KEYS].sort()).toEqual(Object.keys(SettingsSchema.shape).sort());
  });

  for (const key of Object.keys(SettingsSchema.shape) as Array<keyof typeof SettingsSchema.shape>) {
    it(`${key}: the same answer as SettingsSchema`, () => {
      for (const sample of SAMPLES) {
        const parsed = SettingsSchema.shape[key].safeParse(sample);
        const value = settingValue(key, sample);
        expect({ sample, value }).toEqual({ sample, value: parsed.success ? parsed.data : undefined });
      }
    });
  }
});

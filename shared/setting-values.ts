/**
 * The rules of the settings' values (shared/api.ts SettingsSchema) without zod, for reading what is
 * stored: a command that only lists alerts reads the time zone and the language, and must not load
 * zod and the whole API contract to do it (issue 14). Writes still go through the contract's
 * schema; tests/unit/shared/setting-values.test.ts holds the two to the same answers.
 */
import type { AppSettings } from './api';

type Check = (value: unknown) => { ok: true; value: unknown } | { ok: false };

const ok = (value: unknown) => ({ ok: true, value }) as const;
const no = { ok: false } as const;

const oneOf =
  (...allowed: readonly unknown[]): Check =>
  (v) =>
    allowed.includes(v) ? ok(v) : no;
const integer =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? ok(v) : no;
const boolean: Check = (v) => (typeof v === 'boolean' ? ok(v) : no);
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? ok(null) : check(v);
/** A string the schema trims first, then checks by length and pattern (its value is the trimmed one). */
const trimmed =
  (min: number, max: number, pattern: RegExp): Check =>
  (v) => {
    if (typeof v !== 'string') return no;
    const t = v.trim();
    return t.length >= min && t.length <= max && pattern.test(t) ? ok(t) : no;
  };
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime: Check = (v) => (typeof v === 'string' && CLOCK.test(v) ? ok(v) : no);

const timeZone: Check = (v) => {
  if (typeof v !== 'string' || v.length < 1 || v.length > 64) return no;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return ok(v);
  } catch {
    return no;
  }
};

const quietHours: Check = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return no;
  const { start, end } = v as Record<string, unknown>;
  // Like the schema's object: the two times, nothing else kept.
  return clockTime(start).ok && clockTime(end).ok ? ok({ start, end }) : no;
};

const CHECKS: { [K in keyof AppSettings]: Check } = {
  locale: oneOf('ko', 'en'),
  theme: oneOf('light', 'dark', 'system'),
  userAgent: nullable(trimmed(1, 500, /^[\x20-\x7e]+$/)),
  retentionDays: integer(1, 3650),
  quietHours: nullable(quietHours),
  timeZone,
  batchThreshold: integer(1, 100),
  maxNotificationsPerMinute: integer(1, 60),
  startAtLogin: boolean,
  notificationsPausedUntil: nullable((v) => (typeof v === 'number' && Number.isFinite(v) ? ok(v) : no)),
  remoteImages: boolean,
  searchGoogleUrl: nullable(trimmed(0, 500, /^https?:\/\/[^\s/@]+(\/[^\s]*)?$/i)),
  searchNaverUrl: nullable(trimmed(0, 500, /^https?:\/\/[^\s/@]+(\/[^\s]*)?$/i)),
};

/** A stored setting's value as the schema would give it back, or undefined when the schema refuses it. */
export function settingValue<K extends keyof AppSettings>(key: K, value: unknown): AppSettings[K] | undefined {
  const check = CHECKS[key];
  if (!check) return undefined;
  const result = check(value);
  return result.ok ? (result.value as AppSettings[K]) : undefined;
}

/** The keys this module checks (the test compares them with the schema's). */
export const SETTING_KEYS = Object.keys(CHECKS) as Array<keyof AppSettings>;

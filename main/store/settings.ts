import type { AppSettings } from '../../shared/api';
import { settingValue, SETTING_KEYS } from '../../shared/setting-values';
import { localeFromEnv } from '../locale';
import type { Db } from './database';

export type Settings = AppSettings;

/**
 * The OS's language, as the environment names it; Intl's locale only when the environment names
 * none (starting ICU costs ~25 ms, which a command that prints no date never pays for).
 */
function systemLocale(): Settings['locale'] {
  return localeFromEnv(process.env, () => Intl.DateTimeFormat().resolvedOptions().locale);
}

/** The OS's time zone, as Node sees it. */
function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Seoul';
}

const FIXED_DEFAULTS = {
  theme: 'system',
  userAgent: null,
  retentionDays: 90,
  quietHours: null,
  batchThreshold: 3,
  maxNotificationsPerMinute: 6,
  startAtLogin: false,
  notificationsPausedUntil: null,
  remoteImages: false,
  searchGoogleUrl: null,
  searchNaverUrl: null,
} as const satisfies Omit<Settings, 'locale' | 'timeZone'>;

/** The defaults until the user chooses: the OS's language and time zone, and the fixed rest. */
export function defaultSettings(): Settings {
  return { locale: systemLocale(), timeZone: systemTimeZone(), ...FIXED_DEFAULTS };
}

/** One setting's default; the OS's language and zone are read only when asked for. */
function defaultValue<K extends keyof Settings>(key: K): Settings[K] {
  if (key === 'locale') return systemLocale() as Settings[K];
  if (key === 'timeZone') return systemTimeZone() as Settings[K];
  return (FIXED_DEFAULTS as Partial<Settings>)[key] as Settings[K];
}

/** Typed key/value settings stored as JSON; a missing or unreadable value falls back to its default. */
export class SettingsStore {
  // Each default is read when first needed: the system's zone and language start ICU, which a
  // command that reads neither never pays for.
  private readonly defaults = new Map<keyof Settings, unknown>();

  constructor(private readonly db: Db) {}

  private defaultOf<K extends keyof Settings>(key: K): Settings[K] {
    if (!this.defaults.has(key)) this.defaults.set(key, defaultValue(key));
    return this.defaults.get(key) as Settings[K];
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    return this.chosen(key) ?? this.defaultOf(key);
  }

  /**
   * The value the user chose, undefined while it is the default. A time zone left to the system is
   * this process's own zone, which shared/time-zone.ts reads without Intl.
   */
  chosen<K extends keyof Settings>(key: K): Settings[K] | undefined {
    const raw = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
    if (raw === undefined) return undefined;
    try {
      // A value the schema refuses (a zone name an older version let through) is the default, not an error later.
      return settingValue(key, JSON.parse(raw)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  all(): Settings {
    const result = {} as Settings;
    for (const key of SETTING_KEYS) {
      (result as Record<string, unknown>)[key] = this.get(key);
    }
    return result;
  }

  set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, JSON.stringify(value));
  }

  update(patch: Partial<Settings>): Settings {
    this.db
      .transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) this.set(key as keyof Settings, value);
        }
      })
      .immediate();
    return this.all();
  }
}

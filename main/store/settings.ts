import type { AppSettings } from '../../shared/api';
import { settingValue } from '../../shared/setting-values';
import { localeFromEnv } from '../locale';
import type { Db } from './database';

export type Settings = AppSettings;

/** The OS's language and time zone, as Node sees them; the defaults until the user chooses. */
function systemDefaults(): Pick<Settings, 'locale' | 'timeZone'> {
  const resolved = Intl.DateTimeFormat().resolvedOptions();
  return { locale: localeFromEnv(process.env, resolved.locale), timeZone: resolved.timeZone || 'Asia/Seoul' };
}

export function defaultSettings(): Settings {
  return {
    ...systemDefaults(),
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
  };
}

/** Typed key/value settings stored as JSON; a missing or unreadable value falls back to its default. */
export class SettingsStore {
  // Read when first needed: the system's zone and language start ICU, which a command that reads
  // no setting never pays for.
  private defaultValues: Settings | null = null;

  constructor(private readonly db: Db) {}

  private get defaults(): Settings {
    return (this.defaultValues ??= defaultSettings());
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    const raw = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
    if (raw === undefined) return this.defaults[key];
    try {
      // A value the schema refuses (a zone name an older version let through) is the default, not an error later.
      return settingValue(key, JSON.parse(raw)) ?? this.defaults[key];
    } catch {
      return this.defaults[key];
    }
  }

  all(): Settings {
    const result = { ...this.defaults };
    for (const key of Object.keys(this.defaults) as Array<keyof Settings>) {
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

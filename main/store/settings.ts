import type { Db } from './database';

/** Typed key/value settings, stored as JSON. Defaults live here so every caller agrees on them. */
export interface Settings {
  locale: 'ko' | 'en';
  userAgent: string | null; // null = the built-in User-Agent
  retentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  locale: 'ko',
  userAgent: null,
  retentionDays: 90,
};

export class SettingsStore {
  constructor(private readonly db: Db) {}

  get<K extends keyof Settings>(key: K): Settings[K] {
    const raw = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
    if (raw === undefined) return DEFAULT_SETTINGS[key];
    try {
      return JSON.parse(raw) as Settings[K];
    } catch {
      return DEFAULT_SETTINGS[key];
    }
  }

  all(): Settings {
    const result = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      (result as Record<string, unknown>)[key] = this.get(key);
    }
    return result;
  }

  set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, JSON.stringify(value));
  }
}

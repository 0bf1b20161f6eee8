/** The user's settings; a change is announced on the event channel (the shell applies the login item, the tray). */
import type { AppSettings } from '../../shared/api';
import type { SettingsStore } from '../store/settings';
import type { EngineEvents } from './events';

export class Settings {
  constructor(
    private readonly store: SettingsStore,
    private readonly events: EngineEvents,
  ) {}

  get<K extends keyof AppSettings>(key: K): AppSettings[K] {
    return this.store.get(key);
  }

  /** The value the user chose; undefined while it is the default (a time zone: the system's). */
  chosen<K extends keyof AppSettings>(key: K): AppSettings[K] | undefined {
    return this.store.chosen(key);
  }

  all(): AppSettings {
    return this.store.all();
  }

  update(patch: Partial<AppSettings>): AppSettings {
    const settings = this.store.update(patch);
    const changed = (Object.keys(patch) as Array<keyof AppSettings>).filter((key) => patch[key] !== undefined);
    this.events.emit({ name: 'settings.changed', payload: { settings, changed } });
    return settings;
  }
}

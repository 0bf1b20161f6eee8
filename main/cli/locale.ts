import type { Locale } from '../../shared/errors';
import { localeFromEnv } from '../locale';

/** The terminal's language: `--lang`, else the environment (see localeFromEnv). */
export function terminalLocale(explicit?: string, env: NodeJS.ProcessEnv = process.env): Locale {
  if (explicit === 'ko' || explicit === 'en') return explicit;
  return localeFromEnv(env);
}

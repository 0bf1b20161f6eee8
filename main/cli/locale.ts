import type { Locale } from '../../shared/errors';

/** The terminal's language: `--lang`, else NUNCHI_LANG, else LC_ALL / LC_MESSAGES / LANG; Korean unless it says otherwise. */
export function terminalLocale(explicit?: string, env: NodeJS.ProcessEnv = process.env): Locale {
  const candidates = [explicit, env.NUNCHI_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const value of candidates) {
    if (!value || value === 'C' || value === 'POSIX') continue;
    return value.toLowerCase().startsWith('en') ? 'en' : value.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  }
  return 'ko';
}

import type { Locale } from '../shared/errors';

/**
 * The language to speak when the user has not chosen: English for an English locale, Korean for a
 * Korean one and for none at all (C, POSIX, unset: Korean first), English for any other language.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env, fallback?: string): Locale {
  for (const value of [env.NUNCHI_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG, fallback]) {
    if (!value || /^(c|posix)([._].*)?$/i.test(value)) continue;
    const lower = value.toLowerCase();
    return lower.startsWith('ko') ? 'ko' : 'en';
  }
  return 'ko';
}

import type { Locale } from '../shared/errors';

/**
 * The language to speak when the user has not chosen: English for an English locale, Korean for a
 * Korean one and for none at all (C, POSIX, unset: Korean first), English for any other language.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env, fallback?: string | (() => string | undefined)): Locale {
  for (const value of [env.NUNCHI_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (named(value)) return fromName(value);
  }
  // Asked for only now: the OS's locale through Intl starts ICU (~25 ms).
  const last = typeof fallback === 'function' ? fallback() : fallback;
  return named(last) ? fromName(last) : 'ko';
}

const named = (value: string | undefined): value is string => !!value && !/^(c|posix)([._].*)?$/i.test(value);
const fromName = (value: string): Locale => (value.toLowerCase().startsWith('ko') ? 'ko' : 'en');

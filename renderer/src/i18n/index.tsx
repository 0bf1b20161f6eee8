/**
 * Every visible string goes through here. Two complete tables (ko, en); the en table is typed
 * from ko, so a key missing from either fails the type check, and a test compares them too.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ko, type MessageKey } from './ko';
import { en } from './en';

export type Locale = 'ko' | 'en';
export type { MessageKey };
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, vars) => {
    const template = table[key] ?? ko[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** ko for Korean system locales, en for the rest. */
export function localeFrom(tag: string | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('ko') ? 'ko' : tag ? 'en' : 'ko';
}

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'ko', t: translator('ko') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

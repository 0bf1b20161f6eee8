/**
 * Every visible string goes through here, from the one pair of catalogues the engine and the CLI
 * use too (shared/messages: ko and en, the same keys and arguments, checked by type and test).
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatMessage, translate, type Locale, type Message, type MessageArgs, type MessageKey } from '../../../shared/messages';

export type { Locale, MessageKey };

export type Translate = (key: MessageKey, args?: MessageArgs) => string;

export function translator(locale: Locale): Translate {
  return (key, args) => translate(locale, key, args);
}

/** ko for Korean system locales, en for the rest. */
export function localeFrom(tag: string | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('ko') ? 'ko' : tag ? 'en' : 'ko';
}

interface I18n {
  locale: Locale;
  t: Translate;
  /** Words for a message that arrived as data (an ApiError, a query error). */
  say: (message: Message | { key: string; args?: MessageArgs }) => string;
}

function i18n(locale: Locale): I18n {
  return { locale, t: translator(locale), say: (message) => formatMessage(locale, message) };
}

const I18nContext = createContext<I18n>(i18n('ko'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => i18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

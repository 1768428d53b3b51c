import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { chooseLanguage, formatMessage, translate } from '@tournee/shared';
import { type AppLocale, intlLocale } from './format.ts';
import { en, fr, type MessageKey } from './messages.ts';

export type Locale = AppLocale;
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'tournee.locale';

/** The base of a plural message: `publish.routes` for the keys `publish.routes.one` / `.other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;
/** What `t` takes: a message's key, or the base of a plural one (then `values.count` picks the form). */
export type TextKey = MessageKey | PluralKey;
export type TextValues = Record<string, string | number>;
export type Translate = (key: TextKey, values?: TextValues) => string;

/**
 * The saved choice, else the first of the browser's languages the app speaks, else French (also
 * what the API is asked to answer in).
 */
export function initialLocale(): Locale {
  const nav = globalThis.navigator;
  return chooseLanguage([globalThis.localStorage?.getItem(STORAGE_KEY), ...(nav?.languages ?? [nav?.language])], 'fr');
}

/**
 * Replaces `{name}` placeholders with values, and `{name, plural, one {# tournée} other {# tournées}}`
 * with the form Intl.PluralRules picks for `name` (shared's formatMessage). Given a locale, numbers
 * are written as it writes them ("1 234,5" in French); without one, as they are, and plurals follow English.
 */
export function format(template: string, values: TextValues = {}, locale?: string): string {
  return formatMessage(template, values, locale);
}

/** The text of `key` in a catalogue, a plural key's form picked by `values.count` (shared's). */
export { translate } from '@tournee/shared';

interface I18n {
  locale: Locale;
  /** The BCP 47 tag to give Intl (the browser's variant of the app's language: en-GB, fr-FR). */
  intl: string;
  setLocale(l: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const intl = intlLocale(locale);
    return {
      locale,
      intl,
      setLocale,
      t: (key, values) => translate(CATALOGUES[locale], intl, key, values),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en, fr, type MessageKey } from './messages.ts';

export type Locale = 'fr' | 'en';
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'tournee.locale';

/** The saved choice, else the browser's language, else French (also what the API is asked to answer in). */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  const lang = globalThis.navigator?.language ?? 'fr';
  return lang.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** Replaces `{name}` placeholders with values. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => format(CATALOGUES[locale][key], values) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

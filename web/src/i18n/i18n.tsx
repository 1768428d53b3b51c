import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type AppLocale, formatNumber, intlLocale, selectPlural } from './format.ts';
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

/** The saved choice, else the browser's language, else French (also what the API is asked to answer in). */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  const lang = globalThis.navigator?.language ?? 'fr';
  return lang.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * Replaces `{name}` placeholders with values, and `{name, plural, one {# tournée} other {# tournées}}`
 * with the form Intl.PluralRules picks for `name` (`=0 {…}` matches exactly; `#` is the number).
 * Given a locale, numbers are written as it writes them ("1 234,5" in French); without one, as
 * they are, and plurals follow English.
 */
export function format(template: string, values: TextValues = {}, locale?: string): string {
  const num = (v: number) => (locale ? formatNumber(locale, v, 2) : String(v));
  return expandPlurals(template, values, locale ?? 'en', num).replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'number' ? num(v) : String(v);
  });
}

const PLURAL_START = /\{(\w+),\s*plural,\s*/g;

/** The `{name, plural, …}` blocks of `template` replaced by their chosen form (ICU's syntax, plural only). */
function expandPlurals(template: string, values: TextValues, locale: string, num: (n: number) => string): string {
  let out = '';
  let i = 0;
  for (;;) {
    PLURAL_START.lastIndex = i;
    const start = PLURAL_START.exec(template);
    if (!start) return out + template.slice(i);
    out += template.slice(i, start.index);
    const forms: Record<string, string> = {};
    let j = PLURAL_START.lastIndex;
    for (;;) {
      const selector = /^\s*(=\d+|[a-z]+)\s*\{/.exec(template.slice(j));
      if (!selector) break;
      j += selector[0].length;
      const from = j;
      // A form may hold `{placeholders}`: find the brace that closes it.
      for (let depth = 1; j < template.length && depth > 0; j++) {
        if (template[j] === '{') depth++;
        else if (template[j] === '}') depth--;
      }
      forms[selector[1]!] = template.slice(from, j - 1);
    }
    j = template.indexOf('}', j) + 1 || template.length;
    const n = Number(values[start[1]!] ?? 0);
    const form = forms[`=${n}`] ?? forms[new Intl.PluralRules(locale).select(n)] ?? forms.other ?? '';
    out += form.replace(/#/g, num(n));
    i = j;
  }
}

/**
 * The text of `key` in `catalogue`. A key that is not a message but has plural forms
 * (`key.one`, `key.other`, and `key.few`/`key.many` where a language needs them) takes the
 * form Intl.PluralRules picks for `values.count`: "1 tournée publiée", "3 tournées publiées".
 */
export function translate(
  catalogue: Record<string, string>,
  locale: string,
  key: string,
  values: TextValues = {},
): string {
  let template = catalogue[key];
  if (template === undefined) {
    const other = catalogue[`${key}.other`];
    if (other === undefined) return key;
    const count = Number(values.count ?? 0);
    template = selectPlural(locale, count, {
      other,
      zero: catalogue[`${key}.zero`],
      one: catalogue[`${key}.one`],
      two: catalogue[`${key}.two`],
      few: catalogue[`${key}.few`],
      many: catalogue[`${key}.many`],
    });
  }
  return format(template, values, locale);
}

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

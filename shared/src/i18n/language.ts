/**
 * Which of the product's languages to speak, from what the person or their software says they
 * read: a saved choice or an organisation's setting ('fr', 'en-GB'), a link's `?lang=`, the
 * browser's `navigator.languages`, or an HTTP `Accept-Language` header. Every app and the server
 * choose the same way; only the fallback, for someone who reads none of the languages, is theirs.
 */

/** The languages every catalogue is written in. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** True for one of LANGUAGES exactly ('fr', 'en'; not 'fr-FR'). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a tag ('fr-CA' → 'fr', 'EN_gb' → 'en'), or null when it is none of LANGUAGES. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().split(/[-_;]/, 1)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : null;
}

/**
 * The tags of an `Accept-Language` value, most wanted first ('de-CH, fr;q=0.9, en;q=0.8' →
 * de-CH, fr, en). Tags of equal weight keep their order; weight 0 ("not this one") and `*` are
 * left out. A single tag ('fr-FR') is a valid value, so this reads a setting too.
 */
export function acceptLanguageTags(value: string | null | undefined): string[] {
  if (!value) return [];
  const weighted: { tag: string; q: number; i: number }[] = [];
  value.split(',').forEach((part, i) => {
    const [rawTag, ...params] = part.split(';');
    const tag = rawTag?.trim() ?? '';
    if (!tag || tag === '*') return;
    const qParam = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
    const q = qParam ? Number(qParam[1]) : 1;
    if (!(q > 0)) return;
    weighted.push({ tag, q, i });
  });
  return weighted.sort((a, b) => b.q - a.q || a.i - b.i).map((w) => w.tag);
}

/**
 * The first of LANGUAGES that `wanted` names, taken in order, else `fallback`. Each entry is a tag
 * or a whole `Accept-Language` value; empty ones are skipped. Put the strongest wish first:
 * `chooseLanguage([savedChoice, ...navigator.languages], 'fr')`,
 * `chooseLanguage([query.lang, req.headers['accept-language']], 'en')`.
 */
export function chooseLanguage(
  wanted: string | null | undefined | readonly (string | null | undefined)[],
  fallback: Language,
): Language {
  const entries = typeof wanted === 'string' || wanted == null ? [wanted] : wanted;
  for (const entry of entries) {
    for (const tag of acceptLanguageTags(entry)) {
      const language = languageOf(tag);
      if (language) return language;
    }
  }
  return fallback;
}

/** The tag Intl formats a language with when nothing more precise is known. */
const DEFAULT_INTL: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The BCP 47 tag to give Intl for `language`: the reader's own variant of it when one of
 * `preferred` is one (en-US writes 12/2/2026, en-GB 02/12/2026; fr-CA differs from fr-FR), else
 * fr-FR or en-GB.
 */
export function intlLocale(
  language: Language,
  preferred?: string | null | readonly (string | null | undefined)[],
): string {
  const tags = typeof preferred === 'string' || preferred == null ? [preferred] : preferred;
  for (const tag of tags) {
    if (!tag || languageOf(tag) !== language) continue;
    try {
      return Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? DEFAULT_INTL[language];
    } catch {
      // not a well-formed tag: try the next one
    }
  }
  return DEFAULT_INTL[language];
}

/**
 * The words of the printed route sheet, in French and English, and the Intl formats of its
 * dates and numbers ("mercredi 2 décembre 2026", "24,6 km"). The CSV keeps its English column
 * keys: spreadsheets and scripts read it by name.
 */
import { chooseLanguage, intlLocale, messageFunctions, STOP_WORDS, type SheetLanguage } from '@tournee/shared';

/** The sheet's texts with values: the names of their values in argument order, for both languages. */
const PARAMS = {
  title: ['date'],
  titleOne: ['driver', 'date'],
  heading: ['vehicle', 'from', 'to', 'km'],
  stopsCount: ['n'],
  part: ['i', 'n'],
  arriveWait: ['time'],
} as const;
type Templates = Record<keyof typeof PARAMS, string>;

const enTemplates: Templates = {
  title: 'Route sheets — {date}',
  titleOne: '{driver} — {date}',
  heading: '{vehicle} · {from} to {to} · {km} km',
  stopsCount: '{n, plural, one {# stop} other {# stops}}',
  part: ' (part {i}/{n})',
  arriveWait: STOP_WORDS.en.arriveWait,
};

const frTemplates: Templates = {
  title: 'Feuilles de route — {date}',
  titleOne: '{driver} — {date}',
  heading: '{vehicle} · de {from} à {to} · {km} km',
  stopsCount: '{n, plural, one {# arrêt} other {# arrêts}}',
  part: ' (partie {i}/{n})',
  arriveWait: STOP_WORDS.fr.arriveWait,
};

// Status, kind, break and reload are the driver app's words too.
const enWords = {
  ...STOP_WORDS.en,
  print: 'Print',
  driverless: 'No driver',
  openRoute: 'Open the route in Google Maps',
  navigate: 'navigate',
  cols: {
    seq: '#',
    time: 'Time',
    customer: 'Customer',
    address: 'Address',
    phone: 'Phone',
    demand: 'Load',
    notes: 'Notes',
    status: 'Status',
  },
  window: 'window',
  anyTime: 'any time',
  noRoutes: 'No route on this day.',
  dimension: { m3: 'm³', ...STOP_WORDS.en.dimension } as Record<string, string>,
  signature: 'Driver’s signature:',
};

const frWords: typeof enWords = {
  ...STOP_WORDS.fr,
  print: 'Imprimer',
  driverless: 'Sans chauffeur',
  openRoute: 'Ouvrir la tournée dans Google Maps',
  navigate: 'itinéraire',
  cols: {
    seq: 'N°',
    time: 'Heure',
    customer: 'Client',
    address: 'Adresse',
    phone: 'Téléphone',
    demand: 'Chargement',
    notes: 'Remarques',
    status: 'Statut',
  },
  window: 'créneau',
  anyTime: 'toute la journée',
  noRoutes: 'Aucune tournée ce jour-là.',
  dimension: { m3: 'm³', ...STOP_WORDS.fr.dimension },
  signature: 'Signature du chauffeur :',
};

/** One language's words and its templates as functions (numbers and plurals in that language). */
const sheetText = (words: typeof enWords, templates: Templates, lang: SheetLanguage) => ({
  ...words,
  ...messageFunctions(PARAMS, templates, intlLocale(lang)),
});
export type SheetText = ReturnType<typeof sheetText>;

export const SHEET_TEXT: Record<SheetLanguage, SheetText> = {
  fr: sheetText(frWords, frTemplates, 'fr'),
  en: sheetText(enWords, enTemplates, 'en'),
};

/** The sheet's language: `?lang=` when given, else the organisation's locale ('fr', 'en-GB'…), else French. */
export function sheetLanguage(asked: SheetLanguage | undefined, orgLocale: string | null): SheetLanguage {
  return asked ?? chooseLanguage(orgLocale, 'fr');
}

/** A local date 'YYYY-MM-DD' in words: "mercredi 2 décembre 2026", "Wednesday 2 December 2026". */
export function longDate(localDate: string, lang: SheetLanguage): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${localDate}T12:00:00Z`));
}

/** A number with at most `digits` decimals (at least `min`) in the sheet's language ("24,6"). */
export function num(n: number, lang: SheetLanguage, digits = 1, min = 0): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits, minimumFractionDigits: min }).format(
    n,
  );
}

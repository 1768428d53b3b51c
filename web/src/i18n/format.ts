/**
 * Numbers, distances, durations, dates and phone numbers as the user's locale writes them
 * ("24,6 km", "02/12/2026", "06 12 34 56 78"); the choice of a message's plural form is shared's.
 * Plain functions of the locale (no React), so screens, helpers and tests share them.
 */
import { type Language, intlLocale as sharedIntlLocale, phoneDisplay } from '@tournee/shared';

export { type PluralForms, selectPlural } from '@tournee/shared';

/** The app's two languages (the catalogue chosen by the language switch). */
export type AppLocale = Language;

/**
 * The BCP 47 tag Intl formats with: the browser's own variant of the app's language when it has
 * one (en-GB writes 02/12/2026, en-US 12/2/2026; fr-CA differs from fr-FR), else a default.
 */
export function intlLocale(locale: AppLocale, browser = globalThis.navigator?.language): string {
  return sharedIntlLocale(locale, browser);
}

// Formatters are made once per locale and options: making one costs a tenth of a millisecond or
// more, paid per row or per day otherwise (the orders list's rows, the planner's five weeks).
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, options: object, make: () => F): F {
  const key = `${kind}|${JSON.stringify(options)}`;
  let f = formats.get(key) as F | undefined;
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

/** The number format of `locale` with `options`, made once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`n ${locale}`, options, () => new Intl.NumberFormat(locale, options));
}

/** The date and time format of `locale` with `options`, made once. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached(`d ${locale}`, options, () => new Intl.DateTimeFormat(locale, options));
}

/** A number with at most `maxFractionDigits` decimals: "1 234,5" in French, "1,234.5" in English. */
export function formatNumber(locale: string, n: number, maxFractionDigits = 1): string {
  return numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}

/** A distance in kilometres, one decimal: "24,6 km". */
export function formatDistance(locale: string, km: number): string {
  return numberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(km);
}

/** A distance in metres: "850 m" under a kilometre, else in kilometres ("1,2 km"). */
export function formatDistanceM(locale: string, m: number): string {
  if (Math.abs(m) < 1000)
    return numberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(m);
  return formatDistance(locale, m / 1000);
}

/** A duration from seconds, to the minute: "45 min", "2 h 05", "26 h 00" (both languages write it so). */
export function formatDuration(locale: string, seconds: number): string {
  const total = Math.round(Math.abs(seconds) / 60);
  const sign = seconds < 0 && total > 0 ? '−' : '';
  if (total < 60) return `${sign}${formatNumber(locale, total, 0)} min`;
  const h = Math.floor(total / 60);
  return `${sign}${formatNumber(locale, h, 0)} h ${String(total % 60).padStart(2, '0')}`;
}

/** A share as a percentage with `digits` decimals (default: up to one): 0.934 → "93,4 %" / "93.4%". */
export function formatPercent(locale: string, fraction: number, digits?: number): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? 1,
  }).format(fraction);
}

/** A number with exactly `digits` decimals, as the locale writes it: "8,0", "4.25". */
export function formatFixed(locale: string, n: number, digits: number): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** An amount of money: "12,50 €". */
export function formatMoney(locale: string, amount: number, currency = 'EUR'): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount);
}

/**
 * A calendar day. A `YYYY-MM-DD` local date is a day, not an instant: it is formatted at noon UTC
 * in UTC so that no time zone moves it to the day before. Default style "02/12/2026".
 */
export function formatDate(
  locale: string,
  date: string | Date,
  options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' },
): string {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  }
  return dateTimeFormat(locale, options).format(new Date(date));
}

/** A clock time, 24-hour in French, as the locale prefers in English: "14:05". */
export function formatTime(locale: string, at: string | Date, timeZone?: string): string {
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at));
}

/** A day and time: "02/12/2026 14:05". */
export function formatDateTime(locale: string, at: string | Date, timeZone?: string): string {
  return dateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(at));
}

/**
 * A phone number stored as E.164, for display: national ("06 12 34 56 78") when it is of
 * `country` (the organisation's), international ("+32 470 12 34 56") otherwise or when no
 * country is given; the input as it is when it is not a number.
 */
export function formatPhone(e164: string, country?: string): string {
  return phoneDisplay(e164, country);
}

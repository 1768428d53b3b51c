/** Dates, times and numbers of the orders screens as the user's locale writes them. */
import { dateTimeFormat, numberFormat } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/i18n.tsx';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A local day ("02/06/2026") from an ISO date, whatever the browser's zone. */
export function localDay(locale: Locale, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return dateTimeFormat(tag(locale), { timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as a day and time in the browser's zone ("02/06/2026 09:41"). */
export function dateTime(locale: Locale, iso: string | null): string {
  if (!iso) return '';
  return dateTimeFormat(tag(locale), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** A number with up to 2 decimals ("12,5"). */
export function amount(locale: Locale, n: number): string {
  return numberFormat(tag(locale), { maximumFractionDigits: 2 }).format(n);
}

/** A latitude or longitude to about a metre ("45,75700"). */
export function coordinate(locale: Locale, n: number): string {
  return numberFormat(tag(locale), { minimumFractionDigits: 5, maximumFractionDigits: 5 }).format(n);
}

/** A point's latitude then longitude ("45.75780, 4.83200"; in French "45,75780 ; 4,83200"). */
export function latLon(locale: Locale, [lon, lat]: [number, number]): string {
  return `${coordinate(locale, lat)}${locale === 'fr' ? ' ; ' : ', '}${coordinate(locale, lon)}`;
}

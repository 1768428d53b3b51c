/**
 * The words of the printed route sheet, in French and English, and the Intl formats of its
 * dates and numbers ("mercredi 2 décembre 2026", "24,6 km"). The CSV keeps its English column
 * keys: spreadsheets and scripts read it by name.
 */
import type { SheetLanguage, StopStatus } from '@tournee/shared';

const en = {
  title: (date: string) => `Route sheets — ${date}`,
  titleOne: (driver: string, date: string) => `${driver} — ${date}`,
  print: 'Print',
  driverless: 'No driver',
  heading: (vehicle: string, from: string, to: string, km: string) => `${vehicle} · ${from} to ${to} · ${km} km`,
  stopsCount: (n: number) => (n === 1 ? '1 stop' : `${n} stops`),
  openRoute: 'Open the route in Google Maps',
  part: (i: number, n: number) => ` (part ${i}/${n})`,
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
  breakRow: 'Break',
  window: 'window',
  anyTime: 'any time',
  arriveWait: (hhmm: string) => `arrive ${hhmm}, wait`,
  noRoutes: 'No route on this day.',
  status: {
    pending: 'To do',
    arrived: 'Arrived',
    delivered: 'Delivered',
    failed: 'Failed',
    skipped: 'Skipped',
  } as Record<StopStatus, string>,
  dimensions: { m3: 'm³' } as Record<string, string>,
  signature: 'Driver’s signature:',
  /** The two stops of a pickup and delivery order. */
  kind: { pickup: 'Pickup', delivery: 'Delivery' },
  /** A pickup stop's `delivered` status: the goods were collected. */
  pickedUp: 'Picked up',
};

export type SheetText = typeof en;

const fr: SheetText = {
  title: (date) => `Feuilles de route — ${date}`,
  titleOne: (driver, date) => `${driver} — ${date}`,
  print: 'Imprimer',
  driverless: 'Sans chauffeur',
  heading: (vehicle, from, to, km) => `${vehicle} · de ${from} à ${to} · ${km} km`,
  stopsCount: (n) => (n <= 1 ? `${n} arrêt` : `${n} arrêts`),
  openRoute: 'Ouvrir la tournée dans Google Maps',
  part: (i, n) => ` (partie ${i}/${n})`,
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
  breakRow: 'Pause',
  window: 'créneau',
  anyTime: 'toute la journée',
  arriveWait: (hhmm) => `arrivée ${hhmm}, attendre`,
  noRoutes: 'Aucune tournée ce jour-là.',
  status: { pending: 'À faire', arrived: 'Sur place', delivered: 'Livré', failed: 'Échec', skipped: 'Passé' },
  // Dimension names are the organisation's own; the usual English ones are put in French.
  dimensions: {
    m3: 'm³',
    parcels: 'colis',
    parcel: 'colis',
    pallets: 'palettes',
    pallet: 'palettes',
    items: 'articles',
  },
  signature: 'Signature du chauffeur :',
  kind: { pickup: 'Enlèvement', delivery: 'Livraison' },
  pickedUp: 'Enlevé',
};

export const SHEET_TEXT: Record<SheetLanguage, SheetText> = { fr, en };

/** The sheet's language: `?lang=` when given, else the organisation's locale ('fr', 'en-GB'…). */
export function sheetLanguage(asked: SheetLanguage | undefined, orgLocale: string | null): SheetLanguage {
  if (asked) return asked;
  return orgLocale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const intl = (lang: SheetLanguage) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** A local date 'YYYY-MM-DD' in words: "mercredi 2 décembre 2026", "Wednesday 2 December 2026". */
export function longDate(localDate: string, lang: SheetLanguage): string {
  return new Intl.DateTimeFormat(intl(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${localDate}T12:00:00Z`));
}

/** A number with at most `digits` decimals (at least `min`) in the sheet's language ("24,6"). */
export function num(n: number, lang: SheetLanguage, digits = 1, min = 0): string {
  return new Intl.NumberFormat(intl(lang), { maximumFractionDigits: digits, minimumFractionDigits: min }).format(n);
}

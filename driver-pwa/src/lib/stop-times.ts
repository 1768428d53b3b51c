/**
 * What a stop card says about time, on the route's wall clock and in the app's language: the
 * booked window, the planned service start (shared/src/stop-times.ts — never before the window
 * opens, as in the planner, the route sheet and the customer's messages), the arrival when the
 * driver gets there earlier and waits, and a break's span.
 */
import { type DriverStop, serviceStartIso } from '@tournee/shared';

/** `fr` → fr-FR, `en` → en-GB (24-hour clock, day before month). */
export const intlLocale = (locale: 'fr' | 'en') => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** 'HH:MM' of an ISO instant in `zone`; '—' without one. */
export function localTime(iso: string | null, zone: string, locale: 'fr' | 'en' = 'fr'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
    new Date(iso),
  );
}

/** The booked windows as written on the card ("09:00–12:00, 14:00–16:00"), or null for any time. */
export function windowText(stop: Pick<DriverStop, 'timeWindows'>): string | null {
  return stop.timeWindows.length ? stop.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ') : null;
}

export interface PlannedTimes {
  /** When the visit starts ('HH:MM'). */
  start: string;
  /** The arrival when it is earlier than `start` (the driver waits), else null. */
  waitFrom: string | null;
}

/** The planned service start of a stop, and the earlier arrival when the driver must wait. */
export function plannedTimes(
  stop: Pick<DriverStop, 'plannedArrivalAt' | 'timeWindows'>,
  route: { localDate: string; timeZone: string },
  locale: 'fr' | 'en' = 'fr',
): PlannedTimes {
  const start = localTime(
    serviceStartIso({ ...stop, localDate: route.localDate, timeZone: route.timeZone }),
    route.timeZone,
    locale,
  );
  const arrival = stop.plannedArrivalAt ? localTime(stop.plannedArrivalAt, route.timeZone, locale) : null;
  return { start, waitFrom: arrival && arrival !== start ? arrival : null };
}

/** A break's span ('12:00', '12:30') from its planned start and end. */
export function breakSpan(
  stop: Pick<DriverStop, 'plannedArrivalAt' | 'plannedDepartureAt'>,
  zone: string,
  locale: 'fr' | 'en' = 'fr',
) {
  return { from: localTime(stop.plannedArrivalAt, zone, locale), to: localTime(stop.plannedDepartureAt, zone, locale) };
}

/** Kilometres with one decimal in the app's language ("2,4" in French). */
export const kmText = (km: number, locale: 'fr' | 'en') =>
  new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(km);

/** The route's day in words: "mardi 1 décembre", "Tuesday 1 December". */
export const dayText = (localDate: string, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${localDate}T12:00:00Z`));

import type { PlannedRoute, RouteStop, Violation } from '@tournee/shared';
import type { MessageKey } from '../../i18n/messages.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const minutes = (s: number) => Math.ceil(s / 60);
const round2 = (n: number) => Math.round(n * 100) / 100;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The day's stops by stop id and by order id: a violation names one or the other. */
export function stopIndex(routes: PlannedRoute[]): Map<string, RouteStop> {
  const index = new Map<string, RouteStop>();
  for (const r of routes)
    for (const s of r.stops) {
      index.set(s.id, s);
      if (s.orderId) index.set(s.orderId, s);
    }
  return index;
}

/**
 * A violation in the app's language, from its fields (the server's `message` is English). Stops
 * are named by their order's reference: positions change with the very edit being judged.
 */
export function violationText(v: Violation, stops: Map<string, RouteStop>, t: Translate): string {
  const stopOf = (stopId: string | null, orderId: string | null) =>
    (stopId ? stops.get(stopId) : undefined) ?? (orderId ? stops.get(orderId) : undefined);
  const name = (s: RouteStop | undefined) => s?.ref ?? t('violation.aStop');
  switch (v.kind) {
    case 'late': {
      const s = stopOf(v.stopId, v.orderId);
      if (s?.kind === 'break') return t('violation.lateBreak', { min: minutes(v.lateS) });
      return t('violation.late', { stop: name(s), min: minutes(v.lateS) });
    }
    case 'wrong_day':
      if (!v.dateFrom || !v.dateTo) return v.message;
      return t('violation.wrongDay', { stop: name(stopOf(v.stopId, v.orderId)), from: v.dateFrom, to: v.dateTo });
    case 'skill':
      return t('violation.skill', { stop: name(stopOf(v.stopId, v.orderId)), skill: v.skill });
    case 'capacity': {
      const values = { dimension: v.dimension, load: round2(v.load), capacity: round2(v.capacity) };
      // A van that reloads at its depot: which of its trips is over.
      return v.trip === undefined
        ? t('violation.capacity', values)
        : t('violation.capacityTrip', { ...values, trip: v.trip });
    }
    case 'shift_end':
      return t('violation.shiftEnd', { min: minutes(v.overS) });
    case 'max_stops':
      return t('violation.maxStops', { stops: v.stops, max: v.max });
    case 'max_duration':
      return t('violation.maxDuration', { min: minutes(v.durationS), max: minutes(v.max) });
    case 'max_distance':
      return t('violation.maxDistance', { km: Math.round(v.distanceM / 100) / 10, max: Math.round(v.max / 100) / 10 });
    case 'pickup_order':
      return t('violation.pickupOrder', { stop: name(stopOf(v.stopId, v.orderId)) });
    case 'weekly_hours':
      return t('violation.weeklyHours', { driver: v.driver, week: v.week, hours: round1(v.hours), max: round1(v.max) });
    case 'daily_rest':
      return t('violation.dailyRest', { driver: v.driver, hours: round1(v.restHours), min: round1(v.min) });
    case 'driving':
      return t('violation.driving', { hours: round1(v.drivingHours), max: round1(v.max) });
    default:
      // A rule this app does not know yet (a newer server): the server's sentence.
      return (v as { message: string }).message;
  }
}

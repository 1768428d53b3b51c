import { isVisit, type PlannedRoute, type RouteStop } from '@tournee/shared';

/** Minutes a route counts as late by before it is highlighted. */
export const LATE_AFTER_MIN = 15;

/**
 * How far a stop runs from its plan, in minutes: the actual arrival once there, else the live
 * ETA; for a route on the road with no ETA, "now" past the planned arrival counts too.
 */
export function driftMin(stop: RouteStop, routeStatus: PlannedRoute['status'], now: number): number | null {
  if (!isVisit(stop.kind) || !stop.plannedArrivalAt) return null;
  const planned = Date.parse(stop.plannedArrivalAt);
  const seen = stop.actualArrivalAt ?? stop.etaAt;
  if (seen) return Math.round((Date.parse(seen) - planned) / 60_000);
  if (routeStatus === 'in_progress' && stop.status === 'pending' && now > planned)
    return Math.round((now - planned) / 60_000);
  return null;
}

/** A route is late when a stop still to do drifts past the threshold. */
export function isLate(route: PlannedRoute, now: number): boolean {
  return route.stops.some((s) => s.status === 'pending' && (driftMin(s, route.status, now) ?? 0) >= LATE_AFTER_MIN);
}

export const formatDrift = (min: number) => (min > 0 ? `+${min} min` : `${min} min`);

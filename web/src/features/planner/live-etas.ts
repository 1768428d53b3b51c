import type { PlannedRoute, RouteEtasEvent } from '@tournee/shared';

/** The routes with a `route:etas` event's ETAs on their stops; the same array when it is not about them. */
export function withLiveEtas(routes: PlannedRoute[], e: RouteEtasEvent): PlannedRoute[] {
  const at = new Map(e.etas.map((x) => [x.stopId, x.etaAt]));
  let changed = false;
  const next = routes.map((r) => {
    if (r.id !== e.routeId) return r;
    changed = true;
    return { ...r, stops: r.stops.map((s) => (at.has(s.id) ? { ...s, etaAt: at.get(s.id)! } : s)) };
  });
  return changed ? next : routes;
}

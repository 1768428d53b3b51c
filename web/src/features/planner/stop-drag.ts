import { type EditRequest, isVisit, type PlannedRoute } from '@tournee/shared';

/** A stop picked up in the route lists or on the timeline. */
export interface StopDrag {
  stopId: string;
  fromRouteId: string;
  fromIndex: number;
}

/** Breaks and reloads stay on their route; locked routes and stops do not move. */
export const canDrag = (route: PlannedRoute, stop: PlannedRoute['stops'][number]) =>
  isVisit(stop.kind) && !route.locked && !stop.locked;

/**
 * The edit that drops `drag` at `position` of route `toRouteId` (0 = first; the route's length =
 * last), and the edit that undoes it; null when the stop would not move.
 */
export function moveEdits(drag: StopDrag, toRouteId: string, position: number): [EditRequest, EditRequest] | null {
  // Within one route, taking the stop out first shifts the later positions by one.
  const target = drag.fromRouteId === toRouteId && drag.fromIndex < position ? position - 1 : position;
  if (drag.fromRouteId === toRouteId && target === drag.fromIndex) return null;
  return [
    { op: 'move', stopId: drag.stopId, toRouteId, position: target, force: false, dryRun: false },
    {
      op: 'move',
      stopId: drag.stopId,
      toRouteId: drag.fromRouteId,
      position: drag.fromIndex,
      force: true,
      dryRun: false,
    },
  ];
}

/** Where a stop dropped at `time` (ms) goes in `route`: after every stop that starts before it. */
export function positionAt(route: PlannedRoute, time: number, movingStopId: string): number {
  let position = 0;
  route.stops.forEach((s, i) => {
    if (s.id === movingStopId || !s.plannedArrivalAt) return;
    if (Date.parse(s.plannedArrivalAt) + s.waitingS * 1000 < time) position = i + 1;
  });
  return position;
}

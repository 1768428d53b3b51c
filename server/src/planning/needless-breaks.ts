/**
 * Driving breaks a route does not need (pure). The planner adds one driving break to every shift
 * longer than the driving limit (fleet-rules.ts `drivingBreaks`, ids `…#drive0`), because it
 * cannot know the route's driving before solving, and the solver places every break it is given:
 * a route that drives two hours in a nine-hour shift would stop 45 minutes for nothing. When the
 * whole route drives no longer than the limit, those breaks are taken out; the step after each
 * arrives that much earlier and waits until its planned start (or the route ends that much
 * earlier), so every other time stays as planned, and feasible.
 */
import type { Route } from '@tournee/solver';
import { isAddedDrivingBreak } from './fleet-rules.ts';

export function withoutNeedlessDrivingBreaks(route: Route, maxDrivingS: number | undefined): Route {
  if (!maxDrivingS || route.travelS > maxDrivingS) return route;
  if (!route.steps.some((s) => s.type === 'break' && isAddedDrivingBreak(s.id))) return route;
  const steps = route.steps.map((s) => ({ ...s }));
  let { durationS, waitingS, serviceS } = route;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const next = steps[i + 1];
    if (s.type !== 'break' || !isAddedDrivingBreak(s.id) || !next) continue;
    const freed = s.departure - s.arrival;
    waitingS -= s.waitingS;
    serviceS -= s.departure - s.serviceStart;
    next.arrival -= freed;
    if (next.type === 'end') {
      next.serviceStart -= freed;
      next.departure -= freed;
      durationS -= freed;
    } else {
      next.waitingS += freed;
      waitingS += freed;
    }
    steps.splice(i--, 1);
  }
  return { ...route, steps, durationS, waitingS, serviceS };
}

/**
 * The figures of a route (pure): the dispatcher edits' route evaluator gives times, distance and
 * broken rules; from them come driving time, overtime, late stops and the cost in money. A
 * baseline's routes and a plan's routes go through this same function, so they compare fairly.
 */
import { isVisit, type RouteSetFigures } from '@tournee/shared';
import { type EvalShift, type EvalStop, type Evaluation, evaluateRoute } from '../dispatch/evaluator.ts';
import type { Travel } from '../travel/travel.ts';

export interface VehicleCosts {
  fixedCost: number;
  costPerKm: number;
  costPerHour: number;
}

export interface RouteFigures extends Omit<RouteSetFigures, 'vehicles'> {
  evaluation: Evaluation;
}

/** Evaluates one route and sums what the comparison reports. */
export function routeFigures(
  shift: EvalShift,
  stops: readonly EvalStop[],
  costs: VehicleCosts,
  travel: Travel,
): RouteFigures {
  const evaluation = evaluateRoute(shift, stops, travel);
  let drivingS = 0;
  const line = evaluation.line;
  for (let i = 1; i < line.length; i++) drivingS += travel.timeS(line[i - 1]!, line[i]!) * shift.slowness;
  let overtimeS = 0;
  for (const v of evaluation.violations) if (v.kind === 'shift_end') overtimeS += v.overS;
  // Breaks and reloads at the depot are no stops of the comparison.
  const visits = stops.filter((s) => isVisit(s.kind));
  const lateStops = evaluation.stops.filter(
    (t, i) => isVisit(stops[i]!.kind) && t.violations.some((v) => v.kind === 'late'),
  ).length;
  const used = visits.length > 0;
  const cost = used
    ? costs.fixedCost +
      (costs.costPerKm * evaluation.distanceM) / 1000 +
      (costs.costPerHour * evaluation.durationS) / 3600
    : 0;
  return {
    evaluation,
    stops: visits.length,
    distanceM: used ? evaluation.distanceM : 0,
    drivingS: used ? drivingS : 0,
    durationS: used ? evaluation.durationS : 0,
    overtimeS: used ? overtimeS : 0,
    lateStops,
    cost,
  };
}

/** The sum over routes; a route without a stop uses no vehicle. */
export function totalFigures(routes: readonly Omit<RouteSetFigures, 'vehicles'>[]): RouteSetFigures {
  const t: RouteSetFigures = {
    vehicles: 0,
    stops: 0,
    distanceM: 0,
    drivingS: 0,
    durationS: 0,
    overtimeS: 0,
    lateStops: 0,
    cost: 0,
  };
  for (const r of routes) {
    if (r.stops > 0) t.vehicles++;
    t.stops += r.stops;
    t.distanceM += r.distanceM;
    t.drivingS += r.drivingS;
    t.durationS += r.durationS;
    t.overtimeS += r.overtimeS;
    t.lateStops += r.lateStops;
    t.cost += r.cost;
  }
  t.cost = Math.round(t.cost * 100) / 100;
  return t;
}

const breakStop = (index: number): EvalStop => ({
  stopId: null,
  orderId: null,
  ref: null,
  kind: 'break',
  breakIndex: index,
  location: null,
  serviceS: 0,
  demand: [],
  skills: [],
  dateFrom: null,
  dateTo: null,
  timeWindows: [],
});

/**
 * The customer's routes carry no breaks, but the shift has them: each is put where it breaks
 * the fewest rules and ends the route earliest (as a driver would take it), one after another.
 */
export function withBreaks(shift: EvalShift, stops: readonly EvalStop[], travel: Travel): EvalStop[] {
  let best = [...stops];
  shift.breaks.forEach((_, b) => {
    let chosen: { seq: EvalStop[]; violations: number; endMs: number } | null = null;
    for (let at = 0; at <= best.length; at++) {
      const seq = [...best.slice(0, at), breakStop(b), ...best.slice(at)];
      const e = evaluateRoute(shift, seq, travel);
      const score = { seq, violations: e.violations.length, endMs: e.endMs };
      if (
        !chosen ||
        score.violations < chosen.violations ||
        (score.violations === chosen.violations && score.endMs < chosen.endMs)
      ) {
        chosen = score;
      }
    }
    best = chosen!.seq;
  });
  return best;
}

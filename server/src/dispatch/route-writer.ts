/**
 * Writes re-evaluated routes (after an edit, an urgent insertion or a cancel) inside the caller's
 * transaction, through the lifecycle's one stop writer: the evaluator's sequence and times become
 * the routes' stops and totals, and the orders follow their routes.
 */
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { type RouteStopsWrite, type WrittenStops, writeRouteStops } from '../lifecycle/stop-writer.ts';
import type { EvalStop, Evaluation } from './evaluator.ts';

export interface RouteWrite {
  routeId: string;
  stops: readonly EvalStop[];
  evaluation: Evaluation;
}

export type WrittenRoutes = Pick<WrittenStops, 'newStops' | 'versions'>;

export function toStopsWrite(w: RouteWrite): RouteStopsWrite {
  return {
    routeId: w.routeId,
    stops: w.stops.map((s, i) => {
      const t = w.evaluation.stops[i]!;
      return {
        stopId: s.stopId,
        orderId: s.orderId,
        kind: s.kind,
        breakIndex: s.breakIndex,
        arrivalAt: new Date(t.arrivalMs),
        waitingS: t.waitingS,
        departureAt: new Date(t.departureMs),
        violations: t.violations,
      };
    }),
    totals: {
      startAt: new Date(w.evaluation.startMs),
      endAt: new Date(w.evaluation.endMs),
      distanceM: w.evaluation.distanceM,
      durationS: w.evaluation.durationS,
      violations: w.evaluation.violations,
      line: w.stops.length ? w.evaluation.line : null,
    },
  };
}

export async function writeRoutes(
  tx: Db,
  actor: Actor,
  writes: RouteWrite[],
  unassignedOrderIds: string[] = [],
): Promise<WrittenRoutes> {
  return writeRouteStops(tx, actor, writes.map(toStopsWrite), { cause: 'edit', unassigned: unassignedOrderIds });
}

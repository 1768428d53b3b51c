/**
 * Writes re-evaluated routes (after an edit or an urgent insertion) inside the caller's
 * transaction: stops renumbered with their new times and violations, stops that left every
 * written route removed, new stops created, route totals and line updated, order statuses
 * following their route, published routes versioned.
 */
import type { Db } from '../db/db.ts';
import type { EvalStop, Evaluation } from './evaluator.ts';
import { bumpPublished } from '../lifecycle/versions.ts';

export interface RouteWrite {
  routeId: string;
  stops: readonly EvalStop[];
  evaluation: Evaluation;
}

export interface WrittenRoutes {
  /** The stop id of each new stop, by order id. */
  newStops: Map<string, string>;
  versions: Map<string, { version: number; localDate: string }>;
}

export async function writeRoutes(
  tx: Db,
  writes: RouteWrite[],
  unassignedOrderIds: string[] = [],
): Promise<WrittenRoutes> {
  const routeIds = writes.map((w) => w.routeId);
  const kept = writes.flatMap((w) => w.stops.map((s) => s.stopId).filter((id): id is string => id !== null));
  await tx.query('DELETE FROM stops WHERE route_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[]))', [routeIds, kept]);
  const rows = writes.flatMap((w) =>
    w.stops.map((s, i) => {
      const t = w.evaluation.stops[i]!;
      return {
        id: s.stopId,
        route_id: w.routeId,
        order_id: s.orderId,
        seq: i + 1,
        kind: s.kind,
        break_index: s.breakIndex,
        arrival: new Date(t.arrivalMs).toISOString(),
        waiting_s: t.waitingS,
        departure: new Date(t.departureMs).toISOString(),
        violations: t.violations,
      };
    }),
  );
  await tx.query(
    `UPDATE stops s SET route_id = x.route_id, seq = x.seq, planned_arrival_at = x.arrival, waiting_s = x.waiting_s,
       planned_departure_at = x.departure, violations = x.violations
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, route_id uuid, seq int, arrival timestamptz, waiting_s float8,
       departure timestamptz, violations jsonb)
     WHERE s.id = x.id`,
    [JSON.stringify(rows.filter((r) => r.id !== null))],
  );
  const inserted = await tx.query<{ id: string; order_id: string }>(
    `INSERT INTO stops (route_id, order_id, seq, kind, break_index, planned_arrival_at, waiting_s, planned_departure_at, violations)
     SELECT x.route_id, x.order_id, x.seq, x.kind, x.break_index, x.arrival, x.waiting_s, x.departure, x.violations
     FROM jsonb_to_recordset($1::jsonb) AS x(route_id uuid, order_id uuid, seq int, kind text, break_index smallint,
       arrival timestamptz, waiting_s float8, departure timestamptz, violations jsonb)
     RETURNING id, order_id`,
    [JSON.stringify(rows.filter((r) => r.id === null))],
  );
  await tx.query(
    `UPDATE routes r SET start_at = x.start_at, end_at = x.end_at, distance_m = x.distance_m, duration_s = x.duration_s,
       violations = x.violations, geometry = ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326)::geography, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, start_at timestamptz, end_at timestamptz, distance_m float8,
       duration_s float8, violations jsonb, geometry text)
     WHERE r.id = x.id`,
    [
      JSON.stringify(
        writes.map((w) => ({
          id: w.routeId,
          start_at: new Date(w.evaluation.startMs).toISOString(),
          end_at: new Date(w.evaluation.endMs).toISOString(),
          distance_m: w.evaluation.distanceM,
          duration_s: w.evaluation.durationS,
          violations: w.evaluation.violations,
          geometry: w.stops.length ? JSON.stringify({ type: 'LineString', coordinates: w.evaluation.line }) : null,
        })),
      ),
    ],
  );
  if (unassignedOrderIds.length) {
    await tx.query(
      `UPDATE orders SET status = 'imported', updated_at = now() WHERE id = ANY($1::uuid[]) AND status IN ('planned', 'dispatched')
         AND NOT EXISTS (SELECT 1 FROM stops s WHERE s.order_id = orders.id)`,
      [unassignedOrderIds],
    );
  }
  await tx.query(
    `UPDATE orders o SET status = CASE WHEN r.status = 'planned' THEN 'planned' ELSE 'dispatched' END, updated_at = now()
       FROM stops s JOIN routes r ON r.id = s.route_id
      WHERE s.route_id = ANY($1::uuid[]) AND o.id = s.order_id AND o.status IN ('imported', 'planned', 'dispatched')`,
    [routeIds],
  );
  const versions = await bumpPublished(tx, routeIds);
  return { newStops: new Map(inserted.rows.map((r) => [r.order_id, r.id])), versions };
}

/**
 * Route versions: once a route is published, every change bumps its version and stores a snapshot
 * of it as changed, so a driver's app holding version N can tell its route moved on and what it was.
 */
import type { Db } from '../db/db.ts';
import type { RoutesRow } from '../db/rows/routes.ts';

/**
 * Stores the current state of routes as their current version (idempotent per version). Call it
 * in the transaction that changed them, after the change and the version bump.
 */
export async function snapshotRoutes(tx: Db, routeIds: string[]): Promise<void> {
  if (routeIds.length === 0) return;
  await tx.query(
    `INSERT INTO route_versions (route_id, version, snapshot)
     SELECT r.id, r.version, jsonb_build_object(
       'routeId', r.id, 'version', r.version, 'status', r.status, 'localDate', r.local_date,
       'vehicleId', r.vehicle_id, 'driverId', r.driver_id, 'startAt', r.start_at, 'endAt', r.end_at,
       'distanceM', r.distance_m, 'durationS', r.duration_s,
       'stops', coalesce((SELECT jsonb_agg(jsonb_build_object(
           'stopId', s.id, 'orderId', s.order_id, 'seq', s.seq, 'kind', s.kind,
           'plannedArrivalAt', s.planned_arrival_at, 'waitingS', s.waiting_s,
           'plannedDepartureAt', s.planned_departure_at, 'status', s.status) ORDER BY s.seq)
         FROM stops s WHERE s.route_id = r.id), '[]'::jsonb))
       FROM routes r WHERE r.id = ANY($1::uuid[])
     ON CONFLICT (route_id, version) DO UPDATE SET snapshot = EXCLUDED.snapshot, created_at = now()`,
    [routeIds],
  );
}

/**
 * After a change to routes: published ones get version + 1 and a snapshot. Returns every
 * route's (new) version, for the `route:changed` events.
 */
export async function bumpPublished(
  tx: Db,
  routeIds: string[],
): Promise<Map<string, { version: number; localDate: string }>> {
  const out = new Map<string, { version: number; localDate: string }>();
  if (routeIds.length === 0) return out;
  const { rows } = await tx.query<Pick<RoutesRow, 'id' | 'version' | 'local_date' | 'status'>>(
    `UPDATE routes SET version = version + CASE WHEN status = 'planned' THEN 0 ELSE 1 END, updated_at = now()
      WHERE id = ANY($1::uuid[]) RETURNING id, version, local_date, status`,
    [routeIds],
  );
  await snapshotRoutes(
    tx,
    rows.filter((r) => r.status !== 'planned').map((r) => r.id),
  );
  for (const r of rows) out.set(r.id, { version: r.version, localDate: r.local_date });
  return out;
}

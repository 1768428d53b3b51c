/**
 * Route rows as a plan writes them: one route per used shift, updated in place when a re-plan
 * replaces the shift's route (a published route keeps its id, and drivers see a new version);
 * a started route kept going ("continued") keeps its start. Replaced routes whose shift the new
 * plan does not use: drafts are deleted, published ones stay, emptied, as a new version.
 */
import type { Db } from '../db/db.ts';
import type { LonLatPair } from '../travel/travel.ts';

export interface PlanRouteRow {
  shiftId: string;
  vehicleId: string;
  driverId: string | null;
  localDate: string;
  startAt: Date;
  endAt: Date;
  distanceM: number;
  durationS: number;
  line: readonly LonLatPair[];
}

/** Upserts the routes of the plan's shifts; answers the route id of each shift. */
export async function upsertShiftRoutes(
  tx: Db,
  orgId: string,
  planId: string,
  routes: readonly PlanRouteRow[],
  continuedIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = routes.map((r) => ({
    shift_id: r.shiftId,
    vehicle_id: r.vehicleId,
    driver_id: r.driverId,
    local_date: r.localDate,
    start_at: r.startAt.toISOString(),
    end_at: r.endAt.toISOString(),
    distance_m: r.distanceM,
    duration_s: r.durationS,
    geometry: r.line.length >= 2 ? JSON.stringify({ type: 'LineString', coordinates: r.line }) : null,
  }));
  const written = await tx.query<{ id: string; shift_id: string }>(
    `INSERT INTO routes (org_id, plan_id, shift_id, vehicle_id, driver_id, depot_id, local_date, start_at, end_at,
       distance_m, duration_s, geometry)
     SELECT $1, $2, r.shift_id, r.vehicle_id, r.driver_id, v.depot_id, r.local_date, r.start_at, r.end_at,
       r.distance_m, r.duration_s, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)::geography
     FROM jsonb_to_recordset($3::jsonb) AS r(shift_id uuid, vehicle_id uuid, driver_id uuid, local_date date,
       start_at timestamptz, end_at timestamptz, distance_m float8, duration_s float8, geometry text)
     JOIN vehicles v ON v.id = r.vehicle_id
     ON CONFLICT (shift_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, driver_id = EXCLUDED.driver_id,
       start_at = CASE WHEN routes.id = ANY($4::uuid[]) THEN routes.start_at ELSE EXCLUDED.start_at END,
       end_at = EXCLUDED.end_at, distance_m = EXCLUDED.distance_m,
       duration_s = CASE WHEN routes.id = ANY($4::uuid[]) AND routes.start_at IS NOT NULL
         THEN extract(epoch FROM EXCLUDED.end_at - routes.start_at) ELSE EXCLUDED.duration_s END,
       geometry = EXCLUDED.geometry, violations = '[]', updated_at = now()
     RETURNING id, shift_id`,
    [orgId, planId, JSON.stringify(rows), continuedIds],
  );
  return new Map(written.rows.map((r) => [r.shift_id, r.id]));
}

/**
 * Replaced routes the plan left unused (their stops already removed): drafts are deleted,
 * the others emptied. Answers the ids of the emptied ones (they get a new version).
 */
export async function dropUnusedRoutes(tx: Db, planId: string, routeIds: readonly string[]): Promise<string[]> {
  if (routeIds.length === 0) return [];
  await tx.query(`DELETE FROM routes WHERE id = ANY($1::uuid[]) AND status = 'planned'`, [routeIds]);
  const emptied = await tx.query<{ id: string }>(
    `UPDATE routes SET plan_id = $2, distance_m = 0, duration_s = 0, geometry = NULL, start_at = NULL, end_at = NULL
      WHERE id = ANY($1::uuid[]) RETURNING id`,
    [routeIds, planId],
  );
  return emptied.rows.map((r) => r.id);
}

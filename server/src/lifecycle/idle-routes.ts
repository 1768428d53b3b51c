/**
 * Routes for a day's idle shifts (a van and driver on shift with no route), so that an urgent
 * order no running route can take goes out with one of them. Opened inside the caller's
 * transaction as empty drafts; the ones left empty are dropped before it commits.
 */
import type { Db } from '../db/db.ts';

/** Opens an empty draft route for each of the day's shifts that has none; answers their ids. */
export async function openIdleShiftRoutes(tx: Db, orgId: string, date: string): Promise<string[]> {
  // ON CONFLICT: a concurrent insertion that opened the same shift's route first keeps it.
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO routes (org_id, shift_id, vehicle_id, driver_id, depot_id, local_date)
     SELECT s.org_id, s.id, s.vehicle_id, s.driver_id, v.depot_id, s.local_date
       FROM shifts s JOIN vehicles v ON v.id = s.vehicle_id
      WHERE s.org_id = $1 AND s.local_date = $2 AND NOT s.cancelled AND v.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM routes r WHERE r.shift_id = s.id)
      ORDER BY v.name, s.id
     ON CONFLICT (shift_id) DO NOTHING
     RETURNING id`,
    [orgId, date],
  );
  return rows.map((r) => r.id);
}

/** Drops the opened routes that are still empty. */
export async function dropEmptyRoutes(tx: Db, routeIds: readonly string[]): Promise<void> {
  if (routeIds.length === 0) return;
  await tx.query(
    `DELETE FROM routes r WHERE r.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id)`,
    [routeIds],
  );
}

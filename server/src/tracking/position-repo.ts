/** SQL of positions: the append-only store, the latest-position pointer, the purge. */
import type { LatestPosition } from '@tournee/shared';
import { STALE_AFTER_S } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { DriversRow } from '../db/rows/drivers.ts';
import type { LatestPositionsRow } from '../db/rows/latest_positions.ts';

export interface PositionRow {
  clientId: string;
  orgId: string;
  driverId: string;
  routeId: string | null;
  deviceAt: Date;
  lon: number;
  lat: number;
  accuracyM: number | null;
  speedMps: number | null;
  headingDeg: number | null;
}

/** How close a fix must be to the next stop to count as arriving there. */
export const GEOFENCE_M = 50;

const cols = (rows: PositionRow[]) => [
  rows.map((r) => r.clientId),
  rows.map((r) => r.orgId),
  rows.map((r) => r.driverId),
  rows.map((r) => r.routeId),
  rows.map((r) => r.deviceAt.toISOString()),
  rows.map((r) => r.lon),
  rows.map((r) => r.lat),
  rows.map((r) => r.accuracyM),
  rows.map((r) => r.speedMps),
  rows.map((r) => r.headingDeg),
];

/**
 * Appends positions and moves each driver's latest position, in one call (one round trip,
 * one commit): new points are inserted (a client id stored before is skipped), then each
 * driver's newest new point replaces its latest position only when newer in device time (rows
 * locked in driver order, so concurrent flushes cannot deadlock). Returns the client ids inserted
 * and, for the drivers whose latest position moved, its device time. A fix near the next stop
 * also records the geofence arrival (see the function in migration 028_ingest_skips_reloads).
 */
export async function ingestPositions(
  db: Db,
  rows: PositionRow[],
): Promise<{ inserted: Set<string>; moved: Map<string, number> }> {
  const inserted = new Set<string>();
  const moved = new Map<string, number>();
  if (rows.length === 0) return { inserted, moved };
  // The statement lives in tracking_ingest() (migration 028_ingest_skips_reloads, first in 005_tracking_ingest) so its plan is cached.
  const { rows: out } = await db.query<{ r_kind: 'd' | 'm'; r_id: string; r_at: Date | null }>(
    'SELECT r_kind, r_id, r_at FROM tracking_ingest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    [...cols(rows), GEOFENCE_M],
  );
  const duplicates = new Set<string>();
  for (const r of out) {
    if (r.r_kind === 'd') duplicates.add(r.r_id);
    else moved.set(r.r_id, r.r_at!.getTime());
  }
  for (const r of rows) if (!duplicates.has(r.clientId)) inserted.add(r.clientId);
  return { inserted, moved };
}

/** Latest positions of the organisation's drivers (optionally those with a route on `date`). */
export async function listLatest(db: Db, orgId: string, date?: string): Promise<LatestPosition[]> {
  const { rows } = await db.query<
    Pick<LatestPositionsRow, 'driver_id' | 'route_id' | 'device_at' | 'accuracy_m' | 'speed_mps' | 'heading'> &
      OrNull<Pick<DriversRow, 'name'>> & { lon: number; lat: number; stale: boolean }
  >(
    `SELECT l.driver_id, d.name, l.route_id, ST_X(l.location::geometry) AS lon, ST_Y(l.location::geometry) AS lat,
        l.device_at, l.accuracy_m, l.speed_mps, l.heading, l.device_at < now() - make_interval(secs => $3) AS stale
       FROM latest_positions l LEFT JOIN drivers d ON d.id = l.driver_id
      WHERE l.org_id = $1 AND ($2::date IS NULL OR EXISTS
        (SELECT 1 FROM routes r WHERE r.driver_id = l.driver_id AND r.local_date = $2 AND r.status <> 'planned'))
      ORDER BY d.name, l.driver_id`,
    [orgId, date ?? null, STALE_AFTER_S],
  );
  return rows.map((r) => ({
    driverId: r.driver_id,
    driverName: r.name,
    routeId: r.route_id,
    location: { type: 'Point', coordinates: [Number(r.lon), Number(r.lat)] },
    deviceAt: r.device_at.toISOString(),
    accuracyM: r.accuracy_m,
    speedMps: r.speed_mps,
    headingDeg: r.heading,
    stale: r.stale,
  }));
}

/** Deletes raw positions received more than `days` ago, in chunks so the table is never locked long. */
export async function purgePositions(db: Db, days: number, chunk = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db.query(
      `DELETE FROM positions WHERE id IN (SELECT id FROM positions WHERE received_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, chunk],
    );
    total += r.rowCount;
    if (r.rowCount < chunk) return total;
  }
}

import type { Depot, LonLat } from '@tournee/shared';
import { toGeoPoint } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import { findLive } from './live-row.ts';

type DepotRow = Pick<
  DepotsRow,
  'id' | 'name' | 'address' | 'time_zone' | 'docks' | 'loading_min' | 'created_at' | 'updated_at'
> & { lon: number; lat: number };

const COLUMNS = `id, name, address, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat,
  time_zone, docks, loading_min, created_at, updated_at`;

const toDepot = (r: DepotRow): Depot => ({
  id: r.id,
  name: r.name,
  address: r.address,
  location: toGeoPoint({ lon: r.lon, lat: r.lat }),
  timeZone: r.time_zone,
  docks: r.docks,
  loadingMin: r.loading_min,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The fields a depot is written with; the location in lon/lat. */
export interface DepotValues {
  name: string;
  address: string;
  location: LonLat;
  timeZone: string;
  docks: number | null;
  loadingMin: number;
}

export async function listDepots(db: Db, orgId: string): Promise<Depot[]> {
  const { rows } = await db.query<DepotRow>(
    `SELECT ${COLUMNS} FROM depots WHERE org_id = $1 AND deleted_at IS NULL ORDER BY name, id`,
    [orgId],
  );
  return rows.map(toDepot);
}

/** A live (not deleted) depot of the organisation. */
export function findDepot(db: Db, orgId: string, id: string): Promise<Depot | null> {
  return findLive(db, 'depots', orgId, id, toDepot, COLUMNS);
}

export async function insertDepot(db: Db, orgId: string, v: DepotValues): Promise<Depot> {
  const { rows } = await db.query<DepotRow>(
    `INSERT INTO depots (org_id, name, address, location, time_zone, docks, loading_min)
     VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography, $6, $7, $8) RETURNING ${COLUMNS}`,
    [orgId, v.name, v.address, v.location.lon, v.location.lat, v.timeZone, v.docks, v.loadingMin],
  );
  return toDepot(rows[0]!);
}

export async function updateDepot(db: Db, orgId: string, id: string, v: DepotValues): Promise<Depot> {
  const { rows } = await db.query<DepotRow>(
    `UPDATE depots SET name = $3, address = $4, location = ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography,
       time_zone = $7, docks = $8, loading_min = $9, updated_at = now()
     WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [orgId, id, v.name, v.address, v.location.lon, v.location.lat, v.timeZone, v.docks, v.loadingMin],
  );
  return toDepot(rows[0]!);
}

export async function softDeleteDepot(db: Db, orgId: string, id: string): Promise<void> {
  await db.query('UPDATE depots SET deleted_at = now() WHERE org_id = $1 AND id = $2', [orgId, id]);
}

/** Live vehicles that start or end at the depot. */
export async function vehiclesAtDepot(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM vehicles WHERE (depot_id = $1 OR end_depot_id = $1) AND deleted_at IS NULL ORDER BY name`,
    [id],
  );
  return rows;
}

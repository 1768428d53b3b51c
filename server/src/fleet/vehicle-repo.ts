import type { Vehicle } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { VehiclesRow } from '../db/rows/vehicles.ts';
import { findLive } from './live-row.ts';

type VehicleRow = Omit<VehiclesRow, 'org_id' | 'deleted_at'>;

/** A vehicle as stored: the capacity vector without dimension names (the service adds them). */
export type VehicleRecord = Omit<Vehicle, 'capacityByDimension'>;

/** The fields a vehicle is written with. */
export type VehicleValues = Omit<VehicleRecord, 'id' | 'createdAt' | 'updatedAt'>;

const toRecord = (r: VehicleRow): VehicleRecord => ({
  id: r.id,
  name: r.name,
  depotId: r.depot_id,
  endDepotId: r.end_depot_id,
  capacity: r.capacity.map(Number),
  skills: r.skills,
  fixedCost: Number(r.fixed_cost),
  costPerKm: Number(r.cost_per_km),
  costPerHour: Number(r.cost_per_hour),
  maxStops: r.max_stops,
  maxDurationS: r.max_duration_s,
  maxDistanceM: r.max_distance_m,
  speedFactor: Number(r.speed_factor),
  reloadMin: r.reload_min,
  maxTrips: r.max_trips,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const params = (v: VehicleValues) => [
  v.name,
  v.depotId,
  v.endDepotId,
  v.capacity,
  v.skills,
  v.fixedCost,
  v.costPerKm,
  v.costPerHour,
  v.maxStops,
  v.maxDurationS,
  v.maxDistanceM,
  v.speedFactor,
  v.reloadMin,
  v.maxTrips,
];

export async function listVehicles(db: Db, orgId: string, depotId?: string): Promise<VehicleRecord[]> {
  const { rows } = await db.query<VehicleRow>(
    `SELECT * FROM vehicles WHERE org_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR depot_id = $2)
     ORDER BY name, id`,
    [orgId, depotId ?? null],
  );
  return rows.map(toRecord);
}

/** A live (not deleted) vehicle of the organisation. */
export function findVehicle(db: Db, orgId: string, id: string): Promise<VehicleRecord | null> {
  return findLive(db, 'vehicles', orgId, id, toRecord);
}

export async function insertVehicle(db: Db, orgId: string, v: VehicleValues): Promise<VehicleRecord> {
  const { rows } = await db.query<VehicleRow>(
    `INSERT INTO vehicles (org_id, name, depot_id, end_depot_id, capacity, skills, fixed_cost, cost_per_km,
       cost_per_hour, max_stops, max_duration_s, max_distance_m, speed_factor, reload_min, max_trips)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
    [orgId, ...params(v)],
  );
  return toRecord(rows[0]!);
}

export async function updateVehicle(db: Db, orgId: string, id: string, v: VehicleValues): Promise<VehicleRecord> {
  const { rows } = await db.query<VehicleRow>(
    `UPDATE vehicles SET name = $3, depot_id = $4, end_depot_id = $5, capacity = $6, skills = $7, fixed_cost = $8,
       cost_per_km = $9, cost_per_hour = $10, max_stops = $11, max_duration_s = $12, max_distance_m = $13,
       speed_factor = $14, reload_min = $15, max_trips = $16, updated_at = now()
     WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING *`,
    [orgId, id, ...params(v)],
  );
  return toRecord(rows[0]!);
}

/** Soft-deletes the vehicle and forgets it as any driver's default vehicle. */
export async function softDeleteVehicle(db: Db, orgId: string, id: string): Promise<void> {
  await db.query('UPDATE vehicles SET deleted_at = now() WHERE org_id = $1 AND id = $2', [orgId, id]);
  await db.query('UPDATE drivers SET default_vehicle_id = NULL, updated_at = now() WHERE default_vehicle_id = $1', [
    id,
  ]);
}

/** Routes of the vehicle a driver has been given or is driving: these block its deletion. */
export async function liveRoutesOfVehicle(db: Db, id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM routes WHERE vehicle_id = $1 AND status IN ('published', 'in_progress')`,
    [id],
  );
  return rows[0]?.n ?? 0;
}

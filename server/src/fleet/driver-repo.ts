import type { Driver } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { DriversRow } from '../db/rows/drivers.ts';
import { findLive } from './live-row.ts';

type DriverRow = Pick<
  DriversRow,
  'id' | 'name' | 'phone' | 'email' | 'default_vehicle_id' | 'created_at' | 'updated_at'
>;

/** The fields a driver is written with (phone already in E.164). */
export type DriverValues = Omit<Driver, 'id' | 'createdAt' | 'updatedAt'>;

const toDriver = (r: DriverRow): Driver => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  defaultVehicleId: r.default_vehicle_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listDrivers(db: Db, orgId: string): Promise<Driver[]> {
  const { rows } = await db.query<DriverRow>(
    'SELECT * FROM drivers WHERE org_id = $1 AND deleted_at IS NULL ORDER BY name, id',
    [orgId],
  );
  return rows.map(toDriver);
}

/** A live (not deleted) driver of the organisation. */
export function findDriver(db: Db, orgId: string, id: string): Promise<Driver | null> {
  return findLive(db, 'drivers', orgId, id, toDriver);
}

export async function insertDriver(db: Db, orgId: string, v: DriverValues): Promise<Driver> {
  const { rows } = await db.query<DriverRow>(
    `INSERT INTO drivers (org_id, name, phone, email, default_vehicle_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [orgId, v.name, v.phone, v.email, v.defaultVehicleId],
  );
  return toDriver(rows[0]!);
}

export async function updateDriver(db: Db, orgId: string, id: string, v: DriverValues): Promise<Driver> {
  const { rows } = await db.query<DriverRow>(
    `UPDATE drivers SET name = $3, phone = $4, email = $5, default_vehicle_id = $6, updated_at = now()
     WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING *`,
    [orgId, id, v.name, v.phone, v.email, v.defaultVehicleId],
  );
  return toDriver(rows[0]!);
}

/** Soft-deletes the driver and takes them off their patterns (their future shifts are handled first). */
export async function softDeleteDriver(db: Db, orgId: string, id: string): Promise<void> {
  await db.query('UPDATE drivers SET deleted_at = now() WHERE org_id = $1 AND id = $2', [orgId, id]);
  await db.query('UPDATE shift_patterns SET driver_id = NULL, updated_at = now() WHERE driver_id = $1', [id]);
}

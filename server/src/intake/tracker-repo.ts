/** SQL of GPS tracker device keys: stored hashed like driver access tokens, revoked by time. */
import type { TrackerDevice } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { TrackerDevicesRow } from '../db/rows/tracker_devices.ts';

type DeviceRow = Pick<
  TrackerDevicesRow,
  'id' | 'driver_id' | 'name' | 'prefix' | 'created_at' | 'last_seen_at' | 'revoked_at'
> & { driver_name: string };

const toDevice = (r: DeviceRow): TrackerDevice => ({
  id: r.id,
  driverId: r.driver_id,
  driverName: r.driver_name,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

const SELECT = `SELECT t.id, t.driver_id, d.name AS driver_name, t.name, t.prefix, t.created_at, t.last_seen_at, t.revoked_at
  FROM tracker_devices t JOIN drivers d ON d.id = t.driver_id`;

export async function driverExists(db: Db, orgId: string, driverId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM drivers WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL', [
    driverId,
    orgId,
  ]);
  return rows.length > 0;
}

export async function insertDevice(
  db: Db,
  d: { orgId: string; driverId: string; name: string; keyHash: string; prefix: string },
): Promise<TrackerDevice> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tracker_devices (org_id, driver_id, name, key_hash, prefix) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [d.orgId, d.driverId, d.name, d.keyHash, d.prefix],
  );
  const found = await db.query<DeviceRow>(`${SELECT} WHERE t.id = $1`, [rows[0]!.id]);
  return toDevice(found.rows[0]!);
}

export async function listDevices(db: Db, orgId: string): Promise<TrackerDevice[]> {
  const { rows } = await db.query<DeviceRow>(
    `${SELECT} WHERE t.org_id = $1 ORDER BY t.revoked_at IS NOT NULL, d.name, t.created_at`,
    [orgId],
  );
  return rows.map(toDevice);
}

export async function revokeDevice(db: Db, orgId: string, id: string): Promise<TrackerDevice | null> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE tracker_devices SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
    [orgId, id],
  );
  if (!rows[0]) return null;
  const found = await db.query<DeviceRow>(`${SELECT} WHERE t.id = $1`, [id]);
  return toDevice(found.rows[0]!);
}

/** The live device of a key, with its driver (a deleted driver's trackers stop working). */
export interface TrackerPrincipal {
  deviceId: string;
  driverId: string;
  orgId: string;
}

export async function principalByKeyHash(db: Db, keyHash: string): Promise<TrackerPrincipal | null> {
  const { rows } = await db.query<{ id: string; driver_id: string; org_id: string }>(
    `SELECT t.id, t.driver_id, t.org_id FROM tracker_devices t JOIN drivers d ON d.id = t.driver_id
      WHERE t.key_hash = $1 AND t.revoked_at IS NULL AND d.deleted_at IS NULL`,
    [keyHash],
  );
  const r = rows[0];
  return r ? { deviceId: r.id, driverId: r.driver_id, orgId: r.org_id } : null;
}

/** At most once a minute per device: trackers send every few seconds. */
export async function touchDevice(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE tracker_devices SET last_seen_at = now()
      WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
    [id],
  );
}

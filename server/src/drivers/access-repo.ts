/** SQL of driver access: hashed tokens and codes, revocation, and the code sign-in failures. */
import type { Db } from '../db/db.ts';
import type { DriverAccessRow } from '../db/rows/driver_access.ts';
import type { DriversRow } from '../db/rows/drivers.ts';

/** Who a valid driver token belongs to. */
export interface DriverPrincipal {
  accessId: string;
  driverId: string;
  driverName: string;
  orgId: string;
  expiresAt: Date;
}

// The organisation is the driver's (driver_access.org_id is nullable on older rows).
type PrincipalRow = Pick<DriverAccessRow, 'id' | 'driver_id' | 'expires_at'> & Pick<DriversRow, 'name' | 'org_id'>;

const toPrincipal = (r: PrincipalRow): DriverPrincipal => ({
  accessId: r.id,
  driverId: r.driver_id,
  driverName: r.name,
  orgId: r.org_id,
  expiresAt: r.expires_at,
});

const LIVE = `a.revoked_at IS NULL AND a.expires_at > now() AND d.deleted_at IS NULL`;

export async function insertAccess(
  db: Db,
  a: {
    orgId: string;
    driverId: string;
    tokenHash: string;
    codeHash: string | null;
    expiresAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO driver_access (org_id, driver_id, token_hash, code_hash, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [a.orgId, a.driverId, a.tokenHash, a.codeHash, a.expiresAt, a.createdBy],
  );
  return rows[0]!.id;
}

/** Revokes every live access of a driver; returns how many. */
export async function revokeAccess(db: Db, driverId: string): Promise<number> {
  const r = await db.query(
    'UPDATE driver_access SET revoked_at = now() WHERE driver_id = $1 AND revoked_at IS NULL AND expires_at > now()',
    [driverId],
  );
  return r.rowCount;
}

export async function principalByToken(db: Db, tokenHash: string): Promise<DriverPrincipal | null> {
  const { rows } = await db.query<PrincipalRow>(
    `SELECT a.id, a.driver_id, d.name, d.org_id, a.expires_at FROM driver_access a JOIN drivers d ON d.id = a.driver_id
      WHERE a.token_hash = $1 AND ${LIVE}`,
    [tokenHash],
  );
  return rows[0] ? toPrincipal(rows[0]) : null;
}

export async function principalByCode(db: Db, codeHash: string): Promise<DriverPrincipal | null> {
  const { rows } = await db.query<PrincipalRow>(
    `SELECT a.id, a.driver_id, d.name, d.org_id, a.expires_at FROM driver_access a JOIN drivers d ON d.id = a.driver_id
      WHERE a.code_hash = $1 AND ${LIVE} ORDER BY a.created_at DESC LIMIT 1`,
    [codeHash],
  );
  return rows[0] ? toPrincipal(rows[0]) : null;
}

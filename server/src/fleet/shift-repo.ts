import type { Shift, ShiftBreak } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { ShiftsRow } from '../db/rows/shifts.ts';

type ShiftRow = Pick<
  ShiftsRow,
  | 'id'
  | 'vehicle_id'
  | 'driver_id'
  | 'pattern_id'
  | 'local_date'
  | 'start_at'
  | 'end_at'
  | 'is_override'
  | 'cancelled'
  | 'created_at'
  | 'updated_at'
> & {
  /** The depot's. */
  time_zone: string;
  /** `time` columns, which pg returns as 'HH:MM:SS'. */
  start_local: string;
  end_local: string;
  breaks: ShiftBreak[];
};

// The zone is the vehicle's depot's: joined, never copied, so it cannot drift from the depot.
const SELECT = `SELECT s.*, d.time_zone FROM shifts s
  JOIN vehicles v ON v.id = s.vehicle_id JOIN depots d ON d.id = v.depot_id`;

const toShift = (r: ShiftRow): Shift => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  patternId: r.pattern_id,
  timeZone: r.time_zone,
  localDate: r.local_date,
  start: r.start_local.slice(0, 5),
  end: r.end_local.slice(0, 5),
  startAt: r.start_at.toISOString(),
  endAt: r.end_at.toISOString(),
  breaks: r.breaks,
  isOverride: r.is_override,
  cancelled: r.cancelled,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** A shift as written: local hours plus the instants they were laid out to. */
export interface ShiftValues {
  vehicleId: string;
  driverId: string | null;
  patternId: string | null;
  localDate: string;
  start: string;
  end: string;
  startAt: Date;
  endAt: Date;
  breaks: ShiftBreak[];
  isOverride: boolean;
  cancelled: boolean;
}

export interface ShiftFilter {
  from: string;
  to: string;
  vehicleId?: string;
  driverId?: string;
  cancelled?: boolean;
}

export async function listShifts(db: Db, orgId: string, f: ShiftFilter): Promise<Shift[]> {
  const { rows } = await db.query<ShiftRow>(
    `${SELECT} WHERE s.org_id = $1 AND s.local_date BETWEEN $2 AND $3
       AND ($4::uuid IS NULL OR s.vehicle_id = $4) AND ($5::uuid IS NULL OR s.driver_id = $5)
       AND ($6::boolean IS NULL OR s.cancelled = $6)
     ORDER BY s.local_date, s.start_at, s.vehicle_id`,
    [orgId, f.from, f.to, f.vehicleId ?? null, f.driverId ?? null, f.cancelled ?? null],
  );
  return rows.map(toShift);
}

export async function findShift(db: Db, orgId: string, id: string): Promise<Shift | null> {
  const { rows } = await db.query<ShiftRow>(`${SELECT} WHERE s.org_id = $1 AND s.id = $2`, [orgId, id]);
  return rows[0] ? toShift(rows[0]) : null;
}

export async function findShiftOnDay(
  db: Db,
  orgId: string,
  vehicleId: string,
  localDate: string,
): Promise<Shift | null> {
  const { rows } = await db.query<ShiftRow>(
    `${SELECT} WHERE s.org_id = $1 AND s.vehicle_id = $2 AND s.local_date = $3`,
    [orgId, vehicleId, localDate],
  );
  return rows[0] ? toShift(rows[0]) : null;
}

/**
 * Inserts shifts, skipping every (vehicle, date) that already has one — expanded, overridden
 * or cancelled — which makes pattern expansion idempotent. Returns how many were new.
 */
export async function insertShiftsIfAbsent(db: Db, orgId: string, shifts: ShiftValues[]): Promise<number> {
  if (shifts.length === 0) return 0;
  const rows = shifts.map((s) => ({ ...s, startAt: s.startAt.toISOString(), endAt: s.endAt.toISOString() }));
  const res = await db.query(
    `INSERT INTO shifts (org_id, vehicle_id, driver_id, pattern_id, local_date, start_local, end_local,
       start_at, end_at, breaks, is_override, cancelled)
     SELECT $1, r."vehicleId", r."driverId", r."patternId", r."localDate", r.start::time, r."end"::time,
       r."startAt", r."endAt", r.breaks, r."isOverride", r.cancelled
     FROM jsonb_to_recordset($2::jsonb) AS r("vehicleId" uuid, "driverId" uuid, "patternId" uuid, "localDate" date,
       start text, "end" text, "startAt" timestamptz, "endAt" timestamptz, breaks jsonb, "isOverride" boolean,
       cancelled boolean)
     ON CONFLICT (vehicle_id, local_date) DO NOTHING`,
    [orgId, JSON.stringify(rows)],
  );
  return res.rowCount;
}

/** Writes the shift of a (vehicle, date), replacing the one there. */
export async function upsertShift(db: Db, orgId: string, s: ShiftValues): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO shifts (org_id, vehicle_id, driver_id, pattern_id, local_date, start_local, end_local,
       start_at, end_at, breaks, is_override, cancelled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (vehicle_id, local_date) DO UPDATE SET driver_id = EXCLUDED.driver_id,
       pattern_id = EXCLUDED.pattern_id, start_local = EXCLUDED.start_local, end_local = EXCLUDED.end_local,
       start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at, breaks = EXCLUDED.breaks,
       is_override = EXCLUDED.is_override, cancelled = EXCLUDED.cancelled, updated_at = now()
     RETURNING id`,
    [
      orgId,
      s.vehicleId,
      s.driverId,
      s.patternId,
      s.localDate,
      s.start,
      s.end,
      s.startAt,
      s.endAt,
      JSON.stringify(s.breaks),
      s.isOverride,
      s.cancelled,
    ],
  );
  return rows[0]!.id;
}

/** Future (not yet ended) shifts of some vehicles, cancelled ones included. */
export async function futureShiftsOfVehicles(db: Db, vehicleIds: string[]): Promise<Shift[]> {
  if (vehicleIds.length === 0) return [];
  const { rows } = await db.query<ShiftRow>(
    `${SELECT} WHERE s.vehicle_id = ANY($1::uuid[]) AND s.end_at > now() ORDER BY s.start_at`,
    [vehicleIds],
  );
  return rows.map(toShift);
}

/** How many shifts still to come (not ended, not cancelled) a vehicle or driver has. */
export async function countFutureShifts(db: Db, by: { vehicleId?: string; driverId?: string }): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM shifts WHERE end_at > now() AND NOT cancelled
       AND ($1::uuid IS NULL OR vehicle_id = $1) AND ($2::uuid IS NULL OR driver_id = $2)`,
    [by.vehicleId ?? null, by.driverId ?? null],
  );
  return rows[0]?.n ?? 0;
}

/** Cancels a vehicle's shifts still to come. */
export async function cancelFutureShiftsOfVehicle(db: Db, vehicleId: string): Promise<number> {
  const res = await db.query(
    'UPDATE shifts SET cancelled = true, updated_at = now() WHERE vehicle_id = $1 AND end_at > now() AND NOT cancelled',
    [vehicleId],
  );
  return res.rowCount;
}

/** Takes a driver off their shifts still to come; the vehicles keep the shifts, without a driver. */
export async function unassignFutureShiftsOfDriver(db: Db, driverId: string): Promise<number> {
  const res = await db.query(
    'UPDATE shifts SET driver_id = NULL, updated_at = now() WHERE driver_id = $1 AND end_at > now()',
    [driverId],
  );
  return res.rowCount;
}

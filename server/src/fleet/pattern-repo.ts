import type { BreakWindow, ShiftPattern } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { ShiftPatternsRow } from '../db/rows/shift_patterns.ts';
import { findLive } from './live-row.ts';

type PatternRow = Pick<
  ShiftPatternsRow,
  'id' | 'vehicle_id' | 'driver_id' | 'weekdays' | 'valid_from' | 'valid_to' | 'created_at' | 'updated_at'
> & {
  /** `time` columns, which pg returns as 'HH:MM:SS'. */
  start_local: string;
  end_local: string;
  breaks: BreakWindow[];
};

/** The fields a pattern is written with. */
export type PatternValues = Omit<ShiftPattern, 'id' | 'createdAt' | 'updatedAt'>;

const toPattern = (r: PatternRow): ShiftPattern => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  weekdays: r.weekdays.map(Number),
  start: r.start_local.slice(0, 5),
  end: r.end_local.slice(0, 5),
  breaks: r.breaks,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listPatterns(db: Db, orgId: string, f: { vehicleId?: string; patternId?: string } = {}) {
  const { rows } = await db.query<PatternRow>(
    `SELECT * FROM shift_patterns WHERE org_id = $1 AND deleted_at IS NULL
       AND ($2::uuid IS NULL OR vehicle_id = $2) AND ($3::uuid IS NULL OR id = $3)
     ORDER BY vehicle_id, valid_from, id`,
    [orgId, f.vehicleId ?? null, f.patternId ?? null],
  );
  return rows.map(toPattern);
}

/** A live (not deleted) pattern of the organisation. */
export function findPattern(db: Db, orgId: string, id: string): Promise<ShiftPattern | null> {
  return findLive(db, 'shift_patterns', orgId, id, toPattern);
}

export async function insertPattern(db: Db, orgId: string, v: PatternValues): Promise<ShiftPattern> {
  const { rows } = await db.query<PatternRow>(
    `INSERT INTO shift_patterns (org_id, vehicle_id, driver_id, weekdays, start_local, end_local, breaks,
       valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [orgId, v.vehicleId, v.driverId, v.weekdays, v.start, v.end, JSON.stringify(v.breaks), v.validFrom, v.validTo],
  );
  return toPattern(rows[0]!);
}

/** Live patterns of the vehicle sharing a weekday with `weekdays` over overlapping dates. */
export async function overlappingPatterns(
  db: Db,
  vehicleId: string,
  weekdays: number[],
  validFrom: string,
  validTo: string | null,
): Promise<ShiftPattern[]> {
  const { rows } = await db.query<PatternRow>(
    `SELECT * FROM shift_patterns WHERE vehicle_id = $1 AND deleted_at IS NULL AND weekdays && $2::smallint[]
       AND daterange(valid_from, valid_to, '[]') && daterange($3::date, $4::date, '[]')`,
    [vehicleId, weekdays, validFrom, validTo],
  );
  return rows.map(toPattern);
}

/** Live patterns of a vehicle. */
export async function patternsOfVehicle(db: Db, vehicleId: string): Promise<ShiftPattern[]> {
  const { rows } = await db.query<PatternRow>(
    'SELECT * FROM shift_patterns WHERE vehicle_id = $1 AND deleted_at IS NULL',
    [vehicleId],
  );
  return rows.map(toPattern);
}

/** Soft-deletes patterns; their shifts are dealt with by `removeFuturePatternShifts`. */
export async function softDeletePatterns(db: Db, ids: string[]): Promise<void> {
  await db.query('UPDATE shift_patterns SET deleted_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])', [ids]);
}

/**
 * Removes a pattern's shifts still to come, except those changed by hand. A shift a route
 * already points at is cancelled rather than deleted, so the route keeps its reference.
 */
export async function removeFuturePatternShifts(db: Db, patternId: string): Promise<number> {
  const scope = 'pattern_id = $1 AND NOT is_override AND end_at > now()';
  const cancelled = await db.query(
    `UPDATE shifts SET cancelled = true, updated_at = now()
     WHERE ${scope} AND id IN (SELECT shift_id FROM routes WHERE shift_id IS NOT NULL)`,
    [patternId],
  );
  const deleted = await db.query(
    `DELETE FROM shifts WHERE ${scope} AND id NOT IN (SELECT shift_id FROM routes WHERE shift_id IS NOT NULL)`,
    [patternId],
  );
  return cancelled.rowCount + deleted.rowCount;
}

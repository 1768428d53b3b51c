/**
 * What the fleet can serve, read in a few queries for the whole organisation: used by the order
 * import to warn about rows no vehicle can take, without a query per row.
 */
import type { LocalDate } from '@tournee/shared';
import type { Db } from '../db/db.ts';

/** A weekly pattern, as far as "is there a shift on this date" needs it. */
export interface PatternSpan {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  validFrom: LocalDate;
  validTo: LocalDate | null;
  /** The last date already expanded into shifts (those dates are read from the shifts), or null. */
  expandedThrough: LocalDate | null;
}

export interface FleetSummary {
  /** The capacity vectors of the live vehicles (raw, in the organisation's dimension order). */
  capacities: number[][];
  /** Every skill some live vehicle has. */
  skills: Set<string>;
  /** The live depots' locations. */
  depots: { lon: number; lat: number }[];
  /** Dates (sorted, distinct) with at least one shift that is not cancelled, of a live vehicle. */
  shiftDates: LocalDate[];
  /** Live patterns of live vehicles: they say which dates past their expansion will have shifts. */
  patterns: PatternSpan[];
}

/** Loads the organisation's fleet summary (four queries, whatever the number of rows checked). */
export async function loadFleetSummary(db: Db, orgId: string): Promise<FleetSummary> {
  const vehicles = await db.query<{ capacity: number[]; skills: string[] }>(
    `SELECT v.capacity, v.skills FROM vehicles v JOIN depots d ON d.id = v.depot_id
      WHERE v.org_id = $1 AND v.deleted_at IS NULL AND d.deleted_at IS NULL`,
    [orgId],
  );
  const depots = await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat FROM depots
      WHERE org_id = $1 AND deleted_at IS NULL`,
    [orgId],
  );
  const dates = await db.query<{ local_date: string }>(
    `SELECT DISTINCT s.local_date::text AS local_date FROM shifts s JOIN vehicles v ON v.id = s.vehicle_id
      WHERE s.org_id = $1 AND NOT s.cancelled AND v.deleted_at IS NULL
      ORDER BY 1`,
    [orgId],
  );
  const patterns = await db.query<{
    weekdays: number[];
    valid_from: string;
    valid_to: string | null;
    expanded_through: string | null;
  }>(
    // One pass over the organisation's shifts for every pattern's last expanded date.
    `SELECT p.weekdays, p.valid_from::text AS valid_from, p.valid_to::text AS valid_to,
            e.through::text AS expanded_through
       FROM shift_patterns p JOIN vehicles v ON v.id = p.vehicle_id
       LEFT JOIN (SELECT pattern_id, max(local_date) AS through FROM shifts
                   WHERE org_id = $1 AND pattern_id IS NOT NULL GROUP BY pattern_id) e ON e.pattern_id = p.id
      WHERE p.org_id = $1 AND p.deleted_at IS NULL AND v.deleted_at IS NULL`,
    [orgId],
  );
  return {
    capacities: vehicles.rows.map((v) => v.capacity.map(Number)),
    skills: new Set(vehicles.rows.flatMap((v) => v.skills)),
    depots: depots.rows.map((d) => ({ lon: Number(d.lon), lat: Number(d.lat) })),
    shiftDates: dates.rows.map((d) => d.local_date),
    patterns: patterns.rows.map((p) => ({
      weekdays: p.weekdays.map(Number),
      validFrom: p.valid_from,
      validTo: p.valid_to,
      expandedThrough: p.expanded_through,
    })),
  };
}

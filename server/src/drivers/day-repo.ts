/** SQL reading a driver's published route of a day, with what the phone shows of each stop. */
import { addDays, type DriverRoute, todayIn } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import { STOP_WITH_ORDER_COLUMNS, type StopWithOrderRow } from '../lifecycle/stop-row.ts';
import { proofOf } from '../tracking/delivery-code.ts';

type RouteRow = Pick<RoutesRow, 'id' | 'version' | 'local_date' | 'start_at' | 'end_at' | 'started_at'> & {
  status: DriverRoute['status'];
  time_zone: string;
  depot_name: string;
  depot_lon: number;
  depot_lat: number;
  vehicle_name: string;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The driver's routes handed out (not merely planned) from the day before `localDate` on: the rooms a phone joins. */
export async function startedRouteIdsSince(db: Db, driverId: string, localDate: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM routes WHERE driver_id = $1 AND status <> 'planned' AND local_date >= $2::date - 1`,
    [driverId, localDate],
  );
  return rows.map((r) => r.id);
}

/**
 * The driver's route (not `planned`: drivers only see published routes) on `date`, or on the
 * depot's today at `now` when `date` is undefined. Null when there is none.
 *
 * "Today" is the depot's local date computed here with shared's time helpers, not with SQL's
 * `now() AT TIME ZONE`: one set of time-zone rules (the runtime's, which validated the depot's
 * zone) and the caller's clock rather than the transaction's. Every zone's date is within a day
 * of UTC's, so the query reads those three days and the depot's today is picked from them.
 */
export async function findDriverRoute(
  db: Db,
  driverId: string,
  date?: string,
  now: Date = new Date(),
): Promise<DriverRoute | null> {
  const utcDate = now.toISOString().slice(0, 10);
  const { rows } = await db.query<RouteRow>(
    `SELECT r.id, r.version, r.status, r.local_date, dp.time_zone, dp.name AS depot_name,
        ST_X(dp.location::geometry) AS depot_lon, ST_Y(dp.location::geometry) AS depot_lat, v.name AS vehicle_name,
        r.start_at, r.end_at, r.started_at
       FROM routes r JOIN depots dp ON dp.id = r.depot_id JOIN vehicles v ON v.id = r.vehicle_id
      WHERE r.driver_id = $1 AND r.status <> 'planned' AND r.local_date BETWEEN $2::date AND $3::date
      ORDER BY r.start_at NULLS LAST, r.id`,
    [driverId, date ?? addDays(utcDate, -1), date ?? addDays(utcDate, 1)],
  );
  // Still in the query's order: the first of the day, as its LIMIT 1 gave it before.
  const r = rows.find((row) => row.local_date === (date ?? todayIn(row.time_zone, now)));
  if (!r) return null;
  const stops = await db.query<StopWithOrderRow>(
    `SELECT ${STOP_WITH_ORDER_COLUMNS} FROM stops s LEFT JOIN orders o ON o.id = s.order_id
      WHERE s.route_id = $1 ORDER BY s.seq`,
    [r.id],
  );
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    localDate: r.local_date,
    timeZone: r.time_zone,
    depot: { name: r.depot_name, location: { type: 'Point', coordinates: [Number(r.depot_lon), Number(r.depot_lat)] } },
    vehicleName: r.vehicle_name,
    startAt: iso(r.start_at),
    endAt: iso(r.end_at),
    startedAt: iso(r.started_at),
    stops: stops.rows.map((s) => ({
      id: s.id,
      seq: s.seq,
      kind: s.kind,
      orderId: s.order_id,
      ref: s.ref,
      name: s.name,
      address: s.address,
      phone: s.phone,
      notes: s.notes,
      location:
        s.lon !== null && s.lat !== null ? { type: 'Point', coordinates: [Number(s.lon), Number(s.lat)] } : null,
      demand: (s.demand ?? []).map(Number),
      serviceS: s.service_s ?? 0,
      timeWindows: s.time_windows ?? [],
      plannedArrivalAt: iso(s.planned_arrival_at),
      plannedDepartureAt: iso(s.planned_departure_at),
      status: s.status,
      actualArrivalAt: iso(s.actual_arrival_at),
      actualDepartureAt: iso(s.actual_departure_at),
      // Only when required: the phone will not confirm the delivery without it.
      ...proofOf(s.require_proof),
      ...(s.paired ? { pickupAndDelivery: true as const } : {}),
    })),
  };
}

/**
 * Today at `now` in the zone of the driver's depot (that of their default vehicle, else the
 * organisation's first depot, else UTC), computed like findDriverRoute's today.
 */
export async function driverToday(db: Db, driverId: string, orgId: string, now: Date = new Date()): Promise<string> {
  const { rows } = await db.query<{ time_zone: string }>(
    `SELECT coalesce(
        (SELECT dp.time_zone FROM vehicles v JOIN depots dp ON dp.id = v.depot_id JOIN drivers d ON d.default_vehicle_id = v.id WHERE d.id = $1),
        (SELECT time_zone FROM depots WHERE org_id = $2 AND deleted_at IS NULL ORDER BY created_at LIMIT 1),
        'UTC') AS time_zone`,
    [driverId, orgId],
  );
  return todayIn(rows[0]!.time_zone, now);
}

export { orgDimensions } from '../org/repo.ts';

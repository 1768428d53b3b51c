/** SQL reading a driver's published route of a day, with what the phone shows of each stop. */
import type { DriverRoute } from '@tournee/shared';
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
 * depot's today when `date` is undefined. Null when there is none.
 */
export async function findDriverRoute(db: Db, driverId: string, date?: string): Promise<DriverRoute | null> {
  const { rows } = await db.query<RouteRow>(
    `SELECT r.id, r.version, r.status, r.local_date, dp.time_zone, dp.name AS depot_name,
        ST_X(dp.location::geometry) AS depot_lon, ST_Y(dp.location::geometry) AS depot_lat, v.name AS vehicle_name,
        r.start_at, r.end_at, r.started_at
       FROM routes r JOIN depots dp ON dp.id = r.depot_id JOIN vehicles v ON v.id = r.vehicle_id
      WHERE r.driver_id = $1 AND r.status <> 'planned'
        AND r.local_date = coalesce($2::date, (now() AT TIME ZONE dp.time_zone)::date)
      ORDER BY r.start_at NULLS LAST, r.id LIMIT 1`,
    [driverId, date ?? null],
  );
  const r = rows[0];
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

/** The local date the driver's day is in: the date asked, or today in the zone of the driver's depot. */
export async function driverToday(db: Db, driverId: string, orgId: string): Promise<string> {
  const { rows } = await db.query<{ d: string }>(
    `SELECT to_char(now() AT TIME ZONE coalesce(
        (SELECT dp.time_zone FROM vehicles v JOIN depots dp ON dp.id = v.depot_id JOIN drivers d ON d.default_vehicle_id = v.id WHERE d.id = $1),
        (SELECT time_zone FROM depots WHERE org_id = $2 AND deleted_at IS NULL ORDER BY created_at LIMIT 1),
        'UTC'), 'YYYY-MM-DD') AS d`,
    [driverId, orgId],
  );
  return rows[0]!.d;
}

export { orgDimensions } from '../org/repo.ts';

/** SQL reading routes with their stops, orders, vehicles and drivers (the dispatcher's view). */
import type { PlannedRoute, RouteStop, TimeWindow, Violation } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import { STOP_WITH_ORDER_COLUMNS, type StopWithOrderRow } from './stop-row.ts';

type RouteRow = Pick<
  RoutesRow,
  | 'id'
  | 'plan_id'
  | 'shift_id'
  | 'vehicle_id'
  | 'driver_id'
  | 'depot_id'
  | 'local_date'
  | 'locked'
  | 'version'
  | 'start_at'
  | 'end_at'
  | 'distance_m'
  | 'duration_s'
> & {
  vehicle_name: string;
  driver_name: string | null;
  status: PlannedRoute['status'];
  /** ST_AsGeoJSON of the line. */
  geometry: string | null;
  violations: Violation[];
};

/** A stop row with what the evaluator and the route sheets need of its order. */
export interface StopRecord extends RouteStop {
  routeId: string;
  breakIndex: number | null;
  dateFrom: string | null;
  dateTo: string | null;
  timeWindows: TimeWindow[];
  skills: string[];
  /** One of the two stops of a pickup and delivery order. */
  pickupAndDelivery?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const ROUTE_SQL = `SELECT r.id, r.plan_id, r.shift_id, r.vehicle_id, v.name AS vehicle_name, r.driver_id, d.name AS driver_name,
    r.depot_id, r.local_date, r.status, r.locked, r.version, r.start_at, r.end_at, r.distance_m, r.duration_s,
    ST_AsGeoJSON(r.geometry) AS geometry, r.violations
  FROM routes r JOIN vehicles v ON v.id = r.vehicle_id LEFT JOIN drivers d ON d.id = r.driver_id`;

const STOP_SQL = `SELECT ${STOP_WITH_ORDER_COLUMNS}
  FROM stops s LEFT JOIN orders o ON o.id = s.order_id`;

export function toStop(r: StopWithOrderRow): StopRecord {
  return {
    id: r.id,
    routeId: r.route_id,
    seq: r.seq,
    kind: r.kind,
    orderId: r.order_id,
    breakIndex: r.break_index,
    ref: r.ref,
    name: r.name,
    address: r.address,
    phone: r.phone,
    notes: r.notes,
    location: r.lon !== null && r.lat !== null ? { type: 'Point', coordinates: [r.lon, r.lat] } : null,
    demand: (r.demand ?? []).map(Number),
    serviceS: r.service_s ?? 0,
    plannedArrivalAt: iso(r.planned_arrival_at),
    waitingS: Number(r.waiting_s),
    plannedDepartureAt: iso(r.planned_departure_at),
    actualArrivalAt: iso(r.actual_arrival_at),
    actualDepartureAt: iso(r.actual_departure_at),
    etaAt: iso(r.eta_at),
    locked: r.locked,
    status: r.status,
    violations: r.violations,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    timeWindows: r.time_windows ?? [],
    skills: r.skills ?? [],
    ...(r.paired ? { pickupAndDelivery: true } : {}),
  };
}

/** A route as read, with stops carrying what the evaluator needs. */
export type RouteRecord = Omit<PlannedRoute, 'stops'> & { stops: StopRecord[] };

function toRoute(r: RouteRow, stops: StopRecord[]): RouteRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    shiftId: r.shift_id,
    vehicleId: r.vehicle_id,
    vehicleName: r.vehicle_name,
    driverId: r.driver_id,
    driverName: r.driver_name,
    depotId: r.depot_id,
    localDate: r.local_date,
    status: r.status,
    locked: r.locked,
    version: r.version,
    startAt: iso(r.start_at),
    endAt: iso(r.end_at),
    distanceM: Number(r.distance_m),
    durationS: Number(r.duration_s),
    geometry: r.geometry ? JSON.parse(r.geometry) : null,
    violations: r.violations,
    stops,
  };
}

async function withStops(db: Db, routes: RouteRow[]): Promise<RouteRecord[]> {
  if (routes.length === 0) return [];
  const { rows } = await db.query<StopWithOrderRow>(
    `${STOP_SQL} WHERE s.route_id = ANY($1::uuid[]) ORDER BY s.route_id, s.seq`,
    [routes.map((r) => r.id)],
  );
  const byRoute = new Map<string, StopRecord[]>();
  for (const s of rows) {
    const list = byRoute.get(s.route_id) ?? [];
    list.push(toStop(s));
    byRoute.set(s.route_id, list);
  }
  return routes.map((r) => toRoute(r, byRoute.get(r.id) ?? []));
}

/** The routes of one local day (optionally one depot's, one driver's), by vehicle name. */
export async function listRoutesOfDay(
  db: Db,
  orgId: string,
  date: string,
  f: { depotId?: string; driverId?: string } = {},
): Promise<RouteRecord[]> {
  const { rows } = await db.query<RouteRow>(
    `${ROUTE_SQL} WHERE r.org_id = $1 AND r.local_date = $2 AND ($3::uuid IS NULL OR r.depot_id = $3)
       AND ($4::uuid IS NULL OR r.driver_id = $4) ORDER BY v.name, r.id`,
    [orgId, date, f.depotId ?? null, f.driverId ?? null],
  );
  return withStops(db, rows);
}

/** Some routes of the organisation; `forUpdate` locks their rows for the transaction. */
export async function findRoutes(db: Db, orgId: string, ids: string[], forUpdate = false): Promise<RouteRecord[]> {
  const { rows } = await db.query<RouteRow>(
    `${ROUTE_SQL} WHERE r.org_id = $1 AND r.id = ANY($2::uuid[]) ORDER BY r.id${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [orgId, ids],
  );
  return withStops(db, rows);
}

/** The route holding a stop, or null. */
export async function routeOfStop(db: Db, orgId: string, stopId: string): Promise<string | null> {
  const { rows } = await db.query<{ route_id: string }>(
    'SELECT s.route_id FROM stops s JOIN routes r ON r.id = s.route_id WHERE s.id = $1 AND r.org_id = $2',
    [stopId, orgId],
  );
  return rows[0]?.route_id ?? null;
}

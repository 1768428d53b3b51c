/**
 * Reads what a plan is built from: depots in scope, their vehicles and dated shifts, the routes
 * already in the range (kept or replaceable) and the open orders.
 */
import { addDays, isoWeekMonday, type OrderStatus } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { PLANNABLE_STATUSES } from '../lifecycle/transitions.ts';
import type { DepotInput, OrderInput, ShiftInput, VehicleInput } from './problem-builder.ts';
import type { LonLatPair } from '../travel/travel.ts';
import type { NamedOrder } from './unplanned.ts';
import type { OutsideWork } from './fleet-rules.ts';
import { orgDimensions } from '../org/repo.ts';
import { type OrderPlanRow, type OrderRow, orderPlanFields } from '../orders/repo.ts';

/** The organisation's dimensions (org/repo.ts). */
export const loadDimensions = orgDimensions;

export async function loadDepots(
  db: Db,
  orgId: string,
  depotIds: string[] | null,
): Promise<(DepotInput & { name: string })[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    lon: number;
    lat: number;
    time_zone: string;
    docks: number | null;
    loading_min: number;
  }>(
    `SELECT id, name, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, time_zone, docks, loading_min
       FROM depots WHERE org_id = $1 AND deleted_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2)) ORDER BY name`,
    [orgId, depotIds],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    location: [r.lon, r.lat] as const,
    timeZone: r.time_zone,
    docks: r.docks,
    loadingMin: r.loading_min,
  }));
}

export async function loadVehicles(db: Db, orgId: string, depotIds: string[]): Promise<VehicleInput[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM vehicles WHERE org_id = $1 AND deleted_at IS NULL AND depot_id = ANY($2::uuid[]) ORDER BY name, id`,
    [orgId, depotIds],
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    depotId: r.depot_id as string,
    endDepotId: (r.end_depot_id as string | null) ?? null,
    capacity: (r.capacity as number[]).map(Number),
    skills: r.skills as string[],
    fixedCost: Number(r.fixed_cost),
    costPerKm: Number(r.cost_per_km),
    costPerHour: Number(r.cost_per_hour),
    maxStops: (r.max_stops as number | null) ?? null,
    maxDurationS: (r.max_duration_s as number | null) ?? null,
    maxDistanceM: (r.max_distance_m as number | null) ?? null,
    speedFactor: Number(r.speed_factor),
    reloadMin: (r.reload_min as number | null) ?? null,
    maxTrips: Number(r.max_trips ?? 3),
  }));
}

export async function loadShifts(
  db: Db,
  orgId: string,
  from: string,
  to: string,
  vehicleIds: string[],
): Promise<ShiftInput[]> {
  const { rows } = await db.query<{
    id: string;
    vehicle_id: string;
    driver_id: string | null;
    local_date: string;
    start_at: Date;
    end_at: Date;
    breaks: { startAt: string; endAt: string; durationMin: number }[];
  }>(
    `SELECT id, vehicle_id, driver_id, local_date, start_at, end_at, breaks FROM shifts
      WHERE org_id = $1 AND local_date BETWEEN $2 AND $3 AND NOT cancelled AND vehicle_id = ANY($4::uuid[])
      ORDER BY local_date, start_at, vehicle_id`,
    [orgId, from, to, vehicleIds],
  );
  return rows.map((r) => ({
    id: r.id,
    vehicleId: r.vehicle_id,
    driverId: r.driver_id,
    localDate: r.local_date,
    startAt: r.start_at.toISOString(),
    endAt: r.end_at.toISOString(),
    breaks: r.breaks,
  }));
}

/**
 * The drivers' work around a plan that the plan does not change, for their weekly hours and
 * rest: their routes (with a stop) of the ISO weeks of the range, a day either side, that are
 * on no shift of the plan; and their shifts without a route there (only bound the rest).
 */
export async function loadOutsideWork(
  db: Db,
  orgId: string,
  q: { from: string; to: string; driverIds: string[]; planShiftIds: string[] },
): Promise<OutsideWork[]> {
  if (q.driverIds.length === 0) return [];
  const { rows } = await db.query<{
    driver_id: string;
    local_date: string;
    start_at: Date;
    end_at: Date;
    worked: boolean;
  }>(
    `SELECT r.driver_id, to_char(r.local_date, 'YYYY-MM-DD') AS local_date, r.start_at, r.end_at, true AS worked
       FROM routes r
      WHERE r.org_id = $1 AND r.driver_id = ANY($4::uuid[]) AND r.start_at IS NOT NULL AND r.end_at IS NOT NULL
        AND r.local_date BETWEEN $2::date AND $3::date
        AND NOT (r.shift_id IS NOT NULL AND r.shift_id = ANY($5::uuid[]))
        AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.kind IN ('delivery', 'pickup'))
     UNION ALL
     SELECT s.driver_id, to_char(s.local_date, 'YYYY-MM-DD'), s.start_at, s.end_at, false
       FROM shifts s
      WHERE s.org_id = $1 AND s.driver_id = ANY($4::uuid[]) AND NOT s.cancelled
        AND s.local_date BETWEEN $2::date AND $3::date AND NOT (s.id = ANY($5::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM routes r WHERE r.shift_id = s.id)`,
    [orgId, addDays(isoWeekMonday(q.from), -1), addDays(isoWeekMonday(q.to), 7), q.driverIds, q.planShiftIds],
  );
  return rows.map((r) => ({
    driverId: r.driver_id,
    localDate: r.local_date,
    startAt: r.start_at.toISOString(),
    endAt: r.end_at.toISOString(),
    worked: r.worked,
  }));
}

export interface ExistingRoute {
  id: string;
  shiftId: string | null;
  status: string;
  /**
   * What a re-plan does with it: `kept` as it is (locked, done, or holding a locked stop);
   * `continue` (started: visited stops stay, the rest is planned again from the last visited
   * one); `replace` (not started: planned again entirely).
   */
  mode: 'kept' | 'continue' | 'replace';
  kept: boolean;
  orderIds: string[];
  depotId: string;
  localDate: string;
  /** Its planned departure, if it has one. */
  startAt: Date | null;
}

/** The routes of the range in scope, with what a re-plan may change of them. */
export async function loadExistingRoutes(
  db: Db,
  orgId: string,
  from: string,
  to: string,
  depotIds: string[],
): Promise<ExistingRoute[]> {
  const { rows } = await db.query<{
    id: string;
    shift_id: string | null;
    status: string;
    kept: boolean;
    started: boolean;
    order_ids: string[] | null;
    depot_id: string;
    local_date: string;
    start_at: Date | null;
  }>(
    `SELECT r.id, r.shift_id, r.status, r.depot_id, r.local_date, r.start_at,
       (r.locked OR r.status = 'done' OR r.shift_id IS NULL
         OR EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.locked)) AS kept,
       (r.status = 'in_progress' OR EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.status <> 'pending')) AS started,
       (SELECT array_agg(s.order_id) FROM stops s WHERE s.route_id = r.id AND s.order_id IS NOT NULL) AS order_ids
     FROM routes r WHERE r.org_id = $1 AND r.local_date BETWEEN $2 AND $3 AND r.depot_id = ANY($4::uuid[])`,
    [orgId, from, to, depotIds],
  );
  return rows.map((r) => {
    const mode = r.kept ? 'kept' : r.started ? 'continue' : 'replace';
    return {
      id: r.id,
      shiftId: r.shift_id,
      status: r.status,
      mode,
      kept: mode === 'kept',
      orderIds: r.order_ids ?? [],
      depotId: r.depot_id,
      localDate: r.local_date,
      startAt: r.start_at,
    };
  });
}

export interface VisitedStops {
  routeId: string;
  /** Depot, then each visited stop's place: the line drawn before the re-planned part. */
  line: LonLatPair[];
  /** Where and when the vehicle is free again: the last visited stop. */
  location: LonLatPair;
  at: string;
  /** Breaks (by index in the shift) already taken. */
  breaksTaken: number[];
  count: number;
}

/** The visited (non-pending) stops of started routes, for re-planning what is left of them. */
export async function loadVisited(db: Db, routeIds: string[]): Promise<Map<string, VisitedStops>> {
  const { rows } = await db.query<{
    route_id: string;
    kind: string;
    break_index: number | null;
    lon: number | null;
    lat: number | null;
    dep_lon: number;
    dep_lat: number;
    left_at: Date | null;
    route_start: Date | null;
  }>(
    `SELECT r.id AS route_id, s.kind, s.break_index,
       ST_X(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS lon,
       ST_Y(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS lat,
       ST_X(d.location::geometry) AS dep_lon, ST_Y(d.location::geometry) AS dep_lat,
       coalesce(s.actual_departure_at, s.planned_departure_at) AS left_at, r.start_at AS route_start
     FROM routes r JOIN vehicles v ON v.id = r.vehicle_id JOIN depots d ON d.id = v.depot_id
     LEFT JOIN stops s ON s.route_id = r.id AND s.status <> 'pending' LEFT JOIN orders o ON o.id = s.order_id
     WHERE r.id = ANY($1::uuid[]) ORDER BY r.id, s.seq`,
    [routeIds],
  );
  const out = new Map<string, VisitedStops>();
  for (const r of rows) {
    let v = out.get(r.route_id);
    if (!v) {
      const depot: LonLatPair = [r.dep_lon, r.dep_lat];
      v = {
        routeId: r.route_id,
        line: [depot],
        location: depot,
        at: (r.route_start ?? new Date(0)).toISOString(),
        breaksTaken: [],
        count: 0,
      };
      out.set(r.route_id, v);
    }
    if (!r.kind) continue; // a route in progress with nothing visited yet
    v.count++;
    if (r.left_at && r.left_at.toISOString() > v.at) v.at = r.left_at.toISOString();
    if (r.kind === 'break' && r.break_index !== null) v.breaksTaken.push(r.break_index);
    if (r.lon !== null && r.lat !== null) {
      v.location = [r.lon, r.lat];
      v.line.push(v.location);
    }
  }
  return out;
}

/**
 * The orders to plan: open (PLANNABLE_STATUSES: not yet visited), allowed on a day of the range, and
 * not on a route the plan does not replace (kept, another depot's, another day's) nor being visited
 * on a started route. Only open stops (pending, arrived) hold an order: the visited stop of an
 * earlier attempt (failed, then re-queued) does not.
 */
export async function loadOrders(
  db: Db,
  orgId: string,
  q: {
    from: string;
    to: string;
    orderIds: string[] | null;
    replaceableRouteIds: string[];
    continuedRouteIds: string[];
  },
): Promise<(OrderInput & { ref: string })[]> {
  const { rows } = await db.query<
    OrderPlanRow &
      Pick<
        OrderRow,
        'id' | 'ref' | 'lon' | 'lat' | 'depot_id' | 'pickup_lon' | 'pickup_lat' | 'pickup_time_windows'
      > & {
        on_board: string | null;
      }
  >(
    // A pickup already made (its stop visited on a started route) is not asked again: the rest
    // of such an order is its delivery, by the shift whose vehicle holds the goods.
    `SELECT o.id, o.ref, ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat, o.date_from, o.date_to,
            o.time_windows, o.service_s, o.demand, o.skills, o.priority, o.depot_id,
            ST_X(CASE WHEN p.on_board IS NULL THEN o.pickup_location END::geometry) AS pickup_lon,
            ST_Y(CASE WHEN p.on_board IS NULL THEN o.pickup_location END::geometry) AS pickup_lat,
            o.pickup_time_windows, p.on_board
       FROM orders o
       LEFT JOIN LATERAL (SELECT r.shift_id AS on_board FROM stops ps JOIN routes r ON r.id = ps.route_id
                           WHERE ps.order_id = o.id AND ps.kind = 'pickup' AND ps.status = 'delivered'
                           ORDER BY r.local_date DESC LIMIT 1) p ON true
      WHERE o.org_id = $1 AND o.status = ANY($7::text[])
        AND o.date_to >= $2 AND o.date_from <= $3 AND ($4::uuid[] IS NULL OR o.id = ANY($4))
        AND NOT EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id AND s.status IN ('pending', 'arrived')
                          AND NOT (s.route_id = ANY($5::uuid[]))
                          AND NOT (s.route_id = ANY($6::uuid[]) AND s.status = 'pending'))
      ORDER BY o.date_from, o.ref`,
    [orgId, q.from, q.to, q.orderIds, q.replaceableRouteIds, q.continuedRouteIds, PLANNABLE_STATUSES],
  );
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    location: [r.lon, r.lat] as const,
    ...orderPlanFields(r),
    depotId: r.depot_id,
    pickup:
      r.pickup_lon === null || r.pickup_lat === null
        ? null
        : { location: [r.pickup_lon, r.pickup_lat] as const, timeWindows: r.pickup_time_windows ?? [] },
    onBoard: r.on_board,
  }));
}

/**
 * The orders named in a plan's `orderIds` (of the organisation), with what decides whether the
 * plan can take them: status, days, and whether a route the plan does not replace holds them
 * (the same rule as loadOrders).
 */
export async function loadNamedOrders(
  db: Db,
  orgId: string,
  q: { orderIds: string[]; replaceableRouteIds: string[]; continuedRouteIds: string[] },
): Promise<NamedOrder[]> {
  const { rows } = await db.query<{
    id: string;
    status: OrderStatus;
    date_from: string;
    date_to: string;
    on_other_route: boolean;
  }>(
    `SELECT o.id, o.status, o.date_from, o.date_to,
       EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id AND s.status IN ('pending', 'arrived')
                 AND NOT (s.route_id = ANY($3::uuid[]))
                 AND NOT (s.route_id = ANY($4::uuid[]) AND s.status = 'pending')) AS on_other_route
       FROM orders o WHERE o.org_id = $1 AND o.id = ANY($2::uuid[])`,
    [orgId, q.orderIds, q.replaceableRouteIds, q.continuedRouteIds],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    onOtherRoute: r.on_other_route,
  }));
}

/** The ids of `ids` that are no order of the organisation. */
export async function unknownOrderIds(db: Db, orgId: string, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM orders WHERE org_id = $1 AND id = ANY($2::uuid[])', [
    orgId,
    [...ids],
  ]);
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

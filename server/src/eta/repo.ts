/** What the ETA engine reads of a route, and where it writes the ETAs (stops.eta_*). */
import type { StopKind } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import type { VehiclesRow } from '../db/rows/vehicles.ts';
import type { LonLatPair } from '../travel/travel.ts';

export interface EtaRouteStop {
  id: string;
  seq: number;
  status: string;
  kind: StopKind;
  /** For a break: which of the shift's breaks it is (null: a break the driving limit added). */
  breakIndex: number | null;
  orderId: string | null;
  /** The order's place, the route's depot for a reload, none for a break. */
  location: LonLatPair | null;
  /** Service time; a reload's is the vehicle's reload minutes, a break's its planned duration. */
  serviceS: number;
  timeWindows: { start: string; end: string }[];
}

export interface EtaRoute {
  id: string;
  orgId: string;
  driverId: string | null;
  localDate: string;
  status: string;
  /** Bumped by every edit of the stops: the key of the route's cached road matrix. */
  version: number;
  timeZone: string;
  slowness: number;
  /** The shift's breaks as instants: earliest start, latest end, duration. */
  breaks: { startMs: number; endMs: number; durationS: number }[];
  stops: EtaRouteStop[];
}

/** The route with its stops (sequence order) and each stop's location and service. */
export async function loadEtaRoute(db: Db, routeId: string): Promise<EtaRoute | null> {
  const r = await db.query<
    Pick<RoutesRow, 'id' | 'org_id' | 'driver_id' | 'local_date' | 'status' | 'version'> &
      Pick<DepotsRow, 'time_zone'> &
      Pick<VehiclesRow, 'speed_factor' | 'reload_min'> & {
        breaks: { startAt: string; endAt: string; durationMin: number }[] | null;
      }
  >(
    `SELECT r.id, r.org_id, r.driver_id, r.local_date, r.status, r.version, d.time_zone, v.speed_factor, sh.breaks,
            v.reload_min
       FROM routes r JOIN depots d ON d.id = r.depot_id JOIN vehicles v ON v.id = r.vehicle_id
       LEFT JOIN shifts sh ON sh.id = r.shift_id
      WHERE r.id = $1`,
    [routeId],
  );
  const route = r.rows[0];
  if (!route) return null;
  const s = await db.query<
    Pick<StopsRow, 'id' | 'seq' | 'status' | 'break_index' | 'order_id'> &
      OrNull<Pick<OrdersRow, 'service_s'>> & {
        kind: EtaRouteStop['kind'];
        lon: number | null;
        lat: number | null;
        planned_s: number | null;
        time_windows: { start: string; end: string }[] | null;
      }
  >(
    // A pickup stop (pickup and delivery orders) is at the pickup place, in its windows; a reload
    // at the route's depot. `planned_s`: how long the plan gave the stop (a break's duration).
    `SELECT s.id, s.seq, s.status, s.kind, s.break_index, s.order_id,
            ST_X(CASE WHEN s.kind = 'reload' THEN d.location WHEN s.kind = 'pickup' THEN o.pickup_location
              ELSE o.location END::geometry) AS lon,
            ST_Y(CASE WHEN s.kind = 'reload' THEN d.location WHEN s.kind = 'pickup' THEN o.pickup_location
              ELSE o.location END::geometry) AS lat,
            o.service_s, CASE WHEN s.kind = 'pickup' THEN o.pickup_time_windows ELSE o.time_windows END AS time_windows,
            greatest(0, extract(epoch FROM s.planned_departure_at - s.planned_arrival_at) - s.waiting_s)::float8 AS planned_s
       FROM stops s LEFT JOIN orders o ON o.id = s.order_id
       JOIN routes r ON r.id = s.route_id JOIN depots d ON d.id = r.depot_id
      WHERE s.route_id = $1 ORDER BY s.seq`,
    [routeId],
  );
  return {
    id: route.id,
    orgId: route.org_id,
    driverId: route.driver_id,
    localDate: route.local_date,
    status: route.status,
    version: route.version,
    timeZone: route.time_zone,
    slowness: Number(route.speed_factor) || 1,
    breaks: (route.breaks ?? []).map((b) => ({
      startMs: Date.parse(b.startAt),
      endMs: Date.parse(b.endAt),
      durationS: b.durationMin * 60,
    })),
    stops: s.rows.map((x) => ({
      id: x.id,
      seq: x.seq,
      status: x.status,
      kind: x.kind,
      breakIndex: x.break_index,
      orderId: x.order_id,
      location: x.lon === null || x.lat === null ? null : [x.lon, x.lat],
      serviceS:
        x.kind === 'reload'
          ? route.reload_min !== null
            ? route.reload_min * 60
            : (x.planned_s ?? 0)
          : x.kind === 'break'
            ? (x.planned_s ?? 0)
            : (x.service_s ?? 0),
      timeWindows: x.time_windows ?? [],
    })),
  };
}

/** The driver's freshest stored fix. */
export async function latestFix(db: Db, driverId: string): Promise<{ location: LonLatPair; at: number } | null> {
  const { rows } = await db.query<{ lon: number; lat: number; device_at: Date }>(
    `SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, device_at
       FROM latest_positions WHERE driver_id = $1`,
    [driverId],
  );
  const p = rows[0];
  return p ? { location: [p.lon, p.lat], at: p.device_at.getTime() } : null;
}

/** Writes every stop's ETA in one statement; `basisAt` is the fix the ETAs rest on. */
export async function storeEtas(
  db: Db,
  etas: { stopId: string; at: number; low: number; high: number }[],
  basisAt: number,
): Promise<void> {
  if (etas.length === 0) return;
  await db.query(
    `UPDATE stops s SET eta_at = e.at, eta_low_at = e.low, eta_high_at = e.high, eta_updated_at = $4
       FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::timestamptz[]) AS at, unnest($3::timestamptz[]) AS low,
                    unnest($5::timestamptz[]) AS high) e
      WHERE s.id = e.id`,
    [
      etas.map((e) => e.stopId),
      etas.map((e) => new Date(e.at)),
      etas.map((e) => new Date(e.low)),
      new Date(basisAt),
      etas.map((e) => new Date(e.high)),
    ],
  );
}

/**
 * What the evaluator needs to know about a stored route: its shift (hours, breaks), vehicle
 * (capacity, skills, limits) and depots, read from the database; and stops turned into
 * evaluator stops.
 */
import { localMinutesToUtc } from '@tournee/shared';
import type { WorkingTimeSettings } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { VehiclesRow } from '../db/rows/vehicles.ts';
import { AppError } from '../errors.ts';
import { orgDimensions, workingTimeRules } from '../org/repo.ts';
import { dockLeave } from '../fleet/docks.ts';
import type { LonLatPair } from '../travel/travel.ts';
import type { EvalShift, EvalStop, EvalWorkingTime } from './evaluator.ts';
import type { StopRecord } from '../lifecycle/route-repo.ts';

// The route's, its vehicle's and its start depot's columns as stored; the rest is computed or
// comes from the end depot, shift and driver.
type ContextRow = Pick<
  VehiclesRow,
  'capacity' | 'skills' | 'max_stops' | 'max_duration_s' | 'max_distance_m' | 'speed_factor' | 'reload_min'
> &
  Pick<RoutesRow, 'local_date'> &
  Pick<DepotsRow, 'time_zone' | 'docks' | 'loading_min'> & {
    route_id: string;
    shift_start: Date | null;
    shift_end: Date | null;
    breaks: { startAt: string; endAt: string; durationMin: number }[] | null;
    start_lon: number;
    start_lat: number;
    end_lon: number;
    end_lat: number;
    driver_name: string | null;
    week: number;
    week_other_s: number | null;
    prev_end: Date | null;
    next_start: Date | null;
    dock_others: Date[];
  };

/** The evaluator's view of each route's shift, by route id. */
export async function loadEvalShifts(db: Db, orgId: string, routeIds: string[]): Promise<Map<string, EvalShift>> {
  const { rows } = await db.query<ContextRow>(
    `SELECT r.id AS route_id, r.local_date, d.time_zone, s.start_at AS shift_start, s.end_at AS shift_end, s.breaks,
       ST_X(d.location::geometry) AS start_lon, ST_Y(d.location::geometry) AS start_lat,
       ST_X(coalesce(e.location, d.location)::geometry) AS end_lon, ST_Y(coalesce(e.location, d.location)::geometry) AS end_lat,
       v.capacity, v.skills, v.max_stops, v.max_duration_s, v.max_distance_m, v.speed_factor, v.reload_min,
       dr.name AS driver_name, extract(week FROM r.local_date)::int AS week,
       -- The driver's other routes of the same ISO week, and the work either side on other days (working-time rules).
       (SELECT sum(extract(epoch FROM o.end_at - o.start_at))::float8 FROM routes o
         WHERE o.driver_id = r.driver_id AND o.id <> r.id AND o.start_at IS NOT NULL AND o.end_at IS NOT NULL
           AND date_trunc('week', o.local_date) = date_trunc('week', r.local_date)
           AND EXISTS (SELECT 1 FROM stops x WHERE x.route_id = o.id AND x.order_id IS NOT NULL)) AS week_other_s,
       (SELECT max(o.end_at) FROM routes o WHERE o.driver_id = r.driver_id AND o.local_date < r.local_date
           AND o.local_date >= r.local_date - 2 AND o.end_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM stops x WHERE x.route_id = o.id AND x.order_id IS NOT NULL)) AS prev_end,
       (SELECT min(n.start_at) FROM shifts n WHERE n.driver_id = r.driver_id AND NOT n.cancelled
           AND n.local_date > r.local_date AND n.local_date <= r.local_date + 2) AS next_start,
       -- Loading docks: the planned departures of the depot's other vans going out that day.
       d.docks, d.loading_min,
       ARRAY(SELECT o.start_at FROM routes o JOIN vehicles ov ON ov.id = o.vehicle_id
              WHERE d.loading_min > 0 AND ov.depot_id = v.depot_id AND o.local_date = r.local_date
                AND o.id <> r.id AND o.start_at IS NOT NULL
                AND EXISTS (SELECT 1 FROM stops x WHERE x.route_id = o.id AND x.order_id IS NOT NULL)) AS dock_others
     FROM routes r JOIN vehicles v ON v.id = r.vehicle_id JOIN depots d ON d.id = v.depot_id
     LEFT JOIN depots e ON e.id = v.end_depot_id LEFT JOIN shifts s ON s.id = r.shift_id
     LEFT JOIN drivers dr ON dr.id = r.driver_id
     WHERE r.org_id = $1 AND r.id = ANY($2::uuid[])`,
    [orgId, routeIds],
  );
  const dimensions = await orgDimensions(db, orgId);
  const rules = await workingTimeRules(db, orgId);
  const out = new Map<string, EvalShift>();
  for (const r of rows) {
    // A route without a shift (its shift was deleted) keeps the whole day, in the depot's zone.
    const startMs = r.shift_start?.getTime() ?? localMinutesToUtc(r.local_date, 0, r.time_zone).getTime();
    out.set(r.route_id, {
      zone: r.time_zone,
      localDate: r.local_date,
      startMs,
      ...(r.loading_min > 0
        ? {
            leaveMs: dockLeave(
              startMs,
              r.loading_min * 60_000,
              r.docks,
              r.dock_others.map((d) => d.getTime()),
            ),
          }
        : {}),
      endMs: r.shift_end?.getTime() ?? localMinutesToUtc(r.local_date, 1440, r.time_zone).getTime() - 1000,
      breaks: (r.breaks ?? []).map((b) => ({
        startMs: Date.parse(b.startAt),
        endMs: Date.parse(b.endAt),
        durationS: b.durationMin * 60,
      })),
      start: [r.start_lon, r.start_lat],
      end: [r.end_lon, r.end_lat],
      dimensions,
      capacity: r.capacity.map(Number),
      skills: r.skills,
      maxStops: r.max_stops,
      maxDurationS: r.max_duration_s,
      maxDistanceM: r.max_distance_m,
      slowness: Number(r.speed_factor) || 1,
      reloadS: r.reload_min === null ? null : r.reload_min * 60,
      workingTime: workingTimeOf(rules, r),
    });
  }
  return out;
}

/** The working-time rules as they bear on a route's driver; undefined when none applies. */
function workingTimeOf(rules: WorkingTimeSettings, r: ContextRow): EvalWorkingTime | undefined {
  const w: EvalWorkingTime = { driver: r.driver_name ?? 'the driver' };
  if (rules.maxDrivingHours !== null) w.driving = { maxHours: rules.maxDrivingHours, breakMin: rules.drivingBreakMin };
  if (r.driver_name !== null && rules.maxWeeklyHours !== null)
    w.weekly = { week: r.week, maxHours: rules.maxWeeklyHours, otherS: Number(r.week_other_s ?? 0) };
  if (r.driver_name !== null && rules.minDailyRestHours !== null && (r.prev_end || r.next_start))
    w.rest = {
      minHours: rules.minDailyRestHours,
      prevEndMs: r.prev_end?.getTime() ?? null,
      nextStartMs: r.next_start?.getTime() ?? null,
    };
  return w.driving || w.weekly || w.rest ? w : undefined;
}

/** A stored stop as the evaluator reads it. */
export function evalStop(s: StopRecord): EvalStop {
  return {
    stopId: s.id,
    orderId: s.orderId,
    ref: s.ref,
    kind: s.kind,
    breakIndex: s.breakIndex,
    location: (s.location?.coordinates as LonLatPair | undefined) ?? null,
    serviceS: s.serviceS,
    demand: s.demand,
    skills: s.skills,
    dateFrom: s.dateFrom,
    dateTo: s.dateTo,
    timeWindows: s.timeWindows,
    ...(s.pickupAndDelivery ? { pickupAndDelivery: true } : {}),
  };
}

/** An order not yet on a route, as an evaluator stop. */
export async function loadOrderStops(
  db: Db,
  orgId: string,
  orderIds: string[],
): Promise<Map<string, EvalStop & { status: string }>> {
  const { rows } = await db.query<
    Pick<OrdersRow, 'id' | 'ref' | 'status' | 'service_s' | 'demand' | 'skills' | 'date_from' | 'date_to'> & {
      lon: number;
      lat: number;
      time_windows: EvalStop['timeWindows'];
      has_pickup: boolean;
    }
  >(
    `SELECT id, ref, status, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, service_s, demand, skills,
       date_from, date_to, time_windows, pickup_location IS NOT NULL AS has_pickup
       FROM orders WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, orderIds],
  );
  // One stop is added here; a pickup and delivery order needs two on one route: the planner's.
  const paired = rows.find((r) => r.has_pickup);
  if (paired) {
    throw new AppError(
      'unprocessable',
      `Order ${paired.ref} is a pickup and delivery order: plan it, so that its pickup and its delivery go on one route together`,
    );
  }
  return new Map(
    rows.map((r) => [
      r.id,
      {
        stopId: null,
        orderId: r.id,
        ref: r.ref,
        kind: 'delivery' as const,
        breakIndex: null,
        location: [r.lon, r.lat] as const,
        serviceS: r.service_s,
        demand: r.demand.map(Number),
        skills: r.skills,
        dateFrom: r.date_from,
        dateTo: r.date_to,
        timeWindows: r.time_windows,
        status: r.status,
      },
    ]),
  );
}

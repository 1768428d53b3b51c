/**
 * An independent checker of written plans, for the acceptance tests: it reads routes, stops,
 * shifts, vehicles and orders straight from the database and checks every hard rule with its
 * own arithmetic (luxon for the zone, its own haversine), never the solver's or the evaluator's.
 *
 * Pickup and delivery orders: the pickup stop (at the pickup location, in the pickup windows)
 * comes before the delivery stop on the same route; the load rises at the pickup and falls at
 * the delivery, and must fit the vehicle at every point of the route.
 *
 * Multi-trip: a `reload` stop is back at the depot (reached by driving there); the load of the
 * next trip (its deliveries) must fit the vehicle from it. Breaks without a shift break index
 * are the driving limit's and must last the organisation's `drivingBreakMin`.
 * `checkFleetRules` checks the working-time rules across routes (weekly hours per ISO week,
 * daily rest, driving before a break) and the depots' loading docks.
 */
import { DateTime } from 'luxon';
import type { Db } from '../../src/db/db.ts';

interface Row {
  route_id: string;
  local_date: string;
  zone: string;
  shift_start: Date;
  shift_end: Date;
  route_end: Date | null;
  breaks: { startAt: string; endAt: string; durationMin: number }[];
  capacity: number[];
  vskills: string[];
  speed_factor: number;
  dlon: number;
  dlat: number;
  seq: number;
  kind: string;
  break_index: number | null;
  order_id: string | null;
  ref: string | null;
  arrival: Date;
  waiting_s: number;
  departure: Date;
  /** When the driver left the stop (visited stops only). */
  left_at: Date | null;
  olon: number | null;
  olat: number | null;
  date_from: string | null;
  date_to: string | null;
  time_windows: { start: string; end: string }[] | null;
  service_s: number | null;
  demand: number[] | null;
  oskills: string[] | null;
  has_pickup: boolean | null;
}

function haversineM(a: [number, number], b: [number, number]): number {
  const r = 6371008.8;
  const toRad = (x: number) => (x * Math.PI) / 180;
  const dLat = toRad(b[1] - a[1]);
  const dLon = toRad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

/** Local windows of a day as [startMs, endMs], read with luxon in the zone. */
export function localWindowsMs(
  date: string,
  windows: { start: string; end: string }[],
  zone: string,
): [number, number][] {
  const at = (d: string, t: string) => DateTime.fromISO(`${d}T${t}`, { zone }).toMillis();
  if (windows.length === 0) {
    const start = DateTime.fromISO(date, { zone }).startOf('day');
    return [[start.toMillis(), start.plus({ days: 1 }).toMillis()]];
  }
  return windows.map((w) => [at(date, w.start), at(date, w.end)]);
}

export interface CheckOptions {
  speedMps: number;
  circuity: number;
  /** Minutes a break the driving limit added lasts at least (the organisation's drivingBreakMin). */
  drivingBreakMin?: number;
}

/** Seconds to drive from a to b with the coordinate model, for a vehicle of that slowness. */
export function driveS(a: [number, number], b: [number, number], opts: CheckOptions, slowness: number): number {
  return ((haversineM(a, b) * opts.circuity) / opts.speedMps) * slowness;
}

/** Every hard-rule violation of the organisation's routes, as sentences (empty when all hold). */
export async function checkRoutes(db: Db, orgId: string, opts: CheckOptions, dimensions: string[]): Promise<string[]> {
  const { rows } = await db.query<Row>(
    `SELECT r.id AS route_id, r.local_date, d.time_zone AS zone, sh.start_at AS shift_start, sh.end_at AS shift_end,
       r.end_at AS route_end, sh.breaks, v.capacity, v.skills AS vskills, v.speed_factor,
       ST_X(d.location::geometry) AS dlon, ST_Y(d.location::geometry) AS dlat,
       s.seq, s.kind, s.break_index, s.order_id, o.ref, s.planned_arrival_at AS arrival, s.waiting_s, s.planned_departure_at AS departure,
       s.actual_departure_at AS left_at,
       ST_X(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS olon,
       ST_Y(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS olat,
       o.date_from, o.date_to,
       CASE WHEN s.kind = 'pickup' THEN o.pickup_time_windows ELSE o.time_windows END AS time_windows,
       o.service_s, o.demand, o.skills AS oskills, o.pickup_location IS NOT NULL AS has_pickup
     FROM routes r JOIN shifts sh ON sh.id = r.shift_id JOIN vehicles v ON v.id = r.vehicle_id JOIN depots d ON d.id = v.depot_id
     JOIN stops s ON s.route_id = r.id LEFT JOIN orders o ON o.id = s.order_id
     WHERE r.org_id = $1 ORDER BY r.id, s.seq`,
    [orgId],
  );
  const problems: string[] = [];
  const seen = new Set<string>();
  const byRoute = new Map<string, Row[]>();
  for (const r of rows) byRoute.set(r.route_id, [...(byRoute.get(r.route_id) ?? []), r]);
  const tol = 2000; // ms of rounding between the solver's seconds and timestamps
  /** Where each pickup and delivery order's two stops are: route and seq. */
  const pairs = new Map<string, { ref: string; pickup?: [string, number]; delivery?: [string, number] }>();
  for (const [routeId, stops] of byRoute) {
    const first = stops[0]!;
    // Goods delivered from the depot are on board from the start; a pickup's from its pickup.
    const load = dimensions.map(() => 0);
    let maxOver: string | null = null;
    /** Loads the deliveries of the trip starting after stop index `from` (up to the next reload). */
    const loadTrip = (from: number, trip: number) => {
      load.fill(0);
      for (const s of stops.slice(from)) {
        if (s.kind === 'reload') break;
        if (s.kind === 'delivery' && !s.has_pickup)
          (s.demand ?? []).forEach((q, d) => {
            load[d] = (load[d] ?? 0) + Number(q);
          });
      }
      load.forEach((l, d) => {
        if (l > Number(first.capacity[d] ?? Infinity) + 1e-6 && !maxOver)
          maxOver = `route ${routeId}: load ${l} over capacity on ${dimensions[d]} leaving the depot for trip ${trip}`;
      });
    };
    let trip = 1;
    loadTrip(0, trip);
    let prevLoc: [number, number] = [first.dlon, first.dlat];
    let prevDep = first.shift_start.getTime();
    let breaks = 0;
    for (const [i, s] of stops.entries()) {
      const name = `route ${routeId} stop ${s.seq}${s.ref ? ` (${s.ref})` : ''}`;
      const serviceStart = s.arrival.getTime() + s.waiting_s * 1000;
      if (s.arrival.getTime() < first.shift_start.getTime() - tol)
        problems.push(`${name}: arrives before the shift starts`);
      if (s.departure.getTime() > first.shift_end.getTime() + tol)
        problems.push(`${name}: leaves after the shift ends`);
      if (s.kind === 'reload') {
        // Back at the depot: driven there, then the next trip is loaded.
        const depot: [number, number] = [first.dlon, first.dlat];
        if (s.arrival.getTime() < prevDep + driveS(prevLoc, depot, opts, Number(s.speed_factor)) * 1000 - tol)
          problems.push(`${name}: reaches the depot to reload before it could drive there`);
        prevLoc = depot;
        prevDep = s.departure.getTime();
        loadTrip(i + 1, ++trip);
        continue;
      }
      if (s.kind === 'break' && s.break_index === null) {
        // A break the driving limit added: anywhere in the shift, long enough.
        const minMs = (opts.drivingBreakMin ?? 0) * 60_000;
        if (!opts.drivingBreakMin) problems.push(`${name}: a driving break without a driving limit`);
        if (s.departure.getTime() - serviceStart < minMs - tol) problems.push(`${name}: driving break too short`);
        prevDep = s.departure.getTime();
        continue;
      }
      if (s.kind === 'break') {
        const b = first.breaks[breaks++];
        if (!b) {
          problems.push(`${name}: a break the shift does not have`);
          continue;
        }
        if (
          serviceStart < Date.parse(b.startAt) - tol ||
          serviceStart + b.durationMin * 60_000 > Date.parse(b.endAt) + tol
        ) {
          problems.push(`${name}: break outside its window`);
        }
        if (s.departure.getTime() - serviceStart < b.durationMin * 60_000 - tol)
          problems.push(`${name}: break too short`);
        prevDep = s.departure.getTime();
        continue;
      }
      if (!s.order_id) continue;
      const stopKey = `${s.order_id}:${s.kind}`;
      if (seen.has(stopKey)) problems.push(`${name}: order on two ${s.kind} stops`);
      seen.add(stopKey);
      if (s.kind === 'pickup' && !s.has_pickup) problems.push(`${name}: a pickup stop for an order without a pickup`);
      if (s.has_pickup) {
        const pair = pairs.get(s.order_id) ?? { ref: s.ref ?? s.order_id };
        pair[s.kind === 'pickup' ? 'pickup' : 'delivery'] = [routeId, s.seq];
        pairs.set(s.order_id, pair);
      }
      const loc: [number, number] = [s.olon!, s.olat!];
      const travelMs = ((haversineM(prevLoc, loc) * opts.circuity) / opts.speedMps) * Number(s.speed_factor) * 1000;
      if (s.arrival.getTime() < prevDep + travelMs - tol) problems.push(`${name}: arrives before it could drive there`);
      if (s.local_date < s.date_from! || s.local_date > s.date_to!)
        problems.push(`${name}: on ${s.local_date}, outside ${s.date_from}..${s.date_to}`);
      const wins = localWindowsMs(s.local_date, s.time_windows ?? [], s.zone);
      if (!wins.some(([a, b]) => serviceStart >= a - tol && serviceStart <= b + tol)) {
        problems.push(
          `${name}: service at ${DateTime.fromMillis(serviceStart, { zone: s.zone }).toFormat('yyyy-MM-dd HH:mm')} outside its windows ${JSON.stringify(s.time_windows)}`,
        );
      }
      if (s.departure.getTime() - serviceStart < (s.service_s ?? 0) * 1000 - tol)
        problems.push(`${name}: service too short`);
      for (const k of s.oskills ?? []) if (!s.vskills.includes(k)) problems.push(`${name}: needs skill ${k}`);
      const sign = s.kind === 'pickup' ? 1 : -1;
      (s.demand ?? []).forEach((q, d) => {
        load[d] = (load[d] ?? 0) + sign * Number(q);
        if (load[d]! > Number(first.capacity[d] ?? Infinity) + 1e-6 && !maxOver)
          maxOver = `${name}: load ${load[d]} over capacity on ${dimensions[d]} after it`;
      });
      prevLoc = loc;
      // A visited stop was left when the driver left it: a re-plan of the started route goes on from then.
      prevDep = (s.left_at ?? s.departure).getTime();
    }
    if (breaks !== first.breaks.length)
      problems.push(`route ${routeId}: ${breaks} break(s) for ${first.breaks.length} in the shift`);
    if (maxOver) problems.push(maxOver);
    const backMs =
      prevDep +
      ((haversineM(prevLoc, [first.dlon, first.dlat]) * opts.circuity) / opts.speedMps) *
        Number(first.speed_factor) *
        1000;
    if (backMs > first.shift_end.getTime() + tol)
      problems.push(`route ${routeId}: back at the depot after the shift ends`);
  }
  for (const { ref, pickup, delivery } of pairs.values()) {
    if (!pickup) problems.push(`order ${ref}: delivered on route ${delivery![0]} without its pickup`);
    else if (!delivery) problems.push(`order ${ref}: picked up on route ${pickup[0]} but never delivered`);
    else if (pickup[0] !== delivery[0])
      problems.push(`order ${ref}: picked up on route ${pickup[0]}, delivered on another, ${delivery[0]}`);
    else if (pickup[1] >= delivery[1])
      problems.push(`order ${ref}: delivered (stop ${delivery[1]}) before its pickup (stop ${pickup[1]})`);
  }
  return problems;
}

/**
 * Whether an order could be served alone by some shift of the organisation on one of its days:
 * depot → order → depot inside the windows, capacity and skills (breaks ignored: they have slack).
 */
export async function feasibleAlone(db: Db, orgId: string, orderId: string, opts: CheckOptions): Promise<boolean> {
  const { rows } = await db.query<{
    local_date: string;
    zone: string;
    start_at: Date;
    end_at: Date;
    capacity: number[];
    skills: string[];
    speed_factor: number;
    dlon: number;
    dlat: number;
    olon: number;
    olat: number;
    time_windows: { start: string; end: string }[];
    service_s: number;
    demand: number[];
    oskills: string[];
  }>(
    `SELECT sh.local_date, d.time_zone AS zone, sh.start_at, sh.end_at, v.capacity, v.skills, v.speed_factor,
       ST_X(d.location::geometry) AS dlon, ST_Y(d.location::geometry) AS dlat,
       ST_X(o.location::geometry) AS olon, ST_Y(o.location::geometry) AS olat, o.time_windows, o.service_s, o.demand, o.skills AS oskills
     FROM orders o JOIN shifts sh ON sh.org_id = o.org_id AND sh.local_date BETWEEN o.date_from AND o.date_to AND NOT sh.cancelled
     JOIN vehicles v ON v.id = sh.vehicle_id JOIN depots d ON d.id = v.depot_id
     WHERE o.org_id = $1 AND o.id = $2`,
    [orgId, orderId],
  );
  return rows.some((r) => {
    if (r.oskills.some((k) => !r.skills.includes(k))) return false;
    if (r.demand.some((q, d) => Number(q) > Number(r.capacity[d] ?? Infinity))) return false;
    const legMs =
      ((haversineM([r.dlon, r.dlat], [r.olon, r.olat]) * opts.circuity) / opts.speedMps) *
      Number(r.speed_factor) *
      1000;
    return localWindowsMs(r.local_date, r.time_windows, r.zone).some(([a, b]) => {
      const start = Math.max(a, r.start_at.getTime() + legMs);
      return start <= b && start + r.service_s * 1000 + legMs <= r.end_at.getTime();
    });
  });
}

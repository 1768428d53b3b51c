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
function driveS(a: [number, number], b: [number, number], opts: CheckOptions, slowness: number): number {
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

export interface FleetRules {
  maxWeeklyHours?: number | null;
  minDailyRestHours?: number | null;
  maxDrivingHours?: number | null;
  drivingBreakMin?: number;
}

/**
 * The working-time rules and loading docks over the organisation's routes, as sentences (empty
 * when all hold): each driver's routes (leaving the depot to coming back) within the weekly
 * hours per ISO week of the depot's zone; the daily rest between two routes of a driver on
 * different days; at most the driving limit between breaks of `drivingBreakMin` (driving from
 * its own haversine); and every route's loading (`loadingMin` before it leaves, after its shift
 * starts) fitting on the depot's docks.
 */
export async function checkFleetRules(db: Db, orgId: string, opts: CheckOptions, rules: FleetRules): Promise<string[]> {
  const problems: string[] = [];
  const { rows: routes } = await db.query<{
    id: string;
    driver_id: string | null;
    depot_id: string;
    local_date: string;
    zone: string;
    start_at: Date;
    end_at: Date;
    shift_start: Date;
    docks: number | null;
    loading_min: number;
    speed_factor: number;
    dlon: number;
    dlat: number;
  }>(
    `SELECT r.id, r.driver_id, v.depot_id, to_char(r.local_date, 'YYYY-MM-DD') AS local_date, d.time_zone AS zone,
       r.start_at, r.end_at, sh.start_at AS shift_start, d.docks, d.loading_min, v.speed_factor,
       ST_X(d.location::geometry) AS dlon, ST_Y(d.location::geometry) AS dlat
     FROM routes r JOIN shifts sh ON sh.id = r.shift_id JOIN vehicles v ON v.id = r.vehicle_id JOIN depots d ON d.id = v.depot_id
     WHERE r.org_id = $1 AND r.start_at IS NOT NULL AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.order_id IS NOT NULL)
     ORDER BY r.start_at`,
    [orgId],
  );
  const tolMs = 2000;
  const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;

  // Weekly hours: per driver and ISO week (luxon's weekNumber, in the depot's zone).
  if (rules.maxWeeklyHours) {
    const weeks = new Map<string, number>();
    for (const r of routes) {
      if (!r.driver_id) continue;
      const dt = DateTime.fromJSDate(r.start_at, { zone: r.zone });
      const k = `${r.driver_id} ${dt.weekYear}-W${dt.weekNumber}`;
      weeks.set(k, (weeks.get(k) ?? 0) + (r.end_at.getTime() - r.start_at.getTime()));
    }
    for (const [k, ms] of weeks)
      if (ms > rules.maxWeeklyHours * 3_600_000 + tolMs)
        problems.push(`driver week ${k}: ${hours(ms)} h for at most ${rules.maxWeeklyHours} h`);
  }

  // Daily rest: between consecutive routes of a driver on different days.
  if (rules.minDailyRestHours) {
    const byDriver = new Map<string, typeof routes>();
    for (const r of routes) if (r.driver_id) byDriver.set(r.driver_id, [...(byDriver.get(r.driver_id) ?? []), r]);
    for (const [driver, list] of byDriver) {
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!;
        const b = list[i]!;
        if (a.local_date === b.local_date) continue;
        const rest = b.start_at.getTime() - a.end_at.getTime();
        if (rest < rules.minDailyRestHours * 3_600_000 - tolMs)
          problems.push(
            `driver ${driver}: ${hours(rest)} h of rest between ${a.local_date} and ${b.local_date}, for at least ${rules.minDailyRestHours} h`,
          );
      }
    }
  }

  // Driving before a break: the drive of each leg, summed between breaks long enough.
  if (rules.maxDrivingHours) {
    const minBreakMs = (rules.drivingBreakMin ?? 45) * 60_000;
    const { rows: stops } = await db.query<{
      route_id: string;
      kind: string;
      arrival: Date;
      waiting_s: number;
      departure: Date;
      lon: number | null;
      lat: number | null;
    }>(
      `SELECT s.route_id, s.kind, s.planned_arrival_at AS arrival, s.waiting_s, s.planned_departure_at AS departure,
         ST_X(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS lon,
         ST_Y(CASE WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END::geometry) AS lat
       FROM stops s JOIN routes r ON r.id = s.route_id LEFT JOIN orders o ON o.id = s.order_id
       WHERE r.org_id = $1 ORDER BY s.route_id, s.seq`,
      [orgId],
    );
    for (const r of routes) {
      const depot: [number, number] = [r.dlon, r.dlat];
      let at = depot;
      let driven = 0;
      let worst = 0;
      const leg = (to: [number, number]) => {
        driven += driveS(at, to, opts, Number(r.speed_factor));
        worst = Math.max(worst, driven);
        at = to;
      };
      for (const s of stops.filter((x) => x.route_id === r.id)) {
        if (s.kind === 'break') {
          const len = s.departure.getTime() - s.arrival.getTime() - s.waiting_s * 1000;
          if (len >= minBreakMs - tolMs) driven = 0;
          continue;
        }
        leg(s.kind === 'reload' || s.lon === null || s.lat === null ? depot : [s.lon, s.lat]);
      }
      leg(depot);
      if (worst > rules.maxDrivingHours * 3600 + 2)
        problems.push(
          `route ${r.id}: ${hours(worst * 1000)} h of driving without a break of ${rules.drivingBreakMin ?? 45} min, for at most ${rules.maxDrivingHours} h`,
        );
    }
  }

  // Loading docks: per depot and day, each route loads loadingMin within [its shift start, its
  // departure]; earliest deadline first on the first free dock.
  const groups = new Map<string, typeof routes>();
  for (const r of routes) {
    if (!r.loading_min) continue;
    const k = `${r.depot_id} ${r.local_date}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const [k, list] of groups) {
    const loadMs = list[0]!.loading_min * 60_000;
    const free = Array.from({ length: list[0]!.docks ?? list.length }, () => 0);
    for (const r of [...list].sort((a, b) => a.start_at.getTime() - b.start_at.getTime())) {
      let i = 0;
      for (let j = 1; j < free.length; j++) if (free[j]! < free[i]!) i = j;
      const begin = Math.max(r.shift_start.getTime(), free[i]!);
      if (begin + loadMs > r.start_at.getTime() + tolMs) {
        problems.push(
          `depot day ${k}: route ${r.id} leaves at ${r.start_at.toISOString()} but no dock is free for ${list[0]!.loading_min} min before`,
        );
      }
      free[i] = begin + loadMs;
    }
  }
  return problems;
}

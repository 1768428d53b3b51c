/**
 * The independent checker's working-time and loading-dock rules (see independent-checker.ts):
 * its own arithmetic over routes read straight from the database.
 */
import { DateTime } from 'luxon';
import type { Db } from '../../src/db/db.ts';
import { type CheckOptions, driveS } from './independent-checker.ts';

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

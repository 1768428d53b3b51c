/**
 * The one SQL statement of `GET /api/analytics/summary`: every figure of every group, and the
 * total of the range (GROUPING SETS), aggregated in PostgreSQL.
 *
 * Parameters: $1 organisation, $2 from, $3 to (routes' local dates), $4 on-time tolerance (minutes).
 * Every group key is an attribute of the route (its day, driver, vehicle or depot), so stops are
 * aggregated with their route's key and routes on their own, then joined per key.
 *
 * Definitions (the report's legend):
 * - on time: the actual arrival, in the depot's zone on the route's day, is inside one of the
 *   order's windows widened by the tolerance on both sides (an order without windows is on time);
 *   the base is every stop with an actual arrival.
 * - late minutes: for an arrival outside every window and after the end of one, the minutes past
 *   the latest window end before it (an early arrival is not late).
 * - planned driving: each visit's planned arrival minus the previous stop's planned departure
 *   (the route's start for the first); actual driving: each actual arrival minus the latest actual
 *   departure before it (the route's start for the first). The drive back to the depot is in
 *   neither, as no arrival there is recorded.
 * - service: departure − arrival (planned: less the planned waiting).
 * - actual km: the line through the route's driver's fixes stored with the route, in device time
 *   order, measured on the sphere (ST_Length of geography, use_spheroid false: within 0.3 % of the
 *   spheroid and twice as fast, which keeps 100,000 stops under 2 s).
 * - overtime: the route's last sign of activity (departure, arrival or fix) past its shift's end.
 * - cost: vehicle fixed cost + cost per km × km + cost per hour × hours, actual figures where the
 *   route has them, for routes with at least one visited stop; divided by delivered stops.
 */
import type { AnalyticsGroupBy } from '@tournee/shared';
import { arrivalWindowsJoin, failureReasonSql, lateSql, onTimeSql } from './stop-sql.ts';

const KEY: Record<AnalyticsGroupBy, string> = {
  day: 'r.local_date::text',
  driver: 'r.driver_id::text',
  vehicle: 'r.vehicle_id::text',
  depot: 'r.depot_id::text',
};

const LABEL: Record<AnalyticsGroupBy, string> = {
  day: 'g.gkey',
  driver: '(SELECT name FROM drivers WHERE id::text = g.gkey)',
  vehicle: '(SELECT name FROM vehicles WHERE id::text = g.gkey)',
  depot: '(SELECT name FROM depots WHERE id::text = g.gkey)',
};

/** The summary statement for one grouping (the key expression comes from a fixed table, never from input). */
export function summarySql(groupBy: AnalyticsGroupBy): string {
  return `
WITH r AS (
  SELECT r.id, ${KEY[groupBy]} AS gkey, r.local_date, r.driver_id, r.distance_m, r.start_at, r.end_at, r.started_at,
         d.time_zone, sh.end_at AS shift_end_at, v.fixed_cost, v.cost_per_km, v.cost_per_hour
    FROM routes r
    JOIN depots d ON d.id = r.depot_id
    JOIN vehicles v ON v.id = r.vehicle_id
    LEFT JOIN shifts sh ON sh.id = r.shift_id
   WHERE r.org_id = $1 AND r.local_date BETWEEN $2::date AND $3::date
),
s0 AS (
  SELECT s.*, r.gkey, r.local_date, r.time_zone, r.start_at AS route_start_at, r.started_at AS route_started_at,
         lag(s.planned_departure_at) OVER (PARTITION BY s.route_id ORDER BY s.seq) AS prev_planned_dep,
         max(s.actual_departure_at) OVER (PARTITION BY s.route_id ORDER BY s.actual_arrival_at
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_actual_dep
    FROM stops s JOIN r ON r.id = s.route_id
),
st AS (
  SELECT s.gkey, s.route_id, s.status, s.actual_arrival_at, s.actual_departure_at,
         ${onTimeSql} AS on_time, ${lateSql} AS late_s,
         extract(epoch FROM s.planned_arrival_at - coalesce(s.prev_planned_dep, s.route_start_at)) AS planned_leg_s,
         extract(epoch FROM s.actual_arrival_at - coalesce(s.prev_actual_dep, s.route_started_at)) AS actual_leg_s,
         extract(epoch FROM s.planned_departure_at - s.planned_arrival_at) - s.waiting_s AS planned_service_s,
         extract(epoch FROM s.actual_departure_at - s.actual_arrival_at) AS actual_service_s,
         ${failureReasonSql} AS reason,
         rt.rating
    FROM s0 s
    LEFT JOIN orders o ON o.id = s.order_id
    LEFT JOIN ratings rt ON rt.order_id = s.order_id AND s.status = 'delivered'
    ${arrivalWindowsJoin('s.time_zone', 's.local_date')}
   WHERE s.kind IN ('delivery', 'pickup')
),
pos AS (
  SELECT p.route_id, max(p.device_at) AS last_at,
         CASE WHEN count(*) > 1 THEN ST_Length(ST_MakeLine(p.location::geometry ORDER BY p.device_at)::geography, false) ELSE 0 END AS m
    FROM positions p
   -- A semi-join: the planner then hashes the range's routes, not the 540,000 fixes.
   WHERE (p.route_id, p.driver_id) IN (SELECT r.id, r.driver_id FROM r)
   GROUP BY p.route_id
),
msg AS (
  SELECT n.route_id, count(*) FILTER (WHERE n.status IN ('sent', 'delivered')) AS sent,
         count(*) FILTER (WHERE n.status = 'failed') AS failed
    FROM notifications n JOIN r ON r.id = n.route_id
   GROUP BY n.route_id
),
ract AS (
  SELECT st.route_id, min(st.actual_arrival_at) AS first_at,
         greatest(max(st.actual_departure_at), max(st.actual_arrival_at)) AS last_at,
         count(*) FILTER (WHERE st.status IN ('delivered', 'failed', 'skipped')) AS visited
    FROM st GROUP BY st.route_id
),
rt AS (
  SELECT r.gkey, r.distance_m, coalesce(pos.m, 0) AS actual_m, coalesce(msg.sent, 0) AS sent, coalesce(msg.failed, 0) AS failed,
         greatest(0, extract(epoch FROM greatest(ract.last_at, pos.last_at) - r.shift_end_at)) AS overtime_s,
         CASE WHEN coalesce(ract.visited, 0) > 0 THEN
           r.fixed_cost
           + r.cost_per_km * (CASE WHEN pos.m > 0 THEN pos.m ELSE r.distance_m END) / 1000
           + r.cost_per_hour * coalesce(
               extract(epoch FROM greatest(ract.last_at, pos.last_at) - coalesce(r.started_at, ract.first_at)),
               extract(epoch FROM r.end_at - r.start_at), 0) / 3600
         END AS cost
    FROM r LEFT JOIN pos ON pos.route_id = r.id LEFT JOIN msg ON msg.route_id = r.id LEFT JOIN ract ON ract.route_id = r.id
),
ga AS (
  SELECT gkey, GROUPING(gkey) AS t, count(*)::int AS routes, sum(distance_m)::float8 AS planned_m, sum(actual_m)::float8 AS actual_m,
         sum(sent)::int AS sent, sum(failed)::int AS msg_failed, coalesce(sum(overtime_s), 0)::float8 AS overtime_s,
         sum(cost)::float8 AS cost
    FROM rt GROUP BY GROUPING SETS ((gkey), ())
),
gs AS (
  SELECT gkey, GROUPING(gkey) AS t, count(*)::int AS stops,
         count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
         count(*) FILTER (WHERE status = 'failed')::int AS failed,
         count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
         count(on_time)::int AS arrived, count(*) FILTER (WHERE on_time)::int AS on_time,
         avg(late_s)::float8 AS late_avg_s,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY late_s)::float8 AS late_p90_s,
         coalesce(sum(planned_leg_s) FILTER (WHERE planned_leg_s >= 0), 0)::float8 AS planned_driving_s,
         coalesce(sum(actual_leg_s) FILTER (WHERE actual_leg_s >= 0), 0)::float8 AS actual_driving_s,
         coalesce(sum(planned_service_s), 0)::float8 AS planned_service_s,
         coalesce(sum(actual_service_s) FILTER (WHERE actual_service_s >= 0), 0)::float8 AS actual_service_s,
         avg(rating)::float8 AS rating_avg, count(rating)::int AS rating_count
    FROM st GROUP BY GROUPING SETS ((gkey), ())
),
gr AS (
  SELECT gkey, t, jsonb_object_agg(reason, n) AS by_reason
    FROM (SELECT gkey, GROUPING(gkey) AS t, reason, count(*)::int AS n FROM st WHERE reason IS NOT NULL
           GROUP BY GROUPING SETS ((gkey, reason), (reason))) x
   GROUP BY gkey, t
)
SELECT g.gkey AS key, g.t = 1 AS is_total, ${LABEL[groupBy]} AS label, g.routes, g.planned_m, g.actual_m, g.sent, g.msg_failed,
       g.overtime_s, g.cost, gs.stops, gs.delivered, gs.failed, gs.skipped, gs.arrived, gs.on_time, gs.late_avg_s, gs.late_p90_s,
       gs.planned_driving_s, gs.actual_driving_s, gs.planned_service_s, gs.actual_service_s, gs.rating_avg, gs.rating_count,
       gr.by_reason
  FROM ga g
  LEFT JOIN gs ON gs.t = g.t AND gs.gkey IS NOT DISTINCT FROM g.gkey
  LEFT JOIN gr ON gr.t = g.t AND gr.gkey IS NOT DISTINCT FROM g.gkey
 ORDER BY g.t, ${groupBy === 'day' ? 'g.gkey' : 'label, g.gkey'}`;
}

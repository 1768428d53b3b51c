/**
 * SQL pieces that judge one stop `s` the same way in the summary and in the stops behind a
 * figure (the rules are in summary-sql.ts's legend). `$4` is the on-time tolerance in minutes.
 */

/** Why a failed stop failed: the attempt's reason, else the driver's last failed event's, else 'unknown'. */
export const failureReasonSql = `CASE WHEN s.status = 'failed' THEN coalesce(
  (SELECT a.reason FROM attempts a WHERE a.stop_id = s.id),
  (SELECT e.reason FROM stop_events e WHERE e.stop_id = s.id AND e.type = 'failed' ORDER BY e.seq DESC LIMIT 1),
  'unknown') END`;

/**
 * `LEFT JOIN LATERAL … w`: whether the actual arrival, read in `zone` on the local day `day`, is in
 * one of the order `o`'s windows (w.on_time), and else its seconds past the latest window end (w.late_s).
 */
export const arrivalWindowsJoin = (zone: string, day: string) => `LEFT JOIN LATERAL (
  SELECT bool_or(a.t BETWEEN a.ws - make_interval(mins => $4) AND a.we + make_interval(mins => $4)) AS on_time,
         min(extract(epoch FROM a.t - a.we)) FILTER (WHERE a.t > a.we) AS late_s
    FROM (SELECT s.actual_arrival_at AT TIME ZONE ${zone} AS t,
                 ${day} + (w->>'start')::time AS ws, ${day} + (w->>'end')::time AS we
            FROM jsonb_array_elements(o.time_windows) w) a
   WHERE s.actual_arrival_at IS NOT NULL
) w ON true`;

/** On time (null before arrival; an order without windows is on time), after arrivalWindowsJoin. */
export const onTimeSql = 'CASE WHEN s.actual_arrival_at IS NULL THEN NULL ELSE coalesce(w.on_time, true) END';
/** Seconds late, for an arrival outside every window, after arrivalWindowsJoin. */
export const lateSql = 'CASE WHEN s.actual_arrival_at IS NOT NULL AND NOT coalesce(w.on_time, true) THEN w.late_s END';

/**
 * What the alert detectors read of other modules' tables (routes, stops, orders, shifts, latest
 * positions, the notification outbox; the organisations' alert settings through org/): read-only,
 * in few set-based statements, so the sweep costs a handful of queries every 30 s whatever the
 * fleet's size.
 */
import type { AlertSettings } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { AlertsRow } from '../db/rows/alerts.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { NotificationsRow } from '../db/rows/notifications.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import { storedSettings } from '../org/repo.ts';
import { storedSettingsOf } from '../org/settings-repo.ts';

type SettingsJson = Partial<AlertSettings> | null;

/** A route as the position path needs it, loaded once per version. */
export interface RouteInfo {
  id: string;
  orgId: string;
  localDate: string;
  driverId: string | null;
  status: string;
  version: number;
  /** GeoJSON LineString coordinates of the planned route, null when it has none. */
  line: [number, number][] | null;
}

/** Routes by id (one statement for all the routes first seen in the same moment). */
export async function loadRouteInfos(db: Db, ids: string[]): Promise<Map<string, RouteInfo>> {
  const { rows } = await db.query<
    Pick<RoutesRow, 'id' | 'org_id' | 'driver_id' | 'status' | 'version'> & {
      /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
      local_date: string;
      geojson: string | null;
    }
  >(
    `SELECT id, org_id, to_char(local_date, 'YYYY-MM-DD') AS local_date, driver_id, status, version,
            ST_AsGeoJSON(geometry::geometry) AS geojson
       FROM routes WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        orgId: r.org_id,
        localDate: r.local_date,
        driverId: r.driver_id,
        status: r.status,
        version: r.version,
        line: r.geojson ? (JSON.parse(r.geojson) as { coordinates: [number, number][] }).coordinates : null,
      },
    ]),
  );
}

/** Versions and statuses of cached routes, to drop those changed by another process. */
export async function routeVersions(db: Db, ids: string[]): Promise<Map<string, { version: number; status: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; version: number; status: string }>(
    'SELECT id, version, status FROM routes WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { version: r.version, status: r.status }]));
}

/** Routes' stops with their order, planned arrival and windows, and the depot's zone (late risk). */
export async function loadStopWindows(db: Db, routeIds: string[]) {
  const { rows } = await db.query<
    Pick<StopsRow, 'id' | 'route_id' | 'order_id' | 'planned_arrival_at'> &
      Pick<DepotsRow, 'time_zone'> &
      Pick<RoutesRow, 'driver_id'> & {
        /** The order's (LEFT JOIN: none for a break or a reload). */
        time_windows: { start: string; end: string }[] | null;
        /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
        local_date: string;
      }
  >(
    `SELECT s.id, s.route_id, s.order_id, s.planned_arrival_at, o.time_windows, d.time_zone,
            to_char(r.local_date, 'YYYY-MM-DD') AS local_date, r.driver_id
       FROM stops s JOIN routes r ON r.id = s.route_id JOIN depots d ON d.id = r.depot_id
       LEFT JOIN orders o ON o.id = s.order_id
      WHERE s.route_id = ANY($1::uuid[])`,
    [routeIds],
  );
  return rows;
}

/** Rows of several organisations with each one's alert thresholds as stored (`alerts`). */
async function withAlertSettings<R extends { org_id: string }>(
  db: Db,
  rows: R[],
): Promise<(R & { alerts: SettingsJson })[]> {
  const stored = await storedSettingsOf(
    db,
    rows.map((r) => r.org_id),
    'alerts',
  );
  return rows.map((r) => ({ ...r, alerts: (stored.get(r.org_id) ?? null) as SettingsJson }));
}

/** The organisation's alert thresholds as stored (merged with the defaults by the caller). */
export async function orgAlertSettings(db: Db, orgId: string): Promise<SettingsJson> {
  return (await storedSettings(db, orgId, 'alerts')) as SettingsJson;
}

/**
 * Routes on the road (`in_progress`, with a driver, shift not ended an hour ago) with their
 * driver's freshest fix: the candidates for `stale_gps`.
 */
export async function startedRoutes(db: Db, now: Date) {
  const { rows } = await db.query<
    Pick<RoutesRow, 'id' | 'org_id' | 'started_at'> & {
      /** Not null: the query keeps only routes with a driver. */
      driver_id: string;
      /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
      local_date: string;
      last_fix_at: Date | null;
    }
  >(
    `SELECT r.id, r.org_id, r.driver_id, to_char(r.local_date, 'YYYY-MM-DD') AS local_date, r.started_at,
            lp.device_at AS last_fix_at
       FROM routes r
       LEFT JOIN shifts sh ON sh.id = r.shift_id
       LEFT JOIN latest_positions lp ON lp.driver_id = r.driver_id
      WHERE r.status = 'in_progress' AND r.driver_id IS NOT NULL
        AND coalesce(sh.end_at, r.end_at, r.started_at + interval '14 hours', $1::timestamptz) > $1::timestamptz - interval '1 hour'`,
    [now],
  );
  return withAlertSettings(db, rows);
}

/** Published routes whose shift (else planned) start has passed and whose shift is not over. */
export async function unstartedRoutes(db: Db, now: Date) {
  const { rows } = await db.query<
    Pick<RoutesRow, 'id' | 'org_id' | 'driver_id'> & {
      /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
      local_date: string;
      /** The shift's start, else the planned one (not null: the query compares it). */
      start_at: Date;
    }
  >(
    `SELECT r.id, r.org_id, r.driver_id, to_char(r.local_date, 'YYYY-MM-DD') AS local_date,
            coalesce(sh.start_at, r.start_at) AS start_at
       FROM routes r
       LEFT JOIN shifts sh ON sh.id = r.shift_id
      WHERE r.status = 'published' AND coalesce(sh.start_at, r.start_at) < $1::timestamptz
        AND coalesce(sh.end_at, r.end_at, coalesce(sh.start_at, r.start_at) + interval '12 hours') > $1::timestamptz`,
    [now],
  );
  return withAlertSettings(db, rows);
}

/** Routes of unresolved `route_not_started` / `stale_gps` alerts with what ends them. */
export async function routesOfUnresolved(db: Db, type: 'route_not_started' | 'stale_gps') {
  const { rows } = await db.query<
    Pick<AlertsRow, 'org_id' | 'subject'> & OrNull<Pick<RoutesRow, 'status'>> & { last_fix_at: Date | null }
  >(
    `SELECT a.org_id, a.subject, r.status, lp.device_at AS last_fix_at
       FROM alerts a
       LEFT JOIN routes r ON r.id = a.route_id
       LEFT JOIN latest_positions lp ON lp.driver_id = r.driver_id
      WHERE a.type = $1 AND a.status <> 'resolved'`,
    [type],
  );
  return withAlertSettings(db, rows);
}

/** Outbox messages marked failed in the last day, with the day they belong to. */
export async function failedMessages(db: Db, now: Date, notificationId?: string) {
  const { rows } = await db.query<
    Pick<NotificationsRow, 'id' | 'org_id' | 'order_id' | 'channel' | 'trigger' | 'last_error'> & {
      /** `to_char` of the route's day, else the order's first allowed day, else the message's day. */
      local_date: string;
      route_id: string | null;
      stop_id: string | null;
    }
  >(
    `SELECT n.id, n.org_id, n.order_id, n.channel, n.trigger, n.last_error,
            to_char(coalesce(r.local_date, od.date_from, n.created_at::date), 'YYYY-MM-DD') AS local_date,
            r.id AS route_id, st.id AS stop_id
       FROM notifications n
       LEFT JOIN orders od ON od.id = n.order_id
       LEFT JOIN LATERAL (SELECT s.id, s.route_id FROM stops s WHERE s.order_id = n.order_id
                           ORDER BY (s.status = 'pending') DESC, s.id LIMIT 1) st ON true
       LEFT JOIN routes r ON r.id = st.route_id
      WHERE n.status = 'failed' AND n.created_at > $1::timestamptz - interval '1 day'
        AND ($2::uuid IS NULL OR n.id = $2::uuid)`,
    [now, notificationId ?? null],
  );
  return rows;
}

/** Unresolved `message_failed` alerts whose message is no longer failed (resent, delivered at last). */
export async function messagesNoLongerFailed(db: Db) {
  const { rows } = await db.query<{ org_id: string; subject: string }>(
    `SELECT a.org_id, a.subject FROM alerts a
       LEFT JOIN notifications n ON a.subject = 'notification:' || n.id::text
      WHERE a.type = 'message_failed' AND a.status <> 'resolved' AND (n.id IS NULL OR n.status <> 'failed')`,
  );
  return rows;
}

// The proof files an order requires that no event of the stop has ('code' is typed, not a file).
const MISSING_PROOF = `ARRAY(SELECT k FROM unnest(o.require_proof) AS k
  WHERE k <> 'code' AND NOT EXISTS (SELECT 1 FROM stop_events e JOIN proof_files p ON p.stop_event_id = e.id
                     WHERE e.stop_id = s.id AND p.kind = k))`;

/**
 * Delivered stops of yesterday's and today's routes whose order requires proof kinds the stop
 * has no file of, with when the delivery reached the server: the candidates for `pod_missing`
 * (the caller waits `podGraceMin` after it, as the files follow the event in their own request).
 */
export async function deliveredWithoutProof(db: Db, now: Date) {
  const { rows } = await db.query<{
    stop_id: string;
    route_id: string;
    order_id: string;
    org_id: string;
    driver_id: string | null;
    local_date: string;
    delivered_at: Date | null;
    missing: string[];
  }>(
    `SELECT s.id AS stop_id, r.id AS route_id, o.id AS order_id, r.org_id, r.driver_id,
            to_char(r.local_date, 'YYYY-MM-DD') AS local_date, d.received_at AS delivered_at,
            ${MISSING_PROOF} AS missing
       FROM routes r
       JOIN stops s ON s.route_id = r.id AND s.status = 'delivered'
       JOIN orders o ON o.id = s.order_id AND cardinality(o.require_proof) > 0
       LEFT JOIN LATERAL (SELECT max(e.received_at) AS received_at FROM stop_events e
                           WHERE e.stop_id = s.id AND e.type = 'delivered') d ON true
      WHERE r.local_date >= $1::timestamptz::date - 1 AND r.status IN ('in_progress', 'done')`,
    [now],
  );
  return withAlertSettings(
    db,
    rows.filter((r) => r.missing.length > 0),
  );
}

/** Unresolved `pod_missing` alerts whose stop is no longer delivered or has every proof its order requires. */
export async function podNoLongerMissing(db: Db) {
  const { rows } = await db.query<{ org_id: string; subject: string }>(
    `SELECT a.org_id, a.subject FROM alerts a
       LEFT JOIN stops s ON s.id = a.stop_id
       LEFT JOIN orders o ON o.id = s.order_id
      WHERE a.type = 'pod_missing' AND a.status <> 'resolved'
        AND (s.id IS NULL OR s.status <> 'delivered' OR o.id IS NULL OR cardinality(${MISSING_PROOF}) = 0)`,
  );
  return rows;
}

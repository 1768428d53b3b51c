/**
 * The tracking page's view of one order. Everything is read for that order only: its own stop,
 * its own ETA, a count of the stops before it (never which), and the driver's position only once
 * the driver is one or two stops away.
 */
import { serviceStartFor, type TimeWindow, type TrackStatus, type TrackView, utcToLocal } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { StopEventsRow } from '../db/rows/stop_events.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import { STALE_AFTER_MS } from '../eta/engine.ts';
import { announcedBandOf } from '../notify/context-repo.ts';
import { bookedWindows, plannedTimes } from '../notify/told-times.ts';
import { orgProfile } from '../org/profile-repo.ts';
import { trackReschedule } from './reschedule-service.ts';

/** The driver shows on the map with at most this many stops before the customer's. */
export const SHOW_DRIVER_WITHIN_STOPS = 1;

/** The order and, through LEFT JOINs (null when none), its latest stop on a route past planning, that route and its depot. */
type Row = Pick<OrdersRow, 'name' | 'address' | 'org_id' | 'service_s'> &
  OrNull<
    Pick<
      StopsRow,
      | 'seq'
      | 'planned_arrival_at'
      | 'waiting_s'
      | 'eta_at'
      | 'eta_low_at'
      | 'eta_high_at'
      | 'eta_updated_at'
      | 'actual_arrival_at'
      | 'actual_departure_at'
    >
  > &
  OrNull<Pick<RoutesRow, 'driver_id'>> &
  OrNull<Pick<DepotsRow, 'time_zone'>> & {
    order_status: string;
    lon: number;
    lat: number;
    stop_id: string | null;
    stop_status: string | null;
    time_windows: TimeWindow[] | null;
    route_id: string | null;
    route_status: string | null;
    /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
    local_date: string | null;
    delivery_code: string | null;
  };

export async function buildTrackView(db: Db, orderId: string, now = Date.now()): Promise<TrackView | null> {
  const { rows } = await db.query<Row>(
    `SELECT o.name, o.address, o.status AS order_status, ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat,
            o.org_id, s.id AS stop_id, s.seq, s.status AS stop_status, s.planned_arrival_at, s.eta_at,
            s.waiting_s, o.time_windows, o.service_s,
            s.eta_low_at, s.eta_high_at, s.eta_updated_at, s.actual_arrival_at, s.actual_departure_at,
            r.id AS route_id, r.status AS route_status, to_char(r.local_date, 'YYYY-MM-DD') AS local_date, r.driver_id, d.time_zone,
            CASE WHEN 'code' = ANY(o.require_proof) THEN o.delivery_code END AS delivery_code
       FROM orders o
       LEFT JOIN LATERAL (SELECT s.* FROM stops s JOIN routes r ON r.id = s.route_id
                           WHERE s.order_id = o.id AND r.status <> 'planned' AND s.kind <> 'pickup'
                           ORDER BY r.local_date DESC LIMIT 1) s ON true
       LEFT JOIN routes r ON r.id = s.route_id LEFT JOIN depots d ON d.id = r.depot_id
      WHERE o.id = $1`,
    [orderId],
  );
  const o = rows[0];
  if (!o) return null;
  const started = o.route_status === 'in_progress' || o.route_status === 'done';
  const open = o.stop_status === 'pending' || o.stop_status === 'arrived';
  let stopsBefore: number | null = null;
  if (started && open && o.route_id) {
    // Counted, never listed: the page learns how many stops come first, nothing about them.
    const c = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stops WHERE route_id = $1 AND id <> $2
          AND kind IN ('delivery', 'pickup') AND (status = 'arrived' OR (status = 'pending' AND seq < $3))`,
      [o.route_id, o.stop_id, o.seq],
    );
    stopsBefore = o.stop_status === 'arrived' ? 0 : (c.rows[0]?.n ?? 0);
  }
  let driver: TrackView['driver'] = null;
  if (stopsBefore !== null && stopsBefore <= SHOW_DRIVER_WITHIN_STOPS && o.driver_id) {
    const p = await db.query<{ lon: number; lat: number; device_at: Date }>(
      `SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, device_at
         FROM latest_positions WHERE driver_id = $1 AND route_id = $2`,
      [o.driver_id, o.route_id],
    );
    const fix = p.rows[0];
    if (fix) driver = { location: { type: 'Point', coordinates: [fix.lon, fix.lat] }, at: fix.device_at.toISOString() };
  }
  let delivery: TrackView['delivery'] = null;
  if (o.stop_status === 'delivered' || o.stop_status === 'failed' || o.stop_status === 'skipped') {
    const e = await db.query<Pick<StopEventsRow, 'id' | 'reason' | 'recipient_name' | 'device_at'>>(
      `SELECT id, reason, recipient_name, device_at FROM stop_events
        WHERE stop_id = $1 AND type IN ('delivered', 'failed', 'skipped') ORDER BY device_at DESC LIMIT 1`,
      [o.stop_id],
    );
    const ev = e.rows[0];
    const kinds = ev
      ? (
          await db.query<{ kind: 'photo' | 'signature' }>('SELECT kind FROM proof_files WHERE stop_event_id = $1', [
            ev.id,
          ])
        ).rows
      : [];
    delivery = {
      at: (o.actual_departure_at ?? ev?.device_at ?? null)?.toISOString() ?? null,
      recipientName: ev?.recipient_name ?? null,
      reason: ev?.reason ?? null,
      proofKinds: kinds.map((k) => k.kind),
    };
  }
  const rating = await db.query<{ rating: number; comment: string }>(
    'SELECT rating, comment FROM ratings WHERE order_id = $1',
    [orderId],
  );
  const status: TrackStatus =
    o.order_status === 'cancelled'
      ? 'cancelled'
      : o.stop_status === 'delivered'
        ? 'delivered'
        : o.stop_status === 'failed' || o.stop_status === 'skipped'
          ? // After the failed visit the order waits for another day (the customer's or a redelivery).
            o.order_status === 'imported' || o.order_status === 'planned'
            ? 'rescheduled'
            : 'failed'
          : o.stop_status === 'arrived'
            ? 'arrived'
            : started
              ? 'on_the_way'
              : 'scheduled';
  const timeZone = o.time_zone ?? 'Europe/Paris';
  const day = { localDate: o.local_date, timeWindows: o.time_windows ?? [], timeZone };
  const planned = plannedTimes({
    ...day,
    serviceS: Number(o.service_s ?? 0),
    plannedArrivalAt: o.planned_arrival_at?.getTime() ?? null,
    waitingS: Number(o.waiting_s ?? 0),
    etaAt: null,
    announced: null,
  });
  // What was told for this day only (a band told for an earlier, failed day is not this one's).
  const told = await announcedBandOf(db, orderId);
  const announced = told && o.local_date && utcToLocal(told.startMs, timeZone).localDate === o.local_date ? told : null;
  const window = announced ?? planned?.band ?? null;
  const booked = bookedWindows(day);
  const iso = (ms: number) => new Date(ms).toISOString();
  const eta =
    open && o.eta_at && o.eta_low_at && o.eta_high_at && o.eta_updated_at
      ? {
          at: o.eta_at.toISOString(),
          // Service cannot start before the booked window opens: neither can the band's low end.
          low: iso(Math.min(o.eta_at.getTime(), serviceStartFor(o.eta_low_at.getTime(), booked).startMs)),
          high: o.eta_high_at.toISOString(),
          updatedAt: o.eta_updated_at.toISOString(),
          stale: now - o.eta_updated_at.getTime() > STALE_AFTER_MS,
        }
      : null;
  return {
    status,
    customerName: o.name,
    address: o.address,
    orgName: (await orgProfile(db, o.org_id))?.name ?? '',
    timeZone,
    localDate: o.local_date,
    window: window ? { from: iso(window.startMs), to: iso(window.endMs) } : null,
    bookedWindows: booked.map((w) => ({ start: iso(w.startMs), end: iso(w.endMs) })),
    announced: announced
      ? { start: iso(announced.startMs), end: iso(announced.endMs), outside: announced.outside }
      : null,
    eta,
    stopsBefore,
    driver,
    destination: { type: 'Point', coordinates: [o.lon, o.lat] },
    delivery,
    rating: rating.rows[0] ?? null,
    canRate: status === 'delivered' && !rating.rows[0],
    deliveryCode: status === 'scheduled' || status === 'on_the_way' || status === 'arrived' ? o.delivery_code : null,
    reschedule: await trackReschedule(db, orderId, new Date(now)),
  };
}

/** What a message needs to know of an order: the customer, the organisation and the stop. */
import type { TimeWindow } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { NotifyOrderStateRow } from '../db/rows/notify_order_state.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import { orgProfiles } from '../org/profile-repo.ts';

export interface OrderContext {
  orderId: string;
  orgId: string;
  name: string;
  phone: string | null;
  email: string | null;
  orgName: string;
  locale: string;
  defaultCountry: string;
  settings: Record<string, unknown>;
  timeZone: string;
  routeId: string | null;
  stopId: string | null;
  /** The stop's route day (the booked windows are read on it). */
  localDate: string | null;
  /** The windows the customer booked ('HH:MM', depot time). */
  timeWindows: TimeWindow[];
  serviceS: number;
  plannedArrivalAt: number | null;
  /** The plan's waiting at the stop (s): service starts at arrival + waiting. */
  waitingS: number;
  /** The live ETA (the service start, ms). */
  etaAt: number | null;
  toldEtaAt: number | null;
  etaMoves: number;
  /** The band the messages last told, if any. */
  announced: { startMs: number; endMs: number; outside: 'early' | 'late' | null } | null;
  /** When the last "ETA moved" and "started" messages were written (throttling, ms). */
  etaMovedSentAt: number | null;
  startedSentAt: number | null;
  /** The delivery code, when the order requires one (else null: never told). */
  deliveryCode: string | null;
}

/** The order and, through LEFT JOINs (null when none), its latest customer's stop, that route's depot and its notify state. */
type ContextRow = Pick<OrdersRow, 'org_id' | 'name' | 'phone' | 'email' | 'service_s'> &
  OrNull<Pick<StopsRow, 'route_id' | 'planned_arrival_at' | 'waiting_s' | 'eta_at'>> &
  OrNull<Pick<DepotsRow, 'time_zone'>> &
  OrNull<
    Pick<
      NotifyOrderStateRow,
      'told_eta_at' | 'eta_moves' | 'announced_start_at' | 'announced_end_at' | 'eta_moved_sent_at' | 'started_sent_at'
    >
  > & {
    order_id: string;
    stop_id: string | null;
    /** `to_char(…, 'YYYY-MM-DD')` of the route's day. */
    local_date: string | null;
    time_windows: TimeWindow[] | null;
    announced_outside: 'early' | 'late' | null;
    delivery_code: string | null;
  };

/** The contexts of these orders, each on its latest route (by day). */
export async function loadOrderContexts(db: Db, orderIds: string[]): Promise<OrderContext[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await db.query<ContextRow>(
    `SELECT o.id AS order_id, o.org_id, o.name, o.phone, o.email, st.time_zone, st.route_id, st.stop_id, st.planned_arrival_at, st.eta_at,
            to_char(st.local_date, 'YYYY-MM-DD') AS local_date, o.time_windows, o.service_s, st.waiting_s,
            ns.told_eta_at, ns.eta_moves, ns.announced_start_at, ns.announced_end_at, ns.announced_outside,
            ns.eta_moved_sent_at, ns.started_sent_at,
            CASE WHEN 'code' = ANY(o.require_proof) THEN o.delivery_code END AS delivery_code
       FROM orders o
       LEFT JOIN LATERAL (
         SELECT s.id AS stop_id, s.route_id, s.planned_arrival_at, s.waiting_s, s.eta_at, r.local_date, d.time_zone
           FROM stops s JOIN routes r ON r.id = s.route_id JOIN depots d ON d.id = r.depot_id
          WHERE s.order_id = o.id AND s.kind <> 'pickup' -- the customer's stop, not a pickup's
          ORDER BY r.local_date DESC, r.updated_at DESC LIMIT 1) st ON true
       LEFT JOIN notify_order_state ns ON ns.order_id = o.id
      WHERE o.id = ANY($1::uuid[])`,
    [orderIds],
  );
  const orgs = await orgProfiles(
    db,
    rows.map((r) => r.org_id),
  );
  return rows.map((r) => {
    const org = orgs.get(r.org_id)!;
    return {
      orderId: r.order_id,
      orgId: r.org_id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      orgName: org.name,
      deliveryCode: r.delivery_code,
      locale: org.locale,
      defaultCountry: org.defaultCountry,
      settings: org.settings,
      timeZone: r.time_zone ?? 'Europe/Paris',
      routeId: r.route_id,
      stopId: r.stop_id,
      localDate: r.local_date,
      timeWindows: r.time_windows ?? [],
      serviceS: Number(r.service_s ?? 0),
      plannedArrivalAt: r.planned_arrival_at?.getTime() ?? null,
      waitingS: Number(r.waiting_s ?? 0),
      etaAt: r.eta_at?.getTime() ?? null,
      toldEtaAt: r.told_eta_at?.getTime() ?? null,
      etaMoves: r.eta_moves ?? 0,
      announced:
        r.announced_start_at && r.announced_end_at
          ? {
              startMs: r.announced_start_at.getTime(),
              endMs: r.announced_end_at.getTime(),
              outside: r.announced_outside,
            }
          : null,
      etaMovedSentAt: r.eta_moved_sent_at?.getTime() ?? null,
      startedSentAt: r.started_sent_at?.getTime() ?? null,
    };
  });
}

/** Remembers the ETA last told to the customer (the "ETA moved" trigger compares with it). */
export async function rememberToldEta(db: Db, orderId: string, at: number, moved: boolean): Promise<void> {
  await db.query(
    `INSERT INTO notify_order_state (order_id, told_eta_at, eta_moves) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET told_eta_at = $2,
       eta_moves = notify_order_state.eta_moves + $3`,
    [orderId, new Date(at), moved ? 1 : 0],
  );
}

/**
 * Remembers what a message told: the band (shown on the tracking page as "announced") and when
 * a throttled trigger last went out. Null fields keep what was there.
 */
export async function rememberTold(
  db: Db,
  orderId: string,
  t: {
    band?: { startMs: number; endMs: number; outside: 'early' | 'late' | null } | null;
    etaMovedAt?: number | null;
    startedAt?: number | null;
  },
): Promise<void> {
  const ts = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));
  await db.query(
    `INSERT INTO notify_order_state (order_id, announced_start_at, announced_end_at, announced_outside,
                                     eta_moved_sent_at, started_sent_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET
       announced_start_at = COALESCE($2, notify_order_state.announced_start_at),
       announced_end_at = COALESCE($3, notify_order_state.announced_end_at),
       announced_outside = CASE WHEN $2::timestamptz IS NULL THEN notify_order_state.announced_outside ELSE $4 END,
       eta_moved_sent_at = COALESCE($5, notify_order_state.eta_moved_sent_at),
       started_sent_at = COALESCE($6, notify_order_state.started_sent_at)`,
    [orderId, ts(t.band?.startMs), ts(t.band?.endMs), t.band?.outside ?? null, ts(t.etaMovedAt), ts(t.startedAt)],
  );
}

/** The band last told to the customer of this order, or null. */
export async function announcedBandOf(
  db: Db,
  orderId: string,
): Promise<{ startMs: number; endMs: number; outside: 'early' | 'late' | null } | null> {
  const { rows } = await db.query<{ s: Date | null; e: Date | null; o: 'early' | 'late' | null }>(
    `SELECT announced_start_at AS s, announced_end_at AS e, announced_outside AS o
       FROM notify_order_state WHERE order_id = $1`,
    [orderId],
  );
  const r = rows[0];
  return r?.s && r.e ? { startMs: r.s.getTime(), endMs: r.e.getTime(), outside: r.o } : null;
}

/** Recipients of the organisation who asked for no messages. */
export async function optedOut(db: Db, orgId: string, recipients: string[]): Promise<Set<string>> {
  if (recipients.length === 0) return new Set();
  const { rows } = await db.query<{ recipient: string }>(
    'SELECT recipient FROM notify_opt_outs WHERE org_id = $1 AND recipient = ANY($2::text[])',
    [orgId, recipients],
  );
  return new Set(rows.map((r) => r.recipient));
}

/** The orders of a route's stops still to do, or all of them. */
export async function routeOrderIds(db: Db, routeId: string, pendingOnly: boolean): Promise<string[]> {
  const { rows } = await db.query<{ order_id: string }>(
    `SELECT order_id FROM stops WHERE route_id = $1 AND order_id IS NOT NULL
        AND (NOT $2 OR status IN ('pending', 'arrived')) ORDER BY seq`,
    [routeId, pendingOnly],
  );
  return rows.map((r) => r.order_id);
}

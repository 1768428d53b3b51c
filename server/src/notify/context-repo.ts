/** What a message needs to know of an order: the customer, the organisation and the stop. */
import type { Db } from '../db/db.ts';

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
  plannedArrivalAt: number | null;
  etaAt: number | null;
  toldEtaAt: number | null;
  etaMoves: number;
}

/** The contexts of these orders, each on its latest route (by day). */
export async function loadOrderContexts(db: Db, orderIds: string[]): Promise<OrderContext[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await db.query<{
    order_id: string;
    org_id: string;
    name: string;
    phone: string | null;
    email: string | null;
    org_name: string;
    locale: string;
    default_country: string;
    settings: Record<string, unknown>;
    time_zone: string | null;
    route_id: string | null;
    stop_id: string | null;
    planned_arrival_at: Date | null;
    eta_at: Date | null;
    told_eta_at: Date | null;
    eta_moves: number | null;
  }>(
    `SELECT o.id AS order_id, o.org_id, o.name, o.phone, o.email, g.name AS org_name, g.locale, g.default_country,
            g.settings, st.time_zone, st.route_id, st.stop_id, st.planned_arrival_at, st.eta_at,
            ns.told_eta_at, ns.eta_moves
       FROM orders o JOIN organisations g ON g.id = o.org_id
       LEFT JOIN LATERAL (
         SELECT s.id AS stop_id, s.route_id, s.planned_arrival_at, s.eta_at, d.time_zone
           FROM stops s JOIN routes r ON r.id = s.route_id JOIN depots d ON d.id = r.depot_id
          WHERE s.order_id = o.id ORDER BY r.local_date DESC, r.updated_at DESC LIMIT 1) st ON true
       LEFT JOIN notify_order_state ns ON ns.order_id = o.id
      WHERE o.id = ANY($1::uuid[])`,
    [orderIds],
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    orgId: r.org_id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    orgName: r.org_name,
    locale: r.locale,
    defaultCountry: r.default_country,
    settings: r.settings ?? {},
    timeZone: r.time_zone ?? 'Europe/Paris',
    routeId: r.route_id,
    stopId: r.stop_id,
    plannedArrivalAt: r.planned_arrival_at?.getTime() ?? null,
    etaAt: r.eta_at?.getTime() ?? null,
    toldEtaAt: r.told_eta_at?.getTime() ?? null,
    etaMoves: r.eta_moves ?? 0,
  }));
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

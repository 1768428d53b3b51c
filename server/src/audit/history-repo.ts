/**
 * SQL of an order's history: one read per source of the chain of custody. This is a read model
 * across modules (orders, imports, plans, routes, stops, stop events, proofs, messages, ratings):
 * it only reads, in one place, rather than adding a "history" query to each module's repo.
 *
 * Plans and publications are not stored per order, so they are found through what they left:
 * - a plan: the plan of the route the order's stop is on, a plan that left the order unassigned,
 *   or a finished plan whose `complete` event shares its transaction time (`at` = now() of the
 *   transaction) with an `order.status` event of this order caused by a plan (a plan replaced since);
 * - a publication: every stored version of a published route (route_versions) that holds the
 *   order, its actor the user of the route event written in the same transaction.
 */
import type { Db } from '../db/db.ts';
import type { OrNull } from '../db/row-types.ts';
import type { DriversRow } from '../db/rows/drivers.ts';
import type { EventsRow } from '../db/rows/events.ts';
import type { ImportsRow } from '../db/rows/imports.ts';
import type { NotificationsRow } from '../db/rows/notifications.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { PlansRow } from '../db/rows/plans.ts';
import type { ProofFilesRow } from '../db/rows/proof_files.ts';
import type { RatingsRow } from '../db/rows/ratings.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { RouteVersionsRow } from '../db/rows/route_versions.ts';
import type { StopEventsRow } from '../db/rows/stop_events.ts';
import type { UnassignedOrdersRow } from '../db/rows/unassigned_orders.ts';

/** The order as its history starts (not orders/repo.ts's OrderRow, the order as the API shows it). */
export type OrderHistoryRow = Pick<OrdersRow, 'id' | 'ref' | 'source' | 'import_id' | 'last_import_id' | 'created_at'>;

export async function findOrderRow(db: Db, orgId: string, orderId: string): Promise<OrderHistoryRow | null> {
  const { rows } = await db.query<OrderHistoryRow>(
    `SELECT id, ref, source, import_id, last_import_id, created_at FROM orders WHERE org_id = $1 AND id = $2`,
    [orgId, orderId],
  );
  return rows[0] ?? null;
}

export type ImportRow = Pick<ImportsRow, 'id' | 'at' | 'user_id' | 'filename' | 'format'> & {
  user_name: string | null;
};

export async function importsOf(db: Db, orgId: string, ids: string[]): Promise<ImportRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ImportRow>(
    `SELECT i.id, i.at, i.user_id, coalesce(nullif(u.name, ''), u.email) AS user_name, i.filename, i.format
       FROM imports i LEFT JOIN users u ON u.id = i.user_id
      WHERE i.org_id = $1 AND i.id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return rows;
}

export type OrderEventRow = Pick<EventsRow, 'at' | 'action' | 'user_id'> & {
  /** `id::text`. */
  id: string;
  user_name: string | null;
  details: Record<string, unknown>;
};

/** The audit events whose subject is the order (edits, status changes, holds, reschedules…). */
export async function orderEvents(db: Db, orgId: string, orderId: string): Promise<OrderEventRow[]> {
  const { rows } = await db.query<OrderEventRow>(
    `SELECT e.id::text AS id, e.at, e.action, e.user_id, coalesce(nullif(u.name, ''), u.email) AS user_name, e.details
       FROM events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.org_id = $1 AND e.entity = 'order' AND e.entity_id = $2
      ORDER BY e.at, e.id`,
    [orgId, orderId],
  );
  return rows;
}

/** A plan that placed the order, left it out or moved it; route and reason are null where it did not. */
export type PlanHistoryRow = Pick<PlansRow, 'id' | 'from_date' | 'to_date'> &
  OrNull<Pick<RoutesRow, 'local_date'>> & {
    /** `coalesce(finished_at, created_at)`. */
    at: Date;
    /** `created_by`. */
    user_id: PlansRow['created_by'];
    user_name: string | null;
    route_id: RoutesRow['id'] | null;
    unassigned_reason: UnassignedOrdersRow['reason'] | null;
  };

export async function plansOf(db: Db, orgId: string, orderId: string): Promise<PlanHistoryRow[]> {
  const { rows } = await db.query<PlanHistoryRow>(
    `WITH placed AS (
       SELECT r.plan_id, r.id AS route_id, r.local_date FROM stops s JOIN routes r ON r.id = s.route_id
        WHERE s.order_id = $2 AND r.org_id = $1 AND r.plan_id IS NOT NULL
     ), left_out AS (
       SELECT plan_id, reason FROM unassigned_orders WHERE order_id = $2
     ), moved AS (
       SELECT pe.entity_id::uuid AS plan_id FROM events pe
         JOIN events oe ON oe.at = pe.at AND oe.org_id = pe.org_id
        WHERE pe.org_id = $1 AND pe.entity = 'plan' AND pe.action = 'complete'
          AND oe.entity = 'order' AND oe.entity_id = $2::text AND oe.action = 'order.status'
          AND oe.details->>'cause' = 'plan'
     )
     SELECT p.id, coalesce(p.finished_at, p.created_at) AS at, p.created_by AS user_id,
            coalesce(nullif(u.name, ''), u.email) AS user_name, p.from_date, p.to_date,
            (SELECT route_id FROM placed WHERE plan_id = p.id LIMIT 1) AS route_id,
            (SELECT local_date FROM placed WHERE plan_id = p.id LIMIT 1) AS local_date,
            (SELECT reason FROM left_out WHERE plan_id = p.id LIMIT 1) AS unassigned_reason
       FROM plans p LEFT JOIN users u ON u.id = p.created_by
      WHERE p.org_id = $1 AND p.status = 'done'
        AND (p.id IN (SELECT plan_id FROM placed) OR p.id IN (SELECT plan_id FROM left_out)
             OR p.id IN (SELECT plan_id FROM moved))`,
    [orgId, orderId],
  );
  return rows;
}

/**
 * One stored version of a published route holding the order. The fields read from the version's
 * JSON snapshot (and its stop) are not table columns; the route event is LEFT JOINed.
 */
export type PublicationRow = Pick<RouteVersionsRow, 'route_id' | 'version'> &
  OrNull<Pick<EventsRow, 'user_id' | 'action'>> & {
    /** `created_at` of the version. */
    at: RouteVersionsRow['created_at'];
    local_date: string;
    driver_id: string | null;
    driver_name: DriversRow['name'] | null;
    vehicle_id: string | null;
    stop_id: string | null;
    seq: number | null;
    planned_arrival_at: string | null;
    user_name: string | null;
  };

export async function publicationsOf(db: Db, orgId: string, orderId: string): Promise<PublicationRow[]> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT rv.route_id, rv.version, rv.created_at AS at, rv.snapshot->>'localDate' AS local_date,
            rv.snapshot->>'driverId' AS driver_id, d.name AS driver_name, rv.snapshot->>'vehicleId' AS vehicle_id,
            st->>'stopId' AS stop_id, (st->>'seq')::int AS seq, st->>'plannedArrivalAt' AS planned_arrival_at,
            ev.user_id, coalesce(nullif(u.name, ''), u.email) AS user_name, ev.action
       FROM route_versions rv
       JOIN routes r ON r.id = rv.route_id
       CROSS JOIN LATERAL jsonb_array_elements(rv.snapshot->'stops') AS st
       LEFT JOIN drivers d ON d.id = (rv.snapshot->>'driverId')::uuid
       LEFT JOIN LATERAL (
         SELECT e.user_id, e.action FROM events e
          WHERE e.org_id = r.org_id AND e.entity = 'route' AND e.at = rv.created_at
          ORDER BY e.id LIMIT 1
       ) ev ON true
       LEFT JOIN users u ON u.id = ev.user_id
      WHERE r.org_id = $1 AND st->>'orderId' = $2::text
      ORDER BY rv.created_at, rv.version`,
    [orgId, orderId],
  );
  return rows;
}

export type StopEventRow = Pick<
  StopEventsRow,
  'id' | 'stop_id' | 'type' | 'reason' | 'note' | 'recipient_name' | 'device_at' | 'received_at' | 'driver_id'
> & {
  /** The stop's route (`s.route_id`, never null), not the event's own nullable column. */
  route_id: string;
  driver_name: string | null;
};

export async function stopEventsOf(db: Db, orgId: string, orderId: string): Promise<StopEventRow[]> {
  const { rows } = await db.query<StopEventRow>(
    `SELECT se.id, se.stop_id, s.route_id, se.type, se.reason, se.note, se.recipient_name, se.device_at,
            se.received_at, se.driver_id, d.name AS driver_name
       FROM stop_events se JOIN stops s ON s.id = se.stop_id JOIN routes r ON r.id = s.route_id
       LEFT JOIN drivers d ON d.id = se.driver_id
      WHERE r.org_id = $1 AND s.order_id = $2`,
    [orgId, orderId],
  );
  return rows;
}

export type ProofRow = Pick<ProofFilesRow, 'id' | 'kind' | 'content_type'> & {
  event_id: string;
  bytes: number;
  at: Date;
  driver_id: string;
  driver_name: string | null;
};

export async function proofsOf(db: Db, orgId: string, orderId: string): Promise<ProofRow[]> {
  const { rows } = await db.query<ProofRow>(
    `SELECT pf.id, pf.stop_event_id AS event_id, pf.kind, pf.content_type, octet_length(pf.data)::int AS bytes,
            pf.created_at AS at, se.driver_id, d.name AS driver_name
       FROM proof_files pf JOIN stop_events se ON se.id = pf.stop_event_id
       JOIN stops s ON s.id = se.stop_id JOIN routes r ON r.id = s.route_id
       LEFT JOIN drivers d ON d.id = se.driver_id
      WHERE r.org_id = $1 AND s.order_id = $2`,
    [orgId, orderId],
  );
  return rows;
}

export type MessageRow = Pick<
  NotificationsRow,
  'id' | 'channel' | 'trigger' | 'recipient' | 'status' | 'attempts' | 'sent_at' | 'last_error'
> & { at: Date };

export async function messagesOf(db: Db, orgId: string, orderId: string): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT id, created_at AS at, channel, trigger, recipient, status, attempts, sent_at, last_error
       FROM notifications WHERE org_id = $1 AND order_id = $2`,
    [orgId, orderId],
  );
  return rows;
}

export type RatingRow = Pick<RatingsRow, 'rating' | 'comment' | 'at'>;

export async function ratingOf(db: Db, orgId: string, orderId: string): Promise<RatingRow[]> {
  const { rows } = await db.query<RatingRow>(
    `SELECT ra.rating, ra.comment, ra.at FROM ratings ra JOIN orders o ON o.id = ra.order_id
      WHERE o.org_id = $1 AND ra.order_id = $2`,
    [orgId, orderId],
  );
  return rows;
}

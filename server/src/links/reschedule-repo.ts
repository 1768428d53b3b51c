/**
 * What the customer's reschedule reads: the order's status, days and needs, the organisation's
 * setting, the order's routes, and the organisation's dated shifts; and the record of the
 * customer's last change (an audit event), which a replayed request is answered from.
 */
import type { LocalDate, OrderStatus, TimeWindow } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { VehiclesRow } from '../db/rows/vehicles.ts';
import { storedSettings } from '../org/repo.ts';
import type { CandidateShift, OfferState } from './offered-days.ts';

export interface OfferContext extends OfferState {
  orderId: string;
  orgId: string;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  timeWindows: TimeWindow[];
  skills: string[];
  demand: number[];
  /** The depot of the order's latest route (its last or next visit), null when never on one. */
  lastDepotId: string | null;
}

/** The order's offer context, or null when the order is gone. */
export async function loadOfferContext(db: Db, orderId: string): Promise<OfferContext | null> {
  const { rows } = await db.query<
    Pick<OrdersRow, 'org_id' | 'skills' | 'demand'> & {
      status: OrderStatus;
      /** `to_char(…, 'YYYY-MM-DD')` of the date columns. */
      date_from: string;
      date_to: string;
      time_windows: TimeWindow[];
      visited: boolean;
      open_status: 'planned' | 'published' | 'in_progress' | 'done' | null;
      open_date: string | null;
      last_depot: string | null;
    }
  >(
    `SELECT o.org_id, o.status, to_char(o.date_from, 'YYYY-MM-DD') AS date_from, to_char(o.date_to, 'YYYY-MM-DD') AS date_to,
            o.time_windows, o.skills, o.demand,
            EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id AND s.status IN ('failed', 'skipped')) AS visited,
            op.status AS open_status, op.local_date AS open_date, la.depot_id AS last_depot
       FROM orders o
       LEFT JOIN LATERAL (SELECT r.status, to_char(r.local_date, 'YYYY-MM-DD') AS local_date FROM stops s
                            JOIN routes r ON r.id = s.route_id
                           WHERE s.order_id = o.id AND s.status IN ('pending', 'arrived')
                           ORDER BY r.local_date DESC LIMIT 1) op ON true
       LEFT JOIN LATERAL (SELECT r.depot_id FROM stops s JOIN routes r ON r.id = s.route_id
                           WHERE s.order_id = o.id ORDER BY r.local_date DESC LIMIT 1) la ON true
      WHERE o.id = $1`,
    [orderId],
  );
  const r = rows[0];
  if (!r) return null;
  const reschedule = (await storedSettings(db, r.org_id, 'customerReschedule')) as { beforeStart?: unknown } | null;
  return {
    orderId,
    orgId: r.org_id,
    status: r.status,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    timeWindows: r.time_windows ?? [],
    skills: r.skills,
    demand: r.demand.map(Number),
    beforeStart: typeof reschedule?.beforeStart === 'boolean' ? reschedule.beforeStart : false,
    visited: r.visited,
    openRoute: r.open_status && r.open_date ? { status: r.open_status, localDate: r.open_date } : null,
    lastDepotId: r.last_depot,
  };
}

/**
 * The depots that serve the order — the depot of its latest route, or every live depot of the
 * organisation for an order never routed — and their dated shifts around the horizon (the pure
 * `offeredDays` keeps the right ones).
 */
export async function loadCandidateShifts(
  db: Db,
  ctx: Pick<OfferContext, 'orgId' | 'lastDepotId'>,
): Promise<{ depotIds: string[]; shifts: CandidateShift[] }> {
  const depots = await db.query<{ id: string }>(
    `SELECT id FROM depots WHERE org_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR id = $2)`,
    [ctx.orgId, ctx.lastDepotId],
  );
  const depotIds = depots.rows.map((d) => d.id);
  const { rows } = await db.query<
    Pick<VehiclesRow, 'depot_id' | 'skills' | 'capacity'> &
      Pick<DepotsRow, 'time_zone'> & {
        /** `to_char` of the shift's day ('YYYY-MM-DD') and hours ('HH24:MI'). */
        local_date: string;
        start_local: string;
        end_local: string;
      }
  >(
    `SELECT to_char(s.local_date, 'YYYY-MM-DD') AS local_date, v.depot_id, d.time_zone,
            to_char(s.start_local, 'HH24:MI') AS start_local, to_char(s.end_local, 'HH24:MI') AS end_local,
            v.skills, v.capacity
       FROM shifts s JOIN vehicles v ON v.id = s.vehicle_id AND v.deleted_at IS NULL
       JOIN depots d ON d.id = v.depot_id AND d.deleted_at IS NULL
      WHERE s.org_id = $1 AND NOT s.cancelled AND v.depot_id = ANY($2::uuid[])
        AND s.local_date BETWEEN current_date - 1 AND current_date + 37
      ORDER BY s.local_date`,
    [ctx.orgId, depotIds],
  );
  return {
    depotIds,
    shifts: rows.map((r) => ({
      localDate: r.local_date,
      depotId: r.depot_id,
      timeZone: r.time_zone,
      startLocal: r.start_local,
      endLocal: r.end_local,
      vehicleSkills: r.skills,
      vehicleCapacity: r.capacity.map(Number),
    })),
  };
}

/** The action of the audit event a customer's change of day writes (and a replay is answered from). */
export const CUSTOMER_RESCHEDULE = 'order.customer_reschedule';

export interface CustomerChange {
  date: LocalDate;
  window: TimeWindow | null;
  at: Date;
}

/**
 * The customer's last change of day, if nothing happened to the order since: no visit after it
 * and the order still on that day (a dispatcher's or a redelivery's move makes it history).
 */
export async function lastCustomerChange(db: Db, orderId: string): Promise<CustomerChange | null> {
  const { rows } = await db.query<{ date: string; window: TimeWindow | null; at: Date; current: boolean }>(
    `SELECT e.details->>'date' AS date, e.details->'window' AS window, e.at,
            (o.date_from = (e.details->>'date')::date AND o.date_to = (e.details->>'date')::date
              AND o.status IN ('imported', 'planned', 'dispatched')
              AND NOT EXISTS (SELECT 1 FROM stops s JOIN stop_events se ON se.stop_id = s.id
                               WHERE s.order_id = o.id AND se.received_at > e.at)) AS current
       FROM events e JOIN orders o ON o.id = $1
      WHERE e.entity = 'order' AND e.entity_id = $1::text AND e.action = $2
      ORDER BY e.id DESC LIMIT 1`,
    [orderId, CUSTOMER_RESCHEDULE],
  );
  const r = rows[0];
  return r?.current ? { date: r.date, window: r.window, at: r.at } : null;
}

/**
 * A stop read with its order (LEFT JOIN: a break or a reload has none), declared once for every
 * reader. A pickup stop (pickup and delivery orders) is at the order's pickup place, in its pickup
 * windows, and asks for no proof. A reload stop (multi-trip) is at its route's depot, address and
 * location; a break has neither.
 */
import type { RouteStop, TimeWindow, Violation } from '@tournee/shared';
import type { OrNull } from '../db/row-types.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { StopsRow } from '../db/rows/stops.ts';

export type StopWithOrderRow = Pick<
  StopsRow,
  | 'id'
  | 'route_id'
  | 'seq'
  | 'order_id'
  | 'break_index'
  | 'planned_arrival_at'
  | 'waiting_s'
  | 'planned_departure_at'
  | 'actual_arrival_at'
  | 'actual_departure_at'
  | 'eta_at'
  | 'locked'
> &
  OrNull<
    Pick<OrdersRow, 'ref' | 'name' | 'phone' | 'notes' | 'demand' | 'service_s' | 'date_from' | 'date_to' | 'skills'>
  > & {
    kind: RouteStop['kind'];
    status: RouteStop['status'];
    violations: Violation[];
    address: string | null;
    lon: number | null;
    lat: number | null;
    time_windows: TimeWindow[] | null;
    require_proof: string[] | null;
    /** The order has a pickup: this stop is one of its two. */
    paired: boolean | null;
  };

/** A column of the depot of the stop's route (a reload stop is there). */
const depotOf = (column: string) =>
  `SELECT dp.${column} FROM routes rr JOIN depots dp ON dp.id = rr.depot_id WHERE rr.id = s.route_id`;
/** Where the stop is: its route's depot (reload), the order's pickup place (pickup) or its address; none for a break. */
const PLACE = `CASE WHEN s.kind = 'reload' THEN (${depotOf('location')})
      WHEN s.kind = 'pickup' THEN o.pickup_location ELSE o.location END`;

/** `SELECT <this> FROM stops s LEFT JOIN orders o ON o.id = s.order_id`: the columns of StopWithOrderRow. */
export const STOP_WITH_ORDER_COLUMNS = `s.id, s.route_id, s.seq, s.kind, s.order_id, s.break_index, o.ref, o.name,
    CASE WHEN s.kind = 'reload' THEN (${depotOf('address')}) WHEN s.kind = 'pickup' THEN coalesce(o.pickup_address, '')
      ELSE o.address END AS address, o.phone, o.notes,
    ST_X(${PLACE}::geometry) AS lon, ST_Y(${PLACE}::geometry) AS lat, o.demand, o.service_s,
    s.planned_arrival_at, s.waiting_s, s.planned_departure_at, s.actual_arrival_at, s.actual_departure_at, s.eta_at,
    s.locked, s.status, s.violations,
    o.date_from, o.date_to, CASE WHEN s.kind = 'pickup' THEN o.pickup_time_windows ELSE o.time_windows END AS time_windows,
    o.skills, CASE WHEN s.kind = 'pickup' THEN NULL ELSE o.require_proof END AS require_proof,
    o.pickup_location IS NOT NULL AS paired`;

/**
 * A driver's stop event applied to the stop, its order and its route, in the caller's
 * transaction (tracking/stop-events.ts stores the event and checks who sent it).
 *
 * Actual times: `arrived` sets the arrival (the first one wins, and it replaces a geofence
 * arrival); `delivered` / `failed` set the departure (and the arrival too when neither the
 * driver nor the geofence gave one). A stop already delivered, failed or skipped is not taken
 * back to `arrived`. The order becomes delivered / failed / skipped with its stop (a later event
 * may correct an earlier one). The route is `done` once no stop is pending or arrived.
 *
 * Delivered / failed / skipped also end an attempt (attempts.ts: one per visit, a corrected event
 * updates it); a failed or skipped visit ends the attempt, not the order: with the
 * organisation's redelivery setting the order is re-queued or held (redelivery.ts), all in
 * this transaction.
 *
 * A pickup stop (pickup and delivery orders) is the first of its order's two stops: picked up
 * (`delivered` on the stop) moves the order to in_progress, not delivered, and is no attempt;
 * a failed or skipped pickup fails the order like a failed delivery, and its delivery stop on
 * the route is skipped (there is nothing to deliver).
 */
import type { StopStatus } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import { recordAttempt } from './attempts.ts';
import { transitionOrders } from './order-status.ts';
import { type RedeliveryOutcome, redeliverAfterFailure } from './redelivery.ts';
import { finishRouteIfDone } from './route-status.ts';

const TERMINAL: StopStatus[] = ['delivered', 'failed', 'skipped'];

export interface StopOutcome {
  status: StopStatus;
  actualArrivalAt: Date | null;
  actualDepartureAt: Date | null;
  /** True when this event finished the route. */
  routeDone: boolean;
  /**
   * Why the order did not follow its stop (e.g. it was re-queued meanwhile), or null. The stop
   * still records what the driver said: a driver's event is never lost to an order's state.
   */
  orderRefused: string | null;
  /** What automatic redelivery did with the order of a failed or skipped visit, or null. */
  redelivery: RedeliveryOutcome | null;
}

/** The stop event behind an outcome: its id, and the driver's reason and note. */
export interface StopEventInfo {
  eventId?: string;
  reason?: string | null;
  note?: string | null;
}

export async function applyStopOutcome(
  tx: Db,
  actor: Actor,
  stop: { id: string; routeId: string; orderId: string | null; status: StopStatus },
  next: Exclude<StopStatus, 'pending'>,
  at: Date,
  event: StopEventInfo = {},
): Promise<StopOutcome | null> {
  if (next === 'arrived' && TERMINAL.includes(stop.status)) return null;
  const departs = next !== 'arrived';
  const u = await tx.query<
    Pick<StopsRow, 'kind' | 'actual_arrival_at' | 'actual_departure_at'> & { status: StopStatus }
  >(
    `UPDATE stops SET status = $2,
       actual_arrival_at = CASE WHEN $2 = 'skipped' THEN actual_arrival_at
         WHEN $2 = 'arrived' AND actual_arrival_source IS DISTINCT FROM 'event' THEN $3
         ELSE coalesce(actual_arrival_at, $3) END,
       actual_arrival_source = CASE WHEN $2 = 'skipped' THEN actual_arrival_source
         WHEN $2 = 'arrived' THEN 'event' ELSE coalesce(actual_arrival_source, 'event') END,
       actual_departure_at = CASE WHEN $4 AND $2 <> 'skipped' THEN $3 ELSE actual_departure_at END
     WHERE id = $1 RETURNING status, kind, actual_arrival_at, actual_departure_at`,
    [stop.id, next, at, departs],
  );
  let orderRefused: string | null = null;
  let redelivery: RedeliveryOutcome | null = null;
  const pickup = u.rows[0]?.kind === 'pickup';
  if (stop.orderId && pickup && next === 'delivered') {
    const out = await transitionOrders(tx, actor, [stop.orderId], 'in_progress', 'stop_event', {
      details: { stopId: stop.id, ...(event.eventId ? { eventId: event.eventId } : {}), pickup: true },
    });
    orderRefused = out.refused[0]?.reason ?? null;
  } else if (stop.orderId && next !== 'arrived') {
    if (pickup) {
      await tx.query(
        `UPDATE stops SET status = 'skipped' WHERE route_id = $1 AND order_id = $2 AND kind = 'delivery' AND status = 'pending'`,
        [stop.routeId, stop.orderId],
      );
    }
    const reason = event.reason ?? null;
    // A late correction of an earlier visit changes that attempt, not the order, which has
    // been visited again since.
    const later = await tx.query(
      `SELECT 1 FROM attempts a WHERE a.order_id = $1
          AND a.n > (SELECT b.n FROM attempts b WHERE b.stop_id = $2) LIMIT 1`,
      [stop.orderId, stop.id],
    );
    let changed: unknown[] = [];
    if (later.rows.length > 0) {
      orderRefused = 'the order has been visited again since: this event corrects an earlier attempt only';
    } else {
      const out = await transitionOrders(tx, actor, [stop.orderId], next, 'stop_event', {
        details: { stopId: stop.id, ...(event.eventId ? { eventId: event.eventId } : {}), reason },
      });
      changed = out.changed;
      orderRefused = out.refused[0]?.reason ?? null;
    }
    // The driver's word is kept as the visit's attempt even when the order did not follow.
    const attempt = await recordAttempt(tx, {
      orgId: actor.orgId,
      orderId: stop.orderId,
      stopId: stop.id,
      routeId: stop.routeId,
      outcome: next,
      reason,
      note: event.note ?? null,
      at,
      eventId: event.eventId ?? null,
    });
    if (next !== 'delivered' && changed.length > 0) {
      redelivery = await redeliverAfterFailure(tx, actor, {
        orderId: stop.orderId,
        stopId: stop.id,
        localDate: attempt.localDate,
        // A skipped stop re-queues when `skipped` is among the setting's reasons.
        reason: next === 'skipped' ? 'skipped' : reason,
        n: attempt.n,
        eventId: event.eventId ?? null,
      });
    }
  }
  const routeDone = (await finishRouteIfDone(tx, stop.routeId)) === 'done';
  const row = u.rows[0]!;
  return {
    status: row.status,
    actualArrivalAt: row.actual_arrival_at,
    actualDepartureAt: row.actual_departure_at,
    routeDone,
    orderRefused,
    redelivery,
  };
}

/**
 * GET /api/orders/:id's answer, everything the dispatcher's order page shows: the order, each
 * of its visits (lifecycle/attempts.ts), its stops on routes, when it is held why and until
 * when, the customer's rating, and which actions are allowed now and why not (actions.ts).
 */
import { isVisit, type OrderDetailView, type OrderStopPlacement } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import { ratingOf } from '../audit/history-repo.ts';
import type { Db } from '../db/db.ts';
import { listAttempts } from '../lifecycle/attempts.ts';
import { findRoutes, type RouteRecord } from '../lifecycle/route-repo.ts';
import { deliveryCodeOfOrder } from '../tracking/delivery-code.ts';
import { orderActions } from './actions.ts';
import { findHold, routeIdsOfOrder } from './repo.ts';
import { getOrder } from './service.ts';

/**
 * A stop of the order with which of its two stops it is: a pickup and delivery order has a
 * pickup stop before its delivery. (To move into the shared OrderStopPlacement.)
 */
export type OrderStopPlacementWithKind = OrderStopPlacement & { kind: 'pickup' | 'delivery' };

/** The order's stops on the routes, newest day first (a day's pickup before its delivery). */
function placements(orderId: string, routes: RouteRecord[]): OrderStopPlacementWithKind[] {
  const out: OrderStopPlacementWithKind[] = [];
  for (const r of routes) {
    // Breaks and reloads at the depot have no order: the position counts the stops a driver calls at.
    const calls = r.stops.filter((s) => isVisit(s.kind));
    calls.forEach((s, i) => {
      if (s.orderId !== orderId) return;
      out.push({
        stopId: s.id,
        kind: s.kind === 'pickup' ? 'pickup' : 'delivery',
        routeId: r.id,
        localDate: r.localDate,
        vehicleName: r.vehicleName,
        driverName: r.driverName,
        routeStatus: r.status,
        routeLocked: r.locked,
        position: i + 1,
        plannedArrivalAt: s.plannedArrivalAt,
        etaAt: s.etaAt,
        status: s.status,
        locked: s.locked,
      });
    });
  }
  return out.sort((a, b) => b.localDate.localeCompare(a.localDate));
}

export async function getOrderDetail(db: Db, actor: Actor, id: string): Promise<OrderDetailView> {
  const order = await getOrder(db, actor, id);
  const [attempts, hold, routeIds, ratings, deliveryCode] = await Promise.all([
    listAttempts(db, actor.orgId, order.id),
    findHold(db, order.id),
    routeIdsOfOrder(db, actor.orgId, order.id),
    ratingOf(db, actor.orgId, order.id),
    deliveryCodeOfOrder(db, actor.orgId, order.id),
  ]);
  const routes = routeIds.length ? await findRoutes(db, actor.orgId, routeIds) : [];
  const held = order.status === 'on_hold';
  const rating = ratings[0];
  return {
    ...order,
    attempts,
    holdReason: held ? hold.reason : null,
    holdUntil: held ? (hold.until?.toISOString() ?? null) : null,
    stops: placements(order.id, routes),
    deliveryCode,
    rating: rating ? { rating: rating.rating, comment: rating.comment, at: rating.at.toISOString() } : null,
    actions: orderActions(order, routes),
  };
}

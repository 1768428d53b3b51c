/**
 * What a dispatcher may do with an order now, and why not, asked of the modules that own the
 * rules rather than re-stated here: the order lifecycle's transition table (lifecycle/
 * transitions.ts) for cancelling, the locked statuses for editing (what PATCH enforces), and
 * for an order still on a route the dispatch rules its stop must come off by (a locked route,
 * a frozen prefix: dispatch/edit-service.ts).
 */
import type { Order, OrderActions, OrderActionState } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import { frozenPrefix } from '../dispatch/edit-service.ts';
import type { RouteRecord } from '../lifecycle/route-repo.ts';
import { whyNot } from '../lifecycle/transitions.ts';

const ALLOWED: OrderActionState = { allowed: true };

/** Null when PATCH may change the order, else the refusal PATCH answers (409). */
export function editRefusal(order: Pick<Order, 'ref' | 'status'>): string | null {
  if ((LOCKED_ORDER_STATUSES as string[]).includes(order.status) || order.status === 'cancelled') {
    return `Order ${order.ref} is ${order.status} and can no longer be changed`;
  }
  return null;
}

/**
 * Why the order's pending stop cannot come off its route (what cancelling does first), or null.
 * Routes already done are left alone by the cancel, so they do not count.
 */
function routeBlocker(orderId: string, routes: readonly RouteRecord[]): OrderActionState | null {
  for (const route of routes) {
    if (route.status === 'done') continue;
    const at = route.stops.findIndex((s) => s.orderId === orderId && s.status === 'pending');
    if (at < 0) continue;
    const where = { vehicleName: route.vehicleName, localDate: route.localDate };
    if (route.locked) {
      const reason = `Route ${route.vehicleName} ${route.localDate} is locked; unlock it first`;
      return { allowed: false, code: 'route_locked', reason, route: where };
    }
    const frozen = frozenPrefix(route.stops);
    if (at <= frozen) {
      const reason = `Route ${route.vehicleName} ${route.localDate}: stops up to ${frozen + 1} are locked or already visited and must stay in place`;
      return { allowed: false, code: 'stop_frozen', reason, route: where };
    }
  }
  return null;
}

/** The actions of the order page: edit (PATCH) and cancel (DELETE), each allowed or refused with why. */
export function orderActions(
  order: Pick<Order, 'id' | 'ref' | 'status'>,
  routes: readonly RouteRecord[],
): OrderActions {
  const editWhy = editRefusal(order);
  const edit: OrderActionState = editWhy
    ? { allowed: false, code: order.status === 'cancelled' ? 'cancelled' : 'status', reason: editWhy }
    : ALLOWED;
  let cancel: OrderActionState = ALLOWED;
  if (order.status === 'cancelled') {
    cancel = { allowed: false, code: 'cancelled', reason: `Order ${order.ref} is cancelled already` };
  } else {
    const why = whyNot(order.status, 'cancelled', 'cancel');
    if (why) cancel = { allowed: false, code: 'status', reason: `Order ${order.ref}: ${why}` };
    else cancel = routeBlocker(order.id, routes) ?? ALLOWED;
  }
  return { edit, cancel };
}

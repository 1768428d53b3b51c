/**
 * Cancelling orders, in the caller's transaction: each order goes to `cancelled` where the
 * transition table allows it (not once it is with a driver or delivered), its tracking links
 * expire at once, and the change is audited. The order must be off every route first: a
 * pending stop left would put a cancelled order on a driver's list (dispatch/cancel-order.ts
 * takes it off, re-timing the route, in the same transaction).
 */
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { expireLinksNow } from '../links/links.ts';
import { type Refusal, type StatusChange, transitionOrders } from './order-status.ts';

export async function cancelOrders(
  tx: Db,
  actor: Actor,
  orderIds: readonly string[],
  opts: { strict?: boolean } = {},
): Promise<{ changed: StatusChange[]; refused: Refusal[] }> {
  const onRoute = await tx.query<{ order_id: string }>(
    `SELECT DISTINCT s.order_id FROM stops s WHERE s.order_id = ANY($1::uuid[]) AND s.status = 'pending'`,
    [orderIds],
  );
  const busy = new Set(onRoute.rows.map((r) => r.order_id));
  if (opts.strict && busy.size) {
    throw new AppError('conflict', `Order ${[...busy][0]} is still on a route: take its stop off first`);
  }
  const free = orderIds.filter((id) => !busy.has(id));
  const out = await transitionOrders(tx, actor, free, 'cancelled', 'cancel', { strict: opts.strict ?? false });
  await expireLinksNow(
    tx,
    out.changed.map((c) => c.orderId),
  );
  const stillOnRoute: Refusal[] = [...busy].map((orderId) => ({
    orderId,
    from: null,
    to: 'cancelled',
    reason: 'still on a route: take its stop off first',
  }));
  return { changed: out.changed, refused: [...stillOnRoute, ...out.refused] };
}

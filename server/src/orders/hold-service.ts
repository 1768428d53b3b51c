/**
 * Holding and releasing one order (POST /api/orders/:id/hold and /release), each in one
 * transaction through the order lifecycle (lifecycle/hold.ts): a held order's pending stop comes
 * off its route, the route re-timed, and the change announced once committed.
 */
import type { HoldRequest, Order } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { found, notFound } from '../errors.ts';
import { holdOrders, releaseOrders, type TakeOffRoutes } from '../lifecycle/hold.ts';
import * as repo from './repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An order with its hold: why, and until when (both null when it is not held). */
export type HeldOrder = Order & { holdReason: string | null; holdUntil: string | null };

async function withHold(db: Db, actor: Actor, id: string): Promise<HeldOrder> {
  const order = found(await repo.findOrder(db, actor.orgId, id), 'Order');
  const { rows } = await db.query<{ hold_reason: string | null; hold_until: Date | null }>(
    'SELECT hold_reason, hold_until FROM orders WHERE id = $1',
    [id],
  );
  const h = rows[0];
  return { ...order, holdReason: h?.hold_reason ?? null, holdUntil: h?.hold_until?.toISOString() ?? null };
}

/** Holds an order (or changes its hold); a 409 says why when the lifecycle refuses. */
export async function holdOrder(
  deps: { db: Db; takeOffRoutes?: TakeOffRoutes },
  actor: Actor,
  id: string,
  req: HoldRequest,
): Promise<HeldOrder> {
  const { order, announce } = await deps.db.transaction(async (tx) => {
    if (!UUID.test(id) || !(await repo.findOrder(tx, actor.orgId, id))) throw notFound('Order');
    const out = await holdOrders(
      tx,
      actor,
      [id],
      { reason: req.reason, until: req.until ? new Date(req.until) : null },
      { takeOffRoutes: deps.takeOffRoutes, strict: true },
    );
    return { order: await withHold(tx, actor, id), announce: out.announce };
  });
  announce();
  return order;
}

/** Releases a held order back to imported; a 409 when it is not on hold. */
export async function releaseOrder(db: Db, actor: Actor, id: string): Promise<HeldOrder> {
  return db.transaction(async (tx) => {
    if (!UUID.test(id) || !(await repo.findOrder(tx, actor.orgId, id))) throw notFound('Order');
    await releaseOrders(tx, actor, [id], { strict: true });
    return withHold(tx, actor, id);
  });
}

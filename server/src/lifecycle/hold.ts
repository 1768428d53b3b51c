/**
 * Holding orders, in the caller's transaction. A held order (`on_hold`) never enters a plan
 * (planning plans PLANNABLE_STATUSES only) and is taken off the route it is planned on: its
 * pending stop is unassigned by the caller-given `takeOffRoutes` (dispatch's unassign edit,
 * which re-times the route and writes it through the stop writer). An order whose driver is at
 * its stop (`arrived`) cannot be held. `releaseOrders` puts held orders back to `imported`; a
 * hold with `until` is released by itself then (hold-release-job.ts). Every change is audited:
 * the status change (`order.status`, cause hold / release) and `order.hold` / `order.release`.
 */
import type { OrderStatus } from '@tournee/shared';
import { type Actor, recordEvents } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { type Refusal, type StatusChange, transitionOrders } from './order-status.ts';

/** Takes an order's pending stops off their routes in the caller's transaction; answers what to announce after commit. */
export type TakeOffRoutes = (tx: Db, actor: Actor, orderId: string) => Promise<() => void>;

export interface Hold {
  /** Why the order is held, for the dispatcher (e.g. "customer away", `max_attempts`). */
  reason: string;
  /** When the hold ends by itself; null or absent: held until released. */
  until?: Date | null;
}

export interface HoldOptions {
  /** Unassigns a held order's pending stop; without it, an order on a route is refused. */
  takeOffRoutes?: TakeOffRoutes;
  /** Throw a 409 naming the first refusal instead of answering the refusals. @default false */
  strict?: boolean;
}

export interface HoldResult {
  changed: StatusChange[];
  /** Orders already on hold whose reason and end were replaced. */
  updated: string[];
  refused: Refusal[];
  /** Announces the rewritten routes; call it once the transaction is committed. */
  announce: () => void;
}

/** Holds orders (or changes the hold of orders already held). */
export async function holdOrders(
  tx: Db,
  actor: Actor,
  orderIds: readonly string[],
  hold: Hold,
  opts: HoldOptions = {},
): Promise<HoldResult> {
  const ids = [...new Set(orderIds)];
  const until = hold.until ?? null;
  const { rows } = await tx.query<{ id: string; status: OrderStatus; arrived: boolean; pending: boolean }>(
    `SELECT o.id, o.status,
       EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id AND s.status = 'arrived') AS arrived,
       EXISTS (SELECT 1 FROM stops s JOIN routes r ON r.id = s.route_id
                WHERE s.order_id = o.id AND s.status = 'pending' AND r.status <> 'done') AS pending
       FROM orders o WHERE o.org_id = $1 AND o.id = ANY($2::uuid[]) ORDER BY o.id FOR UPDATE`,
    [actor.orgId, ids],
  );
  const refusedEarly: Refusal[] = [];
  const free: string[] = [];
  const updated: string[] = [];
  const onRoute = new Set<string>();
  for (const r of rows) {
    if (r.status === 'on_hold') updated.push(r.id);
    else if (r.arrived) {
      refusedEarly.push({ orderId: r.id, from: r.status, to: 'on_hold', reason: 'the driver is at its stop' });
    } else if (r.pending && !opts.takeOffRoutes) {
      refusedEarly.push({ orderId: r.id, from: r.status, to: 'on_hold', reason: 'still on a route' });
    } else {
      if (r.pending) onRoute.add(r.id);
      free.push(r.id);
    }
  }
  if (opts.strict && refusedEarly[0]) {
    throw new AppError('conflict', `Order ${refusedEarly[0].orderId}: ${refusedEarly[0].reason}`, {
      details: { refused: refusedEarly },
    });
  }
  const details = { reason: hold.reason, until: until?.toISOString() ?? null };
  // Held first, then off the route: the stop writer's "orders follow their route" leaves a held
  // order alone, so the trail reads dispatched → on_hold, not via imported.
  const out = await transitionOrders(tx, actor, free, 'on_hold', 'hold', { strict: opts.strict ?? false, details });
  const held = [...out.changed.map((c) => c.orderId), ...updated];
  const announcements: (() => void)[] = [];
  for (const c of out.changed) {
    if (onRoute.has(c.orderId) && opts.takeOffRoutes) {
      announcements.push(await opts.takeOffRoutes(tx, actor, c.orderId));
    }
  }
  if (held.length) {
    await tx.query(
      'UPDATE orders SET hold_reason = $2, hold_until = $3, updated_at = now() WHERE id = ANY($1::uuid[])',
      [held, hold.reason, until],
    );
    await recordEvents(
      tx,
      actor,
      held.map((id) => ({ action: 'order.hold', entity: 'order', entityId: id, details })),
    );
  }
  const missing: Refusal[] = ids
    .filter((id) => !rows.some((r) => r.id === id))
    .map((orderId) => ({ orderId, from: null, to: 'on_hold', reason: 'no such order' }));
  return {
    changed: out.changed,
    updated,
    refused: [...refusedEarly, ...missing, ...out.refused],
    announce: () => {
      for (const a of announcements) a();
    },
  };
}

/** Releases held orders back to imported (plannable again), their hold cleared. */
export async function releaseOrders(
  tx: Db,
  actor: Actor,
  orderIds: readonly string[],
  opts: { strict?: boolean; details?: Record<string, unknown> } = {},
): Promise<{ changed: StatusChange[]; refused: Refusal[] }> {
  const { rows } = await tx.query<{ id: string; status: OrderStatus }>(
    'SELECT id, status FROM orders WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [actor.orgId, [...new Set(orderIds)]],
  );
  // Only held orders are released: "release" an imported order is a mistake worth saying.
  const notHeld: Refusal[] = rows
    .filter((r) => r.status !== 'on_hold')
    .map((r) => ({ orderId: r.id, from: r.status, to: 'imported', reason: `the order is ${r.status}, not on hold` }));
  if (opts.strict && notHeld[0]) {
    throw new AppError('conflict', `Order ${notHeld[0].orderId}: ${notHeld[0].reason}`, {
      details: { refused: notHeld },
    });
  }
  const held = rows.filter((r) => r.status === 'on_hold').map((r) => r.id);
  const missing = orderIds.filter((id) => !rows.some((r) => r.id === id));
  const out = await transitionOrders(tx, actor, [...held, ...missing], 'imported', 'release', {
    strict: opts.strict ?? false,
    details: opts.details,
  });
  const released = out.changed.map((c) => c.orderId);
  if (released.length) {
    await tx.query(
      'UPDATE orders SET hold_reason = NULL, hold_until = NULL, updated_at = now() WHERE id = ANY($1::uuid[])',
      [released],
    );
    await recordEvents(
      tx,
      actor,
      released.map((id) => ({ action: 'order.release', entity: 'order', entityId: id, details: opts.details ?? {} })),
    );
  }
  return { changed: out.changed, refused: [...notHeld, ...out.refused] };
}

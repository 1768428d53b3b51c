/**
 * The one writer of `orders.status`. Set-based: many orders in one statement, in the caller's
 * transaction; each order is checked against the transition table (transitions.ts) under a row
 * lock, and each change is audited as `order.status` {from, to, cause}. An order already in the
 * target status is left alone and not audited.
 */
import type { OrderStatus } from '@tournee/shared';
import { type Actor, recordEvents } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { FOLLOWING_STATUSES, type TransitionCause, whyNot } from './transitions.ts';

export interface StatusChange {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
}

export interface Refusal {
  orderId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string;
}

export interface TransitionOptions {
  /** Throw a 409 naming the first refusal instead of answering the refusals. @default false */
  strict?: boolean;
  /** Added to each change's audit event (e.g. the route, the stop event). */
  details?: Record<string, unknown>;
}

/**
 * Moves each order to its target status where the table allows it for `cause`. Orders of
 * another organisation, or unknown, are refused ("no such order").
 */
export async function applyTransitions(
  tx: Db,
  actor: Actor,
  targets: readonly { orderId: string; to: OrderStatus }[],
  cause: TransitionCause,
  opts: TransitionOptions = {},
): Promise<{ changed: StatusChange[]; refused: Refusal[] }> {
  if (targets.length === 0) return { changed: [], refused: [] };
  // In id order, so two transactions locking overlapping sets cannot deadlock.
  const { rows } = await tx.query<{ id: string; status: OrderStatus }>(
    'SELECT id, status FROM orders WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [actor.orgId, [...new Set(targets.map((t) => t.orderId))]],
  );
  const current = new Map(rows.map((r) => [r.id, r.status]));
  const changed: StatusChange[] = [];
  const refused: Refusal[] = [];
  for (const t of targets) {
    const from = current.get(t.orderId);
    if (from === undefined) {
      refused.push({ orderId: t.orderId, from: null, to: t.to, reason: 'no such order' });
      continue;
    }
    const reason = whyNot(from, t.to, cause);
    if (reason) refused.push({ orderId: t.orderId, from, to: t.to, reason });
    else if (from !== t.to) changed.push({ orderId: t.orderId, from, to: t.to });
  }
  if (opts.strict && refused[0]) {
    throw new AppError('conflict', `Order ${refused[0].orderId}: ${refused[0].reason}`, { details: { refused } });
  }
  if (changed.length) {
    await tx.query(
      `UPDATE orders o SET status = x.status, updated_at = now(),
         cancelled_at = CASE WHEN x.status = 'cancelled' THEN now() ELSE o.cancelled_at END
         FROM unnest($1::uuid[], $2::text[]) AS x(id, status) WHERE o.id = x.id`,
      [changed.map((c) => c.orderId), changed.map((c) => c.to)],
    );
    await recordEvents(
      tx,
      actor,
      changed.map((c) => ({
        action: 'order.status',
        entity: 'order',
        entityId: c.orderId,
        details: { from: c.from, to: c.to, cause, ...opts.details },
      })),
    );
  }
  return { changed, refused };
}

/** Moves orders to one status (see applyTransitions). */
export function transitionOrders(
  tx: Db,
  actor: Actor,
  orderIds: readonly string[],
  to: OrderStatus,
  cause: TransitionCause,
  opts: TransitionOptions = {},
): Promise<{ changed: StatusChange[]; refused: Refusal[] }> {
  return applyTransitions(
    tx,
    actor,
    orderIds.map((orderId) => ({ orderId, to })),
    cause,
    opts,
  );
}

/**
 * "The order follows its route": each given order not yet visited goes to the status its open
 * (pending or arrived) stop's route says — planned (draft), dispatched (published), in_progress
 * (on the road; still dispatched while the pickup of a pickup and delivery order is to do) — or
 * back to imported when no route holds it any more (a visited stop of an earlier attempt does
 * not count). Delivered, failed, skipped, held and cancelled
 * orders are not moved. Call it after writing stops, in the same transaction.
 */
export async function followRoutes(
  tx: Db,
  actor: Actor,
  orderIds: readonly string[],
  cause: Extract<TransitionCause, 'plan' | 'edit'>,
): Promise<StatusChange[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await tx.query<{ id: string; status: OrderStatus; target: OrderStatus | null }>(
    `SELECT o.id, o.status,
       coalesce((SELECT CASE r.status WHEN 'planned' THEN 'planned' WHEN 'published' THEN 'dispatched'
                   WHEN 'in_progress' THEN CASE WHEN s.kind = 'pickup' THEN 'dispatched' ELSE 'in_progress' END
                   ELSE o.status END
                   FROM stops s JOIN routes r ON r.id = s.route_id
                  WHERE s.order_id = o.id AND s.status IN ('pending', 'arrived')
                  ORDER BY r.local_date DESC, s.kind = 'pickup' DESC LIMIT 1),
                'imported') AS target
       FROM orders o WHERE o.org_id = $1 AND o.id = ANY($2::uuid[]) AND o.status = ANY($3::text[])`,
    [actor.orgId, [...new Set(orderIds)], FOLLOWING_STATUSES],
  );
  const targets = rows.filter((r) => r.target && r.target !== r.status).map((r) => ({ orderId: r.id, to: r.target! }));
  const { changed, refused } = await applyTransitions(tx, actor, targets, cause);
  if (refused[0]) throw new Error(`followRoutes: ${refused[0].orderId} ${refused[0].reason}`); // the table allows every follow move
  return changed;
}

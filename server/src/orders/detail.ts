/**
 * GET /api/orders/:id's answer: the order, each of its visits (lifecycle/attempts.ts) and, when
 * it is held, why and until when.
 */
import type { OrderDetail } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { listAttempts } from '../lifecycle/attempts.ts';
import { getOrder } from './service.ts';

export async function getOrderDetail(db: Db, actor: Actor, id: string): Promise<OrderDetail> {
  const order = await getOrder(db, actor, id);
  const [attempts, hold] = await Promise.all([
    listAttempts(db, actor.orgId, order.id),
    db.query<{ hold_reason: string | null; hold_until: Date | null }>(
      'SELECT hold_reason, hold_until FROM orders WHERE id = $1',
      [order.id],
    ),
  ]);
  const h = order.status === 'on_hold' ? hold.rows[0] : undefined;
  return {
    ...order,
    attempts,
    holdReason: h?.hold_reason ?? null,
    holdUntil: h?.hold_until?.toISOString() ?? null,
  };
}

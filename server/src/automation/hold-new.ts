/**
 * `hold: true` of an intake rule: the orders an import has just created for such rows are put
 * on hold through the order lifecycle (audited like any hold), in the import's transaction.
 * Orders that already existed keep their status: a rule decides how an order starts.
 */
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { holdOrders } from '../lifecycle/hold.ts';

/** Why the dispatcher sees these orders held. */
export const RULE_HOLD_REASON = 'intake rule';

export async function holdNewOrders(db: Db, actor: Actor, importId: string, refs: string[]): Promise<void> {
  if (refs.length === 0) return;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE org_id = $1 AND import_id = $2 AND ref = ANY($3::text[]) AND status = 'imported'`,
    [actor.orgId, importId, refs],
  );
  if (rows.length)
    await holdOrders(
      db,
      actor,
      rows.map((r) => r.id),
      { reason: RULE_HOLD_REASON },
    );
}

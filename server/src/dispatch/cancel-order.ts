import type { Actor } from '../audit/audit.ts';
import { type DispatchDeps, applyEdit } from './edit-service.ts';

/**
 * Takes a cancelled order's pending stops off their routes, recomputing the routes' times as
 * the `unassign` edit does (a cancelled order must not stay on a driver's list).
 */
export async function unassignCancelledOrder(deps: DispatchDeps, actor: Actor, orderId: string): Promise<number> {
  const { rows } = await deps.db.query<{ id: string }>(
    `SELECT s.id FROM stops s JOIN routes r ON r.id = s.route_id
     WHERE s.order_id = $1 AND r.org_id = $2 AND s.status = 'pending' AND r.status <> 'done'`,
    [orderId, actor.orgId],
  );
  for (const s of rows) await applyEdit(deps, actor, { op: 'unassign', stopId: s.id, force: true, dryRun: false });
  return rows.length;
}

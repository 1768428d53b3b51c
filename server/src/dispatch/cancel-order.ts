/**
 * The dispatch side of cancelling an order: its pending stops come off their routes inside the
 * cancel's transaction, the routes re-timed as the `unassign` edit does (a cancelled order must
 * not stay on a driver's list). The route changes are announced once the cancel is committed.
 */
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { type DispatchDeps, editInTransaction } from './edit-service.ts';

/** Takes the order's pending stops off their routes; answers what to announce after commit. */
export function takeOffRoutes(deps: Omit<DispatchDeps, 'db'>) {
  return async (tx: Db, actor: Actor, orderId: string): Promise<() => void> => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT s.id FROM stops s JOIN routes r ON r.id = s.route_id
       WHERE s.order_id = $1 AND r.org_id = $2 AND s.status = 'pending' AND r.status <> 'done'`,
      [orderId, actor.orgId],
    );
    const changed = new Map<string, { version: number; localDate: string }>();
    for (const s of rows) {
      const out = await editInTransaction(tx, deps, actor, {
        op: 'unassign',
        stopId: s.id,
        force: true,
        dryRun: false,
      });
      for (const [routeId, v] of out.changed ?? []) changed.set(routeId, v);
    }
    return () => {
      for (const [routeId, v] of changed)
        deps.bus.publish('routeChanged', { orgId: actor.orgId, routeId, ...v, reason: 'edit' });
    };
  };
}

/**
 * Bulk edit of orders (POST /api/orders/bulk): the same change for up to 500 orders, answered
 * per id. Each order is changed in its own transaction — a refusal (locked, bad value, not
 * found) never undoes the others — through the same functions as one order: the fields through
 * `patchOrder` (validated like an import row, audited `order.update`), the hold through the
 * lifecycle (`holdOrders` / `releaseOrders`, audited `order.hold` / `order.release`).
 */
import type { BulkOrderEdit, BulkOrderResult } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { holdOrders, releaseOrders, type TakeOffRoutes } from '../lifecycle/hold.ts';
import { getOrder, patchOrder } from './service.ts';

export interface BulkDeps {
  db: Db;
  geocoder: Geocoder | null;
  /** Takes a held order's pending stop off its route (as POST /orders/:id/hold does). */
  takeOffRoutes?: TakeOffRoutes;
}

/** Applies `set` to every id, one transaction each; answers each id's outcome in the given order. */
export async function bulkEditOrders(deps: BulkDeps, actor: Actor, req: BulkOrderEdit): Promise<BulkOrderResult[]> {
  const { hold, ...patch } = req.set;
  const hasPatch = Object.keys(patch).length > 0;
  const results: BulkOrderResult[] = [];
  for (const id of [...new Set(req.ids)]) {
    try {
      const announce = await deps.db.transaction(async (tx) => {
        // patchOrder's own transaction nests as a savepoint of this one.
        if (hasPatch) await patchOrder({ db: tx, geocoder: deps.geocoder }, actor, id, patch);
        const order = await getOrder(tx, actor, id);
        if (hold) {
          const until = hold.until ? new Date(hold.until) : null;
          const out = await holdOrders(
            tx,
            actor,
            [id],
            { reason: hold.reason, until },
            {
              takeOffRoutes: deps.takeOffRoutes,
              strict: true,
            },
          );
          return out.announce;
        }
        // Releasing an order that is not held leaves it as it is: it already is "not held".
        if (hold === false && order.status === 'on_hold') await releaseOrders(tx, actor, [id], { strict: true });
        return null;
      });
      announce?.();
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, code: err.code, reason: err.message });
    }
  }
  const changed = results.filter((r) => r.ok).length;
  await recordEvent(deps.db, actor, 'order.bulk_edit', 'order', null, {
    fields: Object.keys(req.set),
    changed,
    refused: results.length - changed,
  });
  return results;
}

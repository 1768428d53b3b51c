/**
 * Rescheduling orders, HTTP (admin and dispatcher):
 *   POST /api/orders/:id/reschedule  {dateFrom, dateTo, timeWindows?, notes?} → the order (with
 *                                    its attempts), back to imported for those days; 409 saying
 *                                    why for an order on a route, delivered or cancelled
 *   POST /api/orders/reschedule      {ids[], dateFrom, dateTo, …} → {results: [{id, ok, …}]},
 *                                    one answer per id (done, or code and reason)
 * Failed, skipped, held and imported orders can be rescheduled (lifecycle/reschedule.ts); the
 * days must lie within the planning horizon (422 naming the field).
 */
import { BulkRescheduleRequest, RescheduleRequest } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { idParam, parse } from '../http/validate.ts';
import { rescheduleOrders, type TakeOffRoutes } from '../lifecycle/reschedule.ts';
import { getOrderDetail } from './detail.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function rescheduleRoutes({ db, takeOffRoutes }: { db: Db; takeOffRoutes?: TakeOffRoutes }): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');

  r.post('/orders/reschedule', staff, async (req, res) => {
    const { ids, ...days } = parse(BulkRescheduleRequest, req.body ?? {});
    const actor = actorOf(req);
    const out = await db.transaction((tx) =>
      rescheduleOrders(tx, actor, { orderIds: ids, ...days }, 'reschedule', { takeOffRoutes }),
    );
    out.announce();
    res.json({ results: out.results });
  });

  r.post('/orders/:id/reschedule', staff, async (req, res) => {
    const id = idParam(req.params);
    if (!UUID.test(id)) throw notFound('Order');
    const body = parse(RescheduleRequest, req.body ?? {});
    const actor = actorOf(req);
    const out = await db.transaction((tx) =>
      rescheduleOrders(tx, actor, { orderIds: [id], ...body }, 'reschedule', { takeOffRoutes }),
    );
    const result = out.results[0]!;
    if (!result.ok) {
      if (result.code === 'not_found') throw notFound('Order');
      throw new AppError(result.code, `Order ${id} cannot be rescheduled: ${result.reason}`, {
        details: [{ field: 'id', message: result.reason }],
      });
    }
    out.announce();
    res.json(await getOrderDetail(db, actor, id));
  });

  return r;
}

/**
 * Holding orders, HTTP (admin and dispatcher):
 *   POST /api/orders/:id/hold     {reason, until?} → the order, on hold (its stop taken off an
 *                                 unstarted route); again on a held order: a new reason / end
 *   POST /api/orders/:id/release  → the order, back to imported (plannable); 409 when not held
 * A hold with `until` is released by itself then (lifecycle/hold-release-job.ts).
 */
import { HoldRequest } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { idParam, parse } from '../http/validate.ts';
import type { TakeOffRoutes } from '../lifecycle/hold.ts';
import { holdOrder, releaseOrder } from './hold-service.ts';

export function holdRoutes({ db, takeOffRoutes }: { db: Db; takeOffRoutes?: TakeOffRoutes }): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  r.post('/orders/:id/hold', staff, async (req, res) => {
    const body = parse(HoldRequest, req.body ?? {});
    res.json(await holdOrder({ db, takeOffRoutes }, actorOf(req), idParam(req.params), body));
  });
  r.post('/orders/:id/release', staff, async (req, res) => {
    res.json(await releaseOrder(db, actorOf(req), idParam(req.params)));
  });
  return r;
}

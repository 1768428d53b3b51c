/**
 * Orders in bulk, HTTP (admin and dispatcher):
 *   POST /api/orders/bulk    {ids (≤ 500), set: {dateFrom, dateTo, timeWindows, priority, skills,
 *                            notes, hold: {reason, until?} | false}} → {results: [{id, ok} |
 *                            {id, ok: false, code, reason}]}, each id changed in its own transaction
 *   GET  /api/orders/export  the list's filters (from, to, status, q, bbox) and format=csv|xlsx
 * Mounted before the orders routes, so /orders/export is not read as an order id.
 */
import { BulkOrderEdit, OrderListQuery } from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { geocoderFromConfig } from '../geocoding/geocoder.ts';
import { parse } from '../http/validate.ts';
import type { TakeOffRoutes } from '../lifecycle/hold.ts';
import { bulkEditOrders } from './bulk-service.ts';
import { ordersCsv, ordersXlsx } from './export.ts';

const ExportFormat = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export function bulkOrdersRoutes({
  db,
  config,
  takeOffRoutes,
}: {
  db: Db;
  config: Config;
  takeOffRoutes?: TakeOffRoutes;
}): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  const geocoder = geocoderFromConfig(config);

  r.post('/orders/bulk', staff, async (req, res) => {
    const body = parse(BulkOrderEdit, req.body ?? {});
    res.json({ results: await bulkEditOrders({ db, geocoder, takeOffRoutes }, actorOf(req), body) });
  });

  r.get('/orders/export', staff, async (req, res) => {
    const { format, ...rest } = req.query as Record<string, unknown>;
    const f = parse(ExportFormat, { format }, 'query').format;
    const q = parse(OrderListQuery, rest, 'query');
    const actor = actorOf(req);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('content-disposition', `attachment; filename="orders-${day}.${f}"`);
    if (f === 'csv') {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.send(await ordersCsv(db, actor, q));
    } else {
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.send(await ordersXlsx(db, actor, q));
    }
  });
  return r;
}

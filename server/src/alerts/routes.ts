/**
 * The alerts inbox over HTTP, for dispatchers and admins:
 *   GET  /api/alerts?date=YYYY-MM-DD&status=open,acknowledged   the day's alerts, newest first
 *   POST /api/alerts/:id/ack                                      acknowledge (audited, `alert:acknowledged`)
 */
import { AlertsQuery } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { idParam, parse } from '../http/validate.ts';
import { acknowledge, type AlertPublisher } from './ack.ts';
import { listAlerts, publicAlert } from './repo.ts';

export function alertsRoutes(deps: { db: Db; publish: AlertPublisher }): Router {
  const router = Router();
  router.get('/alerts', requireRole('admin', 'dispatcher'), async (req, res) => {
    const q = parse(AlertsQuery, req.query, 'query');
    const items = await listAlerts(deps.db, actorOf(req).orgId, q.date, q.status);
    res.json({ items: items.map(publicAlert) });
  });
  router.post('/alerts/:id/ack', requireRole('admin', 'dispatcher'), async (req, res) => {
    const id = idParam(req.params);
    res.json(await acknowledge(deps.db, actorOf(req), id, deps.publish));
  });
  return router;
}

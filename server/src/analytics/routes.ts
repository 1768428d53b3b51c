/**
 * Analytics over HTTP, for dispatchers and admins:
 *   GET /api/analytics/summary?from&to&groupBy=day|driver|vehicle|depot&format=json|csv|xlsx
 *   GET /api/analytics/stops?from&to&driverId&vehicleId&depotId&outcome   the stops behind a figure
 *   GET /api/analytics/service-times?address&visits                       learned service times
 *   GET /api/ratings?from&to                                              ratings with comments
 */
import { AnalyticsStopsQuery, AnalyticsSummaryQuery, RatingsQuery, ServiceTimesQuery } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { parse } from '../http/validate.ts';
import { summaryCsv, summaryXlsx } from './export.ts';
import { getRatings, getServiceTimes, getStops, getSummary } from './service.ts';

export function analyticsRoutes(db: Db): Router {
  const router = Router();
  const staff = requireRole('admin', 'dispatcher');
  router.get('/analytics/summary', staff, async (req, res) => {
    const q = parse(AnalyticsSummaryQuery, req.query, 'query');
    const summary = await getSummary(db, actorOf(req).orgId, q);
    const name = `analytics-${q.groupBy}-${q.from}-${q.to}`;
    if (q.format === 'csv') {
      res.attachment(`${name}.csv`).type('text/csv; charset=utf-8').send(summaryCsv(summary));
    } else if (q.format === 'xlsx') {
      res
        .attachment(`${name}.xlsx`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await summaryXlsx(summary));
    } else {
      res.json(summary);
    }
  });
  router.get('/analytics/stops', staff, async (req, res) => {
    const q = parse(AnalyticsStopsQuery, req.query, 'query');
    res.json({ items: await getStops(db, actorOf(req).orgId, q) });
  });
  router.get('/analytics/service-times', staff, async (req, res) => {
    const q = parse(ServiceTimesQuery, req.query, 'query');
    res.json({ items: await getServiceTimes(db, actorOf(req).orgId, q) });
  });
  router.get('/ratings', staff, async (req, res) => {
    const q = parse(RatingsQuery, req.query, 'query');
    res.json({ items: await getRatings(db, actorOf(req).orgId, q) });
  });
  return router;
}
